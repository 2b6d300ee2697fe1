// Maps a key press in the journal grid to a command: pure, so it is unit-tested without a DOM.
import type { LessonMarkValue } from '../../shared/grading-policy';
import { russianLetter, type KeyInput } from '../lib/russian-keys';

export type GridCommand =
  | { kind: 'move'; dRow: number; dCol: number; wrap?: boolean }
  /** Home/End (row), Ctrl+Home/Ctrl+End (first/last cell of the grid). */
  | { kind: 'jump'; row?: 'first' | 'last'; col: 'first' | 'last' }
  /** F6: to the lesson panel (topic first). */
  | { kind: 'toLessonPanel' }
  | { kind: 'escape' }
  | { kind: 'addMark'; value: LessonMarkValue }
  | { kind: 'setAttendance'; code: string }
  | { kind: 'pendingCode'; prefix: string }
  | { kind: 'removeLastMark' }
  | { kind: 'clearCell' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'chooseWorkType' }
  | { kind: 'unknownKey'; key: string };

export interface KeyContext {
  /** The school's attendance codes ("н", "б", "у", "оп"), lower case. */
  attendanceCodes: readonly string[];
  /** Letters typed so far of a multi-letter code ("о" of "оп"). */
  buffer: string;
  /** Зачёт/незачёт courses take + and − instead of numbers. */
  passFail?: boolean;
  allowOne?: boolean;
}

export interface KeyResult {
  command: GridCommand | null;
  /** The buffer after this key. */
  buffer: string;
}

const MARK_KEYS: Record<string, LessonMarkValue> = {
  '5': '5',
  '4': '4',
  '3': '3',
  '2': '2',
  '1': '1',
};

/** PageUp/PageDown move this many students. */
export const PAGE_ROWS = 10;

const none = (buffer: string): KeyResult => ({ command: null, buffer });

export function keyToCommand(input: KeyInput, ctx: KeyContext): KeyResult {
  const ctrl = input.ctrlKey || input.metaKey;
  if (ctrl && !input.altKey && (input.key === 'Home' || input.key === 'End')) {
    const at = input.key === 'Home' ? 'first' : 'last';
    return { command: { kind: 'jump', row: at, col: at }, buffer: '' };
  }
  if (ctrl && !input.altKey) {
    const letter = input.code === 'KeyZ' || input.key.toLowerCase() === 'z' || input.key === 'я';
    const isY = input.code === 'KeyY' || input.key.toLowerCase() === 'y' || input.key === 'н';
    if (letter) return { command: { kind: input.shiftKey ? 'redo' : 'undo' }, buffer: '' };
    if (isY) return { command: { kind: 'redo' }, buffer: '' };
    return none(ctx.buffer);
  }
  if (input.altKey) return none(ctx.buffer);

  switch (input.key) {
    case 'ArrowUp':
      return { command: { kind: 'move', dRow: -1, dCol: 0 }, buffer: '' };
    case 'ArrowDown':
    case 'Enter':
      return { command: { kind: 'move', dRow: input.shiftKey ? -1 : 1, dCol: 0 }, buffer: '' };
    case 'ArrowLeft':
      return { command: { kind: 'move', dRow: 0, dCol: -1 }, buffer: '' };
    case 'ArrowRight':
      return { command: { kind: 'move', dRow: 0, dCol: 1 }, buffer: '' };
    // WAI-ARIA grid: the grid is one tab stop, Tab goes on to the lesson panel.
    case 'Tab':
      return none('');
    case 'Home':
      return { command: { kind: 'jump', col: 'first' }, buffer: '' };
    case 'End':
      return { command: { kind: 'jump', col: 'last' }, buffer: '' };
    case 'PageUp':
      return { command: { kind: 'move', dRow: -PAGE_ROWS, dCol: 0 }, buffer: '' };
    case 'PageDown':
      return { command: { kind: 'move', dRow: PAGE_ROWS, dCol: 0 }, buffer: '' };
    case 'F6':
      return { command: { kind: 'toLessonPanel' }, buffer: '' };
    case 'Backspace':
      return { command: { kind: 'removeLastMark' }, buffer: '' };
    case 'Delete':
      return { command: { kind: 'clearCell' }, buffer: '' };
    case '/':
      return { command: { kind: 'chooseWorkType' }, buffer: '' };
    case 'Escape':
      return { command: { kind: 'escape' }, buffer: '' };
  }

  if (ctx.passFail) {
    if (input.key === '+') return { command: { kind: 'addMark', value: 'pass' }, buffer: '' };
    if (input.key === '-') return { command: { kind: 'addMark', value: 'fail' }, buffer: '' };
  } else {
    const mark = MARK_KEYS[input.key];
    if (mark && (mark !== '1' || ctx.allowOne !== false)) {
      return { command: { kind: 'addMark', value: mark }, buffer: '' };
    }
  }

  const letter = russianLetter(input);
  if (letter) return attendanceKey(ctx.buffer + letter, letter, ctx.attendanceCodes);
  if (input.key.length === 1)
    return { command: { kind: 'unknownKey', key: input.key }, buffer: '' };
  return none(ctx.buffer);
}

/**
 * Codes take effect as soon as they are complete. A code that also begins a longer one ("о" and
 * "оп") is set at once and kept in the buffer, so the next letter can still extend it.
 */
function attendanceKey(typed: string, letter: string, codes: readonly string[]): KeyResult {
  for (const candidate of [typed, letter]) {
    const exact = codes.includes(candidate);
    const longer = codes.some((c) => c.length > candidate.length && c.startsWith(candidate));
    if (exact) {
      return {
        command: { kind: 'setAttendance', code: candidate },
        buffer: longer ? candidate : '',
      };
    }
    if (longer) return { command: { kind: 'pendingCode', prefix: candidate }, buffer: candidate };
  }
  return { command: { kind: 'unknownKey', key: letter }, buffer: '' };
}

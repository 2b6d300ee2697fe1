// Maps a key press on the period-marks table to a command: pure, unit-tested without a DOM.
import type { PeriodMarkValue } from '../../../shared/grading-policy';
import { russianLetter, type KeyInput } from '../../lib/russian-keys';

export type MarkCommand =
  | { kind: 'move'; delta: number }
  | { kind: 'set'; value: PeriodMarkValue }
  | { kind: 'accept' }
  | { kind: 'acceptAll' }
  | { kind: 'undo' }
  | { kind: 'clear' }
  | { kind: 'defer' }
  | { kind: 'unknown'; key: string };

export interface MarkKeyContext {
  /** Зачёт/незачёт courses take З/+ and − instead of numbers. */
  passFail: boolean;
  allowOne: boolean;
}

export const MARK_KEYS_HELP =
  'Клавиши: Enter — принять предложение, Ctrl+Enter — принять все, Ctrl+Z — отменить принятие всех, 5 4 3 2 1 — отметка, ' +
  'З или + — зачёт, − — незачёт, Н — н/а, О — осв., Д — отсрочка, Delete — убрать отметку, ↑ ↓ — строка.';

const LETTERS: Record<string, MarkCommand> = {
  н: { kind: 'set', value: 'notAttested' },
  о: { kind: 'set', value: 'exempt' },
  з: { kind: 'set', value: 'pass' },
  д: { kind: 'defer' },
};

/** null: the key is not the table's (Tab, Shift, a browser shortcut) and keeps its default. */
export function markKeyCommand(input: KeyInput, ctx: MarkKeyContext): MarkCommand | null {
  const command = rawCommand(input, ctx);
  // Зачёт/незачёт belong to зачёт courses only.
  if (
    command?.kind === 'set' &&
    (command.value === 'pass' || command.value === 'fail') &&
    !ctx.passFail
  ) {
    return { kind: 'unknown', key: input.key };
  }
  return command;
}

function rawCommand(input: KeyInput, ctx: MarkKeyContext): MarkCommand | null {
  const ctrl = input.ctrlKey || input.metaKey;
  if (input.key === 'Enter') return { kind: ctrl ? 'acceptAll' : 'accept' };
  if (ctrl && !input.altKey && !input.shiftKey && (input.code === 'KeyZ' || input.key === 'z'))
    return { kind: 'undo' };
  if (ctrl || input.altKey) return null;
  switch (input.key) {
    case 'ArrowUp':
      return { kind: 'move', delta: -1 };
    case 'ArrowDown':
      return { kind: 'move', delta: 1 };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
    case '+':
      return { kind: 'set', value: 'pass' };
    case '-':
    case '−':
      return { kind: 'set', value: 'fail' };
  }
  if (/^[1-5]$/.test(input.key)) {
    if (ctx.passFail || (input.key === '1' && !ctx.allowOne)) {
      return { kind: 'unknown', key: input.key };
    }
    return { kind: 'set', value: input.key as PeriodMarkValue };
  }
  const letter = russianLetter(input);
  if (letter) return LETTERS[letter] ?? { kind: 'unknown', key: letter };
  if (input.key.length === 1 && input.key !== ' ') return { kind: 'unknown', key: input.key };
  return null;
}

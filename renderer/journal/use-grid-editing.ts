// Keyboard editing of the journal grid: selection, commands, multi-letter codes, undo/redo, hints.
import {
  useCallback,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react';
import type { AttendanceCode } from '../../shared/attendance-code';
import type { GradingPolicy } from '../../shared/grading-policy';
import type { Lesson, LessonEntry } from '../../shared/lesson';
import type { EntryUpdate, LessonRepository } from '../data/lesson-repository';
import { applyCellEdit, type CellEdit } from './cell-edit';
import { cellText, parsePaste } from './clipboard';
import { entryProbe } from './entry-probe';
import { keyToCommand, type GridCommand } from './keyboard';
import { UndoStack } from './undo-stack';

export interface Selection {
  row: number;
  col: number;
}

interface CellChange {
  lessonId: string;
  studentId: string;
  row: number;
  col: number;
  entry: LessonEntry | null;
}

export interface GridEditingInput {
  studentIds: readonly string[];
  lessons: readonly Lesson[];
  codes: readonly AttendanceCode[];
  policy: GradingPolicy;
  passFail: boolean;
  repository: LessonRepository;
  /** The period closed by the deputy: nothing on the page may be written. */
  readOnly: string | null;
  /** Why one lesson may only be read (shared/lesson-rights.ts), or null. */
  refusalOf: (lesson: Lesson) => string | null;
  /** F6: moves the focus to the lesson panel. */
  onLessonPanel?: () => void;
}

export interface GridEditing {
  selection: Selection;
  select: (row: number, col: number) => void;
  pending: string;
  hint: string | null;
  workTypePickerOpen: boolean;
  closeWorkTypePicker: () => void;
  chooseWorkType: (workTypeId: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onCopy: (event: ClipboardEvent) => void;
  onPaste: (event: ClipboardEvent) => void;
}

const KEYS_HELP =
  'Отметки: 5 4 3 2 1; пропуски: коды школы; Backspace — убрать последнюю отметку, Delete — очистить клетку, / — вид работы, F6 — тема и задание урока.';

export function useGridEditing(input: GridEditingInput): GridEditing {
  const [selection, setSelection] = useState<Selection>({ row: 0, col: 0 });
  const [pending, setPending] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [workTypePickerOpen, setWorkTypePickerOpen] = useState(false);
  const undo = useMemo(() => new UndoStack<CellChange>(), []);
  // Handlers read the newest props through a ref, so they stay stable for the memoized rows.
  const latest = useRef({ input, selection, pending });
  latest.current = { input, selection, pending };

  const rows = input.studentIds.length;
  const cols = input.lessons.length;
  const clamped: Selection = {
    row: Math.max(0, Math.min(selection.row, rows - 1)),
    col: Math.max(0, Math.min(selection.col, cols - 1)),
  };

  const select = useCallback((row: number, col: number) => {
    setSelection({ row, col });
    setPending('');
    setWorkTypePickerOpen(false);
  }, []);

  /** Writes a cell edit computed on the newest stored cell; refusals become the hint. */
  const edit = useCallback(
    (cell: Selection, cellEdit: CellEdit) => {
      const { input: current } = latest.current;
      const lesson = current.lessons[cell.col];
      const studentId = current.studentIds[cell.row];
      if (!lesson || !studentId) return;
      if (current.readOnly) return setHint(current.readOnly);
      const refusal = current.refusalOf(lesson);
      if (refusal) return setHint(`${refusal}: этот урок можно только просматривать.`);
      if (lesson.status === 'cancelled') {
        return setHint(
          'Урок отменён: отметки и пропуски в нём не ставятся. Отметьте «Урок проведён» в панели урока.',
        );
      }
      const probe = entryProbe();
      probe?.started(lesson.id, studentId);
      void current.repository
        .updateLessonEntry(lesson.id, studentId, (entry): EntryUpdate<string | null> => {
          const result = applyCellEdit(entry ?? undefined, cellEdit, current.codes);
          if (result.ok === true) return { entry: result.entry, result: null };
          return { unchanged: result.ok === false ? result.hint : null };
        })
        .then((change) => {
          probe?.written(lesson.id, studentId, change.changed);
          if (!change.changed) {
            if (change.result) setHint(change.result);
            return;
          }
          setHint(null);
          const base = { lessonId: lesson.id, studentId, row: cell.row, col: cell.col };
          undo.push({
            before: { ...base, entry: change.before },
            after: { ...base, entry: change.after },
          });
        })
        .catch((error: unknown) => {
          console.error(error);
          setHint(
            `Не удалось сохранить: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
    },
    [undo],
  );

  const restore = useCallback((change: CellChange) => {
    const { repository } = latest.current.input;
    setSelection({ row: change.row, col: change.col });
    void repository
      .setLessonEntry(change.lessonId, change.studentId, change.entry)
      .catch((error: unknown) => {
        console.error(error);
        setHint('Не удалось отменить изменение.');
      });
  }, []);

  const run = useCallback(
    (command: GridCommand, cell: Selection) => {
      const { input: current } = latest.current;
      switch (command.kind) {
        case 'move': {
          let row = cell.row + command.dRow;
          let col = cell.col + command.dCol;
          const lastCol = current.lessons.length - 1;
          if (command.wrap && col > lastCol) [row, col] = [row + 1, 0];
          if (command.wrap && col < 0) [row, col] = [row - 1, lastCol];
          row = Math.max(0, Math.min(row, current.studentIds.length - 1));
          col = Math.max(0, Math.min(col, lastCol));
          setSelection({ row, col });
          return;
        }
        case 'addMark': {
          const lesson = current.lessons[cell.col];
          const workTypeId = lesson?.workTypeId ?? current.policy.defaultWorkTypeId;
          return edit(cell, { kind: 'addMark', value: command.value, workTypeId });
        }
        case 'setAttendance':
          return edit(cell, { kind: 'setAttendance', code: command.code });
        case 'removeLastMark':
          return edit(cell, { kind: 'removeLastMark' });
        case 'clearCell':
          return edit(cell, { kind: 'clearCell' });
        case 'undo': {
          const step = undo.undo();
          if (step) restore(step.before);
          else setHint('Нечего отменять.');
          return;
        }
        case 'redo': {
          const step = undo.redo();
          if (step) restore(step.after);
          else setHint('Нечего повторять.');
          return;
        }
        case 'jump': {
          const last = { row: current.studentIds.length - 1, col: current.lessons.length - 1 };
          const row = command.row === undefined ? cell.row : command.row === 'first' ? 0 : last.row;
          setSelection({ row, col: command.col === 'first' ? 0 : last.col });
          return;
        }
        case 'toLessonPanel':
          current.onLessonPanel?.();
          return;
        case 'escape':
          setHint(null);
          return;
        case 'chooseWorkType':
          setWorkTypePickerOpen(true);
          return;
        case 'pendingCode':
          setHint(`Код пропуска: «${command.prefix}…» — введите следующую букву.`);
          return;
        case 'unknownKey':
          setHint(`Клавиша «${command.key}» не используется. ${KEYS_HELP}`);
          return;
      }
    },
    [edit, restore, undo],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const { input: current, selection: sel, pending: buffer } = latest.current;
      if (current.lessons.length === 0 || current.studentIds.length === 0) return;
      const { command, buffer: next } = keyToCommand(event, {
        attendanceCodes: current.codes.map((c) => c.code.toLocaleLowerCase('ru')),
        buffer,
        passFail: current.passFail,
        allowOne: current.policy.allowOne,
      });
      if (next !== buffer) setPending(next);
      if (!command) return;
      event.preventDefault();
      if (command.kind !== 'pendingCode' && command.kind !== 'unknownKey') setHint(null);
      run(command, sel);
    },
    [run],
  );

  const chooseWorkType = useCallback(
    (workTypeId: string) => {
      setWorkTypePickerOpen(false);
      edit(latest.current.selection, { kind: 'setLastMarkWorkType', workTypeId });
    },
    [edit],
  );

  // Ctrl+C copies the selected cell; Ctrl+V pastes one cell or a column (from Excel) downwards.
  const onCopy = useCallback((event: ClipboardEvent) => {
    const { input: current, selection: sel } = latest.current;
    const lesson = current.lessons[sel.col];
    const studentId = current.studentIds[sel.row];
    if (!lesson || !studentId) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', cellText(lesson.entries[studentId]));
    setHint('Клетка скопирована.');
  }, []);
  const onPaste = useCallback(
    (event: ClipboardEvent) => {
      const { input: current, selection: sel } = latest.current;
      event.preventDefault();
      const codes = current.codes.map((c) => c.code.toLocaleLowerCase('ru'));
      const cells = parsePaste(event.clipboardData.getData('text/plain'), codes);
      const bad = cells.find((c) => c.kind === 'invalid');
      if (bad && bad.kind === 'invalid') {
        return setHint(`Не вставлено: «${bad.text}» — не отметка и не код пропуска.`);
      }
      const lesson = current.lessons[sel.col];
      const workTypeId = lesson?.workTypeId ?? current.policy.defaultWorkTypeId;
      const fits = cells.slice(0, current.studentIds.length - sel.row);
      fits.forEach((cell, i) => {
        const entry =
          cell.kind === 'marks'
            ? {
                attendance: cell.attendance,
                marks: cell.marks.map((value) => ({ value, workTypeId, comment: '' })),
              }
            : null;
        edit({ row: sel.row + i, col: sel.col }, { kind: 'replace', entry });
      });
      if (fits.length < cells.length) {
        setHint(`Вставлено ${fits.length} из ${cells.length}: дальше учеников нет.`);
      }
    },
    [edit],
  );

  return {
    selection: clamped,
    onCopy,
    onPaste,
    select,
    pending,
    hint,
    workTypePickerOpen,
    closeWorkTypePicker: useCallback(() => setWorkTypePickerOpen(false), []),
    chooseWorkType,
    onKeyDown,
  };
}

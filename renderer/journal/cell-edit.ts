// What a grid command does to one cell's entry, by the cell's rules (shared/entry-rules.ts:
// several marks per cell, an absent student gets no mark) with the hint shown when one is refused.
import type { AttendanceCode } from '../../shared/attendance-code';
import { isAbsence } from '../../shared/attendance-code';
import {
  absentMarkMessage,
  entryRefusal,
  isAbsentCode,
  MAX_MARKS_PER_CELL,
} from '../../shared/entry-rules';
import type { LessonMarkValue } from '../../shared/grading-policy';
import type { LessonEntry } from '../../shared/lesson';

export type CellEdit =
  | { kind: 'addMark'; value: LessonMarkValue; workTypeId: string }
  | { kind: 'setAttendance'; code: string }
  | { kind: 'removeLastMark' }
  | { kind: 'clearCell' }
  | { kind: 'setLastMarkWorkType'; workTypeId: string }
  /** A pasted cell replaces what is there. */
  | { kind: 'replace'; entry: LessonEntry | null };

export type CellEditResult =
  | { ok: true; entry: LessonEntry | null }
  | { ok: false; hint: string }
  /** Nothing to do (e.g. Backspace in an empty cell). */
  | { ok: 'unchanged' };

/** An entry with no marks and no attendance is stored as no entry at all. */
function normalize(entry: LessonEntry): LessonEntry | null {
  return entry.marks.length === 0 && entry.attendance === null ? null : entry;
}

export function applyCellEdit(
  entry: LessonEntry | undefined,
  edit: CellEdit,
  codes: readonly AttendanceCode[],
): CellEditResult {
  const current: LessonEntry = entry ?? { marks: [], attendance: null };
  switch (edit.kind) {
    case 'addMark': {
      if (current.attendance && isAbsentCode(current.attendance, codes)) {
        return {
          ok: false,
          hint: `${absentMarkMessage(current.attendance)}. Сначала удалите пропуск клавишей Delete.`,
        };
      }
      if (current.marks.length >= MAX_MARKS_PER_CELL) {
        return { ok: false, hint: `В одной клетке не больше ${MAX_MARKS_PER_CELL} отметок.` };
      }
      const mark = { value: edit.value, workTypeId: edit.workTypeId, comment: '' };
      return { ok: true, entry: { ...current, marks: [...current.marks, mark] } };
    }
    case 'setAttendance': {
      const code = codes.find((c) => c.code === edit.code);
      if (!code) return { ok: false, hint: `Код «${edit.code}» не используется в этой школе.` };
      if (current.attendance === edit.code) return { ok: 'unchanged' };
      if (isAbsence(code) && current.marks.length > 0) {
        return {
          ok: false,
          hint: `У ученика есть отметка за этот урок: пропуск «${edit.code}» поставить нельзя. Сначала удалите отметки (Delete или Backspace).`,
        };
      }
      return { ok: true, entry: { ...current, attendance: edit.code } };
    }
    case 'removeLastMark': {
      if (current.marks.length > 0) {
        return { ok: true, entry: normalize({ ...current, marks: current.marks.slice(0, -1) }) };
      }
      if (current.attendance !== null)
        return { ok: true, entry: normalize({ ...current, attendance: null }) };
      return { ok: 'unchanged' };
    }
    case 'clearCell':
      return entry ? { ok: true, entry: null } : { ok: 'unchanged' };
    case 'replace': {
      const next = edit.entry && normalize(edit.entry);
      if (next === null) return entry ? { ok: true, entry: null } : { ok: 'unchanged' };
      const refusal = entryRefusal(next, codes);
      if (refusal) return { ok: false, hint: `${refusal}.` };
      if (next.attendance && !codes.some((c) => c.code === next.attendance)) {
        return { ok: false, hint: `Код «${next.attendance}» не используется в этой школе.` };
      }
      return sameEntry(entry, next) ? { ok: 'unchanged' } : { ok: true, entry: next };
    }
    case 'setLastMarkWorkType': {
      const last = current.marks[current.marks.length - 1];
      if (!last)
        return {
          ok: false,
          hint: 'В клетке нет отметки: сначала поставьте отметку, затем выберите вид работы.',
        };
      if (last.workTypeId === edit.workTypeId) return { ok: 'unchanged' };
      const marks = [...current.marks.slice(0, -1), { ...last, workTypeId: edit.workTypeId }];
      return { ok: true, entry: { ...current, marks } };
    }
  }
}

/** Structural equality of two cells, so memoized rows re-render only when their content changed. */
export function sameEntry(a: LessonEntry | undefined, b: LessonEntry | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.attendance !== b.attendance || a.marks.length !== b.marks.length) return false;
  return a.marks.every((m, i) => {
    const o = b.marks[i];
    return (
      o !== undefined &&
      o.value === m.value &&
      o.workTypeId === m.workTypeId &&
      o.comment === m.comment
    );
  });
}

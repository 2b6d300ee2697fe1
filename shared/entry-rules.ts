// What one student's cell of a lesson may hold: at most six marks, and no mark while the student is
// absent — a 'late' code is presence; a code the school's list no longer has counts as an absence,
// the safe side. The desktop refuses such an edit with a hint; the server refuses such a write.
import { isAbsence, type AttendanceCode } from './attendance-code';
import type { LessonEntry } from './lesson';

/** The lesson schema allows at most this many marks in one cell. */
export const MAX_MARKS_PER_CELL = 6;

/** The code means the student missed the lesson (an unknown code does too). */
export function isAbsentCode(code: string | null, codes: readonly AttendanceCode[]): boolean {
  if (!code) return false;
  const known = codes.find((c) => c.code === code);
  return known ? isAbsence(known) : true;
}

/** "Ученик отмечен как отсутствующий («н»): отметку поставить нельзя" */
export function absentMarkMessage(code: string): string {
  return `Ученик отмечен как отсутствующий («${code}»): отметку поставить нельзя`;
}

/** Null when the cell obeys the rules, else the Russian reason it may not be stored. */
export function entryRefusal(entry: LessonEntry, codes: readonly AttendanceCode[]): string | null {
  if (entry.marks.length > 0 && entry.attendance && isAbsentCode(entry.attendance, codes)) {
    return absentMarkMessage(entry.attendance);
  }
  if (entry.marks.length > MAX_MARKS_PER_CELL) {
    return `В одной клетке не больше ${MAX_MARKS_PER_CELL} отметок`;
  }
  return null;
}

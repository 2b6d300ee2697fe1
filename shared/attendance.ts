// Absence counting: lessons missed by reason, whole days missed (and of them by illness), lateness.
import type { AbsenceReason, AttendanceCode } from './attendance-code';
import type { Lesson } from './lesson';

export interface AbsenceSummary {
  /** Held lessons the student missed (any code but a 'late' one). */
  lessonsMissed: number;
  /**
   * Missed lessons by reason: illness + excused + unexcused = lessonsMissed. `late` repeats lateCount
   * (lateness is not an absence), so do not sum all four.
   */
  byReason: Record<AbsenceReason, number>;
  /** Days on which the student missed every held lesson passed in. */
  daysMissed: number;
  /** Of daysMissed, the days on which every missed lesson has an 'illness' code. */
  daysMissedByIllness: number;
  /** Held lessons with a 'late' code. */
  lateCount: number;
}

/** The reason of a cell's code: null when present; an unknown code (deleted from settings) is unexcused. */
function reasonOf(
  lesson: Lesson,
  studentId: string,
  byCode: ReadonlyMap<string, AbsenceReason>,
): AbsenceReason | null {
  const code = lesson.entries[studentId]?.attendance ?? null;
  if (code === null) return null;
  return byCode.get(code.trim()) ?? 'unexcused';
}

function codeMap(codes: readonly AttendanceCode[]): Map<string, AbsenceReason> {
  return new Map(codes.map((c) => [c.code.trim(), c.reason]));
}

/**
 * Absences of one student. The caller passes the held lessons of the student's class in the range that
 * the student attends (all courses; lessons of a group the student is not in must be left out, or a day
 * would never count as missed). A lesson without an entry for the student counts as attended.
 * Cancelled lessons are ignored.
 */
export function summarizeAbsences(
  classLessons: readonly Lesson[],
  studentId: string,
  codes: readonly AttendanceCode[],
): AbsenceSummary {
  const byCode = codeMap(codes);
  const byReason: Record<AbsenceReason, number> = { illness: 0, excused: 0, unexcused: 0, late: 0 };
  let lessonsMissed = 0;
  const days = new Map<string, { held: number; missed: number; illness: number }>();
  for (const lesson of classLessons) {
    if (lesson.status !== 'held') continue;
    const day = days.get(lesson.date) ?? { held: 0, missed: 0, illness: 0 };
    days.set(lesson.date, day);
    day.held += 1;
    const reason = reasonOf(lesson, studentId, byCode);
    if (reason === null) continue;
    byReason[reason] += 1;
    if (reason === 'late') continue;
    lessonsMissed += 1;
    day.missed += 1;
    if (reason === 'illness') day.illness += 1;
  }
  let daysMissed = 0;
  let daysMissedByIllness = 0;
  for (const day of days.values()) {
    if (day.held > 0 && day.missed === day.held) {
      daysMissed += 1;
      if (day.illness === day.held) daysMissedByIllness += 1;
    }
  }
  return {
    lessonsMissed,
    byReason,
    daysMissed,
    daysMissedByIllness,
    lateCount: byReason.late,
  };
}

/** Held lessons the student missed ('late' codes are not absences; unknown codes are). */
export function countLessonsMissed(
  lessons: readonly Lesson[],
  studentId: string,
  codes: readonly AttendanceCode[],
): number {
  const byCode = codeMap(codes);
  let missed = 0;
  for (const lesson of lessons) {
    if (lesson.status !== 'held') continue;
    const reason = reasonOf(lesson, studentId, byCode);
    if (reason !== null && reason !== 'late') missed += 1;
  }
  return missed;
}

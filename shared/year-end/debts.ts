// Academic debts of a conditional promotion become deferred marks (отсрочка) in the new year: the
// period marks of the student's new course of that subject, in the first reporting period of the
// new class, with the reason and the due date by which the debt must be cleared.
import type { Course } from '../course';
import { periodsOfScheme, type Period } from '../period';
import type { Deferral } from '../period-mark';
import type { NextClass } from './next-classes';

export function debtReason(yearName: string): string {
  return `Академическая задолженность за ${yearName} учебный год`;
}

/** The default due date: the end of the new class's first reporting period. */
export function defaultDebtDue(
  nextClass: NextClass,
  nextPeriods: readonly Period[],
): string | null {
  return periodsOfScheme(nextPeriods, nextClass.periodScheme)[0]?.end ?? null;
}

export interface DebtPlacement {
  studentId: string;
  subjectId: string;
  courseId: string;
  periodId: string;
  deferral: Deferral;
}

/**
 * Where each debt goes: the new class's course of the subject (the whole-class one, or the group
 * the student is in), the reporting period containing the due date (else the first). A debt whose
 * subject the new class does not study is returned in `unplaced`.
 */
export function placeDebts(
  debts: readonly { studentId: string; subjectId: string; due: string }[],
  nextClass: NextClass,
  nextCourses: readonly Course[],
  nextPeriods: readonly Period[],
  yearName: string,
): { placed: DebtPlacement[]; unplaced: { studentId: string; subjectId: string }[] } {
  const periods = periodsOfScheme(nextPeriods, nextClass.periodScheme);
  const placed: DebtPlacement[] = [];
  const unplaced: { studentId: string; subjectId: string }[] = [];
  for (const debt of debts) {
    const courses = nextCourses.filter(
      (c) => c.classId === nextClass.id && c.subjectId === debt.subjectId,
    );
    const course =
      courses.find((c) => c.groupId === null) ??
      courses.find((c) =>
        nextClass.groups.some((g) => g.id === c.groupId && g.studentIds.includes(debt.studentId)),
      );
    const period =
      periods.find((p) => p.start <= debt.due && debt.due <= p.end) ?? periods[0] ?? null;
    if (!course || !period) {
      unplaced.push({ studentId: debt.studentId, subjectId: debt.subjectId });
      continue;
    }
    placed.push({
      studentId: debt.studentId,
      subjectId: debt.subjectId,
      courseId: course.id,
      periodId: period.id,
      deferral: { reason: debtReason(yearName), due: debt.due },
    });
  }
  return { placed, unplaced };
}

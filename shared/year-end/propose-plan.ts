// The wizard's starting point: a whole transition plan proposed from the school as it is (next
// year's calendar and periods, classes, every student's movement from the year's results, debts
// due at the end of the new class's first period). The deputy edits it step by step.
import type { Course } from '../course';
import type { Period } from '../period';
import type { PeriodMarks } from '../period-mark';
import type { School } from '../school';
import type { SchoolClass } from '../school-class';
import type { Order } from '../school-years';
import type { Student } from '../student';
import { defaultDebtDue } from './debts';
import { proposeNextPeriods, proposeNextYear } from './next-calendar';
import { proposeNextClasses } from './next-classes';
import type { YearTransitionPlan } from './plan';
import { proposeMovements } from './promotion';

export function proposePlan(input: {
  school: School;
  periods: readonly Period[];
  classes: readonly SchoolClass[];
  courses: readonly Course[];
  periodMarks: readonly PeriodMarks[];
  students: readonly Student[];
  order: Order;
}): YearTransitionPlan {
  const year = input.school.year;
  const nextYear = proposeNextYear(year);
  const periods = proposeNextPeriods(input.periods, year, nextYear);
  const current = input.classes.filter((c) => c.yearId === year.id);
  const nextClasses = proposeNextClasses(current, nextYear);
  const movements = proposeMovements({
    students: input.students,
    classes: current,
    courses: input.courses.filter((c) => c.yearId === year.id),
    periods: input.periods.filter((p) => p.yearId === year.id),
    periodMarks: input.periodMarks,
    nextClasses,
  });
  return {
    fromYearId: year.id,
    nextYear,
    periods,
    classes: nextClasses,
    movements: movements.map((m) => {
      const due = debtDueInPlan({ classes: nextClasses, periods, nextYear }, m.toClassId);
      return {
        studentId: m.studentId,
        kind: m.kind,
        toClassId: m.toClassId,
        debts: m.debts.map((subjectId) => ({ subjectId, due })),
      };
    }),
    order: input.order,
    copyCurriculum: true,
    keepTeachers: true,
    copyTimetable: true,
  };
}

/**
 * A debt's default due date in a plan: the end of the first reporting period of the student's
 * next class's own scheme (not whichever period happens to come first), else the year's end.
 */
export function debtDueInPlan(
  plan: Pick<YearTransitionPlan, 'classes' | 'periods' | 'nextYear'>,
  toClassId: string | null,
): string {
  const to = plan.classes.find((c) => c.id === toClassId);
  const periods = plan.periods.map((p) => ({ ...p, stamps: {} })) as Period[];
  return (to && defaultDebtDue(to, periods)) ?? plan.nextYear.end;
}

// The class's reporting periods and the one that contains today (the default everywhere).
import { periodForDate, periodsOfScheme, type Period } from '../../../shared/period';
import type { SchoolClass } from '../../../shared/school-class';

export function classPeriods(
  all: readonly Period[],
  klass: SchoolClass,
  today: string,
): { periods: Period[]; current: Period | undefined } {
  const periods = periodsOfScheme(all, klass.periodScheme);
  return { periods, current: periodForDate(all, klass.periodScheme, today) ?? periods[0] };
}

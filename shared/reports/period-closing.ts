// What the deputy should know before closing a period: whether it has ended yet, and the period
// marks still missing (not set, not deferred) per class and per teacher, from the completion report.
import { daysBetween } from '../dates';
import type { PeriodCompletionReport } from './period-completion';
import { compareRu } from './report-utils';

export interface ClosingGap {
  /** Class or teacher id. */
  key: string;
  /** "5А" or "Петрова А. В." */
  label: string;
  /** Period marks neither set nor deferred. */
  missing: number;
  deferred: number;
  /** Courses with something missing or deferred. */
  courses: number;
}

export interface PeriodClosingCheck {
  /** Days from today to the period's last day; > 0 while the period is still running. */
  daysLeft: number;
  /** Period marks expected (students × assessed courses) and those still missing, school-wide. */
  expected: number;
  missing: number;
  deferred: number;
  /** Classes and teachers with gaps, most missing first. */
  byClass: ClosingGap[];
  byTeacher: ClosingGap[];
}

export function periodClosingCheck(input: {
  period: { end: string };
  today: string;
  completion: PeriodCompletionReport;
  teacherName: (teacherId: string) => string;
}): PeriodClosingCheck {
  const byClass = new Map<string, ClosingGap>();
  const byTeacher = new Map<string, ClosingGap>();
  const add = (
    map: Map<string, ClosingGap>,
    key: string,
    label: string,
    missing: number,
    deferred: number,
  ) => {
    const gap = map.get(key) ?? { key, label, missing: 0, deferred: 0, courses: 0 };
    gap.missing += missing;
    gap.deferred += deferred;
    gap.courses += 1;
    map.set(key, gap);
  };
  for (const row of input.completion.rows) {
    if (row.missing === 0 && row.deferred === 0) continue;
    add(byClass, row.classId, row.className, row.missing, row.deferred);
    add(byTeacher, row.teacherId, input.teacherName(row.teacherId), row.missing, row.deferred);
  }
  const order = (a: ClosingGap, b: ClosingGap) =>
    b.missing - a.missing || b.deferred - a.deferred || compareRu(a.label, b.label);
  const { totals } = input.completion;
  return {
    daysLeft: Math.max(0, daysBetween(input.today, input.period.end)),
    expected: totals.students,
    missing: totals.missing,
    deferred: totals.deferred,
    byClass: [...byClass.values()].sort(order),
    byTeacher: [...byTeacher.values()].sort(order),
  };
}

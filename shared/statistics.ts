// The deputy's statistics: counts of period marks, success (успеваемость) and quality (качество знаний),
// lessons held against the curriculum plan, and their Russian formatting.
import type { Course } from './course';
import type { PeriodMarkValue } from './grading-policy';
import type { Lesson } from './lesson';
import { daysBetween, weekday } from './dates';

export type MarkCounts = Record<
  '5' | '4' | '3' | '2' | '1' | 'notAttested' | 'pass' | 'fail' | 'exempt' | 'missing',
  number
>;

export interface MarkStatistics {
  counts: MarkCounts;
  /** Every value (or student) passed in, including exempt and missing ones. */
  students: number;
  /** Percent of the assessed with no 2, 1, н/а or незачёт, to one decimal; null when no one is assessed. */
  successPercent: number | null;
  /** Percent of the assessed with only 4, 5 (or зачёт), to one decimal; null when no one is assessed. */
  qualityPercent: number | null;
}

function emptyCounts(): MarkCounts {
  return {
    '5': 0,
    '4': 0,
    '3': 0,
    '2': 0,
    '1': 0,
    notAttested: 0,
    pass: 0,
    fail: 0,
    exempt: 0,
    missing: 0,
  };
}

const FAILING: ReadonlySet<PeriodMarkValue> = new Set(['2', '1', 'notAttested', 'fail']);
const NUMERIC: ReadonlySet<PeriodMarkValue> = new Set(['5', '4', '3', '2', '1']);

/** Assessed = has a set mark that is not осв.: exempt and not-yet-set (e.g. deferred) marks are left out. */
function isAssessed(v: PeriodMarkValue | null): v is PeriodMarkValue {
  return v !== null && v !== 'exempt';
}

/** part/whole as a percent to one decimal, in integers so 7/8 is exactly 87.5. */
function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/**
 * Statistics over one mark per student (a class × subject, or several pooled). Success = no 2, 1, н/а,
 * незачёт among the assessed; quality = only 5 and 4 (зачёт counts as fine). Exempt and missing values are
 * counted but excluded from the denominator. Quality is null for a pure зачёт/незачёт set (no numeric mark
 * and no н/а), where it would just repeat success. When the caller knows the subject's assessment, a
 * зачёт/незачёт subject has no quality at all (its н/а included: DOMAIN.md, quality over graded subjects only).
 */
export function periodMarkStatistics(
  values: readonly (PeriodMarkValue | null)[],
  assessment?: 'marks' | 'passFail' | 'none',
): MarkStatistics {
  const counts = emptyCounts();
  let assessed = 0;
  let successful = 0;
  let good = 0;
  let gradedWithMarks = false;
  for (const v of values) {
    counts[v ?? 'missing'] += 1;
    if (!isAssessed(v)) continue;
    assessed += 1;
    if (NUMERIC.has(v) || v === 'notAttested') gradedWithMarks = true;
    if (!FAILING.has(v)) successful += 1;
    if (v === '5' || v === '4' || v === 'pass') good += 1;
  }
  return {
    counts,
    students: values.length,
    successPercent: percent(successful, assessed),
    qualityPercent:
      assessment === 'passFail' || assessment === 'none'
        ? null
        : gradedWithMarks || assessment === 'marks'
          ? percent(good, assessed)
          : null,
  };
}

/**
 * Statistics over students across subjects (the summary sheet of a class). Counts sum every mark. A student
 * is assessed when at least one subject mark is set and not осв.; successful when none of those is 2, 1,
 * н/а or незачёт; of quality when successful and every numeric mark is 4 or 5 (зачёт counts as fine).
 */
export function studentsStatistics(
  perStudent: readonly (readonly (PeriodMarkValue | null)[])[],
): MarkStatistics {
  const counts = emptyCounts();
  let assessed = 0;
  let successful = 0;
  let good = 0;
  for (const marks of perStudent) {
    for (const v of marks) counts[v ?? 'missing'] += 1;
    const set = marks.filter(isAssessed);
    if (set.length === 0) continue;
    assessed += 1;
    if (set.some((v) => FAILING.has(v))) continue;
    successful += 1;
    if (set.every((v) => v === '5' || v === '4' || v === 'pass')) good += 1;
  }
  return {
    counts,
    students: perStudent.length,
    successPercent: percent(successful, assessed),
    qualityPercent: percent(good, assessed),
  };
}

export interface HeldVsPlanned {
  planned: number;
  held: number;
  /** max(0, planned − held): lessons still owed to the curriculum. */
  backlog: number;
}

/** The course's lessons by the curriculum (по учебному плану) for the period, else for the year. */
export function plannedLessons(
  course: Pick<Course, 'plannedByPeriod' | 'plannedYear'>,
  periodId?: string,
): number {
  return (
    (periodId === undefined ? undefined : course.plannedByPeriod[periodId]) ?? course.plannedYear
  );
}

/**
 * The share of the plan due by `asOf` (the plan to date, «по плану на дату»): the period's planned
 * lessons times the share of its school days (Monday to Saturday) that have begun by `asOf`, rounded
 * to whole lessons. Before the period 0, on or after its last day the whole plan.
 */
export function plannedToDate(
  planned: number,
  period: { start: string; end: string },
  asOf: string,
): number {
  if (asOf >= period.end) return planned;
  if (asOf < period.start) return 0;
  const total = schoolDays(period.start, period.end);
  return total === 0 ? planned : Math.round((planned * schoolDays(period.start, asOf)) / total);
}

/** Days from `from` to `to` (both included) that are not Sundays. */
function schoolDays(from: string, to: string): number {
  const days = daysBetween(from, to) + 1;
  if (days <= 0) return 0;
  const firstDay = weekday(from); // 0 = Monday … 6 = Sunday
  const weeks = Math.floor(days / 7);
  let sundays = weeks;
  for (let i = 0; i < days % 7; i++) if ((firstDay + i) % 7 === 6) sundays += 1;
  return days - sundays;
}

/**
 * Lessons of the course held (status 'held'; the caller filters by the period's dates) against the plan:
 * course.plannedByPeriod[periodId], or course.plannedYear when no period is given or the period has no
 * plan of its own (the year-level periods are usually not listed).
 */
export function lessonsHeldVsPlanned(
  lessons: readonly Lesson[],
  course: Course,
  periodId?: string,
): HeldVsPlanned {
  const held = lessons.filter((l) => l.courseId === course.id && l.status === 'held').length;
  const planned = plannedLessons(course, periodId);
  return { planned, held, backlog: Math.max(0, planned - held) };
}

/** "87,5 %" — decimal comma, one decimal at most; "—" for null. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return `${String(Math.round(value * 10) / 10).replace('.', ',')} %`;
}

/** "4,25" — two decimals with a decimal comma; "—" for null. */
export function formatAverage(value: number | null): string {
  if (value === null) return '—';
  return value.toFixed(2).replace('.', ',');
}

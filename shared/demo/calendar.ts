// The demo academic year 2026/2027: holidays, public holidays, school days, reporting periods, bells and stamp times.
import { addDays, weekday } from '../dates';
import {
  isHoliday,
  nonWorkingDayAt,
  type AcademicYear,
  type Holiday,
  type NonWorkingDay,
} from '../academic-year';
import { HOURS_BY_GRADE } from './curriculum';
import type { Period, PeriodKind, PeriodScheme } from '../period';
import { periodName } from '../period';
import type { Stamp } from '../stamp';

export const YEAR_ID = 'y2026';
export const YEAR_START = '2026-09-01';
export const YEAR_END = '2027-05-31';

/** The demo's calendar is the 2026/2027 year: before it nothing is held yet, after it everything is. */
export function clampToDemoYear(date: string): string {
  return date < YEAR_START ? YEAR_START : date > YEAR_END ? YEAR_END : date;
}
export function isoToMs(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** Day arithmetic and the weekday (0 = Monday … 6 = Sunday) of the whole app (shared/dates.ts). */
export { addDays, weekday };

/** Holidays of the year; the first grade has an extra week in February, as schools do. */
export const HOLIDAYS: Holiday[] = [
  { name: 'Осенние каникулы', start: '2026-10-26', end: '2026-11-03' },
  { name: 'Зимние каникулы', start: '2026-12-29', end: '2027-01-11' },
  {
    name: 'Дополнительные каникулы для 1-х классов',
    start: '2027-02-15',
    end: '2027-02-21',
    grades: [1],
  },
  { name: 'Весенние каникулы', start: '2027-03-23', end: '2027-03-31' },
];

/** Public holidays and the transferred day off: no lessons for anyone. */
export const NON_WORKING_DAYS: NonWorkingDay[] = [
  { date: '2026-11-04', kind: 'publicHoliday', name: 'День народного единства' },
  { date: '2027-02-23', kind: 'publicHoliday', name: 'День защитника Отечества' },
  { date: '2027-03-08', kind: 'publicHoliday', name: 'Международный женский день' },
  { date: '2027-05-01', kind: 'publicHoliday', name: 'Праздник Весны и Труда' },
  { date: '2027-05-03', kind: 'publicHoliday', name: 'Перенос выходного дня' },
  { date: '2027-05-09', kind: 'publicHoliday', name: 'День Победы' },
  { date: '2027-05-10', kind: 'publicHoliday', name: 'Перенос выходного дня' },
];

/** The plan's lessons a week per parallel: the demo's courses add up to it (a split subject once). */
function weeklyHours(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [grade, hours] of Object.entries(HOURS_BY_GRADE)) {
    out[grade] = Object.values(hours).reduce((a, b) => a + b, 0);
  }
  return out;
}

export const ACADEMIC_YEAR: AcademicYear = {
  id: YEAR_ID,
  name: '2026/2027',
  start: YEAR_START,
  end: YEAR_END,
  holidays: HOLIDAYS,
  nonWorkingDays: NON_WORKING_DAYS,
  schemeByGrade: {
    '1': 'quarters',
    '2': 'quarters',
    '3': 'quarters',
    '4': 'quarters',
    '5': 'quarters',
    '6': 'quarters',
    '7': 'quarters',
    '8': 'quarters',
    '9': 'quarters',
    '10': 'halfYears',
    '11': 'halfYears',
  },
  weeklyHoursByGrade: weeklyHours(),
};

/**
 * Monday–Friday days from the start of the year to `last` (inclusive) without a holiday or a
 * non-working day of the whole school (a parallel's own holidays are skipped by the generator).
 */
export function schoolDays(last: string): string[] {
  const days: string[] = [];
  const end = last < YEAR_END ? last : YEAR_END;
  for (let d = YEAR_START; d <= end; d = addDays(d, 1)) {
    if (weekday(d) < 5 && !isHoliday(ACADEMIC_YEAR, d) && !nonWorkingDayAt(ACADEMIC_YEAR, d))
      days.push(d);
  }
  return days;
}

const PERIOD_DATES: Record<PeriodScheme, readonly (readonly [string, string])[]> = {
  quarters: [
    ['2026-09-01', '2026-10-25'],
    ['2026-11-04', '2026-12-28'],
    ['2027-01-12', '2027-03-22'],
    ['2027-04-01', '2027-05-31'],
  ],
  halfYears: [
    ['2026-09-01', '2026-12-28'],
    ['2027-01-12', '2027-05-31'],
  ],
  trimesters: [
    ['2026-09-01', '2026-11-29'],
    ['2026-11-30', '2027-02-28'],
    ['2027-03-01', '2027-05-31'],
  ],
};

const SCHEME_KIND: Record<PeriodScheme, PeriodKind> = {
  quarters: 'quarter',
  halfYears: 'halfYear',
  trimesters: 'trimester',
};

const SCHEME_CODE: Record<PeriodScheme, string> = {
  quarters: 'q',
  halfYears: 'h',
  trimesters: 't',
};

export function periodId(scheme: PeriodScheme | null, kind: PeriodKind, n: number): string {
  return scheme ? `per-2026-${SCHEME_CODE[scheme]}${n}` : `per-2026-${kind}`;
}

/**
 * Quarters and half-years (the schemes the demo classes use) plus the year-level attestations.
 * A period that ended at least a week before `asOf` is closed, as a deputy would have done.
 */
export function buildPeriods(asOf: string, stamp: Stamp): Period[] {
  const out: Period[] = [];
  const closedBefore = addDays(asOf, -7);
  const make = (
    scheme: PeriodScheme | null,
    kind: PeriodKind,
    n: number,
    start: string,
    end: string,
  ): Period => ({
    id: periodId(scheme, kind, n),
    stamps: { name: stamp, start: stamp, end: stamp, closed: stamp },
    yearId: YEAR_ID,
    kind,
    scheme,
    number: n,
    name: periodName(kind, n),
    start,
    end,
    closed: kind !== 'year' && kind !== 'exam' && kind !== 'final' && end <= closedBefore,
  });
  for (const scheme of ['quarters', 'halfYears'] as const) {
    PERIOD_DATES[scheme].forEach(([start, end], i) => {
      out.push(make(scheme, SCHEME_KIND[scheme], i + 1, start, end));
    });
  }
  for (const kind of ['year', 'exam', 'final'] as const) {
    out.push(make(null, kind, 1, YEAR_START, YEAR_END));
  }
  return out;
}

/** Saturday's shorter lessons (the demo's classes study five days; a six-day class would use them). */
export const SATURDAY_BELLS = [
  { slot: 1, start: '08:30', end: '09:05' },
  { slot: 2, start: '09:15', end: '09:50' },
  { slot: 3, start: '10:05', end: '10:40' },
  { slot: 4, start: '10:55', end: '11:30' },
  { slot: 5, start: '11:40', end: '12:15' },
];

/** Lesson start and end times; slot 1 starts at 8:30. */
export const BELLS = [
  { slot: 1, start: '08:30', end: '09:10' },
  { slot: 2, start: '09:20', end: '10:00' },
  { slot: 3, start: '10:20', end: '11:00' },
  { slot: 4, start: '11:20', end: '12:00' },
  { slot: 5, start: '12:10', end: '12:50' },
  { slot: 6, start: '13:00', end: '13:40' },
  { slot: 7, start: '13:50', end: '14:30' },
];

/** Milliseconds (UTC) of a local Moscow time (UTC+3) on a date. */
export function localMs(iso: string, hhmm: string): number {
  const h = Number(hhmm.slice(0, 2));
  const m = Number(hhmm.slice(3, 5));
  return isoToMs(iso) + ((h - 3) * 60 + m) * 60_000;
}

/** Start of a lesson slot on a date, in ms. */
export function slotStartMs(iso: string, slot: number): number {
  return localMs(iso, BELLS[slot - 1]?.start ?? '15:00');
}

/** An HLC-shaped timestamp of the demo node: "001790000000000-00000-demo". */
export function hlcAt(ms: number): string {
  return `${String(Math.floor(ms)).padStart(15, '0')}-00000-demo`;
}

// Next year's calendar proposed from this year's: the year starts and ends on the same calendar
// dates a year later (1 September), holidays and period boundaries move by 52 weeks (the same
// weekdays), public holidays keep their calendar date, one-off days (актированные, карантин and
// other non-working days) are not carried over. The deputy reviews every date in the wizard.
import { addDays } from '../dates';
import type { AcademicYear, NonWorkingDay } from '../academic-year';
import type { Period } from '../period';

/** 52 weeks: a date that many days later falls on the same weekday. */
export const WEEKDAY_SHIFT_DAYS = 364;

/** The same calendar date a year later (29 February → 28 February). */
export function sameDateNextYear(iso: string): string {
  const y = Number(iso.slice(0, 4)) + 1;
  const md = iso.slice(5);
  if (md === '02-29') return `${y}-02-28`;
  return `${y}-${md}`;
}

/** "2026/2027" → "2027/2028"; another name gets the next year's start year appended. */
export function nextYearName(name: string, nextStart: string): string {
  const m = /^(\d{4})\/(\d{4})$/.exec(name.trim());
  if (m) return `${Number(m[1]) + 1}/${Number(m[2]) + 1}`;
  return `${nextStart.slice(0, 4)}/${Number(nextStart.slice(0, 4)) + 1}`;
}

/** The id of next year: "y2027-2028". */
export function nextYearId(nextName: string): string {
  return `y${nextName.replace('/', '-')}`;
}

function clamp(date: string, start: string, end: string): string {
  return date < start ? start : date > end ? end : date;
}

export function proposeNextYear(year: AcademicYear): AcademicYear {
  const start = sameDateNextYear(year.start);
  const end = sameDateNextYear(year.end);
  const name = nextYearName(year.name, start);
  const inside = (d: string) => start <= d && d <= end;
  const holidays = year.holidays
    .map((h) => ({
      ...h,
      start: addDays(h.start, WEEKDAY_SHIFT_DAYS),
      end: addDays(h.end, WEEKDAY_SHIFT_DAYS),
    }))
    .filter((h) => inside(h.start) && inside(h.end));
  const nonWorkingDays: NonWorkingDay[] = (year.nonWorkingDays ?? [])
    .filter((d) => d.kind === 'publicHoliday')
    .map((d) => ({ ...d, date: sameDateNextYear(d.date) }))
    .filter((d) => inside(d.date));
  return {
    ...year,
    id: nextYearId(name),
    name,
    start,
    end,
    holidays,
    ...(year.nonWorkingDays ? { nonWorkingDays } : {}),
  };
}

/** A period of next year before it is stored (no stamps yet). */
export type NextPeriod = Omit<Period, 'stamps'>;

export function nextPeriodId(
  nextYearIdValue: string,
  p: Pick<Period, 'kind' | 'scheme' | 'number'>,
): string {
  return `${nextYearIdValue}:${p.kind}:${p.scheme ?? 'all'}:${p.number}`;
}

/**
 * This year's periods for next year: a boundary on this year's first or last day goes to next
 * year's first or last day, any other moves by 52 weeks (kept inside next year). All open.
 */
export function proposeNextPeriods(
  periods: readonly Period[],
  year: AcademicYear,
  next: AcademicYear,
): NextPeriod[] {
  const move = (d: string) =>
    d === year.start
      ? next.start
      : d === year.end
        ? next.end
        : clamp(addDays(d, WEEKDAY_SHIFT_DAYS), next.start, next.end);
  return periods
    .filter((p) => p.yearId === year.id)
    .map((p) => ({
      id: nextPeriodId(next.id, p),
      yearId: next.id,
      kind: p.kind,
      scheme: p.scheme,
      number: p.number,
      name: p.name,
      start: move(p.start),
      end: move(p.end),
      closed: false,
    }))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

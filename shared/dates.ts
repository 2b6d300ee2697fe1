// Calendar dates ("YYYY-MM-DD" in the school's local calendar) and the Russian forms every screen,
// document and server message shows: ДД.ММ.ГГГГ, ДД.ММ and the short weekday, whatever the OS language.
import {
  addDays as addCalendarDays,
  differenceInCalendarDays,
  format,
  getISODay,
  isValid,
  parseISO,
} from 'date-fns';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The ISO date as a local calendar day, or null when it is not one ("2026-02-30", "12.10.2026"). */
function calendarDay(iso: string): Date | null {
  if (!ISO_DATE.test(iso)) return null;
  const day = parseISO(iso);
  return isValid(day) ? day : null;
}

function dayOrThrow(iso: string): Date {
  const day = calendarDay(iso);
  if (!day) throw new RangeError(`Not a calendar date: "${iso}"`);
  return day;
}

/** A local calendar day as "YYYY-MM-DD". */
export function isoDate(day: Date): string {
  return format(day, 'yyyy-MM-dd');
}

/** Today in the computer's local time zone, "YYYY-MM-DD". */
export function todayIso(now: Date = new Date()): string {
  return isoDate(now);
}

/** "2026-10-12" → "12.10.2026"; anything that is not an ISO date is returned unchanged. */
export function formatDate(iso: string): string {
  const day = calendarDay(iso);
  return day ? format(day, 'dd.MM.yyyy') : iso;
}

/** "2026-10-12" → "12.10" (a journal column, a mark's date in an extract). */
export function formatDayMonth(iso: string): string {
  const day = calendarDay(iso);
  return day ? format(day, 'dd.MM') : iso;
}

/** A moment in local time as "23.11.2026 10:05" (with seconds: "23.11.2026 10:05:09"). */
export function formatDateTime(at: Date | number | string, { seconds = false } = {}): string {
  const moment = at instanceof Date ? at : new Date(at);
  if (!isValid(moment)) return String(at);
  return format(moment, seconds ? 'dd.MM.yyyy HH:mm:ss' : 'dd.MM.yyyy HH:mm');
}

/** Adds whole calendar days ("2026-03-28" + 2 → "2026-03-30"); throws on a string that is no date. */
export function addDays(iso: string, days: number): string {
  return isoDate(addCalendarDays(dayOrThrow(iso), days));
}

/** The day of the week: 0 = Monday … 6 = Sunday (Russian weeks start on Monday). */
export function weekday(iso: string): number {
  return getISODay(dayOrThrow(iso)) - 1;
}

/** The timetable's numbering of the same day: 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(iso: string): number {
  return weekday(iso) + 1;
}

/** Whole calendar days from `a` to `b`, positive when `b` is later. */
export function daysBetween(a: string, b: string): number {
  return differenceInCalendarDays(dayOrThrow(b), dayOrThrow(a));
}

/** Every date from `from` to `to`, both included. */
export function* datesBetween(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/** Short Russian weekday names, indexed by `weekday()`. */
export const WEEKDAY_SHORT = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'] as const;

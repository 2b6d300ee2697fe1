// The academic year: its dates, holidays and non-working days (each for all or some parallels), the period scheme and the weekly lesson total per parallel.
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common';
import { PeriodSchemeSchema, type PeriodScheme } from './period';

/** A parallel (параллель): grade 1..11. */
export const GradeSchema = z
  .number()
  .int('Параллель — целое число от 1 до 11')
  .min(1, 'Параллель — число от 1 до 11')
  .max(11, 'Параллель — число от 1 до 11');

/** Record keys naming a parallel: "1" … "11". */
export const GradeKeySchema = z
  .string()
  .max(2)
  .regex(/^(?:[1-9]|1[01])$/, 'Параллель — число от 1 до 11');

/** Parallels a calendar entry is for; absent or empty means the whole school. */
const GradesSchema = z.array(GradeSchema).max(11).optional();

export const HolidaySchema = z.object({
  /** "Осенние каникулы", "Дополнительные каникулы для 1-х классов" */
  name: z.string().trim().min(1, 'Укажите название каникул').max(80, 'Не длиннее 80 знаков'),
  start: IsoDateSchema,
  end: IsoDateSchema,
  /** Only these parallels have the holiday (extra holidays of the 1st grade); absent = everyone. */
  grades: GradesSchema,
});
export type Holiday = z.infer<typeof HolidaySchema>;

/**
 * A single day without lessons: a public holiday or a transferred day off (known in advance), an
 * актированный день (frost), a quarantine. Lessons are not generated on it. A day cancelled after
 * its lessons exist is a cancellation of those lessons instead (they stay, with the reason).
 */
export const NonWorkingDayKindSchema = z.enum([
  'publicHoliday',
  'activated',
  'quarantine',
  'other',
]);
export type NonWorkingDayKind = z.infer<typeof NonWorkingDayKindSchema>;

export const NON_WORKING_DAY_LABELS: Record<NonWorkingDayKind, string> = {
  publicHoliday: 'праздничный день',
  activated: 'актированный день',
  quarantine: 'карантин',
  other: 'нерабочий день',
};

export const NonWorkingDaySchema = z.object({
  date: IsoDateSchema,
  kind: NonWorkingDayKindSchema,
  /** "День народного единства", "Мороз −32°" ('' when the kind says it all). */
  name: z.string().trim().max(120, 'Не длиннее 120 знаков'),
  grades: GradesSchema,
});
export type NonWorkingDay = z.infer<typeof NonWorkingDaySchema>;

/**
 * Fields added after the first release are optional (absent = the default the accessors below
 * give): a stored document without them must stay byte-equal when a desktop re-parses it, or
 * the server would see a changed part nobody stamped.
 */
export const AcademicYearSchema = z.object({
  id: IdSchema,
  /** "2026/2027" */
  name: z.string().trim().min(1, 'Укажите название учебного года').max(20),
  start: IsoDateSchema,
  end: IsoDateSchema,
  holidays: z.array(HolidaySchema).max(30, 'Не больше 30 каникул'),
  nonWorkingDays: z.array(NonWorkingDaySchema).max(120, 'Не больше 120 нерабочих дней').optional(),
  /** The period scheme of each parallel ("10" → halfYears): the default for its new classes. */
  schemeByGrade: z.record(GradeKeySchema, PeriodSchemeSchema).optional(),
  /** Lessons a week by the curriculum (учебный план) per parallel: a class's courses add up to it. */
  weeklyHoursByGrade: z
    .record(
      GradeKeySchema,
      z.number().min(1, 'Не меньше 1 часа').max(45, 'Не больше 45 часов в неделю'),
    )
    .optional(),
});
export type AcademicYear = z.infer<typeof AcademicYearSchema>;

/** Quarters in grades 1–9 and half-years in 10–11, the usual scheme, unless the year says otherwise. */
export function schemeForGrade(year: AcademicYear, grade: number): PeriodScheme {
  return year.schemeByGrade?.[String(grade)] ?? (grade >= 10 ? 'halfYears' : 'quarters');
}

/** The planned weekly total of a parallel, or null when the year has none. */
export function weeklyHoursForGrade(year: AcademicYear, grade: number): number | null {
  return year.weeklyHoursByGrade?.[String(grade)] ?? null;
}

function appliesTo(grades: readonly number[] | undefined, grade: number | undefined): boolean {
  if (!grades || grades.length === 0) return true;
  return grade !== undefined && grades.includes(grade);
}

/**
 * Whether the date falls in a holiday. With a grade: the school's holidays and those of that
 * parallel; without one: only the holidays of the whole school.
 */
export function isHoliday(year: AcademicYear, date: string, grade?: number): boolean {
  return year.holidays.some((h) => h.start <= date && date <= h.end && appliesTo(h.grades, grade));
}

/** The non-working day entry for the date and parallel (or the whole school), if any. */
export function nonWorkingDayAt(
  year: AcademicYear,
  date: string,
  grade?: number,
): NonWorkingDay | undefined {
  return (year.nonWorkingDays ?? []).find((d) => d.date === date && appliesTo(d.grades, grade));
}

/** A day of the year that is neither a holiday nor a non-working day for the parallel. */
export function isStudyDay(year: AcademicYear, date: string, grade: number): boolean {
  return (
    year.start <= date &&
    date <= year.end &&
    !isHoliday(year, date, grade) &&
    nonWorkingDayAt(year, date, grade) === undefined
  );
}

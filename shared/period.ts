// Reporting periods (quarters, half-years, trimesters) and the year-level attestations (year, exam, final).
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema, IsoDateSchema } from './common';

/** Each class follows one scheme: quarters (usual in grades 1–9), half-years (10–11) or trimesters. */
export const PeriodSchemeSchema = z.enum(['quarters', 'halfYears', 'trimesters']);
export type PeriodScheme = z.infer<typeof PeriodSchemeSchema>;

/**
 * `quarter`/`halfYear`/`trimester` are reporting periods of one scheme; `year`, `exam` and `final`
 * are the year-level attestations that every scheme shares (their dates span the whole year).
 */
export const PeriodKindSchema = z.enum([
  'quarter',
  'halfYear',
  'trimester',
  'year',
  'exam',
  'final',
]);
export type PeriodKind = z.infer<typeof PeriodKindSchema>;

export const PeriodSchema = DocumentBaseSchema.extend({
  yearId: IdSchema,
  kind: PeriodKindSchema,
  /** Null for year/exam/final, which belong to every scheme. */
  scheme: PeriodSchemeSchema.nullable(),
  /** 1..4 for quarters, 1..2 for half-years, 1..3 for trimesters, 1 for the year-level ones. */
  number: z.number().int().min(1).max(4),
  /** "I четверть", "Годовая" */
  name: z.string().min(1).max(40),
  start: IsoDateSchema,
  end: IsoDateSchema,
  /** A closed period is read-only; only the deputy closes and reopens it (each act logged). */
  closed: z.boolean().default(false),
  /**
   * Wall time of the last close or reopen act on the deputy's computer, in the school's time zone
   * ("2026-12-01T10:45:12"): what the period log shows. The `closed` stamp orders the acts but its
   * time can run ahead of the clock (a clock that once saw a later stamp). Added in periods v1;
   * absent = not recorded (acts before v1, a period created closed).
   */
  closedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    .optional(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const SCHEME_PERIOD_KIND: Record<PeriodScheme, PeriodKind> = {
  quarters: 'quarter',
  halfYears: 'halfYear',
  trimesters: 'trimester',
};

const ROMAN = ['I', 'II', 'III', 'IV'];

export function periodName(kind: PeriodKind, n: number): string {
  const r = ROMAN[n - 1] ?? String(n);
  switch (kind) {
    case 'quarter':
      return `${r} четверть`;
    case 'halfYear':
      return `${r} полугодие`;
    case 'trimester':
      return `${r} триместр`;
    case 'year':
      return 'Годовая';
    case 'exam':
      return 'Экзаменационная';
    case 'final':
      return 'Итоговая';
  }
}

/** The reporting periods of a scheme, in order. */
export function periodsOfScheme(periods: readonly Period[], scheme: PeriodScheme): Period[] {
  return periods
    .filter((p) => p.scheme === scheme && p.kind === SCHEME_PERIOD_KIND[scheme])
    .sort((a, b) => a.number - b.number);
}

/** The reporting period of a scheme that contains the date, or the nearest one before it (holidays). */
export function periodForDate(
  periods: readonly Period[],
  scheme: PeriodScheme,
  date: string,
): Period | undefined {
  const ordered = periodsOfScheme(periods, scheme);
  const inside = ordered.find((p) => p.start <= date && date <= p.end);
  if (inside) return inside;
  const before = ordered.filter((p) => p.end < date);
  return before[before.length - 1] ?? ordered[0];
}

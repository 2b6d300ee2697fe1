// The school's finished years: each closed year's calendar as it was, when and by which order it
// was closed. The school card's `year` is the one open year; a year listed here is read-only.
import { z } from 'zod';
import { IsoDateSchema, TextSchema } from './common';
import { AcademicYearSchema } from './academic-year';

/** The school's order (приказ) a movement or the year's closing rests on. */
export const OrderSchema = z.object({
  number: TextSchema(40).refine((s) => s.trim() !== '', 'Укажите номер приказа'),
  date: IsoDateSchema,
});
export type Order = z.infer<typeof OrderSchema>;

export const PastYearSchema = z.object({
  year: AcademicYearSchema,
  /** ISO date-time of the closing on the server. */
  closedAt: z.string().min(1).max(40),
  /** Who closed it: the account's login. */
  closedBy: z.string().min(1).max(64),
  order: OrderSchema,
});
export type PastYear = z.infer<typeof PastYearSchema>;

/** The ids and names of the closed years of a school card (absent pastYears: none). */
export function closedYears(school: {
  pastYears?: readonly PastYear[] | undefined;
}): Map<string, string> {
  return new Map((school.pastYears ?? []).map((p) => [p.year.id, p.year.name]));
}

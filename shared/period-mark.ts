// Period marks: one document per course × period with each student's proposed and set mark, or a deferral.
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema, IsoDateSchema, TextSchema } from './common';
import { PeriodMarkValueSchema } from './grading-policy';
import { fitId } from './lesson-id';

/** Отсрочка: the mark will be set later (illness), with the reason and the due date. */
export const DeferralSchema = z.object({
  reason: TextSchema(300).min(1, 'Укажите причину отсрочки'),
  due: IsoDateSchema,
});
export type Deferral = z.infer<typeof DeferralSchema>;

export const PeriodMarkEntrySchema = z.object({
  /** The mark the teacher set; null while not yet set (or deferred). */
  value: PeriodMarkValueSchema.nullable(),
  /** The proposal from the grading rules when the mark was set, kept for disputes. */
  proposed: PeriodMarkValueSchema.nullable(),
  /** Weighted average the proposal came from, rounded to hundredths. */
  average: z.number().min(0).max(5).nullable(),
  deferral: DeferralSchema.nullable(),
  comment: TextSchema(500).default(''),
});
export type PeriodMarkEntry = z.infer<typeof PeriodMarkEntrySchema>;

export const PeriodMarksSchema = DocumentBaseSchema.extend({
  courseId: IdSchema,
  /** A reporting period, or the year-level year / exam / final attestation. */
  periodId: IdSchema,
  classId: IdSchema,
  /** Keyed by student id; each entry is its own stamped part ("marks.<studentId>"). */
  marks: z.record(IdSchema, PeriodMarkEntrySchema),
});
export type PeriodMarks = z.infer<typeof PeriodMarksSchema>;

/**
 * "<course>:<period>", shortened by the lesson ids' rule when longer than an id may be (a group
 * course of next year: "crs-y2027-2028:cls-6-2-trud-y2027-2028:cls-6-2:g3" with a period of next
 * year is 80 characters; shared/lesson-id.ts fitId). Ids of 64 characters or fewer are unchanged.
 */
export function periodMarksId(courseId: string, periodId: string): string {
  return fitId(courseId, `:${periodId}`);
}

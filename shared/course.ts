// A course: one subject taught to one class (or one group of it) by one teacher, with its planned hours.
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema } from './common';

/** How the subject is assessed: with marks, with зачёт/незачёт, or not at all (e.g. some grade-1 subjects). */
export const AssessmentSchema = z.enum(['marks', 'passFail', 'none']);
export type Assessment = z.infer<typeof AssessmentSchema>;

export const CourseSchema = DocumentBaseSchema.extend({
  yearId: IdSchema,
  classId: IdSchema,
  subjectId: IdSchema,
  /** Null when the whole class studies the subject together. */
  groupId: IdSchema.nullable(),
  teacherId: IdSchema,
  assessment: AssessmentSchema,
  hoursPerWeek: z.number().min(0.5).max(10),
  /** Lessons planned by the curriculum (по учебному плану) per period id, and for the year. */
  plannedByPeriod: z.record(IdSchema, z.number().int().min(0).max(400)),
  plannedYear: z.number().int().min(0).max(400),
  /** Whether the subject ends with an exam mark this year (exam subjects in grades 9 and 11). */
  hasExam: z.boolean().default(false),
});
export type Course = z.infer<typeof CourseSchema>;

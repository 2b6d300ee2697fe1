// A class (5А) with its groups for split subjects (languages, technology, PE).
import { z } from 'zod';
import { DocumentBaseSchema, IdSchema } from './common';
import { PeriodSchemeSchema } from './period';

export const ClassGroupSchema = z.object({
  id: IdSchema,
  /** "1 группа (англ.)" */
  name: z.string().min(1).max(60),
  /** Students of the group; a student may be in several groups of different subjects. */
  studentIds: z.array(IdSchema).max(60),
});
export type ClassGroup = z.infer<typeof ClassGroupSchema>;

export const SchoolClassSchema = DocumentBaseSchema.extend({
  yearId: IdSchema,
  grade: z.number().int().min(1).max(11),
  letter: z.string().min(1).max(3),
  /** "5А" */
  name: z.string().min(1).max(8),
  periodScheme: PeriodSchemeSchema,
  /** Class teacher (классный руководитель). */
  classTeacherId: IdSchema,
  groups: z.array(ClassGroupSchema).max(20),
});
export type SchoolClass = z.infer<typeof SchoolClassSchema>;

/** Classes in school order: 1А, 1Б, …, 11В. */
export function compareClasses(a: SchoolClass, b: SchoolClass): number {
  return a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru');
}

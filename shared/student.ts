// A student of a class with their guardians (parents or legal representatives) and contacts.
import { z } from 'zod';
import {
  DocumentBaseSchema,
  GenderSchema,
  IdSchema,
  IsoDateSchema,
  PersonNameSchema,
} from './common';

export const GuardianKindSchema = z.enum(['mother', 'father', 'guardian', 'other']);
export type GuardianKind = z.infer<typeof GuardianKindSchema>;

export const GUARDIAN_KIND_LABELS: Record<GuardianKind, string> = {
  mother: 'мать',
  father: 'отец',
  guardian: 'опекун',
  other: 'законный представитель',
};

export const GuardianSchema = z.object({
  ...PersonNameSchema.shape,
  kind: GuardianKindSchema,
  phone: z.string().max(40).default(''),
  email: z.string().max(120).default(''),
  /** Registered address, as printed in the consent form. */
  address: z.string().max(300).default(''),
});
export type Guardian = z.infer<typeof GuardianSchema>;

export const StudentStatusSchema = z.enum(['active', 'left']);

export const StudentSchema = DocumentBaseSchema.extend({
  ...PersonNameSchema.shape,
  gender: GenderSchema,
  /** Moving a student to another class keeps every mark: lessons refer to the student, not the class. */
  classId: IdSchema,
  status: StudentStatusSchema,
  /** Personal data (152-ФЗ): encrypted at rest on the desktop. Empty when unknown. */
  birthDate: IsoDateSchema.or(z.literal('')),
  /** Keyed by guardian id; each guardian is a separately stamped part ("guardians.<id>"). */
  guardians: z.record(IdSchema, GuardianSchema),
});
export type Student = z.infer<typeof StudentSchema>;

/** Alphabetical order of the journal page (Russian collation, then name, then id for stability). */
export function compareStudents(
  a: Pick<Student, 'lastName' | 'firstName' | 'middleName' | 'id'>,
  b: Pick<Student, 'lastName' | 'firstName' | 'middleName' | 'id'>,
): number {
  return (
    a.lastName.localeCompare(b.lastName, 'ru') ||
    a.firstName.localeCompare(b.firstName, 'ru') ||
    a.middleName.localeCompare(b.middleName, 'ru') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

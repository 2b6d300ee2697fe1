// The family e-diary's wire types between the desktop and the school server (docs/DIARY.md):
// issuing a family login, a new password, and the class teacher's view of each family's access.
import { z } from 'zod';
import { IdSchema } from './common';

/** A guardian's account (through their consent) or a student's own (14 and over). */
export const FamilyAccountKindSchema = z.enum(['guardian', 'student']);
export type FamilyAccountKind = z.infer<typeof FamilyAccountKindSchema>;

/**
 * What the server answers when it issued a login or a new password: everything the login slip
 * prints. `password` is null when the login already existed for the same person (another child
 * of the family): the slip then says the password is the one they already have.
 */
export const IssuedLoginSchema = z.object({
  accountKind: FamilyAccountKindSchema,
  login: z.string().min(1).max(40),
  password: z.string().min(1).max(40).nullable(),
  /** Until when the one-time password works (ISO moment); null with no new password. */
  passwordValidUntil: z.string().nullable(),
  /** Whose account it is: the guardian's or the student's full name. */
  holderName: z.string().max(300),
  studentId: IdSchema,
  studentName: z.string().max(300),
  className: z.string().max(20),
  schoolName: z.string().max(400),
  /** The address families open, from the school's diary settings; null: the server's own. */
  diaryUrl: z.string().max(300).nullable(),
  /** The login was already in use by this person for another child of the school. */
  sharedWithOtherChildren: z.boolean(),
});
export type IssuedLogin = z.infer<typeof IssuedLoginSchema>;

/** The state of one family account as the class teacher sees it. */
export const FamilyAccessStateSchema = z.enum([
  /** The one-time password has not been changed yet (never signed in). */
  'issued',
  /** Signed in and changed the password. */
  'active',
  /** Closed: a refusal, a withdrawal, paper extracts, the login taken back. */
  'closed',
]);
export type FamilyAccessState = z.infer<typeof FamilyAccessStateSchema>;

export const FamilyAccessRowSchema = z.object({
  studentId: IdSchema,
  /** Null for the student's own account. */
  guardianId: IdSchema.nullable(),
  login: z.string(),
  state: FamilyAccessStateSchema,
  /** Why access is closed, in Russian; null while open. */
  closedReason: z.string().nullable(),
  /** The login waits after too many wrong passwords (the class teacher or the admin can unlock). */
  locked: z.boolean().default(false),
  /** The last time the family opened the diary for this student (ISO moment), null: never. */
  lastViewAt: z.string().nullable(),
  /** Diary pages of this student opened in the requested range. */
  viewsInRange: z.number().int().min(0),
});
export type FamilyAccessRow = z.infer<typeof FamilyAccessRowSchema>;

export const ClassFamilyAccessSchema = z.object({
  classId: IdSchema,
  /** The range the view counts cover ("YYYY-MM-DD", inclusive). */
  from: z.string(),
  to: z.string(),
  /** The school's setting: families who have not looked this many days get a paper extract. */
  paperAfterDays: z.number().int().min(1),
  /** Students of 14 and over may have their own account. */
  studentAccountAge: z.number().int(),
  rows: z.array(FamilyAccessRowSchema),
});
export type ClassFamilyAccess = z.infer<typeof ClassFamilyAccessSchema>;

/** A student may have their own diary account from this age (the school's rules, seed 000/004). */
export const STUDENT_ACCOUNT_AGE = 14;

/** Whole years between a birth date and a day ("YYYY-MM-DD"); null without a birth date. */
export function ageOn(birthDate: string, day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const FAMILY_ACCESS_STATE_LABELS: Record<FamilyAccessState, string> = {
  issued: 'логин выдан, вход не выполнялся',
  active: 'действует',
  closed: 'доступ закрыт',
};

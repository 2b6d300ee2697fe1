// A member of the school's staff and the roles they hold in the journal.
import { z } from 'zod';
import { DocumentBaseSchema, PersonNameSchema } from './common';

/** One person can be a subject teacher and a class teacher at once; the deputy reads every class. */
export const RoleSchema = z.enum(['teacher', 'classTeacher', 'deputy', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  teacher: 'учитель-предметник',
  classTeacher: 'классный руководитель',
  deputy: 'заместитель директора по УВР',
  admin: 'администратор',
};

export const StaffMemberSchema = DocumentBaseSchema.extend({
  ...PersonNameSchema.shape,
  /** "учитель математики", "заместитель директора по УВР" — printed in documents. */
  position: z.string().max(120).default(''),
  roles: z.array(RoleSchema).max(4),
  active: z.boolean().default(true),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;

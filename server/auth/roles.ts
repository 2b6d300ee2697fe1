// The roles an account may hold (several at once) and the authenticated user seen by routes.
import { z } from 'zod';

export const roleSchema = z.enum(['teacher', 'classTeacher', 'deputy', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling: resolved from the Bearer token on every authenticated request. */
export interface AuthUser {
  accountId: string;
  login: string;
  displayName: string;
  /** The staff member (teacher) this account belongs to, if any. */
  staffId: string | null;
  roles: Role[];
  deviceId: string;
  deviceName: string;
}

export function hasRole(user: Pick<AuthUser, 'roles'>, role: Role): boolean {
  return user.roles.includes(role);
}

/** Roles are stored as jsonb; drop anything unknown rather than trusting the column blindly. */
export function parseRoles(value: unknown): Role[] {
  const list = Array.isArray(value) ? value : [];
  return list.filter((r): r is Role => roleSchema.safeParse(r).success);
}

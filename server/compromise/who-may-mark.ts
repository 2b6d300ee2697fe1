// Who may mark whose account compromised: marking voids the password and undoes the account's
// writes, so nobody may do it to an account with rights above (or, for the deputy, equal to)
// their own. The administrator marks anyone but themselves; the deputy marks teachers and class
// teachers only; the console (the server's operator) marks anyone.
import { hasRole, type Role } from '../auth/roles';

/** The rights an account's roles give, as a rank: admin 3, deputy 2, any other 1. */
export function rightsRank(roles: readonly Role[]): number {
  if (roles.includes('admin')) return 3;
  if (roles.includes('deputy')) return 2;
  return 1;
}

export function mayMarkCompromised(
  actor: { login: string; roles: readonly Role[] },
  target: { login: string; roles: readonly Role[] },
): true | string {
  if (actor.login === target.login) {
    return 'Нельзя отметить скомпрометированной собственную учётную запись';
  }
  if (hasRole({ roles: [...actor.roles] }, 'admin')) return true;
  if (!hasRole({ roles: [...actor.roles] }, 'deputy')) {
    return 'Отмечать компрометацию могут администратор и заместитель директора';
  }
  return rightsRank(target.roles) < rightsRank(actor.roles)
    ? true
    : 'Заместитель директора может отметить скомпрометированными только учётные записи учителей; учётные записи администратора и заместителей отмечает администратор';
}

// Demo accounts for `npm run server -- --demo`: created only in an empty database.
import type { Db } from './db/db';
import { countAccounts, createAccount } from './auth/accounts';
import type { Role } from './auth/roles';

export const DEMO_PASSWORD = 'demo';

export const demoAccounts: {
  login: string;
  displayName: string;
  roles: Role[];
  staffId: string;
}[] = [
  {
    login: 'deputy',
    displayName: 'Завуч (демо)',
    roles: ['deputy', 'teacher'],
    staffId: 'demo-deputy',
  },
  {
    login: 'class-teacher',
    displayName: 'Классный руководитель (демо)',
    roles: ['classTeacher', 'teacher'],
    staffId: 'demo-class-teacher',
  },
  { login: 'teacher', displayName: 'Учитель (демо)', roles: ['teacher'], staffId: 'demo-teacher' },
  { login: 'admin', displayName: 'Администратор (демо)', roles: ['admin'], staffId: 'demo-admin' },
];

/** Creates the demo accounts when there are no accounts at all; returns the logins created. */
export async function ensureDemoAccounts(db: Db): Promise<string[]> {
  if ((await countAccounts(db)) > 0) return [];
  for (const account of demoAccounts) {
    await createAccount(db, { ...account, password: DEMO_PASSWORD });
  }
  return demoAccounts.map((a) => a.login);
}

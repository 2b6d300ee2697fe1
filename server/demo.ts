// The demo school for `npm run server -- --demo`: the generated school (shared/demo) loaded into an
// empty database, and one account per role linked to the generator's known staff members.
import type { Db } from './db/db';
import { countAccounts, createAccount } from './auth/accounts';
import type { Role } from './auth/roles';
import { isEmptySchool, loadSnapshot, type LoadResult } from './domain/load-snapshot';
import type { SyncEngine } from './sync/engine';
import { generateSchool } from '../shared/demo';

export const DEMO_PASSWORD = 'demo';
export const DEMO_SEED = 42;
export const DEMO_STUDENTS = 1000;

export const demoAccounts: {
  login: string;
  displayName: string;
  roles: Role[];
  staffId: string | null;
}[] = [
  {
    login: 'deputy',
    displayName: 'Завуч (демо)',
    roles: ['deputy'],
    staffId: 'staff-deputy',
  },
  {
    login: 'class-teacher',
    displayName: 'Классный руководитель (демо)',
    roles: ['classTeacher', 'teacher'],
    staffId: 'staff-class-teacher',
  },
  { login: 'teacher', displayName: 'Учитель (демо)', roles: ['teacher'], staffId: 'staff-teacher' },
  { login: 'admin', displayName: 'Администратор (демо)', roles: ['admin'], staffId: null },
];

/** Creates the demo accounts when there are no accounts at all; returns the logins created. */
export async function ensureDemoAccounts(db: Db): Promise<string[]> {
  if ((await countAccounts(db)) > 0) return [];
  for (const account of demoAccounts) {
    await createAccount(db, { ...account, password: DEMO_PASSWORD });
  }
  return demoAccounts.map((a) => a.login);
}

export interface DemoSchoolResult extends LoadResult {
  generateMs: number;
}

/**
 * Generates and loads the demo school into an empty database through the engine's write path;
 * null when it holds documents.
 */
export async function ensureDemoSchool(
  db: Db,
  engine: SyncEngine,
  students = DEMO_STUDENTS,
  seed = DEMO_SEED,
  /** Lessons are held up to this date; periods that ended before it are closed. Default: the whole year. */
  asOf?: string,
): Promise<DemoSchoolResult | null> {
  if (!(await isEmptySchool(db))) return null;
  const started = performance.now();
  const snapshot = generateSchool(asOf ? { students, seed, asOf } : { students, seed });
  const generateMs = Math.round(performance.now() - started);
  return { ...(await loadSnapshot(engine, snapshot)), generateMs };
}

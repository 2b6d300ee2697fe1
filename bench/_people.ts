// The three people whose first download the benchmarks measure (wire-bytes, network-profiles): a
// subject teacher who leads no class, a class teacher and the deputy (the whole school) — the demo
// school's accounts (server/demo.ts), linked to the generator's known staff members.
import type { Role } from '../server/auth/roles';
import { demoAccounts } from '../server/demo';

export interface BenchPerson {
  who: string;
  login: string;
  staffId: string;
  roles: Role[];
}

function person(who: string, login: string): BenchPerson {
  const account = demoAccounts.find((a) => a.login === login);
  if (!account?.staffId) throw new Error(`no demo account "${login}" linked to a staff member`);
  return { who, login, staffId: account.staffId, roles: account.roles };
}

export const FIRST_DOWNLOAD_PEOPLE: readonly BenchPerson[] = [
  person('subject teacher', 'teacher'),
  person('class teacher', 'class-teacher'),
  person('deputy', 'deputy'),
];

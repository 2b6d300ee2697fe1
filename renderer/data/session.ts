// The signed-in session every screen works in: the open local database, this device's clock, the
// staff member who signs every change, and the repositories built once for them.
import { createContext, useContext } from 'react';
import type { Clock } from '../../shared/hlc';
import type { Role } from '../../shared/staff';
import type { JournalDatabase } from '../db/types';
import type { Repositories } from './repositories';

export interface Session {
  /** For the data hooks, print jobs, sync and backup; screens read through the hooks. */
  db: JournalDatabase;
  clock: Clock;
  /** The signed-in staff member; the repositories sign every change with it. */
  staffId: string;
  repositories: Repositories;
  /**
   * The server account's roles and name, for an account linked to no staff member (the first
   * administrator): the header and the sections read them where no staff document exists.
   */
  account?: { roles: readonly Role[]; displayName: string };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

/** The session's repositories: the only way screens write data. */
export function useRepositories(): Repositories {
  return useSession().repositories;
}

// The signed-in session every screen works in: the open local database, this device's clock, the
// staff member who signs every change, and the repositories built once for them.
import { createContext, useContext } from 'react';
import type { Clock } from '../../shared/hlc';
import type { JournalDatabase } from '../db/types';
import type { Repositories } from './repositories';

export interface Session {
  /** For the data hooks, print jobs, sync and backup; screens read through the hooks. */
  db: JournalDatabase;
  clock: Clock;
  /** The signed-in staff member; the repositories sign every change with it. */
  staffId: string;
  repositories: Repositories;
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

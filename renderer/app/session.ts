// The open local database with this device's clock and the lesson repository, shared by every screen.
import { createContext, useContext } from 'react';
import type { Clock } from '../../shared/hlc';
import type { LessonRepository } from '../db/lesson-repository';
import type { JournalDatabase } from '../db/types';

export interface Session {
  db: JournalDatabase;
  clock: Clock;
  lessons: LessonRepository;
  /** The signed-in staff member; the repository signs every change with it. */
  staffId: string;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}

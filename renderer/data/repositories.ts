// Every repository of the open database, built once per session: the only way screens write data.
// Each change is stamped (signer.ts), checked with the zod schema and stored locally at once.
import type { Clock } from '../../shared/hlc';
import type { JournalDatabase } from '../db/types';
import { createConsentRepository, type ConsentRepository } from './consent-repository';
import { createLessonRepository, type LessonRepository } from './lesson-repository';
import { createPeriodMarkRepository, type PeriodMarkRepository } from './period-mark-repository';
import { createPeriodRepository, type PeriodRepository } from './period-repository';
import { createRosterRepository, type RosterRepository } from './roster-repository';
import { createTimetableRepository, type TimetableRepository } from './timetable-repository';
import { createStaffRepository, type StaffRepository } from './staff-repository';
import { createSetupRepository, type SetupRepository } from './setup-repository';

export interface Repositories {
  lessons: LessonRepository;
  periodMarks: PeriodMarkRepository;
  periods: PeriodRepository;
  roster: RosterRepository;
  consents: ConsentRepository;
  timetables: TimetableRepository;
  staff: StaffRepository;
  setup: SetupRepository;
}

/** `author` is read at every write, so a change of the signed-in person needs no new repositories. */
export function createRepositories(
  db: JournalDatabase,
  clock: Clock,
  author: () => string | null,
): Repositories {
  return {
    lessons: createLessonRepository(db, clock, author),
    periodMarks: createPeriodMarkRepository(db, clock, author),
    periods: createPeriodRepository(db, clock, author),
    roster: createRosterRepository(db, clock, author),
    consents: createConsentRepository(db, clock, author),
    timetables: createTimetableRepository(db, clock, author),
    staff: createStaffRepository(db, clock, author),
    setup: createSetupRepository(db, clock, author),
  };
}

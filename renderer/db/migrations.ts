// Migration strategies per collection and schema version. Version 0 needs none; bumping a
// collection's version in shared/collections.ts only needs a function here (RxDB refuses to open
// a collection whose version has no strategy, so a forgotten one fails loudly in tests).
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from '../../shared/collections';

/** The new fields of the version are optional: stored documents stay as they are. */
const unchanged = (doc: unknown) => doc;

export const MIGRATION_STRATEGIES: Record<CollectionName, MigrationStrategies> = {
  school: { 1: unchanged },
  periods: {},
  classes: {},
  staff: {},
  students: {},
  courses: {},
  lessons: { 1: unchanged },
  periodMarks: {},
  consents: {},
  timetables: {},
};

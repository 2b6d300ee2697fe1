// Migration strategies per collection and schema version. Version 0 needs none; bumping a
// collection's version in shared/collections.ts only needs a function here (RxDB refuses to open
// a collection whose version has no strategy, so a forgotten one fails loudly in tests).
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from '../../shared/collections';

export const MIGRATION_STRATEGIES: Record<CollectionName, MigrationStrategies> = {
  school: {},
  periods: {},
  classes: {},
  staff: {},
  students: {},
  courses: {},
  lessons: {},
  periodMarks: {},
  consents: {},
};

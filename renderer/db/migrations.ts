// Migration strategies per collection and schema version. Version 0 needs none; bumping a
// collection's version in shared/collections.ts only needs a function here (RxDB refuses to open
// a collection whose version has no strategy, so a forgotten one fails loudly in tests).
import type { MigrationStrategies } from 'rxdb';
import type { z } from 'zod';
import { COLLECTIONS, type CollectionName } from '../../shared/collections';

/**
 * A strategy for versions that only add fields with zod defaults: the stored document parsed by
 * the current schema gets every default filled in (nested ones too, e.g. each guardian's new
 * fields); RxDB's own underscore fields are kept. A document the current schema refuses is kept
 * as it was rather than lost (the readers tolerate a missing field).
 */
export function fillDefaults(schema: z.ZodType): (doc: Record<string, unknown>) => unknown {
  return (doc) => {
    const parsed = schema.safeParse(doc);
    return parsed.success ? { ...doc, ...(parsed.data as Record<string, unknown>) } : doc;
  };
}

/** The new fields of the version are optional: stored documents stay as they are. */
const unchanged = (doc: unknown) => doc;

export const MIGRATION_STRATEGIES: Record<CollectionName, MigrationStrategies> = {
  school: { 1: fillDefaults(COLLECTIONS.school.schema), 2: unchanged, 3: unchanged },
  periods: { 1: unchanged },
  classes: {},
  staff: {},
  students: {
    1: fillDefaults(COLLECTIONS.students.schema),
    2: unchanged,
    3: unchanged,
    4: unchanged,
  },
  courses: {},
  lessons: { 1: unchanged },
  periodMarks: {},
  consents: {},
  timetables: {},
};

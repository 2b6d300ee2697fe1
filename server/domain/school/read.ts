// Reads of the set-up documents and lessons inside an operation's transaction (what generation, imports and day-to-day changes plan from).
import type { Queryable } from '../../db/db';
import type { DocState } from '../../sync/collections';
import type { CollectionName } from '../../../shared/collections';
import type { Course } from '../../../shared/course';
import type { Lesson } from '../../../shared/lesson';
import type { StoredLesson } from '../../../shared/lesson-regeneration';
import type { Period } from '../../../shared/period';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { Timetable } from '../../../shared/timetable';
import type { SetupContext } from '../../../shared/setup/context';

function stateOf(row: Record<string, unknown>): DocState {
  return { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true };
}

/** The live documents of a collection. */
export async function readDocs<T>(tx: Queryable, collection: CollectionName): Promise<T[]> {
  const r = await tx.query('SELECT doc FROM documents WHERE collection = $1 AND NOT deleted', [
    collection,
  ]);
  return r.rows.map((row) => row.doc as T);
}

/** One stored document (tombstones included), or null. */
export async function readState(
  tx: Queryable,
  collection: CollectionName,
  id: string,
): Promise<DocState | null> {
  const r = await tx.query('SELECT deleted, doc FROM documents WHERE collection = $1 AND id = $2', [
    collection,
    id,
  ]);
  return r.rows[0] ? stateOf(r.rows[0]) : null;
}

/** Stored documents by id (tombstones included). */
export async function readStates(
  tx: Queryable,
  collection: CollectionName,
  ids: readonly string[],
): Promise<Map<string, DocState>> {
  const r = await tx.query(
    `SELECT deleted, doc FROM documents
     WHERE collection = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [collection, JSON.stringify([...new Set(ids)])],
  );
  return new Map(r.rows.map((row) => [String((row.doc as { id: string }).id), stateOf(row)]));
}

export async function readSetupContext(tx: Queryable): Promise<SetupContext> {
  const [schools, periods, classes, staff, courses, timetables] = await Promise.all([
    readDocs<School>(tx, 'school'),
    readDocs<Period>(tx, 'periods'),
    readDocs<SchoolClass>(tx, 'classes'),
    readDocs<StaffMember>(tx, 'staff'),
    readDocs<Course>(tx, 'courses'),
    readDocs<Timetable>(tx, 'timetables'),
  ]);
  return { school: schools[0] ?? null, periods, classes, staff, courses, timetables };
}

/**
 * Lessons of the classes from a date on (to a date), tombstones included. Only the conditions
 * given enter the SQL (parameterized), so the class-and-date index serves the common case.
 */
export async function readLessons(
  tx: Queryable,
  filter: { classIds?: readonly string[]; from?: string; to?: string; teacherId?: string },
): Promise<StoredLesson[]> {
  const where = [`collection = 'lessons'`];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.classIds) {
    where.push(`doc->>'classId' = ANY(${param([...filter.classIds])}::text[])`);
  }
  if (filter.from !== undefined) where.push(`doc->>'date' >= ${param(filter.from)}`);
  if (filter.to !== undefined) where.push(`doc->>'date' <= ${param(filter.to)}`);
  if (filter.teacherId !== undefined) where.push(`doc->>'teacherId' = ${param(filter.teacherId)}`);
  const r = await tx.query(
    `SELECT deleted, doc FROM documents WHERE ${where.join(' AND ')}`,
    params,
  );
  return r.rows.map((row) => stateOf(row) as unknown as StoredLesson);
}

export function asState(lesson: Lesson | StoredLesson, deleted = false): DocState {
  const { _deleted: _ignored, ...doc } = lesson as StoredLesson;
  return { ...(doc as unknown as Record<string, unknown>), _deleted: deleted };
}

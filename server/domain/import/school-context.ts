// What an import checks rows against: the school's classes, staff, subjects and current students,
// read from the documents table; and the all-or-nothing write of a validated plan.
import type { Db, Queryable } from '../../db/db';
import { WRITE_LOCK_KEY } from '../../sync/engine';
import { COLLECTIONS, type CollectionName } from '../../../shared/collections';
import { fullName } from '../../../shared/common';
import { createClock } from '../../../shared/hlc';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { Stamp, Stamps } from '../../../shared/stamp';
import type { Student } from '../../../shared/student';
import { insertDocuments } from '../load-snapshot';

export interface SchoolContext {
  school: School | null;
  classes: SchoolClass[];
  staff: StaffMember[];
  students: Student[];
  existingIds: Set<string>;
  /** The import's date (birth dates are checked against the grade on it); default today. */
  today?: string;
}

async function docsOf<T>(db: Queryable, collection: CollectionName): Promise<T[]> {
  const r = await db.query('SELECT doc FROM documents WHERE collection = $1 AND NOT deleted', [
    collection,
  ]);
  return r.rows.map((row) => row.doc as T);
}

export async function readSchoolContext(db: Queryable): Promise<SchoolContext> {
  const [schools, classes, staff, students] = await Promise.all([
    docsOf<School>(db, 'school'),
    docsOf<SchoolClass>(db, 'classes'),
    docsOf<StaffMember>(db, 'staff'),
    docsOf<Student>(db, 'students'),
  ]);
  const ids = await db.query('SELECT collection, id FROM documents');
  return {
    school: schools[0] ?? null,
    classes,
    staff,
    students,
    existingIds: new Set(ids.rows.map((r) => `${String(r.collection)}:${String(r.id)}`)),
  };
}

/** "5а", "5 А", "5-А" → "5А". */
export function normalizeClassName(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

export function findClass(ctx: SchoolContext, name: string): SchoolClass | undefined {
  const key = normalizeClassName(name);
  return ctx.classes.find((c) => normalizeClassName(c.name) === key);
}

export function findStaff(ctx: SchoolContext, name: string): StaffMember | undefined {
  const key = name.replace(/\s+/g, ' ').trim().toLowerCase();
  return ctx.staff.find((s) => fullName(s).toLowerCase() === key);
}

/** A fresh id with a readable prefix: the one generator of shared/ids.ts. */
export { newId } from '../../../shared/ids';

/** One stamp for every part an import writes, signed by the import (not by a staff member). */
export function importStamp(): Stamp {
  return { at: createClock('import').tick(), by: 'import' };
}

/** Stamps every field but id/stamps, and every key of the per-key fields. */
export function stampAll(doc: Record<string, unknown>, perKey: string[], stamp: Stamp): Stamps {
  const stamps: Stamps = {};
  for (const [field, value] of Object.entries(doc)) {
    if (field === 'id' || field === 'stamps') continue;
    if (perKey.includes(field) && value && typeof value === 'object') {
      for (const key of Object.keys(value)) stamps[`${field}.${key}`] = stamp;
    } else stamps[field] = stamp;
  }
  return stamps;
}

export interface ImportPlan {
  collection: CollectionName;
  docs: Record<string, unknown>[];
  errors: string[];
}

/** Validates each planned document with its zod schema (errors carry the row), then writes all or nothing. */
export async function applyPlan(db: Db, plan: ImportPlan, dryRun: boolean): Promise<number> {
  if (plan.errors.length > 0 || dryRun) return 0;
  const schema = COLLECTIONS[plan.collection].schema;
  const docs = plan.docs.map((d) => schema.parse(d));
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
    for (let i = 0; i < docs.length; i += 1000) {
      await insertDocuments(tx, plan.collection, docs.slice(i, i + 1000), null);
    }
  });
  return docs.length;
}

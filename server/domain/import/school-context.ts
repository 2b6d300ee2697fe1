// What an import checks rows against: the school's classes, staff, subjects and current students,
// read from the documents table; and the all-or-nothing write of a validated plan through the
// one write path (so desktops that are connected receive the imported documents live).
import type { Queryable } from '../../db/db';
import type { SyncEngine, WriteActor } from '../../sync/engine';
import { COLLECTIONS, type CollectionName } from '../../../shared/collections';
import { fullName } from '../../../shared/common';
import { createClock } from '../../../shared/hlc';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { StaffMember } from '../../../shared/staff';
import type { Stamp, Stamps } from '../../../shared/stamp';
import type { Student } from '../../../shared/student';

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

/**
 * Stamps every field but id/stamps and the collection's identity fields (fixed at creation, never
 * stamped), and every key of the per-key fields.
 */
export function stampAll(
  collection: CollectionName,
  doc: Record<string, unknown>,
  perKey: string[],
  stamp: Stamp,
): Stamps {
  const identity = new Set<string>(COLLECTIONS[collection].identity);
  const stamps: Stamps = {};
  for (const [field, value] of Object.entries(doc)) {
    if (field === 'id' || field === 'stamps' || identity.has(field)) continue;
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

/** The console's imports: no account (the operator at the server). */
const CONSOLE: WriteActor = { accountId: null, deviceId: null };

/**
 * Writes a plan whose rows were all checked (errors carry the row) through the write path, all or
 * nothing in one transaction, audited as `import` (the path validates every document again).
 */
export async function applyPlan(
  engine: SyncEngine,
  plan: ImportPlan,
  dryRun: boolean,
  actor: WriteActor = CONSOLE,
): Promise<number> {
  if (plan.errors.length > 0 || dryRun) return 0;
  const groups = [];
  for (let i = 0; i < plan.docs.length; i += 1000) {
    groups.push({
      collection: plan.collection,
      rows: plan.docs
        .slice(i, i + 1000)
        .map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
    });
  }
  const outcomes = await engine.write(groups, actor, 'import');
  return outcomes.reduce((n, o) => n + o.written.length, 0);
}

// The one read check: what a user may see of a stored document. Pull pages, push answers (a
// conflict answer is a read), live streams and the cell history all pass through it. A scoped
// collection states what a user reads as a grant (classes, courses, single documents), which the
// check applies in JavaScript and the pull in SQL (the documents table's scope columns).
import { createHash } from 'node:crypto';
import type { AuthUser } from '../auth/roles';
import type { CollectionDescriptor, DocState, ScopeGrant } from './collections';

export type { ScopeGrant } from './collections';

/** The document as this user may see it (redacted), or null when they may not read it at all. */
export function visibleTo(
  descriptor: CollectionDescriptor,
  user: AuthUser,
  state: DocState,
): DocState | null {
  if (!descriptor.canRead(user, state)) return null;
  return descriptor.redact ? descriptor.redact(user, state) : state;
}

/**
 * A push answer for a document the user may not read: the state they sent, as a tombstone —
 * exactly what a refused insert of a document that does not exist gets, so the answer tells
 * nothing of the stored document (neither its content nor that it exists).
 */
export function unseenAnswer(sent: DocState): DocState {
  return { ...sent, _deleted: true };
}

/** The checkpoint scope of a user who reads the whole collection. */
export const ALL_SCOPE = 'all';

export function makeGrant(
  parts: { classIds?: Iterable<string>; courseIds?: Iterable<string>; ids?: Iterable<string> },
  redaction: unknown = null,
): ScopeGrant {
  const classIds = [...(parts.classIds ?? [])].sort();
  const courseIds = [...(parts.courseIds ?? [])].sort();
  const ids = [...(parts.ids ?? [])].sort();
  const text = JSON.stringify([classIds, courseIds, ids, redaction]);
  const hash = createHash('sha256').update(text).digest('base64url').slice(0, 22);
  return { hash, classIds, courseIds, ids };
}

/** Is the document inside the grant (null: everything)? The JavaScript form of `grantSql`. */
export function inGrant(grant: ScopeGrant | null, doc: Record<string, unknown>): boolean {
  if (grant === null) return true;
  return (
    (typeof doc.classId === 'string' && grant.classIds.includes(doc.classId)) ||
    (typeof doc.courseId === 'string' && grant.courseIds.includes(doc.courseId)) ||
    (typeof doc.id === 'string' && grant.ids.includes(doc.id))
  );
}

/**
 * The grant as an SQL condition on `documents` (its scope columns `class_id`, `course_id`, filled
 * from the document by the write path, and the id), with parameters numbered from `first`.
 * Empty lists are left out so the planner sees only the indexes that matter.
 */
export function grantSql(
  grant: ScopeGrant | null,
  first: number,
): { sql: string; params: string[][] } {
  if (grant === null) return { sql: 'true', params: [] };
  const terms: string[] = [];
  const params: string[][] = [];
  const add = (column: string, values: readonly string[]) => {
    if (values.length === 0) return;
    params.push([...values]);
    terms.push(`${column} = ANY($${first + params.length - 1}::text[])`);
  };
  add('class_id', grant.classIds);
  add('course_id', grant.courseIds);
  add('id', grant.ids);
  return { sql: terms.length === 0 ? 'false' : `(${terms.join(' OR ')})`, params };
}

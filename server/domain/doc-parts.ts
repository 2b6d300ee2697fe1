// A stored document seen as stamped parts (shared/merge.ts): its stamps, the parts that differ
// between two versions, and the staff id a user signs with.
import type { AuthUser } from '../auth/roles';
import type { DocState } from '../sync/collections';
import { withoutDeleted } from '../sync/doc-state';
import { diffParts, type Stamped } from '../../shared/merge';
import type { Stamp } from '../../shared/stamp';

export type Doc = Stamped & Record<string, unknown>;

/** The staff id a user signs stamps with; an account without one signs as `account:<login>`. */
export function authorOf(user: AuthUser): string {
  return user.staffId ?? `account:${user.login}`;
}

export function asDoc(state: DocState): Doc {
  const doc = withoutDeleted(state) as Doc;
  return { ...doc, stamps: isRecord(doc.stamps) ? doc.stamps : {} };
}

export function stampAt(doc: Doc, path: string): Stamp | undefined {
  return Object.hasOwn(doc.stamps, path) ? doc.stamps[path] : undefined;
}

/** Changed paths; for a new document every stamped part and every identity field. */
export function changedParts(before: DocState | null, after: DocState): string[] {
  const empty: Doc = { stamps: {} };
  return diffParts(before ? asDoc(before) : empty, asDoc(after)).filter(
    (p) => p !== 'id' || before !== null,
  );
}

function isRecord(value: unknown): value is Record<string, Stamp> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

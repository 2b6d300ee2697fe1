// A set-up form's edit as stamped parts: the top-level fields the user changed against the version
// the form opened with (every field of a new document) are written onto the stored document, each
// with the writer's stamp; the other fields keep whatever replication brought meanwhile.
import { jsonEqual } from '../json';
import { setPart, type Stamped } from '../merge';
import type { Stamp } from '../stamp';

export type Unstamped<T> = Omit<T, 'stamps'>;

/** The fields of `next` that differ from `base` (every present one when `base` is null). */
export function changedFields<T extends Stamped>(base: T | null, next: Unstamped<T>): string[] {
  const fields = new Set(Object.keys(next));
  if (base) for (const k of Object.keys(base)) fields.add(k);
  fields.delete('id');
  fields.delete('stamps');
  const b = (base ?? {}) as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  return [...fields]
    .filter((f) => (base === null ? n[f] !== undefined : !jsonEqual(b[f], n[f])))
    .sort();
}

/**
 * The stored document (`current`, null when new) with the fields changed from `base` to `next`
 * written and stamped; `base` null means a new document: every field of `next` is written.
 * `identity` fields (a period's year, kind, scheme and number; a class's year and parallel) are
 * set at creation without a stamp and never written again (the server refuses a change of them).
 */
export function applyChanges<T extends Stamped & { id: string }>(
  current: T | null,
  base: T | null,
  next: Unstamped<T>,
  stamp: Stamp,
  identity: readonly string[] = [],
): T {
  let doc = (current ?? { ...(next as object), stamps: {} }) as T;
  for (const field of changedFields(base, next)) {
    if (identity.includes(field)) continue;
    doc = setPart(doc, field, (next as Record<string, unknown>)[field], stamp);
  }
  return doc;
}

// The audit detail of a write: per changed part, before → after with both stamps; a deletion or
// a restoring appears as the pseudo part `_deleted` (the compromise undo reads it back).
import type { DocState } from '../sync/collections';
import { getPart } from '../../shared/merge';
import { asDoc, changedParts, stampAt } from './doc-parts';

export function auditParts(before: DocState | null, after: DocState): unknown[] | null {
  if (before === null) return null;
  const b = asDoc(before);
  const a = asDoc(after);
  const parts: unknown[] = changedParts(before, after).map((path) => ({
    path,
    before: getPart(b, path) ?? null,
    after: getPart(a, path) ?? null,
    stampBefore: stampAt(b, path) ?? null,
    stamp: stampAt(a, path) ?? null,
  }));
  if (before._deleted !== after._deleted) {
    parts.push({ path: '_deleted', before: before._deleted, after: after._deleted });
  }
  return parts;
}

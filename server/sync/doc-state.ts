// Helpers on replicated document states: normalizing what RxDB sends and comparing documents.
import { wireState } from '../../shared/rxdb-fields';
import type { DocState } from './collections';

/** Structural JSON equality, independent of key order (shared/json.ts). */
export { jsonEqual } from '../../shared/json';

/** Keeps the document fields and a boolean `_deleted`; drops RxDB's internal metadata. */
export function toDocState(value: Record<string, unknown>): DocState {
  return wireState(value);
}

/** The stored part: everything but `_deleted`. */
export function withoutDeleted(state: DocState): Record<string, unknown> {
  const { _deleted: _ignored, ...rest } = state;
  return rest;
}

// Helpers on replicated document states: normalizing what RxDB sends and comparing documents.
import type { DocState } from './collections';

/** RxDB-internal fields that never belong on the server. */
const INTERNAL_FIELDS = new Set(['_meta', '_rev', '_attachments']);

/** Keeps the document fields and a boolean `_deleted`; drops RxDB's internal metadata. */
export function toDocState(value: Record<string, unknown>): DocState {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!INTERNAL_FIELDS.has(key) && key !== '_deleted') out[key] = v;
  }
  return { ...out, _deleted: value._deleted === true };
}

/** The stored part: everything but `_deleted`. */
export function withoutDeleted(state: DocState): Record<string, unknown> {
  const { _deleted: _ignored, ...rest } = state;
  return rest;
}

/**
 * Structural equality for JSON values, independent of key order (jsonb reorders keys).
 * `undefined`-valued keys count as absent, as they do after a JSON round trip.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((item, i) => jsonEqual(item, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const aKeys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bKeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

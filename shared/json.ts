// JSON values compared and written in one canonical form (object keys sorted, `undefined`
// properties dropped): what merge, the conflict handler and the server's write path agree on.

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy with object keys sorted and `undefined` properties dropped (JSON data only). */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    // defineProperty: a plain assignment of "__proto__" would change the prototype instead.
    if (v !== undefined) {
      Object.defineProperty(out, key, {
        value: canonical(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return out;
}

/** The canonical JSON text; `undefined` (absent) is '' and sorts before every JSON text. */
export function canonicalText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(canonical(value));
}

/**
 * Structural equality of JSON values, independent of key order (jsonb reorders keys);
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
  const ao = a as Json;
  const bo = b as Json;
  const aKeys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bKeys = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

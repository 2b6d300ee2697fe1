// Per-part merge of two versions of a document: the newer stamp wins each part, nothing is lost silently.
import { compareHlc } from './hlc';
import { canonical, canonicalText, jsonEqual } from './json';
import type { Stamp, Stamps } from './stamp';

/** Any replicated document: its parts are named by the paths of `stamps` (see stamp.ts). */
export type Stamped = { stamps: Stamps };

/** A value that lost a merge, kept for the audit log and a cell's history. */
export interface SupersededPart {
  path: string;
  /** The losing value; `undefined` when the losing version had removed the part. */
  value: unknown;
  /** The losing version's stamp; `null` if it had none (a value set at creation). */
  stamp: Stamp | null;
}

export interface MergeResult<T> {
  merged: T;
  /** Parts whose values differed, with the loser of each, sorted by path. */
  superseded: SupersededPart[];
  /**
   * Unstamped parts (fixed at creation) whose values differ between the two versions. Both
   * versions must come from one creation, so this is a sign of corruption or a forged push; the
   * merged document takes `a`'s value (or `b`'s where `a` has none).
   */
  identityConflicts: string[];
}

type Json = Record<string, unknown>;

/** "topic" → ["topic"]; "entries.st-0001" → ["entries", "st-0001"]. Keys may contain '.'. */
export function splitPath(path: string): [field: string, key?: string] {
  const dot = path.indexOf('.');
  return dot < 0 ? [path] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** Stamp order: HLC time, then the author so that equal times still give one answer everywhere. */
export function compareStamps(a: Stamp, b: Stamp): -1 | 0 | 1 {
  const byTime = compareHlc(a.at, b.at);
  if (byTime !== 0) return byTime;
  return a.by < b.by ? -1 : a.by > b.by ? 1 : 0;
}

/** The value at a path, or `undefined` when absent. */
export function getPart(doc: Stamped, path: string): unknown {
  const [field, key] = splitPath(path);
  const value = ownValue(doc as unknown as Json, field);
  if (key === undefined) return value;
  return isRecord(value) ? ownValue(value, key) : undefined;
}

/**
 * Writes one part and its stamp, returning a new document (the input is untouched).
 * `value === undefined` removes the part; its stamp stays as a tombstone so the removal wins
 * against older writes when merged.
 */
export function setPart<T extends Stamped>(doc: T, path: string, value: unknown, stamp: Stamp): T {
  const [field, key] = splitPath(path);
  if (field === '' || field === 'stamps' || key === '') {
    throw new Error(`Cannot stamp path ${JSON.stringify(path)}`);
  }
  const out: Json = { ...(doc as unknown as Json) };
  if (key === undefined) {
    if (value === undefined) delete out[field];
    else define(out, field, value);
  } else {
    const current = ownValue(out, field);
    const record: Json = isRecord(current) ? { ...current } : {};
    if (value === undefined) delete record[key];
    else define(record, key, value);
    define(out, field, record);
  }
  const stamps: Stamps = { ...doc.stamps };
  define(stamps, path, { at: stamp.at, by: stamp.by });
  out.stamps = stamps;
  return out as unknown as T;
}

/**
 * Paths that differ between two versions, sorted: stamped parts whose value or stamp changed,
 * and unstamped parts (identity) whose value changed. The server checks the author's rights per
 * path; a returned path with no stamp in `after` is an identity change and is never allowed.
 */
export function diffParts<T extends Stamped>(before: T, after: T): string[] {
  const { stamped, identity } = partsOf(before, after);
  const changed: string[] = [];
  for (const path of stamped) {
    const sb = ownValue(before.stamps, path) as Stamp | undefined;
    const sa = ownValue(after.stamps, path) as Stamp | undefined;
    const stampChanged =
      sb === undefined || sa === undefined ? sb !== sa : compareStamps(sb, sa) !== 0;
    if (stampChanged || !jsonEqual(getPart(before, path), getPart(after, path))) {
      changed.push(path);
    }
  }
  for (const path of identity) {
    if (!jsonEqual(getPart(before, path), getPart(after, path))) changed.push(path);
  }
  return changed.sort();
}

/**
 * Merges two versions part by part. Commutative, associative and idempotent: the output is in
 * canonical form (object keys sorted, `undefined` properties dropped), so merge(a, b) and
 * merge(b, a) are equal down to their JSON text.
 */
export function mergeDocuments<T extends Stamped>(a: T, b: T): MergeResult<T> {
  const docA = a as unknown as Json;
  const docB = b as unknown as Json;
  const { stamped, identity, keyedFields } = partsOf(a, b);

  const out: Json = {};
  const stamps: Stamps = {};
  const superseded: SupersededPart[] = [];
  const identityConflicts: string[] = [];

  // Identity first: top-level unstamped fields, and unstamped keys of per-key stamped records.
  for (const path of identity) {
    const va = getPart(a, path);
    const vb = getPart(b, path);
    if (!jsonEqual(va, vb)) identityConflicts.push(path);
    const value = va !== undefined ? va : vb;
    const [field, key] = splitPath(path);
    if (key === undefined) {
      if (value !== undefined) define(out, field, value);
    } else if (value !== undefined) {
      define(recordIn(out, field), key, value);
    }
  }
  // A per-key stamped record exists in the result if either version has it, even when empty.
  for (const field of keyedFields) {
    if (isRecord(ownValue(docA, field)) || isRecord(ownValue(docB, field))) recordIn(out, field);
  }

  // Whole-field paths before per-key paths, so a key stamp refines a field stamp.
  const ordered = [...stamped].sort((x, y) => {
    const dx = splitPath(x)[1] === undefined ? 0 : 1;
    const dy = splitPath(y)[1] === undefined ? 0 : 1;
    return dx - dy || (x < y ? -1 : x > y ? 1 : 0);
  });
  for (const path of ordered) {
    const sa = ownValue(a.stamps, path) as Stamp | undefined;
    const sb = ownValue(b.stamps, path) as Stamp | undefined;
    const va = getPart(a, path);
    const vb = getPart(b, path);
    const aWins = firstWins(sa, va, sb, vb);
    const [winStamp, winValue, loseStamp, loseValue] = aWins ? [sa, va, sb, vb] : [sb, vb, sa, va];
    if (winStamp !== undefined) define(stamps, path, { at: winStamp.at, by: winStamp.by });
    if (!jsonEqual(winValue, loseValue) && (loseValue !== undefined || loseStamp !== undefined)) {
      superseded.push({
        path,
        value: canonical(loseValue),
        stamp: loseStamp ? { at: loseStamp.at, by: loseStamp.by } : null,
      });
    }
    const [field, key] = splitPath(path);
    if (key === undefined) {
      if (winValue === undefined) delete out[field];
      // A copy: key stamps of the same field may refine it below, and inputs must stay untouched.
      else define(out, field, canonical(winValue));
    } else {
      const record = recordIn(out, field);
      if (winValue === undefined) delete record[key];
      else define(record, key, winValue);
    }
  }

  define(out, 'stamps', stamps);
  superseded.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  identityConflicts.sort();
  return { merged: canonical(out) as T, superseded, identityConflicts };
}

/**
 * Does version a win this part? Newer stamp wins; a stamped part beats an unstamped one. Equal
 * stamps with different values mean a broken writer; the canonical text decides, so every
 * replica still picks the same one.
 */
function firstWins(
  sa: Stamp | undefined,
  va: unknown,
  sb: Stamp | undefined,
  vb: unknown,
): boolean {
  if (sa === undefined) return false;
  if (sb === undefined) return true;
  const order = compareStamps(sa, sb);
  if (order !== 0) return order > 0;
  return canonicalText(va) >= canonicalText(vb);
}

/**
 * Splits the parts of two versions into stamped paths (union of both versions' stamps) and
 * identity paths: top-level fields no stamp touches, and record keys with no key stamp inside a
 * field that is stamped per key only.
 */
function partsOf(
  a: Stamped,
  b: Stamped,
): { stamped: string[]; identity: string[]; wholeFields: Set<string>; keyedFields: Set<string> } {
  const stamped = [...new Set([...Object.keys(a.stamps), ...Object.keys(b.stamps)])].sort();
  const wholeFields = new Set<string>();
  const keyedFields = new Set<string>();
  for (const path of stamped) {
    const [field, key] = splitPath(path);
    (key === undefined ? wholeFields : keyedFields).add(field);
  }
  const stampedSet = new Set(stamped);
  const docA = a as unknown as Json;
  const docB = b as unknown as Json;
  const identity: string[] = [];
  for (const field of unionKeys(docA, docB)) {
    if (field === 'stamps' || wholeFields.has(field)) continue;
    if (!keyedFields.has(field)) {
      identity.push(field);
      continue;
    }
    for (const key of unionKeys(recordOrEmpty(docA[field]), recordOrEmpty(docB[field]))) {
      const path = `${field}.${key}`;
      if (!stampedSet.has(path)) identity.push(path);
    }
  }
  return { stamped, identity: identity.sort(), wholeFields, keyedFields };
}

function unionKeys(x: Json, y: Json): string[] {
  return [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOrEmpty(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function ownValue(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Json)[key] : undefined;
}

/** Plain assignment of "__proto__" would change the prototype instead; ids may be any string. */
function define(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The record at `field` of a result under construction, created on first use. */
function recordIn(out: Json, field: string): Json {
  const current = ownValue(out, field);
  if (isRecord(current)) return current;
  const record: Json = {};
  define(out, field, record);
  return record;
}

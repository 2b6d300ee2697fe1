// The documents table and its audit log, written only from here: read the masters of a batch,
// store accepted states with the next seqs and their audit rows (one statement per few hundred
// documents), and record pushed values that lost every merge. Call inside a write transaction.
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { DocState, WriteActor } from './collections';

export type { WriteActor } from './collections';

/** One accepted state to store, with its audit detail. */
export interface StoreEntry {
  id: string;
  before: DocState | null;
  after: DocState;
  parts: unknown[] | null;
  superseded: unknown[];
}

/** Documents per statement: one JSON parameter each, so a few MB at most. */
const ENTRIES_PER_STATEMENT = 500;

export async function readMasters(
  tx: Queryable,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, DocState>> {
  const map = new Map<string, DocState>();
  if (ids.length === 0) return map;
  const result = await tx.query(
    `SELECT id, deleted, doc FROM documents
     WHERE collection = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [collection, JSON.stringify([...new Set(ids)])],
  );
  for (const row of result.rows) {
    map.set(String(row.id), {
      ...(row.doc as Record<string, unknown>),
      _deleted: row.deleted === true,
    });
  }
  return map;
}

/**
 * Stores states (distinct ids) with the next seqs, each with its audit row of `auditKind`, and
 * returns the seq of each id. Hold the write lock (seq order = commit order, docs/SYNC.md).
 */
export async function storeStates(
  tx: Queryable,
  collection: string,
  entries: readonly StoreEntry[],
  actor: WriteActor,
  auditKind: string,
): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (let i = 0; i < entries.length; i += ENTRIES_PER_STATEMENT) {
    // Absent keys read as SQL NULL: a new document sends neither `before` nor `parts`.
    const chunk = entries.slice(i, i + ENTRIES_PER_STATEMENT).map((e) => ({
      id: e.id,
      deleted: e.after._deleted,
      after: e.after,
      ...(e.before === null ? {} : { before: e.before }),
      ...(e.parts === null ? {} : { parts: e.parts }),
      ...(e.superseded.length === 0 ? {} : { superseded: e.superseded }),
    }));
    const result = await tx.query(
      `WITH input AS (
         SELECT e, n FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n)
       ), stored AS (
         INSERT INTO documents (collection, id, seq, deleted, doc, updated_by, updated_device, updated_at)
         SELECT $1, e->>'id', nextval('document_seq'), (e->>'deleted')::boolean,
                (e->'after') - '_deleted', $3, $4, now()
         FROM (SELECT e FROM input ORDER BY n) AS ordered
         ON CONFLICT (collection, id) DO UPDATE SET
           seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc,
           updated_by = EXCLUDED.updated_by, updated_device = EXCLUDED.updated_device,
           updated_at = EXCLUDED.updated_at
         RETURNING id, seq
       ), audited AS (
         INSERT INTO audit_log (collection, doc_id, seq, account_id, device_id, before, after, parts, superseded, kind)
         SELECT $1, s.id, s.seq, $3, $4, NULLIF(i.e->'before', 'null'::jsonb), i.e->'after',
                NULLIF(i.e->'parts', 'null'::jsonb), NULLIF(i.e->'superseded', 'null'::jsonb), $5
         FROM stored s JOIN input i ON i.e->>'id' = s.id
         ORDER BY s.seq
       )
       SELECT id, seq FROM stored`,
      [collection, JSON.stringify(chunk), actor.accountId, actor.deviceId, auditKind],
    );
    for (const row of result.rows) seqs.set(String(row.id), toNumber(row.seq));
  }
  return seqs;
}

/** An audit row without a write: a pushed version whose every changed part lost the merge. */
export async function recordSuperseded(
  tx: Queryable,
  collection: string,
  id: string,
  master: DocState,
  superseded: unknown[],
  actor: WriteActor,
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (collection, doc_id, seq, account_id, device_id, before, after, kind, superseded)
     VALUES ($1, $2, NULL, $3, $4, $5::jsonb, $5::jsonb, 'superseded', $6::jsonb)`,
    [
      collection,
      id,
      actor.accountId,
      actor.deviceId,
      JSON.stringify(master),
      JSON.stringify(superseded),
    ],
  );
}

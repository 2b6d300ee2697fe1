// Loads a whole school (a snapshot: the demo school or an export) into an empty documents table in
// batches: one INSERT per batch of documents, one transaction per few thousand rows, each document
// with its `import` row in the audit log.
import type { Db, Queryable } from '../db/db';
import { WRITE_LOCK_KEY } from '../sync/engine';
import { snapshotDocuments, type Snapshot } from '../../shared/snapshot';

export interface LoadResult {
  documents: number;
  ms: number;
  byCollection: Record<string, number>;
}

const ROWS_PER_STATEMENT = 1000;
const ROWS_PER_TRANSACTION = 5000;

/**
 * Inserts new documents of one collection in ONE statement (their seqs in input order), each with
 * an `import` row in the audit log. Call inside a transaction holding the write lock.
 */
export async function insertDocuments(
  tx: Queryable,
  collection: string,
  docs: readonly unknown[],
  accountId: string | null,
): Promise<void> {
  await tx.query(
    `WITH input AS (
       SELECT d, n FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(d, n)
     ), stored AS (
       INSERT INTO documents (collection, id, seq, deleted, doc, updated_by, updated_at)
       SELECT $1, d->>'id', nextval('document_seq'), false, d, $3, now()
       FROM (SELECT d FROM input ORDER BY n) AS ordered
       RETURNING collection, id, seq, doc
     )
     INSERT INTO audit_log (collection, doc_id, seq, account_id, before, after, kind)
     SELECT collection, id, seq, $3, NULL, doc || '{"_deleted": false}'::jsonb, 'import'
     FROM stored`,
    [collection, JSON.stringify(docs), accountId],
  );
}

/** True when no document has been stored yet. */
export async function isEmptySchool(db: Db): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM documents LIMIT 1');
  return result.rows.length === 0;
}

export async function loadSnapshot(
  db: Db,
  snapshot: Snapshot,
  accountId: string | null = null,
): Promise<LoadResult> {
  const started = performance.now();
  const byCollection: Record<string, number> = {};
  const batches: { collection: string; docs: unknown[] }[] = [];
  for (const [collection, docs] of snapshotDocuments(snapshot)) {
    byCollection[collection] = docs.length;
    for (let i = 0; i < docs.length; i += ROWS_PER_STATEMENT) {
      batches.push({ collection, docs: docs.slice(i, i + ROWS_PER_STATEMENT) });
    }
  }
  let index = 0;
  while (index < batches.length) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
      let rows = 0;
      while (index < batches.length && rows < ROWS_PER_TRANSACTION) {
        const batch = batches[index]!;
        await insertDocuments(tx, batch.collection, batch.docs, accountId);
        rows += batch.docs.length;
        index += 1;
      }
    });
  }
  const documents = Object.values(byCollection).reduce((a, b) => a + b, 0);
  return { documents, ms: Math.round(performance.now() - started), byCollection };
}

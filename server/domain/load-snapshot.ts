// Loads a whole school (a snapshot: the demo school or an export) through the one write path, in
// transactions of a few thousand documents: each document validated like any write and stored
// with its `import` audit row, and sent to the live streams after each commit.
import type { Db } from '../db/db';
import type { SyncEngine, WriteActor, WriteGroup } from '../sync/engine';
import { snapshotDocuments, type Snapshot } from '../../shared/snapshot';

export interface LoadResult {
  documents: number;
  ms: number;
  byCollection: Record<string, number>;
}

const ROWS_PER_GROUP = 1000;
const ROWS_PER_TRANSACTION = 5000;

/** The server itself (a demo load, `--demo`): no account. */
export const SERVER_ACTOR: WriteActor = { accountId: null, deviceId: null };

/** True when no document has been stored yet. */
export async function isEmptySchool(db: Db): Promise<boolean> {
  const result = await db.query('SELECT 1 FROM documents LIMIT 1');
  return result.rows.length === 0;
}

export async function loadSnapshot(
  engine: SyncEngine,
  snapshot: Snapshot,
  actor: WriteActor = SERVER_ACTOR,
): Promise<LoadResult> {
  const started = performance.now();
  const byCollection: Record<string, number> = {};
  const groups: WriteGroup[] = [];
  for (const [collection, docs] of snapshotDocuments(snapshot)) {
    byCollection[collection] = docs.length;
    for (let i = 0; i < docs.length; i += ROWS_PER_GROUP) {
      const rows = docs.slice(i, i + ROWS_PER_GROUP).map((doc) => ({
        newDocumentState: { ...(doc as Record<string, unknown>), _deleted: false },
      }));
      groups.push({ collection, rows });
    }
  }
  let index = 0;
  while (index < groups.length) {
    const batch: WriteGroup[] = [];
    let rows = 0;
    while (index < groups.length && rows < ROWS_PER_TRANSACTION) {
      batch.push(groups[index]!);
      rows += groups[index]!.rows.length;
      index += 1;
    }
    await engine.write(batch, actor, 'snapshot');
  }
  const documents = Object.values(byCollection).reduce((a, b) => a + b, 0);
  return { documents, ms: Math.round(performance.now() - started), byCollection };
}

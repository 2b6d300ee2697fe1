// A desktop in tests: a Node RxDB database (memory storage) with the journal's lessons collection,
// the per-part merge conflict handler (the same merge as the server's) and live replication.
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { DocState } from '../../../server/sync/collections';
import { jsonEqual, toDocState } from '../../../server/sync/doc-state';
import { mergeDocuments, type Stamped } from '../../../shared/merge';
import { toRxSchema } from '../../../shared/rx-schema';
import { replicateJournal } from './rxdb-client';

/** The desktop's conflict handler: per-part merge, the same function as the server's. */
export const mergeConflicts = {
  isEqual: (a: unknown, b: unknown) =>
    jsonEqual(toDocState(a as Record<string, unknown>), toDocState(b as Record<string, unknown>)),
  resolve: async (input: { realMasterState: unknown; newDocumentState: unknown }) => {
    const master = toDocState(input.realMasterState as Record<string, unknown>);
    const mine = toDocState(input.newDocumentState as Record<string, unknown>);
    const { merged } = mergeDocuments(master as unknown as Stamped, mine as unknown as Stamped);
    return { ...(merged as object), _deleted: master._deleted } as never;
  },
};

export interface Desktop {
  db: RxDatabase;
  lessons: RxCollection;
  replication: RxReplicationState<Record<string, unknown>, { seq: number }> | null;
  /** Starts (or restarts) live replication with the server. */
  connect(
    baseUrl: string,
    token: string,
  ): RxReplicationState<Record<string, unknown>, { seq: number }>;
  /** The local state of a lesson as the server would send it (null when absent). */
  lesson(id: string): Promise<DocState | null>;
  close(): Promise<void>;
}

let counter = 0;

export async function openDesktop(name: string): Promise<Desktop> {
  counter += 1;
  const db = await createRxDatabase({
    name: `desktop-${name}-${counter}-${Date.now()}`,
    storage: getRxStorageMemory(),
  });
  const { lessons } = await db.addCollections({
    lessons: { schema: toRxSchema('lessons') as never, conflictHandler: mergeConflicts as never },
  });
  const desktop: Desktop = {
    db,
    lessons: lessons!,
    replication: null,
    connect(baseUrl, token) {
      desktop.replication = replicateJournal({
        baseUrl,
        token,
        collection: lessons!,
        batchSize: 500,
      });
      return desktop.replication;
    },
    async lesson(id) {
      const doc = await lessons!.findOne(id).exec();
      return doc ? toDocState(doc.toJSON(true) as Record<string, unknown>) : null;
    },
    async close() {
      await desktop.replication?.cancel();
      await db.remove();
    },
  };
  return desktop;
}

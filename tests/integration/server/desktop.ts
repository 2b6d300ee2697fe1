// A desktop in tests: a Node RxDB database (memory storage) with the journal's lessons collection,
// the per-part merge conflict handler (the same merge as the server's) and live replication.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { DocState } from '../../../server/sync/collections';
import { jsonEqual, toDocState } from '../../../server/sync/doc-state';
import { mergeDocuments, type Stamped } from '../../../shared/merge';
import type { CollectionName } from '../../../shared/collections';
import { toRxSchema } from '../../../shared/rx-schema';
import { MIGRATION_STRATEGIES } from '../../../renderer/db/migrations';
import { replicateJournal } from './rxdb-client';

// Collections of a schema version above 0 open only with the migration plugin, as in the app.
addRxPlugin(RxDBMigrationSchemaPlugin);

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

type Replication = RxReplicationState<Record<string, unknown>, { seq: number }>;

export interface Desktop {
  db: RxDatabase;
  collections: Record<string, RxCollection>;
  replications: Replication[];
  /**
   * Starts live replication of every collection (RxDB resumes from the checkpoint it stored, if
   * any) and waits for the initial pull and push.
   */
  connect(baseUrl: string, token: string): Promise<void>;
  /** Stops replicating (the desktop goes offline); local data and checkpoints stay. */
  disconnect(): Promise<void>;
  /** The local state of a document as the server would send it (null when absent). */
  doc(collection: string, id: string): Promise<DocState | null>;
  lesson(id: string): Promise<DocState | null>;
  close(): Promise<void>;
}

let counter = 0;

export async function openDesktop(
  name: string,
  names: readonly CollectionName[] = ['lessons'],
): Promise<Desktop> {
  counter += 1;
  const db = await createRxDatabase({
    name: `desktop-${name}-${counter}-${Date.now()}`,
    storage: getRxStorageMemory(),
  });
  const collections = await db.addCollections(
    Object.fromEntries(
      names.map((n) => [
        n,
        {
          schema: toRxSchema(n) as never,
          migrationStrategies: MIGRATION_STRATEGIES[n],
          conflictHandler: mergeConflicts as never,
        },
      ]),
    ),
  );
  const desktop: Desktop = {
    db,
    collections,
    replications: [],
    async connect(baseUrl, token) {
      desktop.replications = names.map((n) =>
        replicateJournal({ baseUrl, token, collection: collections[n]!, batchSize: 500 }),
      );
      await Promise.all(desktop.replications.map((r) => r.awaitInitialReplication()));
    },
    async disconnect() {
      await Promise.all(desktop.replications.map((r) => r.cancel()));
      desktop.replications = [];
    },
    async doc(collection, id) {
      const doc = await collections[collection]?.findOne(id).exec();
      return doc ? toDocState(doc.toJSON(true) as Record<string, unknown>) : null;
    },
    lesson: (id) => desktop.doc('lessons', id),
    async close() {
      await desktop.disconnect();
      await db.remove();
    },
  };
  return desktop;
}

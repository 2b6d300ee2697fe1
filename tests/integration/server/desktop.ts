// A desktop in tests: a Node RxDB database (memory storage) with the app's collection schemas and
// migrations, the device clock (renderer/db/device.ts) and the shipped replication (renderer/sync):
// one replication per collection over one multiplexed live stream, wired as sync-client.ts does.
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { filter, map, share } from 'rxjs';
import type { DocState } from '../../../server/sync/collections';
import { toDocState } from '../../../server/sync/doc-state';
import type { CollectionName } from '../../../shared/collections';
import type { Clock } from '../../../shared/hlc';
import { toRxSchema } from '../../../shared/rx-schema';
import { followsServer, openDeviceClock, type DeviceClock } from '../../../renderer/db/device';
import { MIGRATION_STRATEGIES } from '../../../renderer/db/migrations';
import type { JournalDatabase } from '../../../renderer/db/types';
import type { SyncError } from '../../../renderer/sync/api';
import { multiplexedStream } from '../../../renderer/sync/event-stream';
import { PendingChanges } from '../../../renderer/sync/pending-changes';
import {
  startCollectionReplication,
  type Checkpoint,
  type CollectionReplication,
  type ReplicationHooks,
} from '../../../renderer/sync/replication';

// Collections of a schema version above 0 open only with the migration plugin, as in the app; the
// device clock lives in a local document, as in the app.
addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

export interface DesktopOptions {
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Called after the server acknowledged a push (HTTP 200), with the rows and its answer. */
  onPushed?: ReplicationHooks['onPushed'];
  /** The longest backoff of the replication and the live stream (the app's: 30 s). */
  maxRetryMs?: number;
}

export interface Desktop {
  db: RxDatabase;
  collections: Record<string, RxCollection>;
  replications: CollectionReplication[];
  /** The device clock the replication advances past every received stamp. */
  clock: DeviceClock;
  /** Local changes not yet accepted by the server (the header's «не отправлено»). */
  pending: PendingChanges;
  /** Ids of pushed documents the server refused, in the order the replication reported them. */
  refused: string[];
  /** The last 401/426 that stopped the replication, if any. */
  fatal: SyncError | null;
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

/** Hooks that keep nothing (a replication outside a desktop: RxDB's own suite). */
export const SILENT_HOOKS: ReplicationHooks = {
  onReachability: () => undefined,
  onError: () => undefined,
  onFatal: () => undefined,
  onReceived: () => undefined,
  onRefused: () => undefined,
};

/** The shipped replication of one collection, live over its own stream (RxDB's suite, one-offs). */
export function replicateCollection(options: {
  serverUrl: string;
  token: string;
  collection: RxCollection;
  clock: Clock;
  live?: boolean;
}): CollectionReplication {
  const name = options.collection.name;
  const stream$ =
    options.live === false
      ? undefined
      : multiplexedStream<Record<string, unknown>, Checkpoint>({
          url: `${options.serverUrl}/api/v1/sync/stream?collections=${encodeURIComponent(name)}`,
          token: options.token,
          onFatal: () => undefined,
        }).pipe(map((event) => event.item));
  return startCollectionReplication({
    serverUrl: options.serverUrl,
    token: options.token,
    collection: options.collection,
    primaryKey: options.collection.schema.primaryPath as string,
    clock: options.clock,
    pending: new PendingChanges(),
    hooks: SILENT_HOOKS,
    ...(stream$ ? { stream$ } : {}),
  });
}

let counter = 0;

export async function openDesktop(
  name: string,
  names: readonly CollectionName[] = ['lessons'],
  options: DesktopOptions = {},
): Promise<Desktop> {
  counter += 1;
  const db = await createRxDatabase({
    name: `desktop-${name}-${counter}-${Date.now()}`,
    storage: getRxStorageMemory(),
    localDocuments: true,
  });
  const collections = await db.addCollections(
    Object.fromEntries(
      names.map((n) => [
        n,
        { schema: toRxSchema(n) as never, migrationStrategies: MIGRATION_STRATEGIES[n] },
      ]),
    ),
  );
  const clock = await openDeviceClock(db as unknown as JournalDatabase);
  const pending = new PendingChanges();
  const desktop: Desktop = {
    db,
    collections,
    replications: [],
    clock,
    pending,
    refused: [],
    fatal: null,
    async connect(baseUrl, token) {
      // Every collection live over ONE connection, as the app (sync-client.ts).
      const live$ = multiplexedStream<Record<string, unknown>, Checkpoint>({
        url: `${baseUrl}/api/v1/sync/stream?collections=${names.map(encodeURIComponent).join(',')}`,
        token,
        onFatal: (error) => (desktop.fatal = error),
        ...(options.maxRetryMs ? { maxRetryMs: options.maxRetryMs } : {}),
      }).pipe(share());
      const hooks: ReplicationHooks = {
        ...SILENT_HOOKS,
        onFatal: (error) => (desktop.fatal = error),
        onRefused: (_collection, ids) => desktop.refused.push(...ids),
        onClockSkew: (skewMs) => {
          if (followsServer(clock)) clock.followServer(skewMs);
        },
        ...(options.onPushed ? { onPushed: options.onPushed } : {}),
      };
      desktop.replications = names.map((n) =>
        startCollectionReplication({
          serverUrl: baseUrl,
          token,
          collection: collections[n]!,
          primaryKey: collections[n]!.schema.primaryPath as string,
          clock,
          pending,
          hooks,
          stream$: live$.pipe(
            filter((event) => event.collection === null || event.collection === n),
            map((event) => event.item),
          ),
          pullBatchSize: options.pullBatchSize ?? 500,
          ...(options.pushBatchSize ? { pushBatchSize: options.pushBatchSize } : {}),
          ...(options.maxRetryMs ? { maxRetryMs: options.maxRetryMs } : {}),
        }),
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

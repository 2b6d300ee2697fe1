// One RxDB replication of one collection with the school server (docs/SYNC.md): checkpointed pull,
// batched push, the live stream as pull.stream$, the per-part merge conflict handler, backoff on
// errors, the device clock advanced past every received stamp, and pending-change bookkeeping.
import type {
  RxCollection,
  RxReplicationPullStreamItem,
  RxReplicationWriteToMasterRow,
} from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { filter, map, type Observable } from 'rxjs';
import type { Clock } from '../../shared/hlc';
import {
  PullPageSchema,
  PushAnswerSchema,
  type Checkpoint,
  type PullPage,
} from '../../shared/sync-wire';
import { apiRequest, SyncError } from './api';
import { answerContains, createConflictHandler, docStateText, newestStamp } from './conflict';
import { changedStampParts, type PendingChanges } from './pending-changes';

type Doc = Record<string, unknown>;
export type { Checkpoint };
export type CollectionReplication = RxReplicationState<Doc, Checkpoint>;

export interface ReplicationHooks {
  /** A request reached the server (true) or failed to (false). */
  onReachability(connected: boolean): void;
  /** A transient server error (Russian), or null once a request succeeded. */
  onError(message: string | null): void;
  /** 401 / 426: stop everything. */
  onFatal(error: SyncError): void;
  onReceived(collection: string, count: number): void;
  /** Some pushed rows were refused by the server (closed period, no rights…). */
  onRefused(collection: string, ids: readonly string[]): void;
  /** This computer's clock minus the server's (ms), from an answer's X-Server-Time. */
  onClockSkew?(skewMs: number): void;
  /** The server answered a push (HTTP 200): the rows sent and its answer (tests record edits). */
  onPushed?(
    collection: string,
    rows: readonly RxReplicationWriteToMasterRow<Doc>[],
    answer: readonly Doc[],
  ): void;
}

export interface ReplicationOptions {
  serverUrl: string;
  token: string;
  collection: RxCollection;
  primaryKey: string;
  clock: Clock;
  pending: PendingChanges;
  hooks: ReplicationHooks;
  /**
   * This collection's share of the live stream (the client's one multiplexed connection); absent:
   * the caller polls with reSync().
   */
  stream$?: Observable<RxReplicationPullStreamItem<Doc, Checkpoint>>;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** The longest wait between retries after errors (the wait doubles from 1 s); default 30 s. */
  maxRetryMs?: number;
  /**
   * Where a first sync starts when this replication has stored no checkpoint yet (RxDB's
   * `pull.initialCheckpoint` / `push.initialCheckpoint`): after a snapshot download
   * (snapshot-download.ts), pull from the snapshot's server checkpoint and push only local writes
   * made after its documents were stored. Ignored once RxDB has its own checkpoints.
   */
  initialCheckpoint?: { pull?: Checkpoint; push?: ForkCheckpoint };
}

/** A position in the local collection's own change order (RxDB's default storage checkpoint). */
export interface ForkCheckpoint {
  id: string;
  lwt: number;
}

/** RxDB's replicationIdentifier of one collection's replication with one server. */
export function replicationIdentifier(serverUrl: string, collection: string): string {
  return `journal:${serverUrl}:${collection}`;
}

/**
 * The identifier RxDB's replication protocol flags its writes with (`_meta.o.hash`): the
 * database's hash of 'rxdbreplication' + the replicationIdentifier.
 */
export function replicationIdentifierHash(
  collection: RxCollection,
  serverUrl: string,
): Promise<string> {
  return collection.database.hashFunction(
    'rxdbreplication' + replicationIdentifier(serverUrl, collection.name),
  );
}

const MIN_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** Context of RxDB's own writes (pulled documents, resolved conflicts): not local edits. */
function isReplicationWrite(context: string): boolean {
  return context.startsWith('replication-');
}

export function startCollectionReplication(options: ReplicationOptions): CollectionReplication {
  const { collection, hooks, clock, pending } = options;
  const name = collection.name;
  const base = `/api/v1/sync/${encodeURIComponent(name)}`;
  const refused = new Map<string, string>();
  collection.conflictHandler = createConflictHandler(options.primaryKey, refused) as never;

  // Handlers run only after replicateRxCollection returned, so they may use `state`.
  const succeeded = () => {
    state.retryTime = MIN_RETRY_MS;
    hooks.onReachability(true);
    hooks.onError(null);
  };
  const failed = (error: unknown): never => {
    state.retryTime = Math.min(
      (state.retryTime ?? MIN_RETRY_MS) * 2,
      options.maxRetryMs ?? MAX_RETRY_MS,
    );
    if (error instanceof SyncError) {
      if (error.kind === 'unauthorized' || error.kind === 'upgrade') hooks.onFatal(error);
      else if (error.kind === 'offline') hooks.onReachability(false);
      else hooks.onError(error.message);
    }
    throw error;
  };
  const receive = (docs: readonly Doc[]) => {
    if (docs.length === 0) return;
    hooks.onReceived(name, docs.length);
    const newest = newestStamp(docs);
    if (newest) {
      try {
        clock.receive(newest);
      } catch (error) {
        // A stamp far in the future (a broken PC clock elsewhere) must not drag ours along.
        console.warn('clock not advanced', error);
      }
    }
  };

  const stream$ = options.stream$?.pipe(
    map((item) => {
      if (item !== 'RESYNC') receive(item.documents);
      return item;
    }),
  );

  type Page = PullPage;
  let prefetched: { key: string; batchSize: number; page: Promise<Page> } | null = null;
  const pullPage = (checkpoint: Checkpoint | undefined, batchSize: number): Promise<Page> => {
    const ahead = prefetched;
    prefetched = null;
    if (
      ahead &&
      ahead.batchSize === batchSize &&
      ahead.key === JSON.stringify(checkpoint ?? null)
    ) {
      return ahead.page;
    }
    const query = new URLSearchParams({
      checkpoint: checkpoint ? JSON.stringify(checkpoint) : '',
      limit: String(batchSize),
    });
    return apiRequest(options.serverUrl, `${base}/pull?${query}`, {
      answer: PullPageSchema,
      token: options.token,
      onClockSkew: (skew) => hooks.onClockSkew?.(skew),
    });
  };

  const state: CollectionReplication = replicateRxCollection<Doc, Checkpoint>({
    collection: collection as RxCollection<Doc>,
    replicationIdentifier: replicationIdentifier(options.serverUrl, name),
    live: true,
    retryTime: MIN_RETRY_MS,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: options.pullBatchSize ?? 1000,
      ...(options.initialCheckpoint?.pull
        ? { initialCheckpoint: options.initialCheckpoint.pull }
        : {}),
      handler: async (checkpoint, batchSize) => {
        try {
          const page = await pullPage(checkpoint, batchSize);
          succeeded();
          receive(page.documents);
          // A full page means more is waiting: fetch the next page while RxDB writes this one.
          if (page.documents.length >= batchSize) {
            const key = JSON.stringify(page.checkpoint);
            const next = pullPage(page.checkpoint, batchSize);
            next.catch(() => undefined);
            prefetched = { key, batchSize, page: next };
          }
          return page as never;
        } catch (error) {
          return failed(error);
        }
      },
      ...(stream$ ? { stream$ } : {}),
    },
    push: {
      batchSize: options.pushBatchSize ?? 100,
      ...(options.initialCheckpoint?.push
        ? { initialCheckpoint: options.initialCheckpoint.push }
        : {}),
      handler: async (rows: RxReplicationWriteToMasterRow<Doc>[]) => {
        const ids = rows.map((r) => String(r.newDocumentState[options.primaryKey]));
        const snapshot = pending.beginPush(name, ids);
        let answer: Doc[];
        try {
          answer = await apiRequest(options.serverUrl, `${base}/push`, {
            answer: PushAnswerSchema,
            token: options.token,
            method: 'POST',
            body: rows,
            onClockSkew: (skew) => hooks.onClockSkew?.(skew),
          });
        } catch (error) {
          return failed(error);
        }
        succeeded();
        hooks.onPushed?.(name, rows, answer);
        const pushed = new Map(rows.map((r, i) => [ids[i], r.newDocumentState as Doc]));
        const refusedIds: string[] = [];
        for (const doc of answer) {
          const id = String(doc[options.primaryKey]);
          const mine = pushed.get(id);
          if (mine && !answerContains(doc, mine)) {
            refused.set(id, docStateText(doc));
            refusedIds.push(id);
          }
        }
        pending.acknowledge(name, snapshot);
        if (refusedIds.length > 0) hooks.onRefused(name, refusedIds);
        return answer as never;
      },
    },
  });

  // Local edits (not the replication's own writes) are pending until a push carries them.
  const localWrites = collection.storageInstance
    .changeStream()
    .pipe(filter((bulk) => !isReplicationWrite(bulk.context)))
    .subscribe((bulk) =>
      pending.noteWrite(
        name,
        bulk.events.map((e) => e.documentId),
        new Map(
          bulk.events.map((e) => [
            e.documentId,
            changedStampParts(e.previousDocumentData, e.documentData),
          ]),
        ),
      ),
    );
  state.onCancel.push(() => localWrites.unsubscribe());
  return state;
}

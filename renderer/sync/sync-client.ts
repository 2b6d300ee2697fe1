// The desktop's sync with the school server: one replication per collection (a collection never
// synced first comes as a snapshot, snapshot-download.ts), the status the header shows, network
// changes, refused changes, and a stop on 401/426 that keeps local data.
import type { z } from 'zod';
import { BehaviorSubject, filter, map, share, Subject } from 'rxjs';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/collections';
import type { Clock } from '../../shared/hlc';
import { RefusalsAnswerSchema } from '../../shared/sync-wire';
import { followsServer } from '../db/device';
import type { JournalDatabase } from '../db/types';
import { apiRequest, SyncError } from './api';
import { multiplexedStream } from './event-stream';
import { PendingChanges } from './pending-changes';
import {
  startCollectionReplication,
  type Checkpoint,
  type CollectionReplication,
} from './replication';
import type { ActiveSession } from './session-store';
import {
  downloadSnapshot,
  initialCheckpoints,
  planSnapshots,
  snapshotNeeds,
  unfinishedCheckpoints,
  type InitialCheckpoints,
  type SnapshotState,
} from './snapshot-download';
import { INITIAL_STATUS, type SyncStatus } from './sync-status';

/**
 * The journal opens once these are in; lessons and the rest may keep streaming. (Holding the
 * journal until lessons were in too was measured and did not make the first download faster:
 * docs/SYNC.md, "First download".)
 */
export const REFERENCE_COLLECTIONS: readonly CollectionName[] = [
  'school',
  'periods',
  'classes',
  'staff',
  'courses',
  'students',
];
/** A local document: the reference collections came in once, on this run or an earlier one. */
export const READY_FLAG = 'sync-ready';
const SEEN_REFUSALS = 'sync-refusals-seen';

export interface SyncClient {
  readonly session: ActiveSession;
  readonly status$: BehaviorSubject<SyncStatus>;
  /** GET on the server with this session's token (history, refusals), parsed with `answer`. */
  get<T>(path: string, answer?: z.ZodType<T>): Promise<T>;
  dismissRefusals(): void;
  /** True once the reference collections are on this computer (now or on an earlier run). */
  referenceReady(): Promise<boolean>;
  stop(): Promise<void>;
}

export interface StartSyncOptions {
  db: JournalDatabase;
  clock: Clock;
  session: ActiveSession;
  /** 401 or 426: replication has stopped; local data stays. */
  onFatal?: (error: SyncError) => void;
  pullBatchSize?: number;
  /**
   * Download never-synced collections as a snapshot before replicating them (default true);
   * false: everything through the replication alone (the benchmark's comparison).
   */
  snapshot?: boolean;
}

/**
 * Snapshots are downloaded in two steps, each side by side: what the journal needs to open; then
 * the rest, the small collections (period marks, timetables, consents…) asked for before the
 * lessons — nine in ten documents — so they arrive first and screens other than the journal page
 * do not wait behind the lessons (each collection is its own IndexedDB database: the writes
 * overlap).
 */
function snapshotOrder(names: readonly CollectionName[]): CollectionName[] {
  const rank = (n: CollectionName) => {
    if (n === 'lessons') return COLLECTION_NAMES.length * 2;
    const i = REFERENCE_COLLECTIONS.indexOf(n);
    return i < 0 ? REFERENCE_COLLECTIONS.length + COLLECTION_NAMES.indexOf(n) : i;
  };
  return [...names].sort((a, b) => rank(a) - rank(b));
}

/** Are the collections the journal opens on all in, as far as `status` knows? */
export function referenceDone(status: SyncStatus): boolean {
  return REFERENCE_COLLECTIONS.every((c) => status.initialDone.includes(c));
}

/** A GET on the server with the session's token (the client's `get`). */
export function sessionGet<T>(
  session: ActiveSession,
  path: string,
  answer?: z.ZodType<T>,
): Promise<T> {
  return apiRequest(session.serverUrl, path, {
    token: session.token,
    ...(answer ? { answer } : {}),
  });
}

export function startSync(options: StartSyncOptions): SyncClient {
  const { db, clock, session } = options;
  const status$ = new BehaviorSubject<SyncStatus>({
    ...INITIAL_STATUS,
    browserOnline: navigator.onLine,
  });
  const patch = (p: Partial<SyncStatus>) => {
    const next = { ...status$.value, ...p };
    if (
      Object.keys(p).some(
        (k) => next[k as keyof SyncStatus] !== status$.value[k as keyof SyncStatus],
      )
    ) {
      status$.next(next);
    }
  };
  const pending = new PendingChanges();
  const unPending = pending.onChange((count) => patch({ pending: count }));
  const reconnect$ = new Subject<void>();
  const states = new Map<CollectionName, CollectionReplication>();
  let stopped = false;
  const readyFlag = new Subject<void>();

  const downloads = new AbortController();
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    downloads.abort();
    window.removeEventListener('online', onNetwork);
    window.removeEventListener('offline', onNetwork);
    unPending();
    await Promise.all([...states.values()].map((s) => s.cancel()));
  };

  const fatal = (error: SyncError) => {
    if (stopped) return;
    patch({
      fatal: {
        kind: error.kind === 'upgrade' ? 'upgrade' : 'unauthorized',
        message: error.message,
      },
    });
    void stop().then(() => options.onFatal?.(error));
  };

  const seen = new Set<string>();
  const seenLoaded = (async () => {
    const doc = await db.getLocal<{ ids: string[] }>(SEEN_REFUSALS);
    if (doc) for (const id of (doc.toJSON().data as { ids: string[] }).ids) seen.add(id);
    else await checkRefusals(true);
  })().catch(() => undefined);

  async function checkRefusals(baseline = false): Promise<void> {
    const { refusals } = await apiRequest(session.serverUrl, '/api/v1/refusals/mine?limit=20', {
      answer: RefusalsAnswerSchema,
      token: session.token,
    });
    const fresh = refusals.filter((r) => !seen.has(String(r.id)));
    for (const r of refusals) seen.add(String(r.id));
    await db.upsertLocal(SEEN_REFUSALS, { ids: [...seen].slice(-200) });
    if (!baseline && fresh.length > 0) {
      patch({ refusals: [...fresh, ...status$.value.refusals].slice(0, 20) });
    }
  }

  // Every collection is live over ONE connection (browsers allow 6 per server): the multiplexed
  // stream, shared by the replications, each taking its collection's events.
  const live$ = multiplexedStream<Record<string, unknown>, Checkpoint>({
    url: `${session.serverUrl}/api/v1/sync/stream?collections=${COLLECTION_NAMES.map(encodeURIComponent).join(',')}`,
    token: session.token,
    onFatal: fatal,
    reconnect$,
    onAlive: () => patch({ connected: true, lastExchangeAt: Date.now(), error: null }),
  }).pipe(share());

  const startReplication = (
    name: CollectionName,
    initial?: InitialCheckpoints | { push: InitialCheckpoints['push'] },
  ) => {
    if (stopped || states.has(name)) return;
    const state = startCollectionReplication({
      serverUrl: session.serverUrl,
      token: session.token,
      collection: db[name],
      primaryKey: db[name].schema.primaryPath as string,
      clock,
      pending,
      stream$: live$.pipe(
        filter((event) => event.collection === null || event.collection === name),
        map((event) => event.item),
      ),
      pullBatchSize: options.pullBatchSize ?? 1000,
      hooks: {
        onReachability: (connected) =>
          patch(connected ? { connected, lastExchangeAt: Date.now() } : { connected }),
        onError: (error) => patch({ error }),
        onFatal: fatal,
        onReceived: (_collection, count) => patch({ received: status$.value.received + count }),
        onRefused: () => {
          void seenLoaded.then(() => checkRefusals()).catch(() => undefined);
        },
        onClockSkew: (skewMs) => {
          patch({ clockSkewMs: skewMs });
          if (followsServer(clock)) clock.followServer(skewMs);
        },
      },
      ...(initial ? { initialCheckpoint: initial } : {}),
    });
    states.set(name, state);
    void state.awaitInitialReplication().then(
      () => {
        if (stopped) return;
        patch({ initialDone: [...status$.value.initialDone, name] });
        if (referenceDone(status$.value)) {
          void db.upsertLocal(READY_FLAG, { at: new Date().toISOString() }).then(() => {
            readyFlag.next();
          });
        }
      },
      () => undefined,
    );
  };

  // A collection never synced comes as a snapshot first; the others replicate at once.
  const snapshots = new Map<string, SnapshotState>();
  void (async () => {
    const needs =
      options.snapshot === false
        ? new Map<string, null>()
        : await snapshotNeeds(db, session.serverUrl, COLLECTION_NAMES);
    const pending = snapshotOrder(COLLECTION_NAMES.filter((n) => needs.get(n)));
    for (const name of COLLECTION_NAMES) if (!pending.includes(name)) startReplication(name);
    if (pending.length === 0) return;
    for (const name of pending) {
      const need = needs.get(name);
      if (need && need !== 'new') snapshots.set(name, need);
    }
    const fresh = pending.filter((n) => !snapshots.has(n));
    if (fresh.length > 0) {
      let planned: SnapshotState[] | null | undefined;
      for (
        let delay = 1000;
        planned === undefined && !stopped;
        delay = Math.min(delay * 2, 30_000)
      ) {
        try {
          planned = await planSnapshots(db, session.serverUrl, session.token, fresh);
        } catch (error) {
          if (isFatal(error)) return fatal(error);
          patch({ connected: false });
          await new Promise((r) => setTimeout(r, delay));
        }
      }
      // An older server without snapshots: plain replication.
      if (planned === null) for (const name of fresh) startReplication(name);
      for (const state of planned ?? []) snapshots.set(state.collection, state);
    }
    const progress = () => {
      const all = [...snapshots.values()];
      patch({
        firstDownload: {
          done: all.reduce((n, s) => n + s.stored, 0),
          total: all.reduce((n, s) => n + Math.max(s.total, s.stored), 0),
        },
      });
    };
    progress();
    const download = async (name: CollectionName) => {
      const state = snapshots.get(name)!;
      try {
        await downloadSnapshot({
          serverUrl: session.serverUrl,
          token: session.token,
          collection: db[name],
          state,
          clock,
          signal: downloads.signal,
          onStored: (count) => {
            patch({ received: status$.value.received + count });
            progress();
          },
          onReachability: (connected) =>
            patch(connected ? { connected, lastExchangeAt: Date.now() } : { connected }),
        });
      } catch (error) {
        if (isFatal(error)) return fatal(error);
        throw error;
      }
      if (stopped) return;
      startReplication(name, initialCheckpoints(state));
    };
    // Side by side: on a school link each request costs a round trip (300 ms and more), so small
    // collections one after another made a fixed start-up of seconds; the first failure is
    // thrown once all have settled, so none is still being written when the replication starts.
    const together = async (names: readonly CollectionName[]) => {
      const done = await Promise.allSettled(names.map((name) => download(name)));
      for (const one of done) if (one.status === 'rejected') throw one.reason;
    };
    const order = snapshotOrder([...snapshots.keys()] as CollectionName[]);
    await together(order.filter((n) => REFERENCE_COLLECTIONS.includes(n)));
    if (stopped) return;
    await together(order.filter((n) => !REFERENCE_COLLECTIONS.includes(n)));
    if (stopped) return;
    patch({ firstDownload: null });
  })().catch((error: unknown) => {
    // Whatever went wrong, every collection still replicates (an unfinished snapshot's
    // documents are not pushed back; the rest is pulled from the beginning).
    console.error('first download', error);
    patch({ firstDownload: null });
    for (const name of COLLECTION_NAMES) {
      const state = snapshots.get(name);
      if (!state) startReplication(name);
      else if (state.complete) startReplication(name, initialCheckpoints(state));
      else startReplication(name, unfinishedCheckpoints(state));
    }
  });

  function isFatal(error: unknown): error is SyncError {
    return (
      error instanceof SyncError && (error.kind === 'unauthorized' || error.kind === 'upgrade')
    );
  }

  function onNetwork() {
    const online = navigator.onLine;
    patch({ browserOnline: online, ...(online ? {} : { connected: false }) });
    if (online) {
      reconnect$.next();
      for (const state of states.values()) state.reSync();
    }
  }
  window.addEventListener('online', onNetwork);
  window.addEventListener('offline', onNetwork);

  return {
    session,
    status$,
    get: (path, answer) => sessionGet(session, path, answer),
    dismissRefusals: () => patch({ refusals: [] }),
    referenceReady: async () => {
      if (await db.getLocal(READY_FLAG)) return true;
      return new Promise<boolean>((resolve) => {
        const sub = readyFlag.subscribe(() => {
          sub.unsubscribe();
          resolve(true);
        });
      });
    },
    stop,
  };
}

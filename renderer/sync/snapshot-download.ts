// The first download outside the replication (docs/SYNC.md, «First download: the snapshot»): a
// collection this desktop has never synced is streamed from the server's snapshot (NDJSON) and
// written straight into the local collection as the replication would have written it, resuming
// after a cut connection where it stopped; its replication then starts from the snapshot's
// checkpoint (RxDB's pull/push.initialCheckpoint), so nothing is fetched or pushed twice.
import { now, type RxCollection } from 'rxdb';
import type { JournalDatabase } from '../db/types';
import type { Clock } from '../../shared/hlc';
import {
  PROTOCOL_HEADER,
  SnapshotChunkSchema,
  SnapshotPlanSchema,
  type Checkpoint,
  type DocState,
  type SnapshotPart,
} from '../../shared/sync-wire';
import { apiRequest, CLIENT_PROTOCOL, MESSAGES, responseError, SyncError } from './api';
import { newestStamp } from './conflict';
import { replicationIdentifierHash, type ForkCheckpoint } from './replication';

/** The progress of one collection's snapshot, kept in a local document as it goes. */
export interface SnapshotState {
  serverUrl: string;
  collection: string;
  /** The plan's checkpoint: the snapshot holds every readable document up to it. */
  checkpoint: Checkpoint;
  /** Documents the plan announced. */
  total: number;
  /** The server's position: the next request asks for what comes after it. */
  after: number;
  /** Documents written into the collection so far. */
  stored: number;
  /** `_meta.lwt` of every document the snapshot writes (taken before the first one). */
  lwt: number;
  /** The highest id written (with `lwt`, the local position the push starts after). */
  maxId: string;
  /** All of it is in (or the scope changed and replication takes over from `checkpoint`). */
  complete: boolean;
}

/** Where the collection's replication starts after its snapshot. */
export interface InitialCheckpoints {
  pull: Checkpoint;
  push: ForkCheckpoint;
}

/** Writes of the snapshot: like the replication's own, they are not local edits to push. */
export const SNAPSHOT_WRITE_CONTEXT = 'replication-snapshot';

const stateKey = (collection: string) => `first-download-${collection}`;

/** Where the states are kept: the database's local documents (not replicated). */
type LocalStore = Pick<JournalDatabase, 'getLocal' | 'upsertLocal'>;

export async function readSnapshotState(
  db: LocalStore,
  collection: string,
): Promise<SnapshotState | null> {
  const doc = await db.getLocal<SnapshotState>(stateKey(collection));
  return doc ? (doc.toJSON().data as SnapshotState) : null;
}

async function saveState(db: LocalStore, state: SnapshotState): Promise<void> {
  await db.upsertLocal<SnapshotState>(stateKey(state.collection), state);
}

export function initialCheckpoints(state: SnapshotState): InitialCheckpoints {
  return { pull: state.checkpoint, push: { id: state.maxId, lwt: state.lwt } };
}

/**
 * For a snapshot left unfinished (the download failed for good): the replication pulls from the
 * beginning, but still does not push back the documents the snapshot stored.
 */
export function unfinishedCheckpoints(state: SnapshotState): { push: ForkCheckpoint } {
  return { push: { id: state.maxId, lwt: state.lwt } };
}

/**
 * What each collection's first sync needs: its snapshot state when one was begun with this
 * server, `'new'` when the collection was never synced (empty, no snapshot begun), or `null` when
 * the replication simply resumes from its own checkpoint.
 */
export async function snapshotNeeds(
  db: JournalDatabase,
  serverUrl: string,
  names: readonly string[],
): Promise<Map<string, SnapshotState | 'new' | null>> {
  const out = new Map<string, SnapshotState | 'new' | null>();
  for (const name of names) {
    const state = await readSnapshotState(db, name);
    if (state && state.serverUrl === serverUrl) {
      out.set(name, state);
      continue;
    }
    const collection = (db.collections as Record<string, RxCollection | undefined>)[name];
    const any = collection ? await collection.findOne().exec() : true;
    out.set(name, any ? null : 'new');
  }
  return out;
}

/**
 * Asks the server for the snapshot plan of `names` and stores a fresh state per collection.
 * Resolves to null when the server has no snapshot route (an older server: plain replication).
 */
export async function planSnapshots(
  db: LocalStore,
  serverUrl: string,
  token: string,
  names: readonly string[],
): Promise<SnapshotState[] | null> {
  let parts: SnapshotPart[];
  try {
    const plan = await apiRequest(
      serverUrl,
      `/api/v1/sync/snapshot?collections=${names.map(encodeURIComponent).join(',')}`,
      { answer: SnapshotPlanSchema, token },
    );
    parts = plan.collections;
  } catch (error) {
    if (error instanceof SyncError && error.status === 404 && error.code === 'NOT_FOUND') {
      return null;
    }
    throw error;
  }
  const states: SnapshotState[] = [];
  for (const part of parts) {
    if (!names.includes(part.collection)) continue;
    const state: SnapshotState = {
      serverUrl,
      collection: part.collection,
      checkpoint: part.checkpoint,
      total: part.total,
      after: 0,
      stored: 0,
      lwt: now(),
      maxId: '',
      // Nothing readable in it: no request needed, the replication starts from the checkpoint.
      complete: part.total === 0,
    };
    await saveState(db, state);
    states.push(state);
  }
  return states;
}

export interface DownloadOptions {
  serverUrl: string;
  token: string;
  collection: RxCollection;
  state: SnapshotState;
  clock: Clock;
  /** Documents just stored (for the progress bar and the "received" count). */
  onStored(count: number): void;
  /** A request failed and will be retried (false) or got through (true). */
  onReachability?(connected: boolean): void;
  signal: AbortSignal;
  /** First retry delay after a cut connection; doubles up to 30 s. */
  retryMs?: number;
  /** Documents per NDJSON line (the server's default when absent). */
  chunkSize?: number;
}

const MAX_RETRY_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Downloads the rest of one collection's snapshot, retrying cut connections from the last chunk
 * stored, until it is complete or `signal` aborts. Throws a SyncError only for 401/426 (the
 * caller stops syncing). Resolves to the state reached (complete unless aborted).
 */
export async function downloadSnapshot(options: DownloadOptions): Promise<SnapshotState> {
  const { state, signal } = options;
  const db = options.collection.database as unknown as LocalStore;
  const hash = await replicationIdentifierHash(options.collection, options.serverUrl);
  let delay = options.retryMs ?? 1000;
  while (!state.complete && !signal.aborted) {
    try {
      await streamOnce(options, hash);
      delay = options.retryMs ?? 1000;
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof SyncError) {
        if (error.kind === 'unauthorized' || error.kind === 'upgrade') throw error;
        if (error.code === 'SNAPSHOT_OUTDATED') {
          // The read scope changed since the plan: the replication pulls from the plan's
          // checkpoint, whose scope makes the server withdraw what left it and send the rest.
          state.complete = true;
          await saveState(db, state);
          break;
        }
      }
      options.onReachability?.(false);
      await sleep(delay, signal);
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }
  return state;
}

/** One request: reads chunks until the last line, storing each before reading on. */
async function streamOnce(options: DownloadOptions, hash: string): Promise<void> {
  const { state, signal, collection } = options;
  const query = new URLSearchParams({
    checkpoint: JSON.stringify(state.checkpoint),
    after: String(state.after),
    ...(options.chunkSize ? { limit: String(options.chunkSize) } : {}),
  });
  let res: Response;
  try {
    res = await fetch(
      `${options.serverUrl}/api/v1/sync/${encodeURIComponent(collection.name)}/snapshot?${query}`,
      {
        headers: {
          accept: 'application/x-ndjson',
          authorization: `Bearer ${options.token}`,
          [PROTOCOL_HEADER]: String(CLIENT_PROTOCOL),
        },
        signal,
        cache: 'no-store',
      },
    );
  } catch {
    throw new SyncError('offline', MESSAGES.offline);
  }
  if (!res.ok || !res.body) throw await responseError(res);
  options.onReachability?.(true);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch {
        throw new SyncError('offline', MESSAGES.offline);
      }
      if (read.done) break;
      buffer += decoder.decode(read.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (line.trim() === '') continue;
        await storeChunk(options, hash, line);
        if (state.complete) return;
      }
    }
  } finally {
    reader.releaseLock();
  }
  // The answer ended without its last line: cut on the way; the next request resumes.
  throw new SyncError('offline', MESSAGES.offline);
}

async function storeChunk(options: DownloadOptions, hash: string, line: string): Promise<void> {
  const { state, collection } = options;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new SyncError('server', MESSAGES.badAnswer);
  }
  const parsed = SnapshotChunkSchema.safeParse(value);
  if (!parsed.success) throw new SyncError('server', MESSAGES.badAnswer);
  const chunk = parsed.data;
  const stored = await writeDocuments(collection, chunk.documents as DocState[], state, hash);
  const newest = newestStamp(chunk.documents);
  if (newest) {
    try {
      options.clock.receive(newest);
    } catch (error) {
      // A stamp far in the future (a broken PC clock elsewhere) must not drag ours along.
      console.warn('clock not advanced', error);
    }
  }
  state.after = chunk.after;
  state.stored += stored;
  if (chunk.done) state.complete = true;
  await saveState(collection.database as unknown as LocalStore, state);
  if (stored > 0) options.onStored(stored);
}

/**
 * Writes master states into the local collection as RxDB's replication writes a pulled document
 * it did not have: revision 1 of this database, and `_meta.o` naming this replication, which tells
 * its downstream the document came from the server (so a later server change is applied rather
 * than held back as an unpushed local edit). Every document gets the same `_meta.lwt`, taken
 * before the download began, so a local edit made meanwhile sorts after all of them and is
 * pushed. No replication meta document is written (see docs/SYNC.md for why that is harmless);
 * an id already present (a local insert meanwhile, or a chunk re-sent after a cut) is left as it
 * is. Returns how many were written.
 */
async function writeDocuments(
  collection: RxCollection,
  documents: readonly DocState[],
  state: SnapshotState,
  hash: string,
): Promise<number> {
  if (documents.length === 0) return 0;
  const primary = collection.schema.primaryPath as string;
  const db = collection.database;
  const rev = `1-${db.token}`;
  const rows = documents.map((doc) => {
    const id = String(doc[primary]);
    if (id > state.maxId) state.maxId = id;
    return {
      document: {
        ...doc,
        _deleted: doc._deleted === true,
        _rev: rev,
        _meta: { lwt: state.lwt, o: { _rev: 1, hash } },
        _attachments: {},
      },
    };
  });
  const storage = collection.storageInstance.originalStorageInstance;
  const result = await db.lockedRun(() => storage.bulkWrite(rows as never, SNAPSHOT_WRITE_CONTEXT));
  const failed = result.error.filter((e) => e.status !== 409);
  if (failed.length > 0) {
    throw new Error(`Не удалось сохранить ${failed.length} записей (${collection.name}).`);
  }
  return documents.length - result.error.length;
}

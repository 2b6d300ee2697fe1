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
  type DocState,
  type SnapshotChunk,
  type SnapshotPart,
} from '../../shared/sync-wire';
import { apiRequest, CLIENT_PROTOCOL, MESSAGES, responseError, SyncError } from './api';
import { newestStamp } from './conflict';
import { replicationIdentifierHash } from './replication';
import {
  readSnapshotState,
  saveState,
  type LocalStore,
  type SnapshotState,
} from './snapshot-state';
import { SnapshotWriter } from './snapshot-writer';

export {
  initialCheckpoints,
  readSnapshotState,
  SNAPSHOT_WRITE_CONTEXT,
  unfinishedCheckpoints,
  type InitialCheckpoints,
  type SnapshotState,
} from './snapshot-state';

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
  const writer = new SnapshotWriter(
    options.collection,
    state,
    hash,
    await options.collection.database.storageToken,
  );
  let delay = options.retryMs ?? 1000;
  try {
    await loop();
  } finally {
    // Whatever stopped the download, the screens learn about everything stored.
    writer.flushEvents();
  }
  await writer.saved();
  return state;

  async function loop(): Promise<void> {
    while (!state.complete && !signal.aborted) {
      try {
        await streamOnce(options, writer);
        delay = options.retryMs ?? 1000;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof SyncError) {
          if (error.kind === 'unauthorized' || error.kind === 'upgrade') throw error;
          if (error.code === 'SNAPSHOT_OUTDATED') {
            // The read scope changed since the plan: the replication pulls from the plan's
            // checkpoint, whose scope makes the server withdraw what left it and send the rest.
            await writer.saved();
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
  }
}

/**
 * One request: reads lines until the last one. Each line is stored before the next one is, but
 * the next line is read and parsed while the previous one is being written, so the network and
 * the parse overlap the IndexedDB writes.
 */
async function streamOnce(options: DownloadOptions, writer: SnapshotWriter): Promise<void> {
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
  const lines = new LineSplitter();
  // The chunk being written; at most one, so memory holds two lines at most.
  let writing: Promise<void> | null = null;
  try {
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch {
        throw new SyncError('offline', MESSAGES.offline);
      }
      if (read.done) break;
      for (const line of lines.push(read.value)) {
        const chunk = parseChunk(line);
        if (writing) await writing;
        writing = storeChunk(options, writer, chunk);
        // A failed write surfaces at the next await; never as an unhandled rejection.
        writing.catch(() => undefined);
        if (chunk.done) {
          await writing;
          return;
        }
      }
    }
  } finally {
    try {
      // A cut connection or a bad line: what was already parsed still gets stored.
      if (writing) await writing;
    } finally {
      reader.releaseLock();
    }
  }
  // The answer ended without its last line: cut on the way; the next request resumes.
  throw new SyncError('offline', MESSAGES.offline);
}

/**
 * NDJSON lines out of the response's bytes: a newline is looked for in each new piece only and a
 * line is decoded once, as a whole (appending text and searching it from the start again was
 * quadratic in the line's length: lines are ~1 MB).
 */
class LineSplitter {
  private parts: Uint8Array[] = [];
  private readonly decoder = new TextDecoder();

  *push(bytes: Uint8Array): Generator<string> {
    let start = 0;
    let end: number;
    while ((end = bytes.indexOf(10, start)) >= 0) {
      const tail = bytes.subarray(start, end);
      let whole = tail;
      if (this.parts.length > 0) {
        this.parts.push(tail);
        whole = concat(this.parts);
        this.parts = [];
      }
      start = end + 1;
      const line = this.decoder.decode(whole);
      if (line.trim() !== '') yield line;
    }
    if (start < bytes.length) this.parts.push(bytes.slice(start));
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface ParsedChunk extends SnapshotChunk {
  /** A key in it may start with '|' (RxDB's Dexie storage renames those): the slow conversion. */
  pipeKeys: boolean;
}

function parseChunk(line: string): ParsedChunk {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new SyncError('server', MESSAGES.badAnswer);
  }
  const parsed = SnapshotChunkSchema.safeParse(value);
  if (!parsed.success) throw new SyncError('server', MESSAGES.badAnswer);
  return { ...parsed.data, pipeKeys: line.includes('"|') };
}

async function storeChunk(
  options: DownloadOptions,
  writer: SnapshotWriter,
  chunk: ParsedChunk,
): Promise<void> {
  const { state } = options;
  const stored = await writer.write(chunk.documents as DocState[], chunk.pipeKeys);
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
  writer.saveProgress();
  if (chunk.done) await writer.saved();
  if (stored > 0) options.onStored(stored);
}

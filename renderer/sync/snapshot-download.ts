// The first download outside the replication (docs/SYNC.md, «First download: the snapshot»): a
// collection this desktop has never synced is streamed from the server's snapshot (NDJSON) and
// written straight into the local collection as the replication would have written it, resuming
// after a cut connection where it stopped; its replication then starts from the snapshot's
// checkpoint (RxDB's pull/push.initialCheckpoint), so nothing is fetched or pushed twice.
import {
  now,
  randomToken,
  type RxChangeEventBulk,
  type RxCollection,
  type RxDocumentData,
  type RxStorageChangeEvent,
} from 'rxdb';
import { fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { JournalDatabase } from '../db/types';
import type { Clock } from '../../shared/hlc';
import {
  PROTOCOL_HEADER,
  SnapshotChunkSchema,
  SnapshotPlanSchema,
  type Checkpoint,
  type DocState,
  type SnapshotChunk,
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

/**
 * Where the push starts: after every snapshot document. They all have `_meta.lwt` = `state.lwt`,
 * and every later write of this database has a larger one (RxDB's `now()` is strictly
 * increasing, in steps of 0.01 ms), so the position half a step above it leaves them out by the
 * storage's `[_meta.lwt+id]` index range itself. `{ lwt, id: maxId }` meant the same documents but
 * made the push's first look read every one of them (the range starts at the lwt, the id is
 * filtered after reading): ~38,000 lessons read back from IndexedDB once the download was done.
 */
function pushStart(state: SnapshotState): ForkCheckpoint {
  return { id: state.maxId, lwt: state.lwt + 0.005 };
}

export function initialCheckpoints(state: SnapshotState): InitialCheckpoints {
  return { pull: state.checkpoint, push: pushStart(state) };
}

/**
 * For a snapshot left unfinished (the download failed for good): the replication pulls from the
 * beginning, but still does not push back the documents the snapshot stored.
 */
export function unfinishedCheckpoints(state: SnapshotState): { push: ForkCheckpoint } {
  return { push: pushStart(state) };
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

/** How often at most the screens are told about the documents a snapshot stored (ms). */
const EVENTS_EVERY_MS = 3000;

/**
 * Writes master states into the local collection as RxDB's replication writes a pulled document
 * it did not have: revision 1 of this database, and `_meta.o` naming this replication, which tells
 * its downstream the document came from the server (so a later server change is applied rather
 * than held back as an unpushed local edit). Every document gets the same `_meta.lwt`, taken
 * before the download began, so a local edit made meanwhile sorts after all of them and is
 * pushed. No replication meta document is written (see docs/SYNC.md for why that is harmless);
 * an id already present (a local insert meanwhile, or a chunk re-sent after a cut) is left as it
 * is.
 *
 * On RxDB's Dexie storage (the app's; not for an encrypted collection, whose wrapper must
 * encrypt) the documents are added to the storage's own Dexie table in RxDB's stored form —
 * `fromStorageToDexie`, or its equivalent for documents without '|' keys and without boolean
 * indexes other than `_deleted` — with `bulkAdd`, which leaves a present id as it is (the storage's
 * `bulkWrite` first reads every id to detect conflicts: wasted on a collection being filled).
 * Their change events then go to this window's collection, gathered over EVENTS_EVERY_MS (live
 * queries re-run once per gathering rather than per line), and are not posted to other windows
 * (RxDB's multiInstance): the desktop app runs one window (electron/main.ts, single-instance
 * lock). Elsewhere (memory storage in tests, encrypted collections) the storage's `bulkWrite`.
 */
class SnapshotWriter {
  private readonly dexie: RxStorageInstanceDexie<unknown> | null;
  private events: RxStorageChangeEvent<RxDocumentData<DocState>>[] = [];
  private lastId = '';
  private lastEmit = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private saveQueued = false;
  private saveFailure: unknown = null;

  constructor(
    private readonly collection: RxCollection,
    private readonly state: SnapshotState,
    private readonly hash: string,
    private readonly storageToken: string,
  ) {
    const instance: unknown = collection.storageInstance.originalStorageInstance;
    this.dexie = instance instanceof RxStorageInstanceDexie ? instance : null;
  }

  /**
   * Saves the progress as it is when the save runs, after the one under way: the next chunk is
   * written meanwhile (a save waits for IndexedDB as long as a chunk does), and saves asked for
   * while one waits make one. The state only ever counts chunks already stored, so a resume
   * after a crash asks again at worst for chunks stored but not yet counted, which meet their
   * documents present and leave them.
   */
  saveProgress(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    const db = this.collection.database as unknown as LocalStore;
    this.saving = this.saving
      .then(() => {
        this.saveQueued = false;
        return saveState(db, { ...this.state });
      })
      .catch((error: unknown) => {
        this.saveFailure ??= error;
      });
  }

  /** Resolves once every progress asked for is saved; throws if a save failed. */
  async saved(): Promise<void> {
    await this.saving;
    this.throwSaveFailure();
  }

  /** A failed save fails the request once; the retry saves the progress again. */
  private throwSaveFailure(): void {
    const failure = this.saveFailure;
    this.saveFailure = null;
    if (failure) throw failure;
  }

  /** Stores the documents; resolves to how many were written (present ids are left). */
  async write(documents: readonly DocState[], pipeKeys: boolean): Promise<number> {
    this.throwSaveFailure();
    if (documents.length === 0) return 0;
    const { collection, state } = this;
    const primary = collection.schema.primaryPath as string;
    const db = collection.database;
    const rev = `1-${db.token}`;
    const rows = documents.map((doc) => {
      const id = String(doc[primary]);
      if (id > state.maxId) state.maxId = id;
      return {
        ...doc,
        _deleted: doc._deleted === true,
        _rev: rev,
        _meta: { lwt: state.lwt, o: { _rev: 1, hash: this.hash } },
        _attachments: {},
      } as unknown as RxDocumentData<DocState>;
    });
    if (!this.dexie) {
      const storage = collection.storageInstance.originalStorageInstance;
      const result = await db.lockedRun(() =>
        storage.bulkWrite(rows.map((document) => ({ document })) as never, SNAPSHOT_WRITE_CONTEXT),
      );
      const failed = result.error.filter((e) => e.status !== 409);
      if (failed.length > 0) throw writeError(failed.length, collection.name);
      return documents.length - result.error.length;
    }
    const internals = await this.dexie.internals;
    const plain =
      !pipeKeys && internals.booleanIndexes.every((field: string) => field === '_deleted');
    const stored = rows.map((doc) =>
      plain
        ? { ...doc, _deleted: doc._deleted ? '1' : '0' }
        : fromStorageToDexie(internals.booleanIndexes, doc),
    );
    const present = new Set<number>();
    await db.lockedRun(() =>
      internals.dexieDb.transaction('rw', internals.dexieTable, async () => {
        try {
          await internals.dexieTable.bulkAdd(stored);
        } catch (error) {
          // Dexie's BulkError: the other documents are added (the transaction goes on).
          const byPos = (error as { failuresByPos?: Record<string, { name?: string }> })
            .failuresByPos;
          if (!byPos) throw error;
          for (const [pos, failure] of Object.entries(byPos)) {
            if (failure.name !== 'ConstraintError') throw writeError(1, collection.name);
            present.add(Number(pos));
          }
        }
      }),
    );
    rows.forEach((doc, i) => {
      if (present.has(i)) return;
      this.lastId = String(doc[primary as keyof typeof doc]);
      // As RxDB's storages do: a document stored deleted is no change for the screens.
      if (doc._deleted) return;
      this.events.push({
        documentId: this.lastId,
        operation: 'INSERT',
        documentData: doc,
        previousDocumentData: undefined,
      });
    });
    this.scheduleEvents();
    return documents.length - present.size;
  }

  private scheduleEvents(): void {
    if (this.timer || this.events.length === 0) return;
    const wait = Math.max(0, this.lastEmit + EVENTS_EVERY_MS - Date.now());
    this.timer = setTimeout(() => this.flushEvents(), wait);
  }

  /** Hands the gathered change events to this window's collection (its live queries). */
  flushEvents(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.events.length === 0) return;
    const { collection } = this;
    const db = collection.database;
    const bulk: RxChangeEventBulk<RxDocumentData<DocState>> = {
      id: randomToken(10),
      isLocal: false,
      internal: false,
      collectionName: collection.name,
      events: this.events,
      checkpoint: { id: this.lastId, lwt: this.state.lwt },
      context: SNAPSHOT_WRITE_CONTEXT,
      databaseToken: db.token,
      storageToken: this.storageToken,
    };
    this.events = [];
    this.lastEmit = Date.now();
    db.$emit(bulk as never);
  }
}

function writeError(count: number, collection: string): Error {
  return new Error(`Не удалось сохранить ${count} записей (${collection}).`);
}

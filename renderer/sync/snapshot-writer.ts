// Stores a snapshot's documents into a local collection as the replication would have (see
// SnapshotWriter), and keeps the download's progress beside the writes.
import {
  randomToken,
  type RxChangeEventBulk,
  type RxCollection,
  type RxDocumentData,
  type RxStorageChangeEvent,
} from 'rxdb';
import { fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { DocState } from '../../shared/sync-wire';
import { otherWindowsOpen } from '../db/database';
import {
  saveState,
  SNAPSHOT_WRITE_CONTEXT,
  type LocalStore,
  type SnapshotState,
} from './snapshot-state';

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
 * lock). Elsewhere — memory storage in tests, encrypted collections, and whenever another
 * window of the database is open (a second browser tab, db/other-windows.ts), which RxDB then
 * tells — the storage's `bulkWrite`.
 */
export class SnapshotWriter {
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

  /**
   * Stores the documents; resolves to how many were written (present ids are left). The
   * documents are the caller's freshly parsed line and become the stored states in place (two
   * copies of 40,000 lessons were measurable in the first download).
   */
  async write(documents: DocState[], pipeKeys: boolean): Promise<number> {
    this.throwSaveFailure();
    if (documents.length === 0) return 0;
    const { collection, state } = this;
    const primary = collection.schema.primaryPath as string;
    const db = collection.database;
    const rev = `1-${db.token}`;
    // One meta object for the line: IndexedDB stores a copy of each document anyway.
    const meta = { lwt: state.lwt, o: { _rev: 1, hash: this.hash } };
    const rows = documents as unknown as RxDocumentData<DocState>[];
    for (const doc of rows) {
      const id = String(doc[primary as keyof typeof doc]);
      if (id > state.maxId) state.maxId = id;
      doc._deleted = doc._deleted === true;
      doc._rev = rev;
      doc._meta = meta as RxDocumentData<DocState>['_meta'];
      doc._attachments = {};
    }
    // With another window open, the storage's own write: RxDB tells that window (multiInstance).
    const dexie = this.dexie && !otherWindowsOpen(db) ? this.dexie : null;
    if (!dexie) {
      const storage = collection.storageInstance.originalStorageInstance;
      const result = await db.lockedRun(() =>
        storage.bulkWrite(rows.map((document) => ({ document })) as never, SNAPSHOT_WRITE_CONTEXT),
      );
      const failed = result.error.filter((e) => e.status !== 409);
      if (failed.length > 0) throw writeError(failed.length, collection.name);
      return documents.length - result.error.length;
    }
    const internals = await dexie.internals;
    const plain =
      !pipeKeys && internals.booleanIndexes.every((field: string) => field === '_deleted');
    // Dexie's stored form: `_deleted` as '0'/'1' (an index key), set in place and put back once
    // IndexedDB has taken its copies, since the change events carry the documents as RxDB has them.
    const stored = plain
      ? rows.map((doc) => {
          (doc as { _deleted: unknown })._deleted = doc._deleted ? '1' : '0';
          return doc;
        })
      : rows.map((doc) => fromStorageToDexie(internals.booleanIndexes, doc));
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
    if (plain) {
      for (const doc of rows) doc._deleted = (doc._deleted as unknown) === '1';
    }
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

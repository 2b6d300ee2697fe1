// The replication engine: checkpointed pull and the one write path over one documents table,
// ordered by one global sequence, generic over the collection descriptors of its registry.
import type { Db, Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { AuthUser } from '../auth/roles';
import type { CollectionDescriptor, CollectionRegistry, DocState } from './collections';
import { ChangeHub } from './changes';
import { visibleTo } from './read-scope';
import { RefusalStore, type Refusal } from './refusals';
import type {
  GroupOutcome,
  ServerWriteKind,
  StoredState,
  WriteActor,
  WriteBatch,
  WriteKind,
} from './collections';
import { applyBatch } from './write-batch';
import { WriteQueue } from './write-queue';

export type {
  ServerWriteKind,
  WriteActor,
  WriteBatch,
  WriteGroup,
  WriteKind,
  WriteRow,
} from './collections';

export interface Checkpoint {
  seq: number;
  /** The user's read scope when the checkpoint was handed out (scoped collections only). */
  scope?: string;
}

export interface PullResult {
  documents: DocState[];
  checkpoint: Checkpoint;
}

/**
 * Every document write takes this transaction-scoped advisory lock before it draws a seq, and
 * holds it until COMMIT, so seq order equals commit order, even across server processes.
 */
const WRITE_LOCK_KEY = 7_310_002;

/** The write path bound to one open write transaction (see `SyncEngine.transact`). */
export interface TransactionWrite {
  (batch: WriteBatch, actor: AuthUser, kind: 'push'): Promise<GroupOutcome[]>;
  (batch: WriteBatch, actor: WriteActor, kind: ServerWriteKind): Promise<GroupOutcome[]>;
}

/**
 * Runs inside the write transaction after a group of the collection was stored, for every write
 * kind (a push, an import, a compromise's revert): what must change in the same commit outside the
 * documents table (the family e-diary closes a family's access in the write that records a
 * withdrawn consent). It must not write documents; throwing rolls the whole write back.
 */
export type StoredObserver = (tx: Queryable, written: readonly StoredState[]) => Promise<void>;

export class SyncEngine {
  readonly hub: ChangeHub;
  private readonly queue = new WriteQueue();
  private readonly refusals = new RefusalStore();
  private readonly observers = new Map<string, StoredObserver[]>();

  constructor(
    private readonly db: Db,
    readonly registry: CollectionRegistry,
    hub?: ChangeHub,
  ) {
    this.hub = hub ?? new ChangeHub();
  }

  /** Registers a reaction run inside every write of the collection (see StoredObserver). */
  onStored(collection: string, observer: StoredObserver): void {
    this.observers.set(collection, [...(this.observers.get(collection) ?? []), observer]);
  }

  /**
   * Documents of one collection with seq > checkpoint.seq, in seq order, at most `limit` readable
   * ones. The returned checkpoint is the seq of the last row examined (readable or not), so rows
   * the user may not read are stepped over without ever being sent.
   */
  async pull(
    descriptor: CollectionDescriptor,
    user: AuthUser,
    checkpoint: Checkpoint | null,
    limit: number,
  ): Promise<PullResult> {
    await descriptor.prepare?.(this.db);
    const scope = descriptor.scopeOf?.(user);
    const documents: DocState[] = [];
    // A checkpoint handed out under another read scope: start over, so documents that became
    // readable since (a newly assigned course) are sent too.
    let lastSeq = scope !== undefined && checkpoint?.scope !== scope ? 0 : (checkpoint?.seq ?? 0);
    const at = (seq: number): Checkpoint => (scope === undefined ? { seq } : { seq, scope });
    const fetchSize = Math.max(limit, 50);
    for (;;) {
      const result = await this.db.query(
        `SELECT seq, deleted, doc FROM documents
         WHERE collection = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [descriptor.name, lastSeq, fetchSize],
      );
      for (const row of result.rows) {
        lastSeq = toNumber(row.seq);
        const state = { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true };
        const seen = visibleTo(descriptor, user, state);
        if (seen) documents.push(seen);
        if (documents.length >= limit) return { documents, checkpoint: at(lastSeq) };
      }
      if (result.rows.length < fetchSize) return { documents, checkpoint: at(lastSeq) };
    }
  }

  /**
   * THE write path: every server write goes through here (or through `transact`'s `write`, the
   * same path inside a larger operation). In ONE transaction holding the write lock it validates
   * each row, checks the user's rights (pushes), merges with the stored master, stores the result
   * with the next seq and its audit row, and records refusals; after the commit the stored states
   * reach the rights index and the live streams, in seq order. Returns, per group, the states the
   * writer must adopt (for a push: only what the user may read) and what was stored.
   */
  write(batch: WriteBatch, actor: AuthUser, kind: 'push'): Promise<GroupOutcome[]>;
  write(batch: WriteBatch, actor: WriteActor, kind: ServerWriteKind): Promise<GroupOutcome[]>;
  write(batch: WriteBatch, actor: AuthUser | WriteActor, kind: WriteKind): Promise<GroupOutcome[]> {
    return this.transact((_tx, write) =>
      kind === 'push'
        ? write(batch, actor as AuthUser, kind)
        : write(batch, actor, kind as ServerWriteKind),
    );
  }

  /**
   * Runs a server-side operation in the write queue, in ONE transaction holding the write lock:
   * `fn` reads what it needs through `tx` and writes documents only through `write` (the write
   * path above). Everything written goes to the live streams after the commit; nothing if `fn`
   * throws (the whole operation rolls back).
   */
  async transact<T>(fn: (tx: Queryable, write: TransactionWrite) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const outcomes: GroupOutcome[] = [];
      const result = await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        const write = (async (batch: WriteBatch, actor: WriteActor, kind: WriteKind) => {
          const user = kind === 'push' ? (actor as AuthUser) : null;
          const refusals: Refusal[] = [];
          const done = await applyBatch(
            { tx, registry: this.registry, kind, actor, user, nowMs: Date.now(), refusals },
            batch,
          );
          await this.refusals.record(tx, refusals, actor);
          for (const outcome of done) {
            if (outcome.written.length === 0) continue;
            for (const observer of this.observers.get(outcome.collection) ?? []) {
              await observer(tx, outcome.written);
            }
          }
          outcomes.push(...done);
          // What accepted pushed documents cause (the lessons of a timetable) is written in the
          // same transaction, through this same path: it commits with the push or not at all.
          if (user) {
            for (const outcome of done) {
              const followUp = this.registry.get(outcome.collection)?.followUp;
              if (followUp && outcome.written.length > 0) {
                await followUp(tx, outcome.written, user, write);
              }
            }
          }
          return done;
        }) as TransactionWrite;
        return fn(tx, write);
      });
      // Still inside the queue: batches reach the index and the streams in seq order.
      for (const outcome of outcomes) {
        if (outcome.written.length === 0) continue;
        this.registry.get(outcome.collection)?.afterWrite?.(outcome.written);
        this.hub.emit({
          collection: outcome.collection,
          documents: outcome.written,
          checkpoint: { seq: outcome.written[outcome.written.length - 1]!.seq },
        });
      }
      return result;
    });
  }
}

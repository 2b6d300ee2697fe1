// The replication engine: checkpointed pull and the one write path over one documents table,
// ordered by one global sequence, generic over the collection descriptors of its registry. The
// first download outside the replication is snapshot.ts, reading rows as a pull does.
import type { Db, Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { AuthUser } from '../auth/roles';
import type { CollectionDescriptor, CollectionRegistry, DocState, ScopeGrant } from './collections';
import { announceChanges, SharedChangeFeed } from './change-feed';
import { ChangeHub } from './changes';
import { grantSql, inGrant } from './read-scope';
import { formatScopeMark, parseScopeMark, ScopeStore } from './scope-store';
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
import { readableRows } from './readable-rows';
import { SnapshotSource } from './snapshot';
import { WriteQueue } from './write-queue';
import type { Checkpoint, PullPage } from '../../shared/sync-wire';

export type {
  ServerWriteKind,
  WriteActor,
  WriteBatch,
  WriteGroup,
  WriteKind,
  WriteRow,
} from './collections';

/** The user's read scope when the checkpoint was handed out is its `scope` (scoped collections). */
export type { Checkpoint } from '../../shared/sync-wire';
/** A pull page as the wire carries it. */
export type PullResult = PullPage;

/**
 * Every document write takes this transaction-scoped advisory lock before it draws a seq, and
 * holds it until COMMIT, so seq order equals commit order, even across server processes.
 */
const WRITE_LOCK_KEY = 7_310_002;

/**
 * Bounds of one group commit: a group's pushes all wait for its commit, so a group stays a short
 * transaction (a push alone may still carry up to MAX_PUSH_ROWS rows).
 */
const GROUP_MAX_PUSHES = 100;
const GROUP_MAX_ROWS = 1_000;

/** A push waiting for its group's commit. */
interface WaitingPush {
  batch: WriteBatch;
  user: AuthUser;
  rows: number;
  resolve: (outcomes: GroupOutcome[]) => void;
  reject: (error: unknown) => void;
}

const hasWritten = (outcome: GroupOutcome): boolean => outcome.written.length > 0;

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
  /**
   * On PostgreSQL, where several server processes may share the database, live events come from
   * the shared feed once it is started (every process's writes, in seq order); on PGlite (one
   * process), and before the start (the admin CLI, loading the demo), straight from the commits.
   */
  readonly feed: SharedChangeFeed | null;
  private readonly queue = new WriteQueue();
  private readonly refusals = new RefusalStore();
  private readonly scopes = new ScopeStore();
  /** The first download outside the replication (snapshot.ts), under the same read scopes. */
  readonly snapshots: SnapshotSource;
  private readonly observers = new Map<string, StoredObserver[]>();
  /** Pushes waiting for the next group commit, in arrival order. */
  private readonly waiting: WaitingPush[] = [];
  private groupQueued = false;

  constructor(
    private readonly db: Db,
    readonly registry: CollectionRegistry,
    hub?: ChangeHub,
  ) {
    this.hub = hub ?? new ChangeHub();
    this.snapshots = new SnapshotSource(db, this.scopes);
    this.feed = db.listen
      ? new SharedChangeFeed(db as Db & Required<Pick<Db, 'listen'>>, this.hub, (name, written) =>
          this.registry.get(name)?.afterWrite?.(written),
        )
      : null;
  }

  /** Registers a reaction run inside every write of the collection (see StoredObserver). */
  onStored(collection: string, observer: StoredObserver): void {
    this.observers.set(collection, [...(this.observers.get(collection) ?? []), observer]);
  }

  /**
   * Documents of one collection with seq > checkpoint.seq, in seq order, at most `limit` readable
   * ones. The returned checkpoint is the seq of the last row examined (readable or not), so rows
   * the user may not read are stepped over without ever being sent. A scoped user's rows are
   * selected by their read grant in SQL; `visibleTo` stays the final gate.
   *
   * When the user's scope changed since the checkpoint, the pull first withdraws what left it
   * (tombstones of the documents of the grant the checkpoint names that the new one lacks), then
   * starts over from seq 0 under the new scope, so what became readable arrives too.
   */
  async pull(
    descriptor: CollectionDescriptor,
    user: AuthUser,
    checkpoint: Checkpoint | null,
    limit: number,
  ): Promise<PullResult> {
    await descriptor.prepare?.(this.db);
    const scope = descriptor.scopeOf?.(user);
    const grant = descriptor.readGrant?.(user) ?? null;
    const documents: DocState[] = [];
    if (scope === undefined) {
      const seq = await readableRows(
        this.db,
        descriptor,
        user,
        null,
        checkpoint?.seq ?? 0,
        limit,
        documents,
      );
      return { documents, checkpoint: { seq } };
    }
    await this.scopes.remember(this.db, user.accountId, grant);
    const mark = parseScopeMark(checkpoint?.scope);
    let lastSeq = checkpoint?.seq ?? 0;
    let withdrawing = mark?.hash === scope ? mark.withdrawing : undefined;
    if (checkpoint && mark && mark.hash !== scope) {
      // The desktop holds the documents of the grant it was withdrawing from, or else of its own.
      const held = mark.withdrawing?.held ?? mark.hash;
      withdrawing = held === scope ? undefined : { held, afterSeq: 0 };
      lastSeq = 0;
    } else if (checkpoint && !mark) {
      lastSeq = 0;
    }
    if (withdrawing) {
      const heldGrant = await this.scopes.load(this.db, user.accountId, withdrawing.held);
      if (heldGrant !== undefined) {
        const afterSeq = await this.withdraw(
          descriptor,
          user,
          heldGrant,
          grant,
          withdrawing.afterSeq,
          limit,
          documents,
        );
        if (documents.length >= limit) {
          const at = formatScopeMark({
            hash: scope,
            withdrawing: { held: withdrawing.held, afterSeq },
          });
          return { documents, checkpoint: { seq: 0, scope: at } };
        }
      }
    }
    const seq = await readableRows(this.db, descriptor, user, grant, lastSeq, limit, documents);
    return { documents, checkpoint: { seq, scope } };
  }

  /**
   * Appends tombstones of the documents inside `held` that the user may no longer read, after
   * `afterSeq`, up to `limit`; returns the last seq examined.
   */
  private async withdraw(
    descriptor: CollectionDescriptor,
    user: AuthUser,
    held: ScopeGrant | null,
    current: ScopeGrant | null,
    afterSeq: number,
    limit: number,
    documents: DocState[],
  ): Promise<number> {
    if (current === null) return afterSeq;
    const was = grantSql(held, 4);
    const now = grantSql(current, 4 + was.params.length);
    const fetchSize = Math.max(limit, 50);
    let lastSeq = afterSeq;
    for (;;) {
      const result = await this.db.query(
        `SELECT seq, doc FROM documents
         WHERE collection = $1 AND seq > $2 AND NOT deleted
           AND ${was.sql} AND NOT coalesce(${now.sql}, false)
         ORDER BY seq LIMIT $3`,
        [descriptor.name, lastSeq, fetchSize, ...was.params, ...now.params],
      );
      for (const row of result.rows) {
        lastSeq = toNumber(row.seq);
        const state: DocState = { ...(row.doc as Record<string, unknown>), _deleted: false };
        if (!inGrant(held, state) || descriptor.canRead(user, state)) continue;
        documents.push(
          descriptor.tombstone?.(state) ?? {
            [descriptor.primaryKey]: state[descriptor.primaryKey],
            _deleted: true,
          },
        );
        if (documents.length >= limit) return lastSeq;
      }
      if (result.rows.length < fetchSize) return lastSeq;
    }
  }

  /**
   * THE write path: every server write goes through here (or through `transact`'s `write`, the
   * same path inside a larger operation). In a transaction holding the write lock it validates
   * each row, checks the user's rights (pushes), merges with the stored master, stores the result
   * with the next seq and its audit row, and records refusals; after the commit the stored states
   * reach the rights index and the live streams, in seq order. Returns, per group, the states the
   * writer must adopt (for a push: only what the user may read) and what was stored.
   *
   * Pushes are committed in groups (see `commitPushes`): the pushes that arrive while a write
   * runs share the next transaction, each in its own savepoint, so one push's failure is its own.
   * A server-side write runs in a transaction of its own (`transact`).
   */
  write(batch: WriteBatch, actor: AuthUser, kind: 'push'): Promise<GroupOutcome[]>;
  write(batch: WriteBatch, actor: WriteActor, kind: ServerWriteKind): Promise<GroupOutcome[]>;
  write(batch: WriteBatch, actor: AuthUser | WriteActor, kind: WriteKind): Promise<GroupOutcome[]> {
    if (kind === 'push') {
      return new Promise((resolve, reject) => {
        const rows = batch.reduce((n, group) => n + group.rows.length, 0);
        this.waiting.push({ batch, user: actor as AuthUser, rows, resolve, reject });
        this.scheduleGroup();
      });
    }
    return this.transact((_tx, write) => write(batch, actor, kind as ServerWriteKind));
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
        const result = await fn(tx, this.writeIn(tx, outcomes));
        if (this.feed && outcomes.some((o) => o.written.length > 0)) await announceChanges(tx);
        return result;
      });
      this.publish(outcomes);
      return result;
    });
  }

  /** Queues one run of `commitPushes` unless one is already queued (it takes every push waiting). */
  private scheduleGroup(): void {
    if (this.groupQueued) return;
    this.groupQueued = true;
    void this.queue.run(() => {
      this.groupQueued = false;
      return this.commitPushes();
    });
  }

  /**
   * Group commit: the pushes waiting (in arrival order, up to GROUP_MAX_PUSHES pushes and
   * GROUP_MAX_ROWS rows, at least one) in ONE transaction — one write lock, one announcement, the
   * index refreshed only by what the earlier pushes of the group wrote. Each push is exactly what
   * it would be alone: its own user's rights and read scope, its own refusals and audit actor,
   * its own answer; in a savepoint of its own, so a push that throws rolls back alone and its
   * caller gets its error while the others commit. Pushes run one after another, so seq order
   * (and the order of the live events) is still commit order, push by push. The rest waits for
   * the next run, queued behind whatever server-side operation came meanwhile.
   */
  private async commitPushes(): Promise<void> {
    const group: WaitingPush[] = [];
    let rows = 0;
    while (this.waiting.length > 0 && group.length < GROUP_MAX_PUSHES) {
      const next = this.waiting[0]!;
      if (group.length > 0 && rows + next.rows > GROUP_MAX_ROWS) break;
      group.push(this.waiting.shift()!);
      rows += next.rows;
    }
    if (this.waiting.length > 0) this.scheduleGroup();
    if (group.length === 0) return;
    // Alone, a push needs no savepoint: its failure rolls back the transaction, as it always did.
    const alone = group.length === 1;
    const results: ({ outcomes: GroupOutcome[] } | { error: unknown })[] = [];
    try {
      await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        for (const push of group) {
          const outcomes: GroupOutcome[] = [];
          if (!alone) await tx.query('SAVEPOINT push');
          try {
            await this.writeIn(tx, outcomes)(push.batch, push.user, 'push');
            if (!alone) await tx.query('RELEASE SAVEPOINT push');
            results.push({ outcomes });
          } catch (error) {
            if (alone) throw error;
            // Should the rollback itself fail, the transaction fails and so does every push.
            await tx.query('ROLLBACK TO SAVEPOINT push');
            results.push({ error });
          }
        }
        const wrote = results.some((r) => 'outcomes' in r && r.outcomes.some(hasWritten));
        if (this.feed && wrote) await announceChanges(tx);
      });
    } catch (error) {
      for (const push of group) push.reject(error);
      return;
    }
    this.publish(results.flatMap((r) => ('outcomes' in r ? r.outcomes : [])));
    for (const [i, push] of group.entries()) {
      const result = results[i]!;
      if ('outcomes' in result) push.resolve(result.outcomes);
      else push.reject(result.error);
    }
  }

  /** The write path bound to an open write transaction; what it wrote is appended to `outcomes`. */
  private writeIn(tx: Queryable, outcomes: GroupOutcome[]): TransactionWrite {
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
    return write;
  }

  /**
   * After a commit, still inside the queue: the stored batches reach the rights index (and,
   * without the shared feed, the streams) in seq order.
   */
  private publish(outcomes: readonly GroupOutcome[]): void {
    for (const outcome of outcomes) {
      if (!hasWritten(outcome)) continue;
      this.registry.get(outcome.collection)?.afterWrite?.(outcome.written);
      if (this.feed?.following) continue;
      this.hub.emit({
        collection: outcome.collection,
        documents: outcome.written,
        checkpoint: { seq: outcome.written[outcome.written.length - 1]!.seq },
      });
    }
    // This process's own writes need not wait for the notification to come back.
    if (this.feed?.following && outcomes.some(hasWritten)) void this.feed.catchUp();
  }
}

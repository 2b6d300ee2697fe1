// The replication engine: checkpointed pull and conflict-checked push over one documents table,
// ordered by one global sequence, generic over collection descriptors.
import type { Db, Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { AuthUser } from '../auth/roles';
import { ApiError } from '../errors';
import type { CollectionDescriptor, DocState, WriteDecision } from './collections';
import { ChangeHub, type ChangeBatch } from './changes';
import { jsonEqual, toDocState, withoutDeleted } from './doc-state';
import { WriteQueue } from './write-queue';

export interface Checkpoint {
  seq: number;
  /** The user's read scope when the checkpoint was handed out (scoped collections only). */
  scope?: string;
}

export interface PullResult {
  documents: DocState[];
  checkpoint: Checkpoint;
}

/** Who a stored write is attributed to in `documents` and `audit_log`. */
export interface WriteActor {
  accountId: string | null;
  deviceId: string | null;
}

/** One row of a push, exactly as RxDB's push handler receives it. */
export interface PushRow {
  assumedMasterState?: Record<string, unknown> | null;
  newDocumentState: Record<string, unknown>;
}

/**
 * Every document write takes this transaction-scoped advisory lock before it draws a seq, and
 * holds it until COMMIT, so seq order equals commit order, even across server processes.
 */
export const WRITE_LOCK_KEY = 7_310_002;

const MAX_ID_LENGTH = 512;

function decisionReason(decision: WriteDecision): string | null {
  if (decision === true) return null;
  if (typeof decision === 'string') return decision;
  return decision.ok ? null : decision.reason;
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    return (error.issues as { path?: unknown[]; message?: string }[])
      .map((i) => (i.path?.length ? `${i.path.join('.')}: ${i.message}` : String(i.message)))
      .join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

interface MasterRow {
  state: DocState;
}

/**
 * Called inside the transaction that stores a document of the collection, right after its row
 * and audit row: what must change in the same commit (the family e-diary closes a family's
 * access in the write that records a withdrawn consent). Throwing rolls the whole write back.
 */
export type WriteObserver = (
  tx: Queryable,
  change: { id: string; before: DocState | null; after: DocState },
) => Promise<void>;

export class SyncEngine {
  readonly hub: ChangeHub;
  private readonly queue = new WriteQueue();
  private readonly observers = new Map<string, WriteObserver[]>();

  constructor(
    private readonly db: Db,
    hub?: ChangeHub,
  ) {
    this.hub = hub ?? new ChangeHub();
  }

  /** Registers a reaction run inside every write of the collection (see WriteObserver). */
  onWrite(collection: string, observer: WriteObserver): void {
    const list = this.observers.get(collection) ?? [];
    list.push(observer);
    this.observers.set(collection, list);
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
        if (descriptor.canRead(user, state)) documents.push(this.redact(descriptor, user, state));
        if (documents.length >= limit) return { documents, checkpoint: at(lastSeq) };
      }
      if (result.rows.length < fetchSize) return { documents, checkpoint: at(lastSeq) };
    }
  }

  private redact(descriptor: CollectionDescriptor, user: AuthUser, state: DocState): DocState {
    return descriptor.redact ? descriptor.redact(user, state) : state;
  }

  /**
   * Applies a push in ONE transaction. Returns the master states the client must adopt: real
   * conflicts, refused rows (carrying the server state), and rows the server stored differently
   * from what was sent (a server-side merge or schema normalization).
   */
  async push(
    descriptor: CollectionDescriptor,
    user: AuthUser,
    rows: PushRow[],
  ): Promise<DocState[]> {
    for (const row of rows) {
      const id = row.newDocumentState[descriptor.primaryKey];
      if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
        throw new ApiError(
          400,
          'VALIDATION_FAILED',
          `Документ без идентификатора «${descriptor.primaryKey}» или со слишком длинным идентификатором`,
        );
      }
    }
    return this.queue.run(async () => {
      const { answer, written } = await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        await descriptor.prepare?.(tx);
        return this.applyRows(tx, descriptor, user, rows);
      });
      if (written.length > 0) descriptor.afterWrite?.(written);
      // Still inside the queue: batches reach the streams in seq order.
      if (written.length > 0) {
        this.hub.emit({
          collection: descriptor.name,
          documents: written,
          checkpoint: { seq: written[written.length - 1]!.seq },
        });
      }
      return answer.map((state) => this.redact(descriptor, user, state));
    });
  }

  /**
   * Runs a server-side write operation exactly like a push: in the write queue, in ONE transaction
   * holding the write lock. `fn` returns the documents it wrote per collection (in seq order); they
   * go to the live streams after the commit, so desktops receive them like any push.
   */
  async exclusive<T>(
    fn: (tx: Queryable) => Promise<{ result: T; written: ChangeBatch[] }>,
  ): Promise<T> {
    return this.queue.run(async () => {
      const { result, written } = await this.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        return fn(tx);
      });
      for (const batch of written) if (batch.documents.length > 0) this.hub.emit(batch);
      return result;
    });
  }

  private async applyRows(
    tx: Queryable,
    descriptor: CollectionDescriptor,
    user: AuthUser,
    rows: PushRow[],
  ): Promise<{ answer: DocState[]; written: { seq: number; state: DocState }[] }> {
    const ids = rows.map((r) => r.newDocumentState[descriptor.primaryKey] as string);
    const masters = await this.readMasters(tx, descriptor.name, ids);
    const answer: DocState[] = [];
    const written: { seq: number; state: DocState }[] = [];

    const refuse = async (
      id: string,
      master: DocState | null,
      incoming: DocState,
      reason: string,
    ) => {
      await tx.query(
        `INSERT INTO refusals (collection, doc_id, account_id, device_id, reason, attempted)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
        [descriptor.name, id, user.accountId, user.deviceId, reason, JSON.stringify(incoming)],
      );
      // RxDB needs a master state to resolve to. With no master, the refused insert comes back as a
      // tombstone of itself; the attempted content stays on record in `refusals`.
      answer.push(master ?? { ...incoming, _deleted: true });
    };

    for (const [index, row] of rows.entries()) {
      const id = ids[index]!;
      const master = masters.get(id)?.state ?? null;
      const incoming = toDocState(row.newDocumentState);
      // A re-sent push that already landed changes nothing.
      if (master && jsonEqual(master, incoming)) continue;

      const assumed = row.assumedMasterState ? toDocState(row.assumedMasterState) : null;
      let target = incoming;
      let superseded: unknown[] = [];
      const outdated = master !== null && (assumed === null || !jsonEqual(master, assumed));
      if (master !== null && (outdated || descriptor.alwaysMerge === true)) {
        let merged: DocState | null = null;
        if (descriptor.resolve) {
          const resolution = descriptor.resolve(master, incoming, assumed);
          merged = resolution?.state ?? null;
          superseded = resolution?.superseded ?? [];
        } else if (outdated) {
          merged = descriptor.merge?.(master, incoming, assumed) ?? null;
        } else {
          merged = incoming;
        }
        if (merged === null) {
          answer.push(master);
          continue;
        }
        target = { ...merged, [descriptor.primaryKey]: id, _deleted: merged._deleted === true };
        if (jsonEqual(master, target)) {
          // Every part the client sent lost to a newer one: nothing to write, but the losing
          // values are kept in the audit log.
          if (superseded.length > 0)
            await this.recordSuperseded(tx, descriptor, id, master, superseded, user);
          answer.push(master);
          continue;
        }
      }

      let stored: DocState;
      try {
        const parsed = descriptor.validate(withoutDeleted(target));
        stored = { ...parsed, [descriptor.primaryKey]: id, _deleted: target._deleted };
      } catch (error) {
        await refuse(id, master, incoming, `Документ не прошёл проверку: ${describeError(error)}`);
        continue;
      }
      const reason = decisionReason(descriptor.canWrite(user, master, stored));
      if (reason !== null) {
        await refuse(id, master, incoming, reason);
        continue;
      }

      const parts = descriptor.auditParts?.(master, stored) ?? null;
      const seq = await this.writeDocument(tx, descriptor.name, id, master, stored, user, {
        parts,
        superseded,
      });
      masters.set(id, { state: stored });
      written.push({ seq, state: stored });
      if (!jsonEqual(stored, incoming)) answer.push(stored);
    }
    return { answer, written };
  }

  private async readMasters(tx: Queryable, collection: string, ids: string[]) {
    const result = await tx.query(
      `SELECT id, deleted, doc FROM documents
       WHERE collection = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
      [collection, JSON.stringify([...new Set(ids)])],
    );
    const map = new Map<string, MasterRow>();
    for (const row of result.rows) {
      map.set(String(row.id), {
        state: { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true },
      });
    }
    return map;
  }

  /**
   * Stores one document state with the next seq and its audit row. Call inside a transaction that
   * holds the write lock (`push`, or `exclusive` for server-side operations such as a revert).
   */
  async writeDocument(
    tx: Queryable,
    collection: string,
    id: string,
    before: DocState | null,
    after: DocState,
    user: WriteActor,
    detail: { parts: unknown[] | null; superseded: unknown[]; kind?: string },
  ): Promise<number> {
    const result = await tx.query(
      `INSERT INTO documents (collection, id, seq, deleted, doc, updated_by, updated_device, updated_at)
       VALUES ($1, $2, nextval('document_seq'), $3, $4::jsonb, $5, $6, now())
       ON CONFLICT (collection, id) DO UPDATE SET
         seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc,
         updated_by = EXCLUDED.updated_by, updated_device = EXCLUDED.updated_device,
         updated_at = EXCLUDED.updated_at
       RETURNING seq`,
      [
        collection,
        id,
        after._deleted,
        JSON.stringify(withoutDeleted(after)),
        user.accountId,
        user.deviceId,
      ],
    );
    const seq = toNumber(result.rows[0]!.seq);
    await tx.query(
      `INSERT INTO audit_log (collection, doc_id, seq, account_id, device_id, before, after, parts, superseded, kind)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10)`,
      [
        collection,
        id,
        seq,
        user.accountId,
        user.deviceId,
        before === null ? null : JSON.stringify(before),
        JSON.stringify(after),
        detail.parts === null ? null : JSON.stringify(detail.parts),
        detail.superseded.length === 0 ? null : JSON.stringify(detail.superseded),
        detail.kind ?? 'write',
      ],
    );
    for (const observer of this.observers.get(collection) ?? []) {
      await observer(tx, { id, before, after });
    }
    return seq;
  }

  /** An audit row without a write: a pushed version whose every changed part lost the merge. */
  private async recordSuperseded(
    tx: Queryable,
    descriptor: CollectionDescriptor,
    id: string,
    master: DocState,
    superseded: unknown[],
    user: AuthUser,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (collection, doc_id, seq, account_id, device_id, before, after, kind, superseded)
       VALUES ($1, $2, NULL, $3, $4, $5::jsonb, $5::jsonb, 'superseded', $6::jsonb)`,
      [
        descriptor.name,
        id,
        user.accountId,
        user.deviceId,
        JSON.stringify(master),
        JSON.stringify(superseded),
      ],
    );
  }
}

// The one write path's rows: every server write (a desktop's push, an import, a snapshot load, a
// compromise undo) runs each row through the same steps — validate, check the stamps' clock and
// the user's rights (pushes only), merge with the stored master, audit — inside the caller's
// write transaction. SyncEngine.write/transact (engine.ts) own the transaction and the live
// streams; nothing else writes the documents table.
import type { AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';
import { ApiError, messages } from '../errors';
import type {
  CollectionDescriptor,
  CollectionRegistry,
  DocState,
  GroupOutcome,
  StoredState,
  WriteBatch,
  WriteKind,
  WriteRow,
} from './collections';
import { WriteRefusal } from './collections';
import { jsonEqual, toDocState, withoutDeleted } from './doc-state';
import { unseenAnswer, visibleTo } from './read-scope';
import type { Refusal } from './refusals';
import type { WriteActor } from './collections';
import { readMasters, recordSuperseded, storeStates, type StoreEntry } from './store';

/** The audit log's `kind` of each write kind (the history shows an import as «Загрузка данных»). */
export const AUDIT_KIND: Record<WriteKind, string> = {
  push: 'write',
  import: 'import',
  snapshot: 'import',
  revert: 'revert',
  generate: 'generate',
  substitute: 'substitute',
  move: 'move',
  'cancel-day': 'cancel-day',
  revive: 'revive',
  'year-transition': 'year-transition',
  'year-undo': 'year-undo',
  publish: 'publish',
};

export type {
  GroupOutcome,
  ServerWriteKind,
  WriteBatch,
  WriteGroup,
  WriteKind,
  WriteRow,
} from './collections';

export const MAX_ID_LENGTH = 512;

type Decision =
  | { kind: 'skip' }
  | { kind: 'answer'; state: DocState }
  | { kind: 'superseded'; state: DocState; superseded: unknown[] }
  | { kind: 'refuse'; reason: string; parts?: unknown }
  | { kind: 'store'; entry: StoreEntry };

interface RowContext {
  descriptor: CollectionDescriptor;
  /** Set for pushes only. */
  user: AuthUser | null;
  nowMs: number;
  kind: WriteKind;
}

function describeError(error: unknown): string {
  if (error instanceof WriteRefusal) return error.message;
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    const issues = error.issues as { path?: unknown[]; message?: string }[];
    const text = issues
      .slice(0, 10)
      .map((i) => (i.path?.length ? `${i.path.join('.')}: ${i.message}` : String(i.message)))
      .join('; ');
    const more = issues.length > 10 ? `; и ещё ${issues.length - 10}` : '';
    return `Документ не прошёл проверку: ${text}${more}`;
  }
  return 'Документ не прошёл проверку: неверная структура данных';
}

function validated(
  descriptor: CollectionDescriptor,
  id: string,
  state: DocState,
  before: DocState | null,
): DocState {
  const parsed = descriptor.validate(withoutDeleted(state), before);
  return { ...parsed, [descriptor.primaryKey]: id, _deleted: state._deleted };
}

/** What to do with one row against its master (null: the document does not exist for this row). */
function decide(
  ctx: RowContext,
  id: string,
  master: DocState | null,
  incoming: DocState,
  assumed: DocState | null,
): Decision {
  const { descriptor, user } = ctx;
  // A re-sent push that already landed changes nothing.
  if (master && jsonEqual(master, incoming)) return { kind: 'skip' };

  let sent: DocState;
  try {
    sent = validated(descriptor, id, incoming, master);
  } catch (error) {
    return { kind: 'refuse', reason: describeError(error) };
  }
  const parts = () => {
    try {
      return descriptor.auditParts?.(master, sent) ?? undefined;
    } catch {
      return undefined;
    }
  };
  if (descriptor.fitStamps) {
    const fitted = descriptor.fitStamps(master, sent, ctx.nowMs, user ? 'refuse' : 'clamp');
    if (typeof fitted === 'string') return { kind: 'refuse', reason: fitted, parts: parts() };
    sent = fitted;
  }

  let target = sent;
  let superseded: unknown[] = [];
  const outdated = master !== null && (assumed === null || !jsonEqual(master, assumed));
  if (master !== null && (outdated || descriptor.alwaysMerge === true)) {
    if (descriptor.resolve) {
      const resolution = descriptor.resolve(master, sent, assumed);
      if (resolution === null) return { kind: 'answer', state: master };
      target = { ...resolution.state, [descriptor.primaryKey]: id };
      superseded = resolution.superseded;
    } else if (outdated) {
      return { kind: 'answer', state: master };
    }
    if (jsonEqual(master, target)) {
      // Every part the writer sent lost to a newer one: nothing to write, but the losing values
      // (validated above, so bounded) are kept in the audit log.
      return superseded.length > 0
        ? { kind: 'superseded', state: master, superseded }
        : { kind: 'answer', state: master };
    }
  }

  // A merged document is validated again (what is stored must be valid); an unmerged one was.
  let after = target;
  if (target !== sent) {
    try {
      after = validated(descriptor, id, target, master);
    } catch (error) {
      return { kind: 'refuse', reason: describeError(error), parts: parts() };
    }
  }
  const frozen = descriptor.frozen?.check(master, after, ctx.kind) ?? null;
  if (frozen !== null) return { kind: 'refuse', reason: frozen, parts: parts() };
  if (user) {
    const decision = descriptor.canWrite(user, master, after);
    if (decision !== true) return { kind: 'refuse', reason: decision, parts: parts() };
  }
  return {
    kind: 'store',
    entry: {
      id,
      before: master,
      after,
      parts: descriptor.auditParts?.(master, after) ?? null,
      superseded,
    },
  };
}

/** A push naming a document the user may not read: judged as an insert of a new document. */
const HIDDEN_EXISTS = 'Документ с таким идентификатором создать нельзя: он уже занят';

function idOf(descriptor: CollectionDescriptor, row: WriteRow): string {
  const id = row.newDocumentState[descriptor.primaryKey];
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `Документ без идентификатора «${descriptor.primaryKey}» или со слишком длинным идентификатором`,
    );
  }
  return id;
}

export interface BatchContext {
  tx: Queryable;
  registry: CollectionRegistry;
  kind: WriteKind;
  /** Who the stored writes and refusals are attributed to. */
  actor: WriteActor;
  /** The signed-in user of a push (null for server-side kinds). */
  user: AuthUser | null;
  nowMs: number;
  /** Refusals of this batch (pushes), stored by the caller before the commit. */
  refusals: Refusal[];
}

/** Applies one batch inside the caller's write transaction (write lock held). */
export async function applyBatch(ctx: BatchContext, batch: WriteBatch): Promise<GroupOutcome[]> {
  const outcomes: GroupOutcome[] = [];
  for (const group of batch) {
    const descriptor = ctx.registry.get(group.collection);
    if (!descriptor) throw new ApiError(404, 'UNKNOWN_COLLECTION', messages.unknownCollection);
    outcomes.push(await applyGroup(ctx, descriptor, group.rows));
  }
  return outcomes;
}

async function applyGroup(
  ctx: BatchContext,
  descriptor: CollectionDescriptor,
  rows: readonly WriteRow[],
): Promise<GroupOutcome> {
  const { tx, user } = ctx;
  const name = descriptor.name;
  const ids = rows.map((row) => idOf(descriptor, row));
  // Rights need the cached context (a push's); server-side kinds bypass them.
  if (user) await descriptor.prepare?.(tx);
  // Closed years bind every kind of write.
  await descriptor.frozen?.prepare(tx);
  const masters = await readMasters(tx, name, ids);
  const rowContext: RowContext = { descriptor, user, nowMs: ctx.nowMs, kind: ctx.kind };
  const answer: DocState[] = [];
  const written: StoredState[] = [];
  let pending: StoreEntry[] = [];
  const pendingIds = new Set<string>();
  const flush = async () => {
    if (pending.length === 0) return;
    const seqs = await storeStates(tx, name, pending, ctx.actor, AUDIT_KIND[ctx.kind]);
    for (const entry of pending) written.push({ seq: seqs.get(entry.id)!, state: entry.after });
    pending = [];
    pendingIds.clear();
  };
  // What the writer is shown: for a push, only what its user may read.
  const answerWith = (state: DocState, sent: DocState) => {
    answer.push(user ? (visibleTo(descriptor, user, state) ?? unseenAnswer(sent)) : state);
  };

  for (const [index, row] of rows.entries()) {
    const id = ids[index]!;
    // A document written earlier in this batch is read back from the database by the next write.
    if (pendingIds.has(id)) await flush();
    const incoming = toDocState(row.newDocumentState);
    const assumed = row.assumedMasterState ? toDocState(row.assumedMasterState) : null;
    const stored = masters.get(id) ?? null;
    // A document this user may not read is, for them, a document that does not exist.
    const hidden = user !== null && stored !== null && !descriptor.canRead(user, stored);
    const master = hidden ? null : stored;
    let decision = decide(rowContext, id, master, incoming, assumed);
    if (hidden && decision.kind !== 'refuse') decision = { kind: 'refuse', reason: HIDDEN_EXISTS };

    switch (decision.kind) {
      case 'skip':
        break;
      case 'answer':
        answerWith(decision.state, incoming);
        break;
      case 'superseded':
        await recordSuperseded(tx, name, id, decision.state, decision.superseded, ctx.actor);
        answerWith(decision.state, incoming);
        break;
      case 'refuse':
        if (!user) {
          throw new ApiError(
            400,
            'VALIDATION_FAILED',
            `Запись не выполнена (${name}, ${id}): ${decision.reason}`,
          );
        }
        ctx.refusals.push({
          collection: name,
          docId: id,
          reason: decision.reason,
          attempted: row.newDocumentState,
          ...(decision.parts === undefined ? {} : { parts: decision.parts }),
        });
        // RxDB needs a master state to resolve to; with none (or none this user may see), the
        // refused document comes back as a tombstone of itself.
        if (master) answerWith(master, incoming);
        else answer.push(unseenAnswer(incoming));
        break;
      case 'store': {
        pending.push(decision.entry);
        pendingIds.add(id);
        masters.set(id, decision.entry.after);
        if (!jsonEqual(decision.entry.after, incoming)) answerWith(decision.entry.after, incoming);
        break;
      }
    }
  }
  await flush();
  written.sort((a, b) => a.seq - b.seq);
  return { collection: name, answer, written };
}

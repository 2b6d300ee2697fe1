// markCompromised: «все операции, произведённые с учётной записью с момента сообщения о нарушении,
// признаются недействительными» (seed 004). In ONE transaction holding the write lock:
//   1. every device and token of the account is revoked and its password voided (revoke.ts);
//   2. every part the account wrote at or after `since` goes back to its value before the
//      compromised writes, unless someone else wrote it since (their write stays) — plan.ts;
//   3. the undone parts are stored as NEW writes through the one write path (engine.transact:
//      validated, new seq, HLC stamps newer than any stamp of the document, signed by the person
//      marking), audited as kind 'revert', and go out on the live streams after the commit, so
//      every desktop receives them like any push;
//   4. the report is stored in compromise_reports.
// Running it again undoes nothing twice: parts already reverted are recognized by their 'revert'
// audit rows.
import { findAccountByLogin } from '../auth/accounts';
import type { Role } from '../auth/roles';
import type { Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';
import { ApiError } from '../errors';
import type { DocState } from '../sync/collections';
import { jsonEqual } from '../sync/doc-state';
import type { SyncEngine, WriteActor, WriteRow } from '../sync/engine';
import type {
  CompromiseReport,
  CreatedDocument,
  KeptChange,
  UndoneChange,
} from '../../shared/compromise-report';
import { fullName, type PersonName } from '../../shared/common';
import { createClock, type Clock } from '../../shared/hlc';
import { getPart, setPart, type Stamped } from '../../shared/merge';
import { PlaceResolver } from './describe';
import { planDocument, type AuditRow, type DocumentPlan } from './plan';
import { storeReport } from './reports';
import { createdAction, restoredValue } from './restore-values';
import { revokeAccount } from './revoke';
import { mayMarkCompromised } from './who-may-mark';

/** Who marks the account: an administrator or the deputy (API), or the server console. */
export interface CompromiseActor extends WriteActor {
  login: string;
  staffId: string | null;
  name?: string | null;
  /** The roles of a signed-in marker (checked: who-may-mark.ts); absent for the console. */
  roles?: readonly Role[];
}

export interface MarkCompromisedInput {
  login: string;
  /** The reported moment; writes with the account from then on are undone. */
  since: Date;
  by: CompromiseActor;
}

interface DocWork {
  collection: string;
  id: string;
  firstSeq: number;
}

async function compromisedDocuments(tx: Queryable, accountId: string, since: Date) {
  const result = await tx.query(
    `SELECT collection, doc_id, min(seq) AS first_seq FROM audit_log
     WHERE account_id = $1 AND kind = 'write' AND seq IS NOT NULL AND at >= $2
     GROUP BY collection, doc_id ORDER BY min(seq)`,
    [accountId, since.toISOString()],
  );
  return result.rows.map((r): DocWork => ({
    collection: String(r.collection),
    id: String(r.doc_id),
    firstSeq: toNumber(r.first_seq),
  }));
}

async function auditRows(
  tx: Queryable,
  work: DocWork,
  accountId: string,
  since: Date,
): Promise<AuditRow[]> {
  const result = await tx.query(
    `SELECT l.seq, l.at, l.kind, l.before, l.after, l.parts, l.device_id, a.login,
            d.name AS device_name, s.doc AS staff,
            (l.account_id = $4 AND l.kind = 'write' AND l.at >= $5) AS compromised
     FROM audit_log l
     LEFT JOIN accounts a ON a.id = l.account_id
     LEFT JOIN devices d ON d.id = l.device_id
     LEFT JOIN documents s ON s.collection = 'staff' AND s.id = a.staff_id
     WHERE l.collection = $1 AND l.doc_id = $2 AND l.seq >= $3
     ORDER BY l.seq`,
    [work.collection, work.id, work.firstSeq, accountId, since.toISOString()],
  );
  return result.rows.map((r) => ({
    seq: toNumber(r.seq),
    at: toIsoTime(r.at),
    kind: String(r.kind),
    login: r.login === null ? null : String(r.login),
    name: r.staff ? fullName(r.staff as PersonName) : null,
    deviceId: r.device_id === null ? null : String(r.device_id),
    deviceName: r.device_name === null ? null : String(r.device_name),
    before: (r.before as DocState | null) ?? null,
    after: r.after as DocState,
    parts: (r.parts as AuditRow['parts']) ?? null,
    compromised: r.compromised === true,
  }));
}

/** A clock ahead of every stamp of the document, so the restored parts win every merge. */
function catchUp(clock: Clock, doc: DocState): void {
  const stamps = (doc.stamps ?? {}) as Record<string, { at?: unknown }>;
  for (const stamp of Object.values(stamps)) {
    try {
      if (typeof stamp.at === 'string') clock.receive(stamp.at);
    } catch {
      // A malformed stamp cannot be caught up with; the new stamp is still ahead of valid ones.
    }
  }
}

interface Outcome {
  next: DocState;
  undone: UndoneChange[];
  kept: KeptChange[];
  created: CreatedDocument | null;
}

async function undoDocument(
  work: DocWork,
  current: DocState,
  plan: DocumentPlan,
  stamp: () => { at: string; by: string },
  places: PlaceResolver,
): Promise<Outcome> {
  const { collection, id } = work;
  let next = current;
  const undone: UndoneChange[] = [];
  for (const revert of plan.reverts) {
    const target = restoredValue(collection, revert);
    if (!target) continue;
    if (revert.path === '_deleted') {
      next = { ...next, _deleted: target.value === true };
    } else if (
      !jsonEqual(getPart(next as unknown as Stamped, revert.path) ?? null, target.value ?? null)
    ) {
      next = setPart(
        next as unknown as Stamped,
        revert.path,
        target.value,
        stamp(),
      ) as unknown as DocState;
    }
    const label = await places.placeLabel(collection, current, revert.path);
    for (const w of revert.writes) {
      undone.push({
        collection,
        docId: id,
        path: revert.path,
        label,
        seq: w.row.seq,
        at: w.row.at,
        device: { id: w.row.deviceId, name: w.row.deviceName },
        compromisedValue: w.change.after ?? null,
        restoredValue: target.value ?? null,
      });
    }
  }
  const kept: KeptChange[] = [];
  for (const k of plan.kept) {
    const label = await places.placeLabel(collection, current, k.path);
    for (const w of k.writes) {
      kept.push({
        collection,
        docId: id,
        path: k.path,
        label,
        compromisedSeq: w.row.seq,
        compromisedAt: w.row.at,
        compromisedValue: w.change.after ?? null,
        seq: k.by.seq,
        at: k.by.at,
        by: { login: k.by.login, name: k.by.name },
        keptValue: k.keptValue ?? null,
      });
    }
  }
  let created: CreatedDocument | null = null;
  if (plan.createdBy) {
    const paths = Object.keys((current.stamps ?? {}) as object);
    const decision = createdAction(collection, plan, paths);
    if (decision.action === 'removed') next = { ...next, _deleted: true };
    const row = plan.createdBy;
    created = {
      collection,
      docId: id,
      label: await places.documentLabel(collection, current),
      seq: row.seq,
      at: row.at,
      device: { id: row.deviceId, name: row.deviceName },
      ...decision,
    };
  }
  return { next, undone, kept, created };
}

export async function markCompromised(
  engine: SyncEngine,
  input: MarkCompromisedInput,
): Promise<CompromiseReport> {
  if (Number.isNaN(input.since.getTime())) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Неверный момент компрометации (since)');
  }
  const author = (input.by.staffId ?? `account:${input.by.login}`).slice(0, 64);
  const clock = createClock('server.revert', Date.now, { maxDriftMs: Number.POSITIVE_INFINITY });
  return engine.transact(async (tx, write) => {
    const account = await findAccountByLogin(tx, input.login);
    if (!account) throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
    if (input.by.roles) {
      const verdict = mayMarkCompromised({ login: input.by.login, roles: input.by.roles }, account);
      if (verdict !== true) throw new ApiError(403, 'FORBIDDEN', verdict);
    }
    const revocation = await revokeAccount(tx, account);
    const places = new PlaceResolver(tx);
    const undone: UndoneChange[] = [];
    const kept: KeptChange[] = [];
    const created: CreatedDocument[] = [];
    const rows = new Map<string, WriteRow[]>();
    let alreadyUndone = 0;

    for (const work of await compromisedDocuments(tx, account.id, input.since)) {
      const plan = planDocument(await auditRows(tx, work, account.id, input.since));
      alreadyUndone += plan.alreadyUndone;
      const row = await tx.query(
        'SELECT deleted, doc FROM documents WHERE collection = $1 AND id = $2',
        [work.collection, work.id],
      );
      if (!row.rows[0]) continue;
      const current: DocState = {
        ...(row.rows[0].doc as Record<string, unknown>),
        _deleted: row.rows[0].deleted === true,
      };
      catchUp(clock, current);
      const outcome = await undoDocument(
        work,
        current,
        plan,
        () => ({ at: clock.tick(), by: author }),
        places,
      );
      kept.push(...outcome.kept);
      if (jsonEqual(outcome.next, current)) {
        if (outcome.created?.action === 'manual') created.push(outcome.created);
        continue;
      }
      undone.push(...outcome.undone);
      if (outcome.created) created.push(outcome.created);
      const list = rows.get(work.collection) ?? [];
      list.push({ assumedMasterState: current, newDocumentState: outcome.next });
      rows.set(work.collection, list);
    }

    // The undone parts go through the one write path as server-side writes of kind `revert`:
    // validated like any write, audited, and on the live streams after the commit.
    const outcomes = await write(
      [...rows].map(([collection, list]) => ({ collection, rows: list })),
      input.by,
      'revert',
    );
    return storeReport(tx, {
      login: account.login,
      accountId: account.id,
      displayName: account.displayName,
      since: input.since.toISOString(),
      createdAt: new Date().toISOString(),
      by: { login: input.by.login, name: input.by.name ?? null },
      revokedDevices: revocation.devices,
      revokedTokens: revocation.tokens,
      passwordVoided: revocation.passwordVoided,
      undone,
      kept,
      created,
      alreadyUndone,
      documentsWritten: outcomes.reduce((n, o) => n + o.written.length, 0),
    });
  });
}

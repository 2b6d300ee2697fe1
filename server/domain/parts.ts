// Per-part view of a write: which parts changed (shared/merge.ts diffParts), whether the user
// signed them, the server-side merge with its losers, and the audit detail of a change.
import { hasRole, type AuthUser } from '../auth/roles';
import type { DocState, Resolution, WriteDecision } from '../sync/collections';
import { withoutDeleted } from '../sync/doc-state';
import { closedPeriodMessage } from '../../shared/closed-period';
import { RIGHTS_REFUSALS } from '../../shared/lesson-rights';
import { diffParts, getPart, mergeDocuments, splitPath, type Stamped } from '../../shared/merge';
import type { Stamp } from '../../shared/stamp';

export type Doc = Stamped & Record<string, unknown>;

/** The staff id a user signs stamps with; an account without one signs as `account:<login>`. */
export function authorOf(user: AuthUser): string {
  return user.staffId ?? `account:${user.login}`;
}

export function asDoc(state: DocState): Doc {
  const doc = withoutDeleted(state) as Doc;
  return { ...doc, stamps: isRecord(doc.stamps) ? doc.stamps : {} };
}

export function stampAt(doc: Doc, path: string): Stamp | undefined {
  return Object.hasOwn(doc.stamps, path) ? doc.stamps[path] : undefined;
}

/** Changed paths; for a new document every stamped part and every identity field. */
export function changedParts(before: DocState | null, after: DocState): string[] {
  const empty: Doc = { stamps: {} };
  return diffParts(before ? asDoc(before) : empty, asDoc(after)).filter(
    (p) => p !== 'id' || before !== null,
  );
}

export const refusals = {
  identity: (path: string) => `Поле «${path}» задаётся при создании и не изменяется`,
  forged: (by: string) =>
    `Изменение подписано другим сотрудником (${by}), а не вами: изменения не приняты`,
  adminOnly: 'Изменять эти данные может только администратор',
  moveStudent:
    'Перевести ученика или отметить выбытие может классный руководитель его класса или заместитель директора',
  deletion: 'Записи журнала не удаляются: отметьте урок как отменённый',
  notYourCourse: RIGHTS_REFUSALS.notYourCourse,
  closed: closedPeriodMessage,
} as const;

/**
 * The common checks of every domain write: identity fields never change, and every changed part
 * carries a stamp signed by the writer. Returns the changed paths, or a refusal reason.
 */
export function checkParts(
  user: AuthUser,
  before: DocState | null,
  after: DocState,
): { parts: string[] } | { reason: string } {
  const parts = changedParts(before, after);
  const doc = asDoc(after);
  const author = authorOf(user);
  for (const path of parts) {
    const stamp = stampAt(doc, path);
    if (!stamp) {
      if (before === null) continue; // identity fields are set at creation
      return { reason: refusals.identity(path) };
    }
    if (stamp.by !== author) return { reason: refusals.forged(stamp.by) };
  }
  return { parts };
}

/**
 * Deleting (a tombstone) or restoring a document: admin only, and never journal records, except
 * what the collection's own `canDelete` allows (an empty lesson added by mistake).
 */
export function checkDeletion(
  user: AuthUser,
  before: DocState | null,
  after: DocState,
  journalRecord: boolean,
  canDelete?: (user: AuthUser, before: DocState, after: DocState) => WriteDecision,
): WriteDecision | null {
  const was = before?._deleted === true;
  if (was === after._deleted) return null;
  if (journalRecord) {
    return canDelete && before !== null && !was
      ? canDelete(user, before, after)
      : refusals.deletion;
  }
  return hasRole(user, 'admin') ? true : refusals.adminOnly;
}

/** Server-side merge: the newer stamp wins each part; the losing values go to the audit log. */
export function resolveParts(master: DocState, incoming: DocState): Resolution {
  const result = mergeDocuments(asDoc(master), asDoc(incoming));
  const masterDoc = asDoc(master);
  const superseded = result.superseded.map((part) => {
    // Which side lost: the incoming edit (never stored) or the master's value (overwritten).
    const masterStamp = stampAt(masterDoc, part.path);
    const fromMaster =
      (masterStamp === undefined && part.stamp === null) ||
      (masterStamp !== undefined &&
        part.stamp !== null &&
        masterStamp.at === part.stamp.at &&
        masterStamp.by === part.stamp.by);
    return { ...part, from: fromMaster ? 'server' : 'client' };
  });
  // An identity field that differs is never merged away silently: the incoming value is kept so
  // the rights check sees the change and refuses it (recorded in refusals).
  const state: Record<string, unknown> = { ...result.merged };
  const incomingDoc = asDoc(incoming);
  for (const path of result.identityConflicts) {
    const [field, key] = splitPath(path);
    const value = getPart(incomingDoc, path);
    if (key === undefined) state[field] = value;
    else state[field] = { ...(state[field] as Record<string, unknown>), [key]: value };
  }
  return { state: { ...state, _deleted: master._deleted || incoming._deleted }, superseded };
}

/** The audit detail of a change: per changed part, before → after with both stamps. */
export function auditParts(before: DocState | null, after: DocState): unknown[] | null {
  if (before === null) return null;
  const b = asDoc(before);
  const a = asDoc(after);
  return changedParts(before, after).map((path) => ({
    path,
    before: getPart(b, path) ?? null,
    after: getPart(a, path) ?? null,
    stampBefore: stampAt(b, path) ?? null,
    stamp: stampAt(a, path) ?? null,
  }));
}

function isRecord(value: unknown): value is Record<string, Stamp> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

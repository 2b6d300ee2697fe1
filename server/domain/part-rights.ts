// The common rights of every domain push: every changed part carries a stamp signed by the
// writer, and no push deletes or restores a document (deletion is a server-side act only).
import type { AuthUser } from '../auth/roles';
import type { DocState, WriteDecision } from '../sync/collections';
import { authorOf, asDoc, changedParts, stampAt } from './doc-parts';
import { refusals } from './messages';

/** The changed paths of a push, or a refusal reason when a change is not signed by the writer. */
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
      return { reason: refusals.unstamped(path) };
    }
    if (stamp.by !== author) return { reason: refusals.forged(stamp.by) };
  }
  return { parts };
}

/**
 * A push that deletes (a tombstone) or restores a document: refused, but for the collection's own
 * exception (`canDelete`: an empty lesson added by mistake). Journal records
 * are cancelled (a lesson) instead; reference documents change state (a student leaves, a staff
 * member becomes inactive); periods are never removed. Only the compromise undo, a server-side
 * operation, may tombstone what a compromised account created, or restore what it deleted.
 */
export function checkDeletion(
  user: AuthUser,
  before: DocState | null,
  after: DocState,
  journalRecord: boolean,
  canDelete?: (user: AuthUser, before: DocState, after: DocState) => WriteDecision,
): WriteDecision {
  const was = before?._deleted === true;
  if (was === after._deleted) return true;
  // The collection's own exception (an empty lesson added by mistake); restoring never is one.
  if (canDelete && before !== null && !was) return canDelete(user, before, after);
  return journalRecord ? refusals.deletion : refusals.noDeletion;
}

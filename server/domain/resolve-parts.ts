// The server-side merge of a push with the stored master: the newer stamp wins each part
// (shared/merge.ts), the losing values go to the audit log, and the deletion flag changes only
// when the writer saw the current one (rights then judge that change).
import type { DocState, Resolution } from '../sync/collections';
import { getPart, mergeDocuments, splitPath } from '../../shared/merge';
import { asDoc, stampAt } from './doc-parts';

export function resolveParts(
  master: DocState,
  incoming: DocState,
  assumed: DocState | null,
  mergeIntoDeleted = false,
): Resolution | null {
  // Deleting or restoring is a compare-and-set: a writer that had not seen the current flag (an
  // edit of a document deleted meanwhile, an insert meeting it) keeps the master's; an edit of a
  // document deleted meanwhile is handed back (the tombstone) rather than written into it —
  // unless the collection revives such documents (`mergeIntoDeleted`: the flag is kept here).
  const sawFlag = assumed !== null && assumed._deleted === master._deleted;
  if (master._deleted && !sawFlag && !mergeIntoDeleted) return null;
  const masterDoc = asDoc(master);
  const incomingDoc = asDoc(incoming);
  const result = mergeDocuments(masterDoc, incomingDoc);
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
  // An unstamped part that differs is never merged away silently: the incoming value is kept so
  // the rights check sees the change and refuses it (recorded in refusals). Declared identity
  // fields never get here: validation refuses a different value before any merge.
  const state: Record<string, unknown> = { ...result.merged };
  for (const path of result.identityConflicts) {
    const [field, key] = splitPath(path);
    const value = getPart(incomingDoc, path);
    if (key === undefined) state[field] = value;
    else state[field] = { ...(state[field] as Record<string, unknown>), [key]: value };
  }
  return {
    state: { ...state, _deleted: sawFlag ? incoming._deleted : master._deleted },
    superseded,
  };
}

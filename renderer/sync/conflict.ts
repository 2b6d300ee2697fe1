// The desktop's conflict handler: the server's master and the local fork are merged per part
// (shared/merge.ts, newer HLC stamp wins each part). A push the server refused comes back as the
// server's state without our parts; that one is adopted as is, or the client would re-push forever.
import type { RxConflictHandler, WithDeleted } from 'rxdb';
import { compareHlc } from '../../shared/hlc';
import { canonicalText } from '../../shared/json';
import { mergeDocuments, type Stamped } from '../../shared/merge';
import { ownFields, wireState } from '../../shared/rxdb-fields';

type Doc = Record<string, unknown>;

/** Key-order independent JSON of a document's own fields plus a boolean _deleted. */
export function docStateText(doc: Doc): string {
  return canonicalText(wireState(doc));
}

function withoutInternal(doc: Doc): Stamped & Doc {
  const own = ownFields(doc);
  if (!own.stamps || typeof own.stamps !== 'object') own.stamps = {};
  return own as Stamped & Doc;
}

/** The per-part merge of master and local, in canonical form, with the master's deletion flag. */
export function mergeWithMaster(master: Doc, local: Doc): Doc {
  const { merged } = mergeDocuments(withoutInternal(master), withoutInternal(local));
  return { ...(merged as Doc), _deleted: master._deleted === true || local._deleted === true };
}

/** Does the server's answer already hold every part of what we pushed? If not, it refused us. */
export function answerContains(answer: Doc, pushed: Doc): boolean {
  return docStateText(mergeWithMaster(answer, pushed)) === docStateText(answer);
}

/** The newest stamp time in a batch of received documents, to advance the device's clock. */
export function newestStamp(docs: readonly Doc[]): string | null {
  let newest: string | null = null;
  for (const doc of docs) {
    const stamps = doc.stamps;
    if (!stamps || typeof stamps !== 'object') continue;
    for (const stamp of Object.values(stamps as Record<string, { at?: unknown }>)) {
      const at = stamp?.at;
      if (typeof at === 'string' && (newest === null || compareHlc(at, newest) > 0)) newest = at;
    }
  }
  return newest;
}

/**
 * `refused` holds, per document id, the server state of a refused push (filled by the push
 * handler); the conflict for that id is resolved by adopting it.
 */
export function createConflictHandler(
  primaryKey: string,
  refused: Map<string, string>,
): RxConflictHandler<Doc> {
  return {
    isEqual: (a, b) => docStateText(a as Doc) === docStateText(b as Doc),
    resolve: async (input) => {
      const master = input.realMasterState as Doc;
      const id = String(master[primaryKey]);
      const refusedText = refused.get(id);
      if (refusedText !== undefined) {
        refused.delete(id);
        if (refusedText === docStateText(master)) return master as WithDeleted<Doc>;
      }
      return mergeWithMaster(master, input.newDocumentState as Doc) as WithDeleted<Doc>;
    },
  };
}

// What a collection's domain rules provide to the common checks (registry.ts builds the
// descriptors from them): read scope, redaction and per-part write rights.
import type { AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';
import type {
  CollectionDescriptor,
  DocState,
  ScopeGrant,
  WriteDecision,
} from '../sync/collections';
import type { CollectionName } from '../../shared/collections';
import type { SchoolIndex } from './school-index';

export interface DomainRules {
  /** Journal records (lessons, period marks, consents): the refusal of a deletion says so. */
  journalRecord: boolean;
  /**
   * A deletion the collection allows by a push (an empty lesson added by mistake), judged on the
   * stored document and the merged result; restoring a deleted document is always refused.
   */
  canDelete?(user: AuthUser, before: DocState, after: DocState): WriteDecision;
  /** Scoped collections: who sees what depends on the user's classes. */
  scoped: boolean;
  /** Scoped collections: what the user reads (read-grants.ts); canRead must be built from it. */
  grant?(user: AuthUser): ScopeGrant | null;
  /**
   * Left out where the grant is the whole read check (inside the grant; everyone without one)
   * and nothing is redacted: then the snapshot sends stored documents unparsed (registry.ts).
   */
  canRead?(user: AuthUser, doc: DocState): boolean;
  redact?(user: AuthUser, doc: DocState): DocState;
  /**
   * Rights for the changed parts of a push (identity, deletion and stamp authors are already
   * checked). Judge both `before` (whose document it is now) and `after` (whose it becomes).
   */
  canWrite(
    user: AuthUser,
    before: DocState | null,
    after: DocState,
    parts: string[],
  ): WriteDecision;
  /** Refreshes a cache of the collection's own rules before every pull and write (set-up checks). */
  prepare?(db: Queryable): Promise<void>;
  /**
   * A write into a document deleted meanwhile is merged into it (the deletion flag kept) instead
   * of handed back, for a follow-up that revives it (lessons the timetable removed).
   */
  mergeIntoDeleted?: boolean;
  /** Writes in the push's transaction that accepted documents cause (lessons of a timetable). */
  followUp?: CollectionDescriptor['followUp'];
}

export type RulesFactory = (index: SchoolIndex) => Partial<Record<CollectionName, DomainRules>>;

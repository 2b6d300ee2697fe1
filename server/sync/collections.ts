// Collection descriptors: what the replication engine needs to know about one collection,
// and the registry the server mounts. Domain collections plug in here (from shared/ schemas).
import type { z } from 'zod';
import type { AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';
import type { ChangeBatch } from './changes';

/** A document as replicated: its fields plus `_deleted` (RxDB's WithDeleted<T>). */
export type DocState = Record<string, unknown> & { _deleted: boolean };

/** `true`/`{ok: true}` allows the write; a string or `{ok:false, reason}` refuses it (Russian reason). */
export type WriteDecision = true | { ok: true } | { ok: false; reason: string } | string;

export interface CollectionDescriptor {
  /** URL segment and storage key: /api/v1/sync/:name/… */
  name: string;
  /** The field holding the document id (RxDB's primaryKey). */
  primaryKey: string;
  /**
   * Parses a document (without `_deleted`); throws (e.g. a ZodError) when it is invalid.
   * The returned value is what gets stored: use zod's parse output.
   */
  validate(doc: unknown): Record<string, unknown>;
  /** May this user see this document? Unreadable documents are left out of pulls and streams. */
  canRead(user: AuthUser, doc: DocState): boolean;
  /** May this user turn `before` (null: a new document) into `after`? */
  canWrite(user: AuthUser, before: DocState | null, after: DocState): WriteDecision;
  /**
   * Resolves a conflict (the client's assumed master is outdated) on the server: returns the merged
   * document, or null to hand the conflict back to the client. `assumed` is null for a client insert
   * that met an existing document.
   */
  merge?(master: DocState, incoming: DocState, assumed: DocState | null): DocState | null;
  /**
   * Like `merge`, but also reports the values that lost (kept in the audit log). Preferred over
   * `merge` when both exist.
   */
  resolve?(master: DocState, incoming: DocState, assumed: DocState | null): Resolution | null;
  /** Resolve every push against the master, not only outdated ones (per-part stamped documents). */
  alwaysMerge?: boolean;
  /** Runs before every pull and push (inside the push transaction): refresh cached context. */
  prepare?(db: Queryable): Promise<void>;
  /**
   * Runs inside the push's transaction after its rows were stored: writes the accepted documents
   * cause (the lessons of a pushed timetable). Its batches go to the live streams after the commit;
   * `afterCommit` runs before that (rights caches).
   */
  followUp?(
    tx: Queryable,
    written: readonly { seq: number; state: DocState }[],
    user: AuthUser,
  ): Promise<FollowUp>;
  /** Called after a push committed, with the stored states in seq order. */
  afterWrite?(written: readonly { seq: number; state: DocState }[]): void;
  /** What this user may see of a readable document (e.g. personal fields stripped). */
  redact?(user: AuthUser, doc: DocState): DocState;
  /**
   * A short hash of what this user may read. Pull checkpoints carry it (`{seq, scope}`); a
   * checkpoint with another scope restarts the pull from the beginning.
   */
  scopeOf?(user: AuthUser): string;
  /** Collections whose writes may change `scopeOf` (live streams re-check on their writes). */
  scopeDependsOn?: readonly string[];
  /** The changed parts of a write, stored in the audit row's `parts` (null for no detail). */
  auditParts?(before: DocState | null, after: DocState): unknown[] | null;
}

/** What a push's follow-up wrote (see CollectionDescriptor.followUp). */
export interface FollowUp {
  written: ChangeBatch[];
  afterCommit?: () => void;
}

/** A merged document and the values that lost the merge (for the audit log). */
export interface Resolution {
  state: DocState;
  superseded: unknown[];
}

/** Builds `validate` from a zod schema. */
export function validateWith(schema: z.ZodType): CollectionDescriptor['validate'] {
  return (doc) => schema.parse(doc) as Record<string, unknown>;
}

/**
 * Adapts a pure domain merge `mergeDocuments(a, b)` (commutative, per-part HLC stamps, e.g. from
 * shared/merge.ts) to the descriptor's merge hook.
 */
export function mergeWith<T>(
  mergeDocuments: (a: T, b: T) => T,
): NonNullable<CollectionDescriptor['merge']> {
  return (master, incoming) =>
    mergeDocuments(master as unknown as T, incoming as unknown as T) as unknown as DocState;
}

export class CollectionRegistry {
  private readonly byName = new Map<string, CollectionDescriptor>();

  constructor(descriptors: readonly CollectionDescriptor[] = []) {
    for (const d of descriptors) this.register(d);
  }

  register(descriptor: CollectionDescriptor): this {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(descriptor.name)) {
      throw new Error(`Invalid collection name: ${descriptor.name}`);
    }
    if (this.byName.has(descriptor.name))
      throw new Error(`Collection ${descriptor.name} registered twice`);
    this.byName.set(descriptor.name, descriptor);
    return this;
  }

  get(name: string): CollectionDescriptor | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

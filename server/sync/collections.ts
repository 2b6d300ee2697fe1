// Collection descriptors: what the replication engine needs to know about one collection,
// and the registry the server mounts. Domain collections plug in here (from shared/ schemas).
import type { z } from 'zod';
import type { AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';

/** A document as replicated: its fields plus `_deleted` (RxDB's WithDeleted<T>). */
export type DocState = Record<string, unknown> & { _deleted: boolean };

/**
 * What a scoped user reads of one collection: the documents whose `classId`, `courseId` or id is
 * listed (read-scope.ts applies it in JavaScript and SQL). `hash` names the grant in pull
 * checkpoints; it also covers what else changes what the user sees of the same documents (the
 * classes they lead: students unstripped).
 */
export interface ScopeGrant {
  hash: string;
  classIds: readonly string[];
  courseIds: readonly string[];
  ids: readonly string[];
}

/** `true` allows the write; a string refuses it (the Russian reason the user is shown). */
export type WriteDecision = true | string;

/** Thrown by `validate` to refuse a document with exactly this (Russian) reason. */
export class WriteRefusal extends Error {
  override name = 'WriteRefusal';
}

export interface CollectionDescriptor {
  /** URL segment and storage key: /api/v1/sync/:name/… */
  name: string;
  /** The field holding the document id (RxDB's primaryKey). */
  primaryKey: string;
  /**
   * Parses a document (without `_deleted`) about to replace `before` (null: a new document);
   * throws a WriteRefusal or a ZodError when it is invalid. The returned value is what gets stored
   * (use zod's parse output). Applies to every write, server-side ones included.
   */
  validate(doc: unknown, before: DocState | null): Record<string, unknown>;
  /** May this user see this document? See `visibleTo` (read-scope.ts), the one read check. */
  canRead(user: AuthUser, doc: DocState): boolean;
  /** May this user turn `before` (null: a new document) into `after`? Pushes only. */
  canWrite(user: AuthUser, before: DocState | null, after: DocState): WriteDecision;
  /**
   * The clock rule on the stamps that are new in `incoming` (not those of `before`): a push with
   * a stamp far ahead of the server's time is refused (`refuse`: the Russian reason is returned);
   * a server-side operation (a snapshot simulating a school year) gets such stamps pulled back to
   * the server's time (`clamp`: the document is returned). No stored stamp is ever far ahead.
   */
  fitStamps?(
    before: DocState | null,
    incoming: DocState,
    serverNowMs: number,
    mode: 'refuse' | 'clamp',
  ): DocState | string;
  /**
   * Resolves a push against the stored master on the server: returns the merged document and the
   * values that lost (kept in the audit log), or null to hand the conflict back to the client.
   * `assumed` is null for a client insert that met an existing document. Without it, an outdated
   * push is answered with the master.
   */
  resolve?(master: DocState, incoming: DocState, assumed: DocState | null): Resolution | null;
  /** Resolve every push against the master, not only outdated ones (per-part stamped documents). */
  alwaysMerge?: boolean;
  /** Runs before every pull and inside every write transaction: refresh cached context. */
  prepare?(db: Queryable): Promise<void>;
  /**
   * Runs inside a push's write transaction after its rows were stored: writes what the accepted
   * documents cause (the lessons of a pushed timetable) through `write`, the same write path, so
   * they commit with the push or not at all and reach the live streams after it.
   */
  followUp?(
    tx: Queryable,
    written: readonly StoredState[],
    user: AuthUser,
    write: ServerWrite,
  ): Promise<void>;
  /** Called after a write committed, with the stored states in seq order. */
  afterWrite?(written: readonly StoredState[]): void;
  /** What this user may see of a readable document (e.g. personal fields stripped). */
  redact?(user: AuthUser, doc: DocState): DocState;
  /**
   * A short hash of what this user may read. Pull checkpoints carry it (`{seq, scope}`); a
   * checkpoint with another scope restarts the pull from the beginning.
   */
  scopeOf?(user: AuthUser): string;
  /**
   * Scoped collections: what this user reads (null: everything). `canRead` must agree with it
   * (read-scope.ts `inGrant`); the pull selects by it in SQL, the JS check stays the final gate.
   */
  readGrant?(user: AuthUser): ScopeGrant | null;
  /**
   * `canRead` is exactly `inGrant(readGrant(user), doc)` (true for all without a grant) and
   * nothing is redacted: the SQL filter is then the whole read check, and the snapshot sends the
   * stored documents as the database prints them, without parsing them in JavaScript.
   */
  readIsGrant?: true;
  /**
   * What a desktop receives for a document that left its scope: the id and the fields its local
   * indexes need, nothing the user may no longer read; `_deleted: true`.
   */
  tombstone?(doc: DocState): DocState;
  /** Collections whose writes may change `scopeOf` (live streams re-check on their writes). */
  scopeDependsOn?: readonly string[];
  /** The changed parts of a write, stored in the audit row's `parts` (null for no detail). */
  auditParts?(before: DocState | null, after: DocState): unknown[] | null;
  /**
   * Documents no write of any kind may create or change (those of a closed school year): the
   * Russian reason, or null. Judged after validation and the merge, before rights; `prepare`
   * runs before every write group, server-side kinds included.
   */
  frozen?: {
    prepare(db: Queryable): Promise<void>;
    check(before: DocState | null, after: DocState, kind: WriteKind): string | null;
  };
}

/** A stored document state and the seq it was stored with. */
export interface StoredState {
  seq: number;
  state: DocState;
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

/** Who a stored write is attributed to in `documents` and `audit_log`. */
export interface WriteActor {
  accountId: string | null;
  deviceId: string | null;
}

/**
 * `push`: a signed-in user's write — their read scope and rights apply, refusals are recorded and
 * answered. The others are server-side operations: per-user rights are bypassed (the actor and
 * the kind are in the audit log), validation never is, and any refusal aborts the operation.
 * Set-up operations (generate, substitute, move, cancel-day, publish: drafts put in force) name what
 * they did; year-transition and year-undo move the school to the next year and back.
 */
export type WriteKind =
  | 'push'
  | 'import'
  | 'snapshot'
  | 'revert'
  | 'generate'
  | 'substitute'
  | 'move'
  | 'cancel-day'
  | 'revive'
  | 'year-transition'
  | 'year-undo'
  | 'publish';
export type ServerWriteKind = Exclude<WriteKind, 'push'>;

/** One row, as RxDB's push handler sends it. */
export interface WriteRow {
  assumedMasterState?: Record<string, unknown> | null;
  newDocumentState: Record<string, unknown>;
}

/** Rows of one collection; a batch may hold several collections, written in order. */
export interface WriteGroup {
  collection: string;
  rows: readonly WriteRow[];
}
export type WriteBatch = readonly WriteGroup[];

/** Per group: the states the writer must adopt, and what was stored (in seq order). */
export interface GroupOutcome {
  collection: string;
  answer: DocState[];
  written: StoredState[];
}

/** The one write path bound to an open write transaction, for a server-side operation. */
export type ServerWrite = (
  batch: WriteBatch,
  actor: WriteActor,
  kind: ServerWriteKind,
) => Promise<GroupOutcome[]>;

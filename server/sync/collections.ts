// Collection descriptors: what the replication engine needs to know about one collection,
// and the registry the server mounts. Domain collections plug in here (from shared/ schemas).
import type { z } from 'zod';
import type { AuthUser } from '../auth/roles';

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

/**
 * The school's collections. Empty for now: the domain collections (lessons, periodMarks, students,
 * consents, …) are registered here once their schemas in shared/ are final.
 */
export function createDefaultRegistry(): CollectionRegistry {
  return new CollectionRegistry([]);
}

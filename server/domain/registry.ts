// The school's collections on the server: the nine collections of shared/collections.ts, each
// validated by its zod schema, merged per part (shared/merge.ts) and guarded by per-part rights.
import { COLLECTIONS, type CollectionName } from '../../shared/collections';
import type { AuthUser } from '../auth/roles';
import {
  CollectionRegistry,
  validateWith,
  type CollectionDescriptor,
  type DocState,
  type WriteDecision,
} from '../sync/collections';
import { journalRules } from './journal-rules';
import { auditParts, checkDeletion, checkParts, resolveParts } from './parts';
import { referenceRules } from './reference-rules';
import { rosterRules } from './roster-rules';
import { INDEXED_COLLECTIONS, SchoolIndex } from './school-index';
import { withSchoolSetup, type SchoolSetupOptions } from './setup/setup-rules';
import type { Queryable } from '../db/db';

/** What a collection adds to the common checks. */
export interface DomainRules {
  /** Journal records (lessons, period marks, consents) are never deleted… */
  journalRecord: boolean;
  /** …except what this allows (a journal record's deletion; restoring one is always refused). */
  canDelete?(user: AuthUser, before: DocState, after: DocState): WriteDecision;
  /** Scoped collections: who sees what depends on the user's classes. */
  scoped: boolean;
  canRead(user: AuthUser, doc: DocState): boolean;
  redact?(user: AuthUser, doc: DocState): DocState;
  /** Rights for the changed parts (identity and stamp authors are already checked). */
  canWrite(
    user: AuthUser,
    before: DocState | null,
    after: DocState,
    parts: string[],
  ): WriteDecision;
  /** Refreshes a cache of the collection's own rules before every pull and push (set-up checks). */
  prepare?(db: Queryable): Promise<void>;
  /** Writes in the push's transaction that accepted documents cause (lessons of a timetable). */
  followUp?: CollectionDescriptor['followUp'];
}

export type RulesFactory = (index: SchoolIndex) => Partial<Record<CollectionName, DomainRules>>;

function describe(
  name: CollectionName,
  rules: DomainRules,
  index: SchoolIndex,
): CollectionDescriptor {
  const scopedParts = rules.scoped
    ? {
        scopeOf: (user: AuthUser) => index.scopeOf(user).hash,
        scopeDependsOn: ['courses', 'classes', 'lessons'],
      }
    : {};
  return {
    name,
    primaryKey: 'id',
    validate: validateWith(COLLECTIONS[name].schema),
    canRead: (user, doc) => rules.canRead(user, doc),
    ...(rules.redact ? { redact: rules.redact } : {}),
    canWrite(user, before, after) {
      const deletion = checkDeletion(user, before, after, rules.journalRecord, rules.canDelete);
      if (deletion !== null && deletion !== true) return deletion;
      const checked = checkParts(user, before, after);
      if ('reason' in checked) return checked.reason;
      if (deletion === true && checked.parts.length === 0) return true;
      return rules.canWrite(user, before, after, checked.parts);
    },
    resolve: (master, incoming) => resolveParts(master, incoming),
    alwaysMerge: true,
    prepare: async (db) => {
      await index.refresh(db);
      await rules.prepare?.(db);
    },
    ...(rules.followUp ? { followUp: rules.followUp } : {}),
    afterWrite: (written) => {
      if ((INDEXED_COLLECTIONS as readonly string[]).includes(name)) index.ingest(name, written);
    },
    auditParts,
    ...scopedParts,
  };
}

/** The registry with its own index; tests build several servers, each with its own. */
export function createDomainRegistry(
  index = new SchoolIndex(),
  setup: SchoolSetupOptions = {},
): CollectionRegistry {
  const rules = withSchoolSetup(
    { ...referenceRules(index), ...rosterRules(index), ...journalRules(index) },
    setup,
  );
  const registry = new CollectionRegistry();
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    const r = rules[name];
    if (!r) throw new Error(`No rules for collection ${name}`);
    registry.register(describe(name, r, index));
  }
  return registry;
}

/** The school's collections (what `buildServer` mounts by default). */
export function createDefaultRegistry(): CollectionRegistry {
  return createDomainRegistry();
}

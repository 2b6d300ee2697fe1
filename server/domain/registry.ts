// The school's collections on the server: the collections of shared/collections.ts, each
// validated by its zod schema (strict stamps, fixed identity), merged per part (shared/merge.ts)
// and guarded by per-part rights judged on the stored document and on the result.
import { COLLECTIONS, type CollectionName } from '../../shared/collections';
import type { AuthUser } from '../auth/roles';
import { CollectionRegistry, type CollectionDescriptor, type DocState } from '../sync/collections';
import { ALL_SCOPE } from '../sync/read-scope';
import { auditParts } from './audit-parts';
import { closedYearRule } from './closed-year-rules';
import { journalRules } from './journal-rules';
import { checkDeletion, checkParts } from './part-rights';
import { readByGrant } from './read-grants';
import { referenceRules } from './reference-rules';
import { resolveParts } from './resolve-parts';
import { rosterRules } from './roster-rules';
import type { DomainRules } from './rule-types';
import { INDEXED_COLLECTIONS, SchoolIndex } from './school-index';
import { fitStampClock } from './stamp-clock';
import { documentValidator } from './validate-document';
import { withSchoolSetup, type SchoolSetupOptions } from './setup/setup-rules';

function describe(
  name: CollectionName,
  rules: DomainRules,
  index: SchoolIndex,
): CollectionDescriptor {
  const grant = rules.grant;
  // Without a canRead of its own, what a user reads is exactly their grant, unredacted: the
  // pull's SQL filter (grantSql) is then the whole read check.
  const readIsGrant = rules.canRead === undefined && rules.redact === undefined;
  const canRead = rules.canRead ?? (grant ? readByGrant(grant) : () => true);
  const scopedParts =
    rules.scoped && grant
      ? {
          scopeOf: (user: AuthUser) => grant(user)?.hash ?? ALL_SCOPE,
          readGrant: grant,
          tombstone: tombstoneOf(name),
          scopeDependsOn: ['courses', 'classes', 'lessons'],
        }
      : {};
  return {
    name,
    primaryKey: 'id',
    validate: documentValidator(name),
    canRead,
    ...(readIsGrant ? { readIsGrant: true as const } : {}),
    ...(rules.redact ? { redact: rules.redact } : {}),
    canWrite(user, before, after) {
      const deletion = checkDeletion(user, before, after, rules.journalRecord, rules.canDelete);
      if (deletion !== true) return deletion;
      const checked = checkParts(user, before, after);
      if ('reason' in checked) return checked.reason;
      return rules.canWrite(user, before, after, checked.parts);
    },
    fitStamps: fitStampClock,
    resolve: (master, incoming, assumed) =>
      resolveParts(master, incoming, assumed, rules.mergeIntoDeleted === true),
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
    frozen: closedYearRule(name, index),
    ...scopedParts,
  };
}

/**
 * A document that left the user's scope, as the desktop receives it: the id and identity fields
 * (the user had them) and the other indexed fields blanked, deleted.
 */
function tombstoneOf(name: CollectionName): (doc: DocState) => DocState {
  const { identity, indexes } = COLLECTIONS[name];
  return (doc) => {
    const out: DocState = { id: doc.id, _deleted: true };
    for (const field of new Set(indexes.flat())) {
      const value = doc[field];
      out[field] = identity.includes(field) || typeof value !== 'string' ? value : '';
    }
    for (const field of identity) out[field] = doc[field];
    return out;
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

// The school's collections on the server: the collections of shared/collections.ts, each
// validated by its zod schema (strict stamps, fixed identity), merged per part (shared/merge.ts)
// and guarded by per-part rights judged on the stored document and on the result.
import { COLLECTIONS, type CollectionName } from '../../shared/collections';
import type { AuthUser } from '../auth/roles';
import { CollectionRegistry, type CollectionDescriptor } from '../sync/collections';
import { auditParts } from './audit-parts';
import { journalRules } from './journal-rules';
import { checkDeletion, checkParts } from './part-rights';
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
  const scopedParts = rules.scoped
    ? {
        scopeOf: (user: AuthUser) => index.scopeOf(user).hash,
        scopeDependsOn: ['courses', 'classes', 'lessons'],
      }
    : {};
  return {
    name,
    primaryKey: 'id',
    validate: documentValidator(name),
    canRead: (user, doc) => rules.canRead(user, doc),
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

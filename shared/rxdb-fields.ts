// RxDB's own fields on a stored document (_rev, _meta, _attachments, the _deleted flag — RxDB
// reserves every name starting with "_"): never part of a document's content, its backup or its
// equality. The replication wire keeps only a boolean _deleted.

/** The document's own fields: every RxDB field (a name starting with "_") removed. */
export function ownFields(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!key.startsWith('_')) own[key] = value;
  return own;
}

/** The replication state: the own fields and a boolean `_deleted`. */
export function wireState(
  doc: Readonly<Record<string, unknown>>,
): Record<string, unknown> & { _deleted: boolean } {
  return { ...ownFields(doc), _deleted: doc._deleted === true };
}

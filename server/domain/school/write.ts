// The one place the school's set-up operations write documents (imports, timetable generation, substitutions, moves, cancellations): validated by the collection's schema, stored with the next seq and an audit row each, in the caller's transaction; the batches go to the live streams after the commit.
import type { Queryable } from '../../db/db';
import { toNumber } from '../../db/db';
import type { ChangeBatch } from '../../sync/changes';
import type { CollectionRegistry, DocState } from '../../sync/collections';
import { withoutDeleted } from '../../sync/doc-state';
import type { SyncEngine, WriteActor } from '../../sync/engine';
import { auditParts } from '../parts';
import { COLLECTIONS, type CollectionName } from '../../../shared/collections';
import { createClock } from '../../../shared/hlc';
import type { Stamped } from '../../../shared/merge';
import type { Stamp } from '../../../shared/stamp';

/** Rows per statement: one INSERT … ON CONFLICT for the documents, one for their audit rows. */
const ROWS_PER_STATEMENT = 500;
/** Documents per live-stream event. */
const DOCS_PER_BATCH = 500;

export interface DocumentWrite {
  before: DocState | null;
  after: DocState;
}

/**
 * Collects one operation's writes inside a transaction that holds the write lock (a push's, or
 * runSchoolOperation's). Every write is a new version with the next seq, like a push, and an
 * audit row of `kind` ('generate', 'import', 'substitute'…) attributed to `actor`.
 */
export class SchoolWriter {
  private readonly stored = new Map<string, { seq: number; state: DocState }[]>();

  constructor(
    readonly tx: Queryable,
    readonly actor: WriteActor,
    readonly kind: string,
  ) {}

  async write(collection: CollectionName, before: DocState | null, after: DocState): Promise<void> {
    await this.writeMany(collection, [{ before, after }]);
  }

  /** Each id at most once per call. */
  async writeMany(collection: CollectionName, rows: readonly DocumentWrite[]): Promise<void> {
    const schema = COLLECTIONS[collection].schema;
    const prepared = rows.map(({ before, after }) => {
      const doc = schema.parse(withoutDeleted(after)) as Record<string, unknown>;
      const state: DocState = { ...doc, _deleted: after._deleted };
      const parts =
        before === null
          ? null
          : [
              ...(auditParts(before, state) ?? []),
              ...(before._deleted !== state._deleted
                ? [{ path: '_deleted', before: before._deleted, after: state._deleted }]
                : []),
            ];
      return { id: String(doc.id), doc, state, before, parts };
    });
    for (let i = 0; i < prepared.length; i += ROWS_PER_STATEMENT) {
      const chunk = prepared.slice(i, i + ROWS_PER_STATEMENT);
      const result = await this.tx.query(
        `WITH input AS (
           SELECT d, n, d->'doc'->>'id' AS id FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(d, n)
         ), stored AS (
           INSERT INTO documents (collection, id, seq, deleted, doc, updated_by, updated_device, updated_at)
           SELECT $1, d->'doc'->>'id', nextval('document_seq'), (d->>'deleted')::boolean, d->'doc', $3, $4, now()
           FROM (SELECT d FROM input ORDER BY n) AS ordered
           ON CONFLICT (collection, id) DO UPDATE SET
             seq = EXCLUDED.seq, deleted = EXCLUDED.deleted, doc = EXCLUDED.doc,
             updated_by = EXCLUDED.updated_by, updated_device = EXCLUDED.updated_device,
             updated_at = EXCLUDED.updated_at
           RETURNING id, seq
         )
         INSERT INTO audit_log (collection, doc_id, seq, account_id, device_id, before, after, parts, kind)
         SELECT $1, s.id, s.seq, $3, $4, NULLIF(i.d->'before', 'null'::jsonb),
                (i.d->'doc') || jsonb_build_object('_deleted', (i.d->>'deleted')::boolean),
                NULLIF(i.d->'parts', 'null'::jsonb), $5
         FROM stored s JOIN input i ON i.id = s.id
         RETURNING doc_id, seq`,
        [
          collection,
          JSON.stringify(
            chunk.map((p) => ({
              doc: p.doc,
              deleted: p.state._deleted,
              before: p.before,
              parts: p.parts,
            })),
          ),
          this.actor.accountId,
          this.actor.deviceId,
          this.kind,
        ],
      );
      const seqs = new Map(result.rows.map((r) => [String(r.doc_id), toNumber(r.seq)]));
      const list = this.stored.get(collection) ?? [];
      for (const p of chunk) list.push({ seq: seqs.get(p.id) ?? 0, state: p.state });
      this.stored.set(collection, list);
    }
  }

  /** How many documents were written. */
  count(collection?: CollectionName): number {
    if (collection) return this.stored.get(collection)?.length ?? 0;
    let n = 0;
    for (const list of this.stored.values()) n += list.length;
    return n;
  }

  /** The writes as live-stream batches, in seq order, a few hundred documents each. */
  batches(): ChangeBatch[] {
    const out: ChangeBatch[] = [];
    for (const [collection, list] of this.stored) {
      const sorted = [...list].sort((a, b) => a.seq - b.seq);
      for (let i = 0; i < sorted.length; i += DOCS_PER_BATCH) {
        const documents = sorted.slice(i, i + DOCS_PER_BATCH);
        out.push({ collection, documents, checkpoint: { seq: documents.at(-1)!.seq } });
      }
    }
    return out.sort((a, b) => a.documents[0]!.seq - b.documents[0]!.seq);
  }

  /** After the commit: the registry's caches (rights, read scopes) learn the new states. */
  ingestInto(registry: CollectionRegistry | undefined): void {
    for (const [collection, list] of this.stored) registry?.get(collection)?.afterWrite?.(list);
  }
}

/**
 * Runs a set-up operation like a push: in the engine's write queue, in ONE transaction holding the
 * write lock; after the commit the rights index learns the states, then the live streams get them.
 */
export async function runSchoolOperation<T>(
  engine: SyncEngine,
  registry: CollectionRegistry | undefined,
  actor: WriteActor,
  kind: string,
  fn: (writer: SchoolWriter) => Promise<T>,
): Promise<T> {
  return engine.exclusive(async (tx) => {
    const writer = new SchoolWriter(tx, actor, kind);
    const result = await fn(writer);
    return { result, written: writer.batches(), afterCommit: () => writer.ingestInto(registry) };
  });
}

/**
 * Stamps for parts a server operation writes, signed by `by`, from a clock ahead of every stamp
 * of the given documents (so they win every merge against older edits).
 */
export function stampsAfter(by: string, docs: Iterable<Stamped>): () => Stamp {
  const clock = createClock('server.setup', Date.now, { maxDriftMs: Number.POSITIVE_INFINITY });
  for (const doc of docs) {
    for (const stamp of Object.values(doc.stamps ?? {})) {
      try {
        clock.receive(stamp.at);
      } catch {
        // A malformed stamp cannot be caught up with; valid ones are still behind our stamps.
      }
    }
  }
  return () => ({ at: clock.tick(), by: by.slice(0, 64) });
}

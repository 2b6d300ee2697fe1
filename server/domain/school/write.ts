// How the school's set-up operations (imports, timetable generation, substitutions, moves,
// cancellations) write documents: through the engine's one write path (validation, stamp clock,
// merge, audit row of the operation's kind), in the operation's transaction; the written states
// reach the rights index and the live streams after the commit, like a push's.
import type { Queryable } from '../../db/db';
import type { DocState, ServerWrite, ServerWriteKind, WriteActor } from '../../sync/collections';
import type { SyncEngine } from '../../sync/engine';
import type { CollectionName } from '../../../shared/collections';
import { createClock } from '../../../shared/hlc';
import type { Stamped } from '../../../shared/merge';
import type { Stamp } from '../../../shared/stamp';

/** Rows per write call: the write path stores a few hundred per statement. */
const ROWS_PER_WRITE = 1000;

export interface DocumentWrite {
  /** The stored state the operation read (null: a new document). */
  before: DocState | null;
  after: DocState;
}

/**
 * One operation's writes inside a write transaction (a push's follow-up, or runSchoolOperation's),
 * each attributed to `actor` with the audit kind `kind` ('generate', 'import', 'substitute'…).
 */
export class SchoolWriter {
  private readonly counts = new Map<CollectionName, number>();

  constructor(
    readonly tx: Queryable,
    private readonly writePath: ServerWrite,
    readonly actor: WriteActor,
    readonly kind: ServerWriteKind,
  ) {}

  async write(collection: CollectionName, before: DocState | null, after: DocState): Promise<void> {
    await this.writeMany(collection, [{ before, after }]);
  }

  /** Each id at most once per call. */
  async writeMany(collection: CollectionName, rows: readonly DocumentWrite[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) {
      const chunk = rows.slice(i, i + ROWS_PER_WRITE).map(({ before, after }) => ({
        assumedMasterState: before,
        newDocumentState: after,
      }));
      const outcomes = await this.writePath([{ collection, rows: chunk }], this.actor, this.kind);
      const stored = outcomes.reduce((n, o) => n + o.written.length, 0);
      this.counts.set(collection, (this.counts.get(collection) ?? 0) + stored);
    }
  }

  /** How many documents were written. */
  count(collection?: CollectionName): number {
    if (collection) return this.counts.get(collection) ?? 0;
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }
}

/**
 * Runs a set-up operation like a push: in the engine's write queue, in ONE transaction holding the
 * write lock, every document through the one write path.
 */
export async function runSchoolOperation<T>(
  engine: SyncEngine,
  actor: WriteActor,
  kind: ServerWriteKind,
  fn: (writer: SchoolWriter) => Promise<T>,
): Promise<T> {
  return engine.transact((tx, write) => fn(new SchoolWriter(tx, write, actor, kind)));
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

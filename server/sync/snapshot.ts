// A user's first download outside the replication (docs/SYNC.md, «First download: the snapshot»):
// the plan (the checkpoint each collection's snapshot corresponds to, and how many documents it
// holds) and the documents themselves as NDJSON lines, the same documents a pull from the
// beginning would hand out up to that checkpoint.
import type { AuthUser } from '../auth/roles';
import type { Db } from '../db/db';
import { toNumber } from '../db/db';
import type { Checkpoint } from '../../shared/sync-wire';
import type { CollectionDescriptor, DocState, ScopeGrant } from './collections';
import { grantSql } from './read-scope';
import { readableRows } from './readable-rows';
import type { ScopeStore } from './scope-store';

/**
 * One line of a snapshot stream as the route sends it: a SnapshotChunk (shared/sync-wire.ts)
 * already printed, so documents kept as stored text need no parse.
 */
export interface SnapshotLine {
  text: string;
}

function snapshotLine(documents: readonly string[], after: number, done = false): SnapshotLine {
  const end = done ? ',"done":true}' : '}';
  return { text: `{"documents":[${documents.join(',')}],"after":${after}${end}` };
}

/** A snapshot resumed under a read scope other than its checkpoint's (the route answers 409). */
export class SnapshotOutdated extends Error {
  override name = 'SnapshotOutdated';
}

export class SnapshotSource {
  constructor(
    private readonly db: Db,
    /** The engine's: a grant handed out with a snapshot is remembered as a pull's is. */
    private readonly scopes: ScopeStore,
  ) {}

  /**
   * A first download's plan for one collection: the checkpoint the snapshot corresponds to — the
   * collection's highest seq, read before any document (seq order is commit order, so every write
   * at or below it has committed) — and how many documents of the user's read grant it holds.
   * The grant is remembered as a pull's is, so a later change of scope withdraws what the
   * snapshot brought.
   */
  async plan(
    descriptor: CollectionDescriptor,
    user: AuthUser,
  ): Promise<{ checkpoint: Checkpoint; total: number }> {
    await descriptor.prepare?.(this.db);
    const scope = descriptor.scopeOf?.(user);
    const grant = descriptor.readGrant?.(user) ?? null;
    if (scope !== undefined) await this.scopes.remember(this.db, user.accountId, grant);
    const filter = grantSql(grant, 2);
    const result = await this.db.query(
      `SELECT coalesce(max(seq), 0) AS seq, count(*) FILTER (WHERE ${filter.sql}) AS total
       FROM documents WHERE collection = $1`,
      [descriptor.name, ...filter.params],
    );
    const seq = toNumber(result.rows[0]?.seq ?? 0);
    const total = toNumber(result.rows[0]?.total ?? 0);
    return { checkpoint: scope === undefined ? { seq } : { seq, scope }, total };
  }

  /**
   * The snapshot's documents: what a pull from the beginning would hand out up to the plan's
   * checkpoint — the same grant in SQL, the same `visibleTo` — in seq order after `afterSeq`, in
   * lines of at most `chunkSize`. A document written after the plan has moved past its
   * checkpoint and is left to the replication's pull. Throws SnapshotOutdated when the user's
   * read scope is no longer the checkpoint's (checked before the first line).
   */
  async *lines(
    descriptor: CollectionDescriptor,
    user: AuthUser,
    checkpoint: Checkpoint,
    afterSeq: number,
    chunkSize: number,
  ): AsyncGenerator<SnapshotLine> {
    await descriptor.prepare?.(this.db);
    const scope = descriptor.scopeOf?.(user);
    if (scope !== checkpoint.scope) throw new SnapshotOutdated();
    const grant = descriptor.readGrant?.(user) ?? null;
    let after = Math.min(afterSeq, checkpoint.seq);
    for (;;) {
      let documents: string[];
      if (descriptor.readIsGrant) {
        ({ documents, after } = await this.storedText(
          descriptor.name,
          grant,
          after,
          chunkSize,
          checkpoint.seq,
        ));
      } else {
        const states: DocState[] = [];
        after = await readableRows(
          this.db,
          descriptor,
          user,
          grant,
          after,
          chunkSize,
          states,
          checkpoint.seq,
        );
        documents = states.map((state) => JSON.stringify(state));
      }
      if (documents.length < chunkSize) {
        if (documents.length > 0) yield snapshotLine(documents, after);
        yield snapshotLine([], checkpoint.seq, true);
        return;
      }
      yield snapshotLine(documents, after);
    }
  }

  /**
   * A snapshot chunk of a collection whose grant is its whole read check (`readIsGrant`): the
   * documents inside the grant after `afterSeq` up to `untilSeq`, as JSON text the database
   * prints (with `_deleted` put first), so 40,000 lessons are not parsed and printed again.
   */
  private async storedText(
    collection: string,
    grant: ScopeGrant | null,
    afterSeq: number,
    limit: number,
    untilSeq: number,
  ): Promise<{ documents: string[]; after: number }> {
    const filter = grantSql(grant, 5);
    // Printed after the LIMIT: a sort below it would print every remaining document each chunk.
    const result = await this.db.query(
      `SELECT seq, deleted, doc::text AS doc FROM (
         SELECT seq, deleted, doc FROM documents
         WHERE collection = $1 AND seq > $2 AND seq <= $4 AND ${filter.sql} ORDER BY seq LIMIT $3
       ) AS chunk ORDER BY seq`,
      [collection, afterSeq, limit, untilSeq, ...filter.params],
    );
    let after = afterSeq;
    const documents = result.rows.map((row) => {
      after = toNumber(row.seq);
      const text = String(row.doc);
      const rest = text === '{}' ? '}' : `,${text.slice(1)}`;
      return `{"_deleted":${row.deleted === true}${rest}`;
    });
    return { documents, after };
  }
}

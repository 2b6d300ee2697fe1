// Reading one collection's documents in seq order as a user may see them: the pull's pages and
// the snapshot of a collection whose documents pass the JavaScript read check (engine.ts,
// snapshot.ts). Rows are selected by the user's read grant in SQL; `visibleTo` stays the final
// gate, so rows the user may not read are stepped over without ever being sent.
import type { AuthUser } from '../auth/roles';
import type { Queryable } from '../db/db';
import { toNumber } from '../db/db';
import type { CollectionDescriptor, DocState, ScopeGrant } from './collections';
import { grantSql, visibleTo } from './read-scope';

/**
 * Appends readable rows after `afterSeq` (and up to `untilSeq`; inside `grant` when scoped) up
 * to `limit`; the last seq examined.
 */
export async function readableRows(
  db: Queryable,
  descriptor: CollectionDescriptor,
  user: AuthUser,
  grant: ScopeGrant | null,
  afterSeq: number,
  limit: number,
  documents: DocState[],
  untilSeq: number | null = null,
): Promise<number> {
  const fetchSize = Math.max(limit, 50);
  const filter = grantSql(grant, 4);
  const until = untilSeq === null ? '' : `AND seq <= $${4 + filter.params.length}`;
  let lastSeq = afterSeq;
  for (;;) {
    const result = await db.query(
      `SELECT seq, deleted, doc FROM documents
       WHERE collection = $1 AND seq > $2 ${until} AND ${filter.sql} ORDER BY seq LIMIT $3`,
      [
        descriptor.name,
        lastSeq,
        fetchSize,
        ...filter.params,
        ...(untilSeq === null ? [] : [untilSeq]),
      ],
    );
    for (const row of result.rows) {
      lastSeq = toNumber(row.seq);
      const state = { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true };
      const seen = visibleTo(descriptor, user, state);
      if (seen) documents.push(seen);
      if (documents.length >= limit) return lastSeq;
    }
    if (result.rows.length < fetchSize) return lastSeq;
  }
}

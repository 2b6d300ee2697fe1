// Embedded PostgreSQL (PGlite): a data folder on disk, or in memory for tests.
import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable, Row } from './db';

type PGliteQuery = Pick<PGlite, 'query'>;

function wrap(target: PGliteQuery): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(sql, [...params]);
      const rowCount = result.affectedRows ?? result.rows.length;
      return { rows: result.rows, rowCount } satisfies QueryResult<R>;
    },
  };
}

/** Opens PGlite at dataDir (created when missing); no dataDir means an in-memory database. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
    // CHECKPOINT flushes the buffers first; the tarball holds the WAL too, so it is consistent even
    // with a write between the two (PostgreSQL replays the WAL when the copy is opened).
    async dumpDataDir() {
      await pg.query('CHECKPOINT');
      return pg.dumpDataDir('gzip');
    },
  };
}

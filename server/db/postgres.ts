// A real PostgreSQL server through a `pg` connection pool (when DATABASE_URL is set).
import pg from 'pg';
import type { Db, QueryResult, Queryable, Row } from './db';

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(sql, [...params]);
      return {
        rows: result.rows,
        rowCount: result.rowCount ?? result.rows.length,
      } satisfies QueryResult<R>;
    },
  };
}

export async function openPostgres(connectionString: string, maxConnections = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // Fail early with a clear error when the server is unreachable.
  await pool.query('SELECT 1');
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

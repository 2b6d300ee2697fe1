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
    listen: (channel, onNotify, onReconnect) =>
      listenOn(connectionString, channel, onNotify, onReconnect),
  };
}

/** Back-off between reconnection attempts of the listening connection, ms. */
const RECONNECT_MS = [200, 1_000, 5_000] as const;

/**
 * One dedicated connection in LISTEN (a pooled one would be handed to queries). A lost connection
 * (PostgreSQL restarted, network cut) is reopened with back-off, then `onReconnect` runs.
 */
async function listenOn(
  connectionString: string,
  channel: string,
  onNotify: () => void,
  onReconnect: () => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (stopped || client !== next) return;
      client = null;
      retry(0);
    });
    await next.connect();
    // The channel is a constant of ours, never user input; LISTEN takes no parameters.
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
  };
  const retry = (attempt: number) => {
    timer = setTimeout(
      () => {
        if (stopped) return;
        connect().then(onReconnect, () => retry(attempt + 1));
      },
      RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)],
    );
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const open = client;
    client = null;
    await open?.end().catch(() => undefined);
  };
}

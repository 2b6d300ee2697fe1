// The one database interface the server uses: parameterized queries and transactions.
// Two implementations (PGlite embedded, PostgreSQL over `pg`) run exactly the same SQL.

export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows changed by INSERT/UPDATE/DELETE; rows returned by SELECT. */
  rowCount: number;
}

/** Something that runs one parameterized statement: the database itself or an open transaction. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface Db extends Queryable {
  /** Runs fn inside BEGIN … COMMIT; any thrown error rolls back and is re-thrown. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** 'pglite' or 'postgres', for logs and diagnostics. */
  readonly kind: 'pglite' | 'postgres';
  /**
   * PGlite only: a consistent gzipped tarball of the data folder, taken between queries by the
   * process that holds it (an online backup). PostgreSQL is backed up with pg_dump instead.
   */
  dumpDataDir?(): Promise<Blob>;
  /**
   * PostgreSQL only (several server processes may share it): calls `onNotify` for every NOTIFY on
   * `channel`, from a connection of its own that reconnects by itself; `onReconnect` after each
   * reconnection, since notifications sent while it was away are lost. Returns the stop function.
   */
  listen?(
    channel: string,
    onNotify: () => void,
    onReconnect: () => void,
  ): Promise<() => Promise<void>>;
}

/** bigint columns come back as number from PGlite and as string from `pg`: read them here. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`Expected a numeric column, got ${typeof value}`);
}

/** Timestamps come back as Date from both drivers; accept strings too. */
export function toIsoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

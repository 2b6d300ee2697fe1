// The database layer on PGlite: migrations, transactions, parameter handling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/db/db';
import { migrate, migrations } from '../../../server/db/migrations';
import { openDb } from '../../../server/db/open';

describe('database layer (PGlite)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies every migration once, in order', async () => {
    const rows = await db.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
  });

  it('rolls a failed migration back completely', async () => {
    const broken = [
      ...migrations,
      {
        version: 999,
        name: 'broken',
        statements: ['CREATE TABLE half_done (x int)', 'SELECT nonsense('],
      },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    const table = await db.query("SELECT to_regclass('half_done') AS t");
    expect(table.rows[0]!.t).toBeNull();
    expect((await db.query('SELECT 1 FROM schema_migrations WHERE version = 999')).rows).toEqual(
      [],
    );
  });

  it('rolls transactions back on error and passes parameters verbatim', async () => {
    await db.query('CREATE TEMP TABLE t (s text)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES ($1)', ['inside']);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.query('SELECT * FROM t')).rows).toEqual([]);
    const nasty = "x'); DROP TABLE t; --";
    await db.query('INSERT INTO t VALUES ($1)', [nasty]);
    expect((await db.query('SELECT s FROM t')).rows).toEqual([{ s: nasty }]);
  });
});

// Backup and restore of the embedded database (PGlite data folder) as a gzipped tarball made by
// PGlite's dumpDataDir(). Offline: this process opens the folder, which the server must not hold
// (checked with the lock file beside it). Online: the running server makes the tarball itself
// (GET /api/v1/admin/backup), see routes.ts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { heldMessage, lockHolder } from '../db/data-dir-lock';
import { openPglite } from '../db/pglite';

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
}

export interface DatabaseSummary {
  documents: number;
  maxSeq: number;
  accounts: number;
  auditRows: number;
}

/** Writes atomically: a half-written backup never carries the final name. */
export async function writeBackupFile(out: string, data: Uint8Array): Promise<BackupResult> {
  const file = path.resolve(out);
  await writeFile(`${file}.partial`, data);
  await rename(`${file}.partial`, file);
  return { file, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Offline backup of a PGlite folder; refuses while the server holds it. */
export async function backupPgliteOffline(dataDir: string, out: string): Promise<BackupResult> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    throw new Error(`В папке ${path.resolve(dataDir)} нет базы данных журнала`);
  }
  const holder = lockHolder(dataDir);
  if (holder) throw new Error(heldMessage(dataDir, holder));
  const db = await openPglite(dataDir);
  try {
    const blob = await db.dumpDataDir!();
    return await writeBackupFile(out, new Uint8Array(await blob.arrayBuffer()));
  } finally {
    await db.close();
  }
}

async function summarize(pg: PGlite): Promise<DatabaseSummary> {
  const one = async (sql: string) => Number((await pg.query<{ n: unknown }>(sql)).rows[0]?.n ?? 0);
  return {
    documents: await one('SELECT count(*)::int AS n FROM documents'),
    maxSeq: await one('SELECT coalesce(max(seq), 0)::bigint AS n FROM documents'),
    accounts: await one('SELECT count(*)::int AS n FROM accounts'),
    auditRows: await one('SELECT count(*)::int AS n FROM audit_log'),
  };
}

/** Restores a tarball into a NEW (missing or empty) folder and checks that it opens. */
export async function restorePglite(input: string, dataDir: string): Promise<DatabaseSummary> {
  const target = path.resolve(dataDir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(
      `Папка ${target} не пуста: восстановление пишет только в новую папку (старую сохраните или удалите сами)`,
    );
  }
  const holder = lockHolder(target);
  if (holder) throw new Error(heldMessage(target, holder));
  const data = await readFile(path.resolve(input));
  const pg = await PGlite.create(target, { loadDataDir: new Blob([data]) });
  try {
    return await summarize(pg);
  } finally {
    await pg.close();
  }
}

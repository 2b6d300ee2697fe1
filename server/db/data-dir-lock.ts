// Who holds a PGlite data folder: the running server writes `<dataDir>.lock` (pid, host, start
// time) beside the folder and removes it on exit. PGlite is embedded and single-process: a second
// process (the admin CLI, an offline backup) must not open the folder while the server runs.
// The lock lives beside the folder, not in it, so it never ends up in a backup.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

export function lockPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the folder, or null (no lock, or a stale one left by a crash). */
export function lockHolder(dataDir: string): LockInfo | null {
  let info: LockInfo;
  try {
    info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
  if (info.host !== os.hostname()) return info; // another machine: cannot check, assume held
  return info.pid !== process.pid && alive(info.pid) ? info : null;
}

/** Russian text for a refusal: who holds the folder and what to do. */
export function heldMessage(dataDir: string, info: LockInfo): string {
  return (
    `Папку данных ${path.resolve(dataDir)} сейчас использует сервер журнала ` +
    `(процесс ${info.pid} на ${info.host}, запущен ${info.startedAt}). ` +
    'Остановите сервер или воспользуйтесь командой, работающей через сервер (--online).'
  );
}

/** Takes the folder for this process; throws when a live process holds it. */
export function acquireDataDirLock(dataDir: string): () => void {
  const holder = lockHolder(dataDir);
  if (holder) throw new Error(heldMessage(dataDir, holder));
  const file = lockPath(dataDir);
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(info));
  return () => {
    try {
      const current = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
      if (current.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}

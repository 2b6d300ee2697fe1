// How the admin CLI finds and proves itself to the running server: at start the server writes
// `<dataDir>.console.json` beside the data folder (like the lock file, so it never lands in a
// backup) with its address, its certificate's fingerprint and a fresh random token, readable only
// by the operating-system user the server runs as (mode 0600). Whoever can read the file may run
// console commands — the same person who could open the data folder with the server stopped.
// The file is removed when the server stops; a new token is made at every start.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const ConsoleFileSchema = z.object({
  /** Where the CLI connects: always this machine (127.0.0.1, or the address the server binds). */
  url: z.string().url(),
  token: z.string().min(32),
  /** SHA-256 of the server's TLS certificate (AA:BB:…), null for plain HTTP. */
  fingerprint256: z.string().nullable(),
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
});
export type ConsoleFile = z.infer<typeof ConsoleFileSchema>;

export function consoleFilePath(dataDir: string): string {
  return `${path.resolve(dataDir)}.console.json`;
}

/** Writes the file (replacing a stale one) with mode 0600; returns its remover. */
export function writeConsoleFile(dataDir: string, info: ConsoleFile): () => void {
  const file = consoleFilePath(dataDir);
  // Never reuse an existing file: its permissions could be wider than ours.
  rmSync(file, { force: true });
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return () => {
    try {
      const current = ConsoleFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      if (current.pid === process.pid && current.token === info.token)
        rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server's console file, or null (none, unreadable, or left by a server that died). */
export function readConsoleFile(dataDir: string): ConsoleFile | null {
  let info: ConsoleFile;
  try {
    info = ConsoleFileSchema.parse(JSON.parse(readFileSync(consoleFilePath(dataDir), 'utf8')));
  } catch {
    return null;
  }
  if (info.host === os.hostname() && !alive(info.pid)) return null;
  return info;
}

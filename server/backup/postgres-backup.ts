// Backup and restore of a PostgreSQL database (DATABASE_URL) with the PostgreSQL client tools:
// `pg_dump -Fc` (custom format, compressed, restorable table by table) and `pg_restore`.
import { spawn } from 'node:child_process';
import path from 'node:path';

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(
        new Error(
          `Не удалось запустить ${command}: ${error.message} (установите клиент PostgreSQL)`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} завершился с кодом ${code}: ${stderr.trim()}`)),
    );
  });
}

/** pg_dump -Fc of the whole database into `out`. */
export async function pgDump(databaseUrl: string, out: string): Promise<void> {
  await run('pg_dump', [
    '--format=custom',
    '--no-owner',
    '--file',
    path.resolve(out),
    '--dbname',
    databaseUrl,
  ]);
}

/** pg_restore into an EMPTY database (create it first: createdb journal_restored). */
export async function pgRestore(input: string, databaseUrl: string): Promise<void> {
  await run('pg_restore', [
    '--no-owner',
    '--exit-on-error',
    '--single-transaction',
    '--dbname',
    databaseUrl,
    path.resolve(input),
  ]);
}

// Backup and restore of the school server's database.
//   npm run backup -- --data-dir ./data --out backup-2026-11-23.tar.gz          (server stopped)
//   npm run backup -- --online --data-dir ./data --out b.tar.gz
//       (server running on this machine: it makes the copy itself, asked through its console file)
//   npm run backup -- --online --server https://journal.school7.ru:8443 --login admin --out b.tar.gz
//       (a server elsewhere with a trusted certificate; the password is read from JOURNAL_PASSWORD)
//   npm run restore -- --in backup-2026-11-23.tar.gz --data-dir ./data-restored  (a new folder)
//   DATABASE_URL=postgres://… npm run backup -- --out journal.dump      (pg_dump -Fc)
//   DATABASE_URL=postgres://…/journal_restored npm run restore -- --in journal.dump  (pg_restore)
// See docs/OPERATIONS.md.
import { parseArgs } from 'node:util';
import {
  backupPgliteOffline,
  restorePglite,
  writeBackupFile,
  type BackupResult,
} from '../server/backup/pglite-backup';
import { pgDump, pgRestore } from '../server/backup/postgres-backup';
import { downloadConsoleBackup } from '../server/console/client';
import { readConsoleFile } from '../server/console/console-file';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string', default: './data' },
    out: { type: 'string' },
    in: { type: 'string' },
    online: { type: 'boolean', default: false },
    server: { type: 'string' },
    login: { type: 'string', default: 'admin' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const [mode] = positionals;
const databaseUrl = process.env.DATABASE_URL || undefined;

async function onlineBackup(out: string): Promise<BackupResult> {
  const local = values.server ? null : readConsoleFile(values['data-dir']);
  if (local) return writeBackupFile(out, await downloadConsoleBackup(local));
  if (!values.server) {
    throw new Error(
      `Сервер с папкой данных ${values['data-dir']} не запущен на этом компьютере: ` +
        'для копии без сервера уберите --online, для сервера на другом компьютере укажите --server',
    );
  }
  const password = process.env.JOURNAL_PASSWORD;
  if (!password) throw new Error('Для --online задайте пароль администратора в JOURNAL_PASSWORD');
  const login = await fetch(`${values.server}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: values.login, password, deviceName: 'Резервное копирование' }),
  });
  const session = (await login.json()) as { token?: string; error?: { message: string } };
  if (!login.ok || !session.token)
    throw new Error(session.error?.message ?? `вход: ${login.status}`);
  try {
    const res = await fetch(`${values.server}/api/v1/admin/backup`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    if (!res.ok) {
      const body = (await res.json()) as { error?: { message: string } };
      throw new Error(body.error?.message ?? `резервная копия: ${res.status}`);
    }
    return await writeBackupFile(out, new Uint8Array(await res.arrayBuffer()));
  } finally {
    await fetch(`${values.server}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    }).catch(() => undefined);
  }
}

try {
  if (values.help || (mode !== 'backup' && mode !== 'restore')) {
    console.log(
      'npm run backup -- --data-dir ./data --out backup.tar.gz [--online [--server URL --login admin]]\n' +
        'npm run restore -- --in backup.tar.gz --data-dir ./data-restored\n' +
        'С DATABASE_URL: pg_dump -Fc / pg_restore. Подробнее: docs/OPERATIONS.md.',
    );
    process.exitCode = values.help ? 0 : 1;
  } else if (mode === 'backup') {
    const out = values.out ?? `backup-${new Date().toISOString().slice(0, 10)}.tar.gz`;
    if (databaseUrl) {
      await pgDump(databaseUrl, out);
      console.log(`Резервная копия PostgreSQL (pg_dump -Fc): ${out}`);
    } else {
      const result = values.online
        ? await onlineBackup(out)
        : await backupPgliteOffline(values['data-dir'], out);
      console.log(
        `Резервная копия: ${result.file} (${result.bytes} байт, SHA-256 ${result.sha256})`,
      );
    }
  } else {
    if (!values.in) throw new Error('Укажите файл копии: --in backup.tar.gz');
    if (databaseUrl) {
      await pgRestore(values.in, databaseUrl);
      console.log('Восстановлено в PostgreSQL (pg_restore).');
    } else {
      const summary = await restorePglite(values.in, values['data-dir']);
      console.log(
        `Восстановлено в ${values['data-dir']}: документов ${summary.documents}, последний seq ${summary.maxSeq}, ` +
          `учётных записей ${summary.accounts}, записей журнала изменений ${summary.auditRows}.`,
      );
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

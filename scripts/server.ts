// Starts the school server (docs/OPERATIONS.md):
//   npm run server -- [--port 8080] [--host 0.0.0.0] [--data-dir ./data] [--demo …]
//                     [--tls-cert server.crt --tls-key server.key | --no-tls [--behind-proxy]]
// HTTPS by default: the school's certificate, or a self-signed one made in <data-dir>/tls/ on
// first start; its fingerprint is printed for the desktops to compare. Plain HTTP only when asked
// for, on this machine only (--host 127.0.0.1) or behind a reverse proxy that does TLS.
// DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded PGlite data folder.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from '../server/app';
import { countAccounts } from '../server/auth/accounts';
import { writeConsoleFile } from '../server/console/console-file';
import { acquireDataDirLock } from '../server/db/data-dir-lock';
import { openDb } from '../server/db/open';
import { DEFAULT_STATIC_DIR, hasBuiltRenderer } from '../server/static';
import {
  DEMO_PASSWORD,
  DEMO_STUDENTS,
  demoAccounts,
  ensureDemoAccounts,
  ensureDemoSchool,
} from '../server/demo';
import { issueSetupCode } from '../server/setup/first-admin';
import {
  readCertificate,
  selfSignedCertificate,
  type ServerCertificate,
} from '../server/tls/certificate';
import { clampToDemoYear } from '../shared/demo';
import { setupLink } from '../shared/setup';

const HELP = `npm run server -- [параметры]
  --port 8080                порт
  --host 0.0.0.0             адрес, на котором слушать (127.0.0.1 — только этот компьютер)
  --data-dir ./data          папка данных (PGlite; там же сертификат TLS)
  --tls-cert F --tls-key F   сертификат и ключ школы (PEM)
                             без них: самоподписанный сертификат, созданный при первом запуске
  --no-tls                   без шифрования: только с --host 127.0.0.1 или с --behind-proxy
  --behind-proxy             за обратным прокси, который сам делает HTTPS (доверять X-Forwarded-For)
  --demo [--demo-students 1000] [--demo-as-of ГГГГ-ММ-ДД|today]
                             на пустой базе: демонстрационная школа и учётные записи
                             deputy, class-teacher, teacher, admin (пароль demo)
  --static-dir out/renderer  собранный журнал для браузера
  DATABASE_URL=postgres://user@host/db   PostgreSQL вместо папки данных PGlite`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '0.0.0.0' },
      'data-dir': { type: 'string', default: './data' },
      'static-dir': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'no-tls': { type: 'boolean', default: false },
      'behind-proxy': { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'demo-students': { type: 'string', default: String(DEMO_STUDENTS) },
      'demo-as-of': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  const option = /'(-[^']+)'/.exec((error as Error).message)?.[1];
  fail(`Неизвестный или неполный параметр ${option ?? ''}\n\n${HELP}`);
}
const { values } = parsed;
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const host = values.host;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`Неверный порт: ${values.port}`);
const tls = !values['no-tls'];
if (values['no-tls'] && (values['tls-cert'] || values['tls-key'])) {
  fail('--no-tls нельзя указывать вместе с --tls-cert/--tls-key');
}
if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
  fail('Укажите оба файла: --tls-cert и --tls-key');
}
if (!tls && !LOOPBACK.has(host) && !values['behind-proxy']) {
  fail(
    'Без шифрования (--no-tls) сервер можно запускать только для этого компьютера ' +
      '(--host 127.0.0.1) или за обратным прокси, который сам делает HTTPS (--behind-proxy). ' +
      'Иначе пароли и данные учеников пойдут по сети школы открытым текстом.',
  );
}

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(values['data-dir']);
// PGlite is single-process: the lock beside the folder keeps offline backups out; the admin CLI
// sends its commands to this process instead (the console file below).
let releaseLock = () => {};
let removeConsoleFile = () => {};
if (!databaseUrl) {
  try {
    releaseLock = acquireDataDirLock(dataDir);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
process.on('exit', () => {
  removeConsoleFile();
  releaseLock();
});
const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir });

let certificate: ServerCertificate | null = null;
if (tls) {
  try {
    certificate =
      values['tls-cert'] && values['tls-key']
        ? readCertificate(values['tls-cert'], values['tls-key'])
        : await selfSignedCertificate(dataDir);
  } catch (error) {
    fail(`Сертификат TLS: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The address people type: this machine's LAN address when listening on every interface. */
function publicHost(): string {
  if (host !== '0.0.0.0' && host !== '::') return host.includes(':') ? `[${host}]` : host;
  for (const list of Object.values(os.networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address;
  }
  return 'localhost';
}
const scheme = tls ? 'https' : 'http';
let publicUrl = `${scheme}://${publicHost()}:${port}`;
const consoleToken = randomBytes(32).toString('base64url');

const app = buildServer({
  db,
  logger: { level: process.env.LOG_LEVEL ?? 'info' },
  staticDir: values['static-dir'] ?? undefined,
  ...(certificate ? { https: { cert: certificate.cert, key: certificate.key } } : {}),
  // A school's own certificate is one browsers trust: HSTS is safe then, not with a self-signed one.
  hsts: Boolean(certificate && !certificate.generated && values['tls-cert']),
  trustProxy: values['behind-proxy'],
  console: { token: consoleToken, publicUrl: () => publicUrl },
  // Extra origins (e.g. the Vite dev server) besides the Electron app's app://journal.
  corsOrigins: [
    'app://journal',
    ...(process.env.JOURNAL_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  ],
});

const lines: string[] = [];
if (values.demo) {
  const students = Number(values['demo-students']);
  // "today" keeps the demo's current quarter open for entering marks (npm start uses it).
  const asOfArg = values['demo-as-of'];
  const asOf =
    asOfArg === 'today' ? clampToDemoYear(new Date().toISOString().slice(0, 10)) : asOfArg;
  const loaded = await ensureDemoSchool(db, app.syncEngine, students, undefined, asOf);
  console.log(
    loaded
      ? `Демонстрационная школа загружена: ${loaded.documents} документов (${students} учеников) ` +
          `за ${loaded.ms} мс (создана за ${loaded.generateMs} мс)`
      : 'Демонстрационный режим: в базе уже есть школа, ничего не загружено.',
  );
  const created = await ensureDemoAccounts(db);
  lines.push(
    created.length > 0 ? 'Созданы демонстрационные учётные записи:' : 'Демонстрационные входы:',
  );
  for (const account of demoAccounts) {
    lines.push(
      `  ${account.login.padEnd(14)} пароль: ${DEMO_PASSWORD}  роли: ${account.roles.join(', ')}` +
        (account.staffId ? `  сотрудник: ${account.staffId}` : ''),
    );
  }
}

const address = await app.listen({ port, host });
const actualPort = Number(new URL(address).port);
publicUrl = `${scheme}://${publicHost()}:${actualPort}`;
removeConsoleFile = writeConsoleFile(dataDir, {
  url: `${scheme}://${LOOPBACK.has(host) || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${actualPort}`,
  token: consoleToken,
  fingerprint256: certificate?.fingerprint256 ?? null,
  pid: process.pid,
  host: os.hostname(),
  startedAt: new Date().toISOString(),
});
console.log(
  `Сервер журнала работает: ${publicUrl} ` +
    `(${databaseUrl ? 'PostgreSQL' : `PGlite, папка ${dataDir}`})`,
);
if (certificate) {
  console.log(
    `Сертификат TLS${certificate.generated ? ' (самоподписанный, создан сейчас)' : ''}: ${certificate.certFile}, ` +
      `действует до ${certificate.validTo}`,
  );
  console.log(`Отпечаток SHA-256: ${certificate.fingerprint256}`);
  console.log(
    'Сверьте его с отпечатком, который показывает программа на компьютере учителя при первом подключении.',
  );
} else {
  console.log(
    values['behind-proxy']
      ? 'Без шифрования: HTTPS делает обратный прокси перед сервером.'
      : 'Без шифрования: сервер доступен только с этого компьютера.',
  );
}
for (const line of lines) console.log(line);
const staticDir = values['static-dir'] ?? DEFAULT_STATIC_DIR;
if (!hasBuiltRenderer(staticDir)) {
  console.log(
    `Страницы журнала не собраны (в ${staticDir} нет index.html): выполните \`npm run build:renderer\`` +
      ' и перезапустите сервер, чтобы открыть журнал в браузере. Программа на компьютерах учителей работает и без них.',
  );
}

if ((await countAccounts(db)) === 0) {
  const code = await issueSetupCode(db);
  if (code) {
    console.log(
      [
        '',
        'Сервер пуст: учётных записей ещё нет.',
        'Чтобы создать администратора школы, откройте в браузере ссылку (она действует до первого',
        'использования или до перезапуска сервера):',
        `  ${setupLink(publicUrl, code)}`,
        'Или создайте его из консоли: npm run admin -- create-account <логин> <пароль> admin',
        '',
      ].join('\n'),
    );
  }
}

console.log('Остановить сервер: Ctrl+C.');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  removeConsoleFile();
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

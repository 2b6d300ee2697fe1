// `npm run server` as an administrator starts it, on an empty data folder: HTTPS with a self-signed
// certificate made in <data>/tls/ whose SHA-256 is printed (and is what the server presents), the
// set-up link printed because there is no account, and `npm run admin` working while the server
// runs — through the server, authenticated by the console file only its user can read. Plain HTTP
// is refused unless it is asked for on this machine or behind a proxy.
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Each server start and CLI call is a new Node process (tsx, PGlite opening its folder).
const SLOW = { timeout: 240_000 };
import { consoleFilePath, ConsoleFileSchema } from '../../../server/console/console-file';
import { SetupAnswerSchema } from '../../../shared/setup';
import { startServerProcess } from './server-process';

let dir: string;
let dataDir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'journal-start-'));
  dataDir = path.join(dir, 'data');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const startServer = (...extra: string[]) => startServerProcess(dataDir, extra);

function admin(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/admin.ts', ...args, '--data-dir', dataDir],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
}

/** A JSON request over HTTPS trusting exactly this certificate. */
function httpsJson(
  url: string,
  method: string,
  body: unknown,
  ca: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function presentedFingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: hostname, port: Number(port), rejectUnauthorized: false },
      () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      },
    );
    socket.on('error', reject);
  });
}

describe('first start of an empty server', () => {
  it(
    'HTTPS with a self-signed certificate, the set-up link, and the admin CLI through the server',
    SLOW,
    async () => {
      const server = await startServer();
      try {
        const out = server.output();
        expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        // The certificate: made in the data folder, its key readable only by the server's user.
        const certFile = path.join(dataDir, 'tls', 'server.crt');
        const keyFile = path.join(dataDir, 'tls', 'server.key');
        expect(statSync(keyFile).mode & 0o077).toBe(0);
        const cert = readFileSync(certFile, 'utf8');
        const fingerprint = new X509Certificate(cert).fingerprint256;
        expect(out).toContain('(самоподписанный, создан сейчас)');
        expect(out).toContain(`Отпечаток SHA-256: ${fingerprint}`);
        expect(await presentedFingerprint(server.url)).toBe(fingerprint);
        expect(new X509Certificate(cert).subjectAltName).toContain('IP Address:127.0.0.1');
        // Plain HTTP gets nothing from a TLS port.
        await expect(
          fetch(server.url.replace('https:', 'http:') + '/api/v1/health'),
        ).rejects.toThrow();

        // The set-up link, printed because there is no account yet.
        expect(out).toContain('Сервер пуст: учётных записей ещё нет.');
        const link = new RegExp(
          `${server.url.replace(/\./g, '\\.')}/\\?setup=([A-Za-z0-9_-]+)`,
        ).exec(out);
        expect(link).not.toBeNull();
        const code = link![1]!;

        // The console file: beside the data folder, mode 0600, naming this server and its certificate.
        const file = consoleFilePath(dataDir);
        expect(statSync(file).mode & 0o077).toBe(0);
        const info = ConsoleFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
        expect(info.fingerprint256).toBe(fingerprint);
        expect(info.pid).toBe(server.child.pid);

        // The admin CLI works while the server holds the data folder.
        const empty = admin('accounts');
        expect(empty.status, empty.stderr).toBe(0);
        expect(empty.stdout).toContain('Учётных записей нет.');

        // The browser's set-up: the first administrator through the link's code.
        const wrong = await httpsJson(
          `${server.url}/api/v1/setup`,
          'POST',
          { code: 'x'.repeat(32), login: 'boss', password: 'пароль директора' },
          cert,
        );
        expect(wrong.status).toBe(403);
        const created = await httpsJson(
          `${server.url}/api/v1/setup`,
          'POST',
          { code, login: 'boss', password: 'пароль директора', displayName: 'Директор школы' },
          cert,
        );
        expect(created.status).toBe(201);
        expect(SetupAnswerSchema.parse(created.body).account.login).toBe('boss');

        const listed = admin('accounts');
        expect(listed.status, listed.stderr).toBe(0);
        expect(listed.stdout).toContain('boss');
        expect(listed.stdout).toContain('Логин');
        const made = admin(
          'create-account',
          'ivanova',
          'пароль-учителя',
          'teacher',
          '--name',
          'Иванова М. П.',
        );
        expect(made.status, made.stderr).toBe(0);
        expect(made.stdout).toContain('Учётная запись создана: ivanova (роли: teacher)');
        // Lockouts live in the server's memory: unlock reaches them only through the server.
        const unlock = admin('unlock', 'ivanova');
        expect(unlock.status, unlock.stderr).toBe(0);
        expect(unlock.stdout).toContain('Для «ivanova» задержки входа не было.');
        // The online backup is asked through the same console channel (no password needed).
        const copy = path.join(dir, 'copy.tar.gz');
        const backup = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            'scripts/backup.ts',
            'backup',
            '--online',
            '--data-dir',
            dataDir,
            '--out',
            copy,
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        expect(backup.status, backup.stderr).toBe(0);
        expect(backup.stdout).toMatch(
          /^Резервная копия: .*copy\.tar\.gz \(\d+ байт, SHA-256 [0-9a-f]{64}\)/,
        );
        expect([...readFileSync(copy).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
        const unknown = admin('no-such-command');
        expect(unknown.status).toBe(1);
        expect(unknown.stderr).toContain('Неизвестная команда «no-such-command»');

        // The console route with a wrong token is refused, in Russian.
        const forged = await httpsJson(
          `${server.url}/api/v1/console`,
          'POST',
          { command: 'accounts', args: [], options: {} },
          cert,
          {
            'x-journal-console': 'x'.repeat(43),
          },
        );
        expect(forged.status).toBe(401);
        expect((forged.body as { error: { message: string } }).error.message).toMatch(
          /^Команды консоли/,
        );
      } finally {
        await server.stop();
      }
      // Stopped: the console file and the lock are gone; the CLI opens the folder itself.
      expect(existsSync(consoleFilePath(dataDir))).toBe(false);
      const offline = admin('accounts');
      expect(offline.status, offline.stderr).toBe(0);
      expect(offline.stdout).toContain('ivanova');
      // The waits after wrong passwords are in the database: unlocking works on it directly.
      const unlockOffline = admin('unlock', 'ivanova');
      expect(unlockOffline.status, unlockOffline.stderr).toBe(0);
      expect(unlockOffline.stdout).toMatch(/«ivanova»/);
    },
  );

  it('a second start keeps the certificate and prints no set-up link', SLOW, async () => {
    const before = new X509Certificate(readFileSync(path.join(dataDir, 'tls', 'server.crt')))
      .fingerprint256;
    const server = await startServer();
    try {
      expect(server.output()).toContain(`Отпечаток SHA-256: ${before}`);
      expect(server.output()).not.toContain('создан сейчас');
      expect(server.output()).not.toContain('Сервер пуст');
    } finally {
      await server.stop();
    }
  });

  it('plain HTTP only when asked for, and never to the network without a proxy', SLOW, () => {
    const refused = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/server.ts',
        '--no-tls',
        '--host',
        '0.0.0.0',
        '--data-dir',
        path.join(dir, 'other'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Без шифрования (--no-tls) сервер можно запускать только');
    const half = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/server.ts',
        '--tls-cert',
        'x.crt',
        '--data-dir',
        path.join(dir, 'other'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(half.status).toBe(1);
    expect(half.stderr).toContain('Укажите оба файла: --tls-cert и --tls-key');
  });

  it('plain HTTP on this machine with --no-tls', SLOW, async () => {
    const server = await startServer('--no-tls');
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.output()).toContain(
        'Без шифрования: сервер доступен только с этого компьютера.',
      );
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
      const listed = admin('accounts');
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('boss');
    } finally {
      await server.stop();
    }
  });
});

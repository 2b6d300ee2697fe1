// Password guessing: after N failures the login answers 429 with Retry-After, and every attempt is in
// the login_attempts security log (login, IP, time, outcome) — never the password.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listLoginAttempts } from '../../../server/auth/login-attempts';
import { api, newUser, startServer, type TestServer } from './helpers';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ loginLimit: { maxFailures: 4, baseLockMs: 60_000 } });
});
afterAll(async () => {
  await server.close();
});

it('locks out after N failures with Retry-After and logs every attempt without the password', async () => {
  const user = await newUser(server, ['teacher']);
  const guesses = ['qwerty-Пароль-1', 'qwerty-Пароль-2', 'qwerty-Пароль-3', 'qwerty-Пароль-4'];
  const attempt = (password: string) =>
    api(server, 'POST', '/api/v1/auth/login', { login: user.login, password, deviceName: 'ПК' });
  for (const guess of guesses) expect((await attempt(guess)).status).toBe(401);
  const locked = await attempt('qwerty-Пароль-5');
  expect(locked.status).toBe(429);
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
  expect((locked.body as { error: { code: string } }).error.code).toBe('TOO_MANY_ATTEMPTS');
  // Even the right password waits until the lockout ends.
  expect((await attempt(user.password)).status).toBe(429);
  await api(server, 'POST', '/api/v1/auth/login', {
    login: 'no-such-user',
    password: 'secret-guess-0',
    deviceName: 'ПК',
  });

  const rows = await listLoginAttempts(server.db, { login: user.login });
  // newUser's own successful login, 4 wrong passwords, 2 refused while locked out.
  expect(rows.map((r) => r.outcome).reverse()).toEqual([
    'success',
    'wrong-password',
    'wrong-password',
    'wrong-password',
    'wrong-password',
    'locked-out',
    'locked-out',
  ]);
  for (const row of rows) {
    expect(row.ip).toBe('127.0.0.1');
    expect(row.at).not.toBeNull();
  }
  const unknown = await listLoginAttempts(server.db, { login: 'no-such-user' });
  expect(unknown.map((r) => r.outcome)).toEqual(['unknown-login']);

  // No password text anywhere in the table.
  const dump = JSON.stringify((await server.db.query('SELECT * FROM login_attempts')).rows);
  for (const secret of [...guesses, 'qwerty-Пароль-5', user.password, 'secret-guess-0']) {
    expect(dump).not.toContain(secret);
  }

  // The administrator reads the log over the API.
  const admin = await newUser(server, ['admin']);
  const res = await api(
    server,
    'GET',
    `/api/v1/admin/login-attempts?login=${encodeURIComponent(user.login)}&limit=3`,
    undefined,
    admin.token,
  );
  expect(res.status).toBe(200);
  expect((res.body as { attempts: { outcome: string }[] }).attempts.map((a) => a.outcome)).toEqual([
    'locked-out',
    'locked-out',
    'wrong-password',
  ]);
  const teacher = await newUser(server, ['teacher']);
  expect(
    (await api(server, 'GET', '/api/v1/admin/login-attempts', undefined, teacher.token)).status,
  ).toBe(403);
});

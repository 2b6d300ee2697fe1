// Accounts, logins, tokens, devices and login throttling over real HTTP.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, setAccountDisabled, setPassword } from '../../../server/auth/accounts';
import { hashToken } from '../../../server/auth/sessions';
import { api, newUser, startServer, type TestServer } from './helpers';

type ErrorBody = { error: { code: string; message: string } };

describe('auth', () => {
  let server: TestServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    server = await startServer({
      logger: { level: 'warn', stream },
      loginLimit: { maxFailures: 5, baseLockMs: 60_000 },
      ipLimit: { maxFailures: 1000 },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('logs in, names the device, answers /me, stores only the token hash', async () => {
    await createAccount(server.db, {
      login: 'Ivanova',
      password: 'верный пароль',
      roles: ['teacher', 'classTeacher'],
      staffId: 'staff-17',
      displayName: 'Иванова М. П.',
    });
    const login = await api(server, 'POST', '/api/v1/auth/login', {
      login: ' ivanova ',
      password: 'верный пароль',
      deviceName: 'Кабинет 21',
    });
    expect(login.status).toBe(200);
    const { token, device, account } = login.body as {
      token: string;
      device: { id: string; name: string };
      account: { roles: string[]; staffId: string };
    };
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(device.name).toBe('Кабинет 21');
    expect(account.roles).toEqual(['teacher', 'classTeacher']);
    expect(account.staffId).toBe('staff-17');

    const me = await api(server, 'GET', '/api/v1/auth/me', undefined, token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      account: {
        login: 'ivanova',
        displayName: 'Иванова М. П.',
        roles: ['teacher', 'classTeacher'],
      },
      device: { id: device.id, name: 'Кабинет 21' },
    });
    const stored = await server.db.query('SELECT token_hash FROM tokens');
    const hashes = stored.rows.map((r) => r.token_hash);
    expect(hashes).toContain(hashToken(token));
    expect(hashes).not.toContain(token);
    const passwordHash = await server.db.query(
      'SELECT password_hash FROM accounts WHERE login = $1',
      ['ivanova'],
    );
    expect(String(passwordHash.rows[0]!.password_hash)).toMatch(/^scrypt\$/);
  });

  it('refuses sync and /me without a token or with a bad one (401 JSON)', async () => {
    for (const token of [undefined, 'not-a-token']) {
      const res = await api(server, 'GET', '/api/v1/sync/notes/pull', undefined, token);
      expect(res.status).toBe(401);
      expect((res.body as ErrorBody).error.code).toBe('UNAUTHORIZED');
      expect((res.body as ErrorBody).error.message).toMatch(/[а-я]/);
    }
    const push = await api(server, 'POST', '/api/v1/sync/notes/push', [], undefined);
    expect(push.status).toBe(401);
    const stream = await api(server, 'GET', '/api/v1/sync/notes/stream');
    expect(stream.status).toBe(401);
  });

  it('answers a wrong password or unknown login with the same Russian message', async () => {
    const user = await newUser(server);
    const wrong = await api(server, 'POST', '/api/v1/auth/login', {
      login: user.login,
      password: 'нет',
      deviceName: 'ПК',
    });
    const unknown = await api(server, 'POST', '/api/v1/auth/login', {
      login: 'nobody-here',
      password: 'нет',
      deviceName: 'ПК',
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { code: 'INVALID_CREDENTIALS', message: 'Неверный логин или пароль' },
      });
    }
    const missing = await api(server, 'POST', '/api/v1/auth/login', { login: user.login });
    expect(missing.status).toBe(400);
    expect((missing.body as ErrorBody).error.code).toBe('VALIDATION_FAILED');
  });

  it('logout revokes the token; a revoked device is refused at its next request', async () => {
    const user = await newUser(server);
    expect((await api(server, 'POST', '/api/v1/auth/logout', undefined, user.token)).status).toBe(
      200,
    );
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, user.token)).status).toBe(401);

    const admin = await newUser(server, ['admin'], 'Админ');
    const victim = await newUser(server, ['teacher'], 'Украденный ноутбук');
    expect(
      (await api(server, 'GET', '/api/v1/sync/notes/pull', undefined, victim.token)).status,
    ).toBe(200);
    // A teacher may not revoke devices.
    const forbidden = await api(
      server,
      'POST',
      `/api/v1/admin/devices/${victim.deviceId}/revoke`,
      undefined,
      victim.token,
    );
    expect(forbidden.status).toBe(403);
    const devices = await api(server, 'GET', '/api/v1/admin/devices', undefined, admin.token);
    expect((devices.body as { devices: { id: string }[] }).devices.map((d) => d.id)).toContain(
      victim.deviceId,
    );
    const revoke = await api(
      server,
      'POST',
      `/api/v1/admin/devices/${victim.deviceId}/revoke`,
      undefined,
      admin.token,
    );
    expect(revoke.body).toEqual({ ok: true, revoked: true });
    const after = await api(server, 'GET', '/api/v1/sync/notes/pull', undefined, victim.token);
    expect(after.status).toBe(401);
    expect((after.body as ErrorBody).error.message).toMatch(/Сеанс завершён/);
    // Logging in again registers a new device.
    const again = await api(server, 'POST', '/api/v1/auth/login', {
      login: victim.login,
      password: victim.password,
      deviceName: 'Украденный ноутбук',
    });
    expect((again.body as { device: { id: string } }).device.id).not.toBe(victim.deviceId);
  });

  it('refuses disabled accounts and sessions after a password change', async () => {
    const user = await newUser(server);
    await setAccountDisabled(server.db, user.login, true);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, user.token)).status).toBe(401);
    const login = await api(server, 'POST', '/api/v1/auth/login', {
      login: user.login,
      password: user.password,
      deviceName: 'ПК',
    });
    expect(login.status).toBe(403);
    expect((login.body as ErrorBody).error.code).toBe('ACCOUNT_DISABLED');

    const other = await newUser(server);
    await setPassword(server.db, other.login, 'новый пароль');
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, other.token)).status).toBe(401);
  });

  it('the deputy lists accounts, devices and login attempts but changes nothing', async () => {
    const deputy = await newUser(server, ['deputy'], 'Завуч');
    const teacher = await newUser(server, ['teacher'], 'Кабинет 5');
    const accounts = await api(server, 'GET', '/api/v1/admin/accounts', undefined, deputy.token);
    expect(accounts.status).toBe(200);
    expect(JSON.stringify(accounts.body)).not.toMatch(/scrypt|passwordHash/);
    expect(
      (accounts.body as { accounts: { login: string }[] }).accounts.map((a) => a.login),
    ).toContain(teacher.login);
    const devices = await api(server, 'GET', '/api/v1/admin/devices', undefined, deputy.token);
    expect(devices.status).toBe(200);
    expect((devices.body as { devices: { id: string }[] }).devices.map((d) => d.id)).toContain(
      teacher.deviceId,
    );
    const attempts = await api(
      server,
      'GET',
      `/api/v1/admin/login-attempts?login=${teacher.login}`,
      undefined,
      deputy.token,
    );
    expect(attempts.status).toBe(200);
    expect((attempts.body as { attempts: unknown[] }).attempts.length).toBeGreaterThan(0);
    // A teacher sees none of it; the deputy changes nothing.
    for (const path of [
      '/api/v1/admin/accounts',
      '/api/v1/admin/devices',
      '/api/v1/admin/login-attempts',
    ]) {
      expect((await api(server, 'GET', path, undefined, teacher.token)).status).toBe(403);
    }
    const writes: [string, unknown][] = [
      [`/api/v1/admin/devices/${teacher.deviceId}/revoke`, undefined],
      [`/api/v1/admin/accounts/${teacher.login}/password`, { password: 'новый-пароль' }],
      [`/api/v1/admin/accounts/${teacher.login}/disable`, undefined],
      ['/api/v1/admin/accounts', { login: 'x-deputy', password: 'секрет-1', roles: ['teacher'] }],
    ];
    for (const [path, body] of writes) {
      expect((await api(server, 'POST', path, body, deputy.token)).status).toBe(403);
    }
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, teacher.token)).status).toBe(
      200,
    );
  });

  it('admin creates accounts; duplicates are refused', async () => {
    const admin = await newUser(server, ['admin']);
    const body = { login: 'petrov', password: 'секрет-123', roles: ['teacher'], staffId: 's-2' };
    const created = await api(server, 'POST', '/api/v1/admin/accounts', body, admin.token);
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/секрет-123|scrypt|passwordHash/);
    expect((await api(server, 'POST', '/api/v1/admin/accounts', body, admin.token)).status).toBe(
      409,
    );
    const badRole = await api(
      server,
      'POST',
      '/api/v1/admin/accounts',
      { ...body, login: 'x', roles: ['king'] },
      admin.token,
    );
    expect(badRole.status).toBe(400);
  });

  it('locks a login out after 5 failures and logs it without the password', async () => {
    const user = await newUser(server);
    const attempt = (password: string) =>
      api(server, 'POST', '/api/v1/auth/login', { login: user.login, password, deviceName: 'ПК' });
    for (let i = 0; i < 5; i += 1) expect((await attempt('пароль-неверный-42')).status).toBe(401);
    const locked = await attempt('пароль-неверный-42');
    expect(locked.status).toBe(429);
    expect((locked.body as ErrorBody).error.code).toBe('TOO_MANY_ATTEMPTS');
    expect((locked.body as ErrorBody).error.message).toMatch(
      /^Слишком много неудачных попыток входа/,
    );
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits out the lockout.
    expect((await attempt(user.password)).status).toBe(429);
    const log = logLines.join('');
    expect(log).toContain('login failed');
    expect(log).toContain(user.login);
    expect(log).not.toContain('пароль-неверный-42');
    expect(log).not.toContain(user.password);
  });
});

describe('auth: per-IP limit', () => {
  it('locks out an address that tries many logins', async () => {
    const server = await startServer({ ipLimit: { maxFailures: 3, baseLockMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await api(server, 'POST', '/api/v1/auth/login', {
          login: `guess-${i}`,
          password: 'x',
          deviceName: 'ПК',
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });
});

// Sessions and lockout over real HTTP: push bodies are not read before the token is checked;
// tokens expire (idle and absolute lifetimes, measured on the database's clock); a new login under
// the same device name ends that device's older sessions; a live stream of an ended session stops
// at once (the heartbeat is an hour here, so only the immediate path can end it); wrong passwords
// slow down one login at one address, not the owner elsewhere and not a whole school behind one
// address; the administrator unlocks a login.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/auth/accounts';
import { hashToken, SESSION_LIFETIME } from '../../../server/auth/sessions';
import { api, newUser, push, startServer, type TestServer } from './helpers';
import { readEventStream } from './event-reader';

type ErrorBody = { error: { code: string; message: string } };
const DAY_MS = 24 * 3600 * 1000;

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ heartbeatMs: 3_600_000 });
});

afterAll(async () => {
  await server?.close();
});

/** A login from a given local address (127.0.0.x are all this machine's loopback). */
function loginFrom(
  target: TestServer,
  address: string,
  body: { login: string; password: string; deviceName?: string },
): Promise<{ status: number; body: unknown }> {
  const url = new URL(target.url);
  const payload = JSON.stringify({ deviceName: 'ПК', ...body });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/api/v1/auth/login',
        method: 'POST',
        localAddress: address,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('push bodies are not read before the token is checked', () => {
  it('no token: 401 even for a body that is not JSON or is over the size limit', async () => {
    const refusalsBefore = await server.db.query('SELECT count(*)::int AS n FROM refusals');
    const broken = await api(server, 'POST', '/api/v1/sync/notes/push', '[{"newDocumentState":');
    expect(broken.status).toBe(401);
    const huge = JSON.stringify([
      { newDocumentState: { id: 'huge', text: 'x'.repeat(6 * 1024 * 1024) } },
    ]);
    const tooBig = await api(server, 'POST', '/api/v1/sync/notes/push', huge);
    expect(tooBig.status).toBe(401);
    expect((tooBig.body as ErrorBody).error.code).toBe('UNAUTHORIZED');
    const wrongToken = await api(server, 'POST', '/api/v1/sync/notes/push', huge, 'not-a-token');
    expect(wrongToken.status).toBe(401);
    const refusalsAfter = await server.db.query('SELECT count(*)::int AS n FROM refusals');
    expect(refusalsAfter.rows).toEqual(refusalsBefore.rows);
    // With a token the same broken body is a JSON error: the check above really came first.
    const user = await newUser(server);
    const parsed = await api(server, 'POST', '/api/v1/sync/notes/push', '[{"x":', user.token);
    expect(parsed.status).toBe(400);
  });
});

/** Makes the token look last used `ms` milliseconds ago. */
async function lastUsedAgo(token: string, ms: number): Promise<void> {
  await server.db.query(
    `UPDATE tokens SET last_used_at = now() - $2::double precision * interval '1 millisecond'
     WHERE token_hash = $1`,
    [hashToken(token), ms],
  );
}

describe('token lifetimes', () => {
  it('a token unused for longer than the idle lifetime is refused with «Срок сеанса истёк»', async () => {
    const user = await newUser(server);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, user.token)).status).toBe(200);
    // Just inside the lifetime: still valid.
    await lastUsedAgo(user.token, SESSION_LIFETIME.idleMs - DAY_MS);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, user.token)).status).toBe(200);
    await lastUsedAgo(user.token, SESSION_LIFETIME.idleMs + DAY_MS);
    const expired = await api(server, 'GET', '/api/v1/auth/me', undefined, user.token);
    expect(expired.status).toBe(401);
    expect((expired.body as ErrorBody).error.message).toBe('Срок сеанса истёк. Войдите снова');
    // Signing in again gives a working session.
    const again = await api(server, 'POST', '/api/v1/auth/login', {
      login: user.login,
      password: user.password,
      deviceName: 'Тестовый ПК',
    });
    expect(again.status).toBe(200);
  });

  it('a token older than the absolute lifetime is refused even if used every day', async () => {
    const user = await newUser(server);
    await server.db.query(
      `UPDATE tokens SET created_at = now() - $2::double precision * interval '1 millisecond',
         last_used_at = now() WHERE token_hash = $1`,
      [hashToken(user.token), SESSION_LIFETIME.absoluteMs + DAY_MS],
    );
    const expired = await api(server, 'GET', '/api/v1/sync/notes/pull', undefined, user.token);
    expect(expired.status).toBe(401);
    expect((expired.body as ErrorBody).error.message).toBe('Срок сеанса истёк. Войдите снова');
  });

  it('a desktop offline for a week keeps its session', () => {
    expect(SESSION_LIFETIME.idleMs).toBeGreaterThanOrEqual(14 * DAY_MS);
    expect(SESSION_LIFETIME.absoluteMs).toBeGreaterThan(SESSION_LIFETIME.idleMs);
  });
});

describe('a new login on the same device', () => {
  it("ends that device's older sessions, not the ones of other devices", async () => {
    const user = await newUser(server, ['teacher'], 'Кабинет 12');
    const other = await api(server, 'POST', '/api/v1/auth/login', {
      login: user.login,
      password: user.password,
      deviceName: 'Ноутбук дома',
    });
    const otherToken = (other.body as { token: string }).token;
    const again = await api(server, 'POST', '/api/v1/auth/login', {
      login: user.login,
      password: user.password,
      deviceName: 'Кабинет 12',
    });
    expect(again.status).toBe(200);
    const fresh = again.body as { token: string; device: { id: string } };
    expect(fresh.device.id).toBe(user.deviceId);
    const old = await api(server, 'GET', '/api/v1/auth/me', undefined, user.token);
    expect(old.status).toBe(401);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, fresh.token)).status).toBe(200);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, otherToken)).status).toBe(200);
  });
});

describe('a live stream of an ended session', () => {
  async function openStream(token: string) {
    const res = await fetch(`${server.url}/api/v1/sync/notes/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const events: { event: string; data: string }[] = [];
    const ended = readEventStream(res.body!, (e) => events.push(e)).then(() => events);
    return { ended, events };
  }

  it('stops at once when the device is revoked (the heartbeat is an hour away)', async () => {
    const admin = await newUser(server, ['admin']);
    const user = await newUser(server, ['teacher'], 'Кабинет 5');
    const other = await newUser(server, ['teacher'], 'Кабинет 6');
    const stream = await openStream(user.token);
    const untouched = await openStream(other.token);
    const revoke = await api(
      server,
      'POST',
      `/api/v1/admin/devices/${user.deviceId}/revoke`,
      {},
      admin.token,
    );
    expect(revoke.status).toBe(200);
    const events = await stream.ended;
    expect(events.at(-1)).toEqual({
      event: 'unauthorized',
      data: JSON.stringify({ message: 'Сеанс завершён или устройство отключено. Войдите снова' }),
    });
    // The other device's stream is still open: a note written now reaches it.
    await push(server, admin.token, 'notes', [
      { newDocumentState: { id: 'after-revoke', text: 'Ещё открыт', _deleted: false } },
    ]);
    for (
      let i = 0;
      i < 500 && !untouched.events.some((e) => e.data.includes('after-revoke'));
      i += 1
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(untouched.events.some((e) => e.data.includes('after-revoke'))).toBe(true);
    expect(untouched.events.some((e) => e.event === 'unauthorized')).toBe(false);
  });

  it('stops at once when the account signs in again on the same device', async () => {
    const user = await newUser(server, ['teacher'], 'Кабинет 7');
    const stream = await openStream(user.token);
    await api(server, 'POST', '/api/v1/auth/login', {
      login: user.login,
      password: user.password,
      deviceName: 'Кабинет 7',
    });
    const events = await stream.ended;
    expect(events.at(-1)?.event).toBe('unauthorized');
  });

  it('stops at once when the account is disabled', async () => {
    const admin = await newUser(server, ['admin']);
    const user = await newUser(server, ['teacher'], 'Кабинет 8');
    const stream = await openStream(user.token);
    await api(server, 'POST', `/api/v1/admin/accounts/${user.login}/disable`, {}, admin.token);
    const events = await stream.ended;
    expect(events.at(-1)?.event).toBe('unauthorized');
  });
});

describe('lockout: per login and address, never the whole school', () => {
  let lockServer: TestServer;
  beforeAll(async () => {
    lockServer = await startServer({});
  });
  afterAll(async () => {
    await lockServer?.close();
  });

  it('a guesser at one address waits; the owner at her usual address does not', async () => {
    {
      await createAccount(lockServer.db, {
        login: 'ivanova',
        password: 'верный пароль',
        roles: ['teacher'],
      });
      // The owner has signed in from her classroom before (127.0.0.2).
      expect(
        (await loginFrom(lockServer, '127.0.0.2', { login: 'ivanova', password: 'верный пароль' }))
          .status,
      ).toBe(200);
      // An attacker at 127.0.0.3: five free guesses, then a growing wait.
      const guesses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        guesses.push(
          (
            await loginFrom(lockServer, '127.0.0.3', {
              login: 'ivanova',
              password: `угадываю-${i}`,
            })
          ).status,
        );
      }
      expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
      const locked = await loginFrom(lockServer, '127.0.0.3', {
        login: 'ivanova',
        password: 'верный пароль',
      });
      expect(locked.status).toBe(429);
      expect((locked.body as ErrorBody).error.message).toMatch(
        /^Слишком много неудачных попыток входа/,
      );
      // The owner is not locked out from her own address.
      expect(
        (await loginFrom(lockServer, '127.0.0.2', { login: 'ivanova', password: 'верный пароль' }))
          .status,
      ).toBe(200);

      // The administrator unlocks the login: the attacker's address may try again at once.
      const admin = await newUser(lockServer, ['admin']);
      const unlock = await api(
        lockServer,
        'POST',
        '/api/v1/admin/accounts/IVANOVA/unlock',
        {},
        admin.token,
      );
      expect(unlock.status).toBe(200);
      expect((unlock.body as { cleared: number }).cleared).toBeGreaterThan(0);
      expect(
        (await loginFrom(lockServer, '127.0.0.3', { login: 'ivanova', password: 'угадываю-7' }))
          .status,
      ).toBe(401);
      // Only the administrator may unlock.
      const teacher = await newUser(lockServer, ['teacher']);
      expect(
        (await api(lockServer, 'POST', '/api/v1/admin/accounts/ivanova/unlock', {}, teacher.token))
          .status,
      ).toBe(403);
    }
  });

  it('a school behind one address: spraying from it never locks out staff who work there', async () => {
    {
      const staff = ['petrova', 'sidorov', 'kuznetsova'];
      for (const login of staff) {
        await createAccount(lockServer.db, {
          login,
          password: `пароль ${login}`,
          roles: ['teacher'],
        });
        expect(
          (await loginFrom(lockServer, '127.0.0.4', { login, password: `пароль ${login}` })).status,
        ).toBe(200);
      }
      // 40 wrong guesses at logins that never signed in from this address, and at the staff's.
      for (let i = 0; i < 40; i += 1) {
        await loginFrom(lockServer, '127.0.0.4', { login: `nobody-${i}`, password: 'x' });
      }
      const sprayed = await loginFrom(lockServer, '127.0.0.4', {
        login: 'nobody-new',
        password: 'x',
      });
      expect(sprayed.status).toBe(429);
      // Every member of staff who has worked from this address still signs in.
      for (const login of staff) {
        expect(
          (await loginFrom(lockServer, '127.0.0.4', { login, password: `пароль ${login}` })).status,
        ).toBe(200);
      }
    }
  });
});

// The first start of an empty server, over real HTTP: GET /api/v1/setup says an administrator is
// needed; POST /api/v1/setup with the one-time code creates exactly one (the code is stored only
// as a hash and is gone once used, even when two requests race); wrong codes are refused in
// Russian and throttled; with an account present no code is issued or accepted.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { issueSetupCode } from '../../../server/setup/first-admin';
import { SetupAnswerSchema, SetupStatusSchema, setupLink } from '../../../shared/setup';
import { api, startServer, type TestServer } from './helpers';

type ErrorBody = { error: { code: string; message: string } };
let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admin = { login: 'director', password: 'длинный пароль директора', displayName: 'Директор' };

describe('set-up of an empty server', () => {
  it('creates the first administrator once; the code is kept only as a hash and used up', async () => {
    server = await startServer();
    const status = await api(server, 'GET', '/api/v1/setup');
    expect(SetupStatusSchema.parse(status.body)).toEqual({ required: true });
    const code = (await issueSetupCode(server.db))!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(setupLink('https://192.168.1.10:8080/', code)).toBe(
      `https://192.168.1.10:8080/?setup=${code}`,
    );
    const stored = await server.db.query<{ code_hash: string }>(
      'SELECT code_hash FROM setup_codes',
    );
    expect(stored.rows).toEqual([{ code_hash: createHash('sha256').update(code).digest('hex') }]);

    const short = await api(server, 'POST', '/api/v1/setup', {
      ...admin,
      code,
      password: 'короткий',
    });
    expect(short.status).toBe(400);
    expect((short.body as ErrorBody).error.message).toContain('не короче 10 знаков');

    const created = await api(server, 'POST', '/api/v1/setup', { ...admin, code });
    expect(created.status).toBe(201);
    const answer = SetupAnswerSchema.parse(created.body);
    expect(answer.account).toMatchObject({
      login: 'director',
      displayName: 'Директор',
      roles: ['admin'],
    });
    expect((await server.db.query('SELECT * FROM setup_codes')).rows).toEqual([]);

    // The account works like any other.
    const login = await api(server, 'POST', '/api/v1/auth/login', {
      login: 'director',
      password: admin.password,
      deviceName: 'Кабинет директора',
    });
    expect(login.status).toBe(200);
    expect((login.body as { account: { roles: string[] } }).account.roles).toEqual(['admin']);

    const again = await api(server, 'POST', '/api/v1/setup', { ...admin, login: 'second', code });
    expect(again.status).toBe(409);
    expect((again.body as ErrorBody).error.message).toBe(
      'Администратор уже создан. Войдите со своим логином и паролем',
    );
    expect(SetupStatusSchema.parse((await api(server, 'GET', '/api/v1/setup')).body)).toEqual({
      required: false,
    });
    expect(await issueSetupCode(server.db)).toBeNull();
    const accounts = await server.db.query('SELECT login, roles FROM accounts');
    expect(accounts.rows).toEqual([{ login: 'director', roles: ['admin'] }]);
  });

  it('two requests racing with one code: exactly one administrator', async () => {
    server = await startServer();
    const code = (await issueSetupCode(server.db))!;
    const answers = await Promise.all(
      ['first', 'second', 'third'].map((login) =>
        api(server!, 'POST', '/api/v1/setup', { ...admin, login, code }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect((await server.db.query('SELECT login FROM accounts')).rows).toHaveLength(1);
  });

  it('a new start replaces the code; a wrong code is refused in Russian and throttled', async () => {
    server = await startServer();
    const old = (await issueSetupCode(server.db))!;
    const current = (await issueSetupCode(server.db))!;
    const stale = await api(server, 'POST', '/api/v1/setup', { ...admin, code: old });
    expect(stale.status).toBe(403);
    expect((stale.body as ErrorBody).error.message).toMatch(
      /^Ссылка для настройки недействительна/,
    );
    for (let i = 0; i < 4; i += 1) {
      const wrong = await api(server, 'POST', '/api/v1/setup', {
        ...admin,
        code: `x${i}`.repeat(20),
      });
      expect(wrong.status).toBe(403);
    }
    const throttled = await api(server, 'POST', '/api/v1/setup', { ...admin, code: current });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((throttled.body as ErrorBody).error.message).toMatch(/^Слишком много попыток/);
    expect((await server.db.query('SELECT 1 FROM accounts')).rows).toHaveLength(0);
  });

  it('no code at all while nobody issued one', async () => {
    server = await startServer();
    const answer = await api(server, 'POST', '/api/v1/setup', { ...admin, code: 'a'.repeat(32) });
    expect(answer.status).toBe(403);
  });
});

// The administrator's account routes the «Учётные записи» and «Сотрудники» screens use, over real
// HTTP: create with a staff link (one account per staff member), enable after disable, roles, a new
// password, unlock — admin only, never locking the administrator out; and a failed sign-in leaves
// no device behind; a one-time password registers no device until its owner sets their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../server/auth/accounts';
import { api, newUser, startServer, type TestServer } from './helpers';

type ErrorBody = { error: { code: string; message: string } };
type Account = { login: string; staffId: string | null; roles: string[]; disabled: boolean };

describe('admin account routes', () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof newUser>>;
  let deputy: Awaited<ReturnType<typeof newUser>>;

  beforeAll(async () => {
    server = await startServer({
      logger: false,
      loginLimit: { maxFailures: 3, baseLockMs: 60_000 },
      ipLimit: { maxFailures: 1000 },
    });
    admin = await newUser(server, ['admin']);
    deputy = await newUser(server, ['deputy']);
  });

  afterAll(async () => {
    await server?.close();
  });

  const accounts = async () =>
    (
      (await api(server, 'GET', '/api/v1/admin/accounts', undefined, admin.token)).body as {
        accounts: Account[];
      }
    ).accounts;
  const login = (name: string, password: string, deviceName = 'Кабинет 5') =>
    api(server, 'POST', '/api/v1/auth/login', { login: name, password, deviceName });
  const deviceCount = async () =>
    (
      (await api(server, 'GET', '/api/v1/admin/devices', undefined, admin.token)).body as {
        devices: unknown[];
      }
    ).devices.length;

  it('creates an account for a staff member and refuses a second one for the same person', async () => {
    const first = await api(
      server,
      'POST',
      '/api/v1/admin/accounts',
      {
        login: 'sokolova.iv',
        password: 'Кп7-qwerty',
        displayName: 'Соколова И. В.',
        staffId: 'st-sok',
        roles: ['teacher', 'classTeacher'],
      },
      admin.token,
    );
    expect(first.status).toBe(201);
    const second = await api(
      server,
      'POST',
      '/api/v1/admin/accounts',
      { login: 'sokolova2', password: 'Кп7-qwerty', staffId: 'st-sok', roles: ['teacher'] },
      admin.token,
    );
    expect(second.status).toBe(409);
    expect((second.body as ErrorBody).error.message).toBe(
      'У этого сотрудника уже есть учётная запись «sokolova.iv»',
    );
    expect((await accounts()).filter((a) => a.staffId === 'st-sok').map((a) => a.login)).toEqual([
      'sokolova.iv',
    ]);
  });

  it('disables and enables an account; the deputy and a teacher may do neither', async () => {
    await createAccount(server.db, {
      login: 'petrov',
      password: 'пароль-петрова',
      roles: ['teacher'],
    });
    const teacher = await newUser(server, ['teacher']);
    for (const token of [deputy.token, teacher.token]) {
      for (const action of ['disable', 'enable', 'roles', 'password', 'unlock']) {
        const res = await api(
          server,
          'POST',
          `/api/v1/admin/accounts/petrov/${action}`,
          action === 'roles'
            ? { roles: ['deputy'] }
            : action === 'password'
              ? { password: 'новый-пароль-1' }
              : {},
          token,
        );
        expect(res.status, `${action} by a non-admin`).toBe(403);
      }
    }
    expect((await login('petrov', 'пароль-петрова')).status).toBe(200);

    expect(
      (await api(server, 'POST', '/api/v1/admin/accounts/petrov/disable', {}, admin.token)).status,
    ).toBe(200);
    const refused = await login('petrov', 'пароль-петрова');
    expect(refused.status).toBe(403);
    expect((refused.body as ErrorBody).error.code).toBe('ACCOUNT_DISABLED');

    expect(
      (await api(server, 'POST', '/api/v1/admin/accounts/petrov/enable', {}, admin.token)).status,
    ).toBe(200);
    expect((await accounts()).find((a) => a.login === 'petrov')?.disabled).toBe(false);
    expect((await login('petrov', 'пароль-петрова')).status).toBe(200);

    const missing = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/nobody/enable',
      {},
      admin.token,
    );
    expect(missing.status).toBe(404);
  });

  it('sets roles, which the server then checks rights with', async () => {
    await createAccount(server.db, { login: 'kim', password: 'пароль-ким-1', roles: ['teacher'] });
    const kim = (await login('kim', 'пароль-ким-1')).body as { token: string };
    // A teacher may not read the account list…
    expect((await api(server, 'GET', '/api/v1/admin/accounts', undefined, kim.token)).status).toBe(
      403,
    );
    const set = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/kim/roles',
      { roles: ['teacher', 'deputy', 'deputy'] },
      admin.token,
    );
    expect(set.status).toBe(200);
    expect((set.body as { roles: string[] }).roles).toEqual(['teacher', 'deputy']);
    // …the deputy may, with the same token.
    expect((await api(server, 'GET', '/api/v1/admin/accounts', undefined, kim.token)).status).toBe(
      200,
    );

    const empty = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/kim/roles',
      { roles: [] },
      admin.token,
    );
    expect(empty.status).toBe(400);
    expect((empty.body as ErrorBody).error.message).toContain('Выберите хотя бы одну роль');
    const unknown = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/kim/roles',
      { roles: ['director'] },
      admin.token,
    );
    expect(unknown.status).toBe(400);
  });

  it('never locks the administrator out of their own account', async () => {
    const disable = await api(
      server,
      'POST',
      `/api/v1/admin/accounts/${admin.login}/disable`,
      {},
      admin.token,
    );
    expect(disable.status).toBe(409);
    expect((disable.body as ErrorBody).error.message).toMatch(
      /Собственную учётную запись отключить нельзя/,
    );
    const demote = await api(
      server,
      'POST',
      `/api/v1/admin/accounts/${admin.login}/roles`,
      { roles: ['deputy'] },
      admin.token,
    );
    expect(demote.status).toBe(409);
    expect((demote.body as ErrorBody).error.message).toBe(
      'Нельзя снять роль администратора с собственной учётной записи',
    );
    const me = (await accounts()).find((a) => a.login === admin.login);
    expect(me).toMatchObject({ disabled: false, roles: ['admin'] });
  });

  it('resets a forgotten password and clears the wrong-password wait', async () => {
    await createAccount(server.db, {
      login: 'belova',
      password: 'забытый-пароль',
      roles: ['teacher'],
    });
    for (let i = 0; i < 3; i++) expect((await login('belova', 'не тот пароль')).status).toBe(401);
    expect((await login('belova', 'забытый-пароль')).status).toBe(429);

    const reset = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/belova/password',
      { password: 'Новый-пароль-7' },
      admin.token,
    );
    expect(reset.status).toBe(200);
    const unlock = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/belova/unlock',
      {},
      admin.token,
    );
    expect(unlock.status).toBe(200);
    // Recorded in the security log as the family logins' unlock is (server/auth/unlock.ts).
    const logged = await server.db.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE login = 'belova' AND outcome = 'unlocked'`,
    );
    expect(logged.rows[0]!.n).toBe(1);
    expect((await login('belova', 'забытый-пароль')).status).toBe(401);
    expect((await login('belova', 'Новый-пароль-7')).status).toBe(200);
  });

  it('a failed sign-in registers no device; a successful one registers exactly one', async () => {
    await createAccount(server.db, {
      login: 'orlov',
      password: 'пароль-орлова',
      roles: ['teacher'],
    });
    await createAccount(server.db, {
      login: 'muhina',
      password: 'пароль-мухиной',
      roles: ['teacher'],
    });
    await api(server, 'POST', '/api/v1/admin/accounts/muhina/disable', {}, admin.token);
    const before = await deviceCount();
    expect((await login('orlov', 'неверный', 'ПК 1')).status).toBe(401);
    expect((await login('nobody-at-all', 'неверный', 'ПК 2')).status).toBe(401);
    expect((await login('muhina', 'пароль-мухиной', 'ПК 3')).status).toBe(403);
    expect(await deviceCount()).toBe(before);
    expect((await login('orlov', 'пароль-орлова', 'ПК 4')).status).toBe(200);
    expect(await deviceCount()).toBe(before + 1);
  });

  it('lets an administrator without a staff member sign in', async () => {
    await createAccount(server.db, {
      login: 'director',
      password: 'пароль-админа-1',
      roles: ['admin'],
    });
    const res = await login('director', 'пароль-админа-1');
    expect(res.status).toBe(200);
    expect(
      (res.body as { account: { staffId: string | null; roles: string[] } }).account,
    ).toMatchObject({
      staffId: null,
      roles: ['admin'],
    });
  });

  it('a one-time password signs in only after the owner sets a new one', async () => {
    const created = await api(
      server,
      'POST',
      '/api/v1/admin/accounts',
      {
        login: 'zaitseva',
        password: 'Врем-4821',
        staffId: 'st-zai',
        roles: ['teacher'],
        oneTime: true,
      },
      admin.token,
    );
    expect(created.status).toBe(201);
    const listed = (await accounts()).find((a) => a.login === 'zaitseva') as Account & {
      mustChangePassword: boolean;
    };
    expect(listed.mustChangePassword).toBe(true);
    expect(JSON.stringify(created.body)).not.toContain('Врем-4821');

    const before = await deviceCount();
    const first = await login('zaitseva', 'Врем-4821');
    expect(first.status).toBe(403);
    expect((first.body as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(first.body).not.toHaveProperty('token');
    expect(await deviceCount()).toBe(before);

    const change = (password: string, newPassword: string) =>
      api(server, 'POST', '/api/v1/auth/password', {
        login: 'zaitseva',
        password,
        newPassword,
        deviceName: 'Кабинет 12',
      });
    // The wrong old password, a short new one, the same one: refused, still no device.
    expect((await change('не тот', 'свой-пароль-1')).status).toBe(401);
    const short = await change('Врем-4821', 'корот');
    expect(short.status).toBe(400);
    expect((short.body as ErrorBody).error.message).toContain('не меньше 8 знаков');
    const same = await change('Врем-4821', 'Врем-4821');
    expect(same.status).toBe(400);
    expect((same.body as ErrorBody).error.message).toBe(
      'Новый пароль должен отличаться от временного',
    );
    expect(await deviceCount()).toBe(before);

    const changed = await change('Врем-4821', 'свой-пароль-1');
    expect(changed.status).toBe(200);
    const session = changed.body as { token: string; account: { staffId: string } };
    expect(session.account.staffId).toBe('st-zai');
    expect(await deviceCount()).toBe(before + 1);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, session.token)).status).toBe(
      200,
    );
    expect((await login('zaitseva', 'Врем-4821')).status).toBe(401);
    expect((await login('zaitseva', 'свой-пароль-1')).status).toBe(200);

    // A reset by the administrator is one-time again and ends the sessions.
    const reset = await api(
      server,
      'POST',
      '/api/v1/admin/accounts/zaitseva/password',
      { password: 'Сброс-9090', oneTime: true },
      admin.token,
    );
    expect(reset.status).toBe(200);
    expect((await api(server, 'GET', '/api/v1/auth/me', undefined, session.token)).status).toBe(
      401,
    );
    const afterReset = await login('zaitseva', 'Сброс-9090');
    expect((afterReset.body as ErrorBody).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('the deputy reads accounts without password hashes; a teacher reads nothing', async () => {
    const teacher = await newUser(server, ['teacher']);
    const deputyList = await api(server, 'GET', '/api/v1/admin/accounts', undefined, deputy.token);
    expect(deputyList.status).toBe(200);
    expect(JSON.stringify(deputyList.body)).not.toMatch(/scrypt|passwordHash|password_hash/);
    for (const path of [
      '/api/v1/admin/accounts',
      '/api/v1/admin/devices',
      '/api/v1/admin/login-attempts',
    ]) {
      const res = await api(server, 'GET', path, undefined, teacher.token);
      expect(res.status, path).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/zaitseva|sokolova/);
    }
    const create = await api(
      server,
      'POST',
      '/api/v1/admin/accounts',
      { login: 'x-by-deputy', password: 'пароль-123', roles: ['teacher'], oneTime: true },
      deputy.token,
    );
    expect(create.status).toBe(403);
  });
});

// /api/v1/auth/* (login, logout, me) and /api/v1/admin/* (accounts and devices: the admin role;
// the deputy may list accounts, devices and login attempts, read-only, to judge a compromise).
// An administrator never locks the school out: their own account cannot be disabled or lose the
// admin role through these routes. A password an administrator hands out is one-time: signing in
// with it is refused (no device is registered) until /api/v1/auth/password sets the owner's own.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { parseBody } from '../validation';
import { ownPasswordSchema } from './own-password';
import {
  createAccount,
  findAccountByLogin,
  type AccountWithHash,
  findAccountByStaffId,
  listAccounts,
  normalizeLogin,
  setAccountDisabled,
  setAccountRoles,
  setPassword,
} from './accounts';
import { authenticate, requireRole, requireUser } from './authenticate';
import { listLoginAttempts, recordLoginAttempt } from './login-attempts';
import { getDummyHash, verifyPassword } from './passwords';
import { DEFAULT_LOCKOUT, LoginLockout } from './lockout';
import type { RateLimitOptions } from './rate-limit';
import { unlockLogin } from './unlock';
import { hasRole, roleSchema } from './roles';
import { listDevices, openSession, revokeDevice, revokeToken } from './sessions';

export interface AuthRoutesOptions {
  db: Db;
  /** Per login + address (lockout.ts). Defaults: 5 failures free, then 30 s doubling to 15 min. */
  loginLimit?: Partial<RateLimitOptions>;
  /** Per address, for logins never signed in from it (password spraying). */
  ipLimit?: Partial<RateLimitOptions>;
  /** Per login, for addresses it never signed in from (many addresses guessing one login). */
  newAddressLimit?: Partial<RateLimitOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Wrong-password counters (the admin's unlock reaches them here, also from the console). */
    loginLockout: LoginLockout;
  }
}

const loginBody = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(100),
  password: z.string().min(1, 'Введите пароль').max(200),
  deviceName: z.string().trim().min(1, 'Укажите название устройства').max(100),
});

const newAccountBody = z.object({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(4, 'Пароль слишком короткий').max(200),
  displayName: z.string().trim().max(200).optional(),
  staffId: z.string().max(100).nullable().optional(),
  roles: z.array(roleSchema).min(1),
  /** The owner must choose a new password at the first sign-in (the «Сотрудники» screen's way). */
  oneTime: z.boolean().default(false),
});

const rolesBody = z.object({
  roles: z.array(roleSchema).min(1, 'Выберите хотя бы одну роль').max(4),
});

const OWN_ACCOUNT = {
  disable: 'Собственную учётную запись отключить нельзя: войдите под другим администратором',
  admin: 'Нельзя снять роль администратора с собственной учётной записи',
} as const;

const newPasswordBody = z.object({
  password: z.string().min(6, 'Пароль слишком короткий: не меньше 6 знаков').max(200),
  oneTime: z.boolean().default(false),
});

/** The owner replaces a one-time (or any) password: the old one proves who they are. */
const changePasswordBody = loginBody.extend({
  newPassword: ownPasswordSchema,
});

const PASSWORD_CHANGE_REQUIRED = 'Это временный пароль: придумайте свой новый пароль, чтобы войти';
const SAME_PASSWORD = 'Новый пароль должен отличаться от временного';

const attemptsQuery = z.object({
  login: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Read-only admin listings: the administrator, or the deputy (who marks compromised accounts). */
function requireAdminOrDeputy(request: FastifyRequest): void {
  const user = requireUser(request);
  if (!hasRole(user, 'admin') && !hasRole(user, 'deputy')) {
    throw new ApiError(403, 'FORBIDDEN', messages.forbidden);
  }
}

export function registerAuthRoutes(app: FastifyInstance, options: AuthRoutesOptions): void {
  const { db } = options;
  const lockout = new LoginLockout(db, {
    loginAddress: { ...DEFAULT_LOCKOUT.loginAddress, ...options.loginLimit },
    loginNewAddresses: { ...DEFAULT_LOCKOUT.loginNewAddresses, ...options.newAddressLimit },
    addressNewLogins: { ...DEFAULT_LOCKOUT.addressNewLogins, ...options.ipLimit },
  });
  app.decorate('loginLockout', lockout);
  const auth = authenticate(db);

  /** Checks login and password (lockout, attempts log); the account on success, else throws. */
  const checkCredentials = async (
    request: FastifyRequest,
    reply: FastifyReply,
    body: z.infer<typeof loginBody>,
  ) => {
    const loginKey = normalizeLogin(body.login);
    const ip = request.ip;
    const known = await lockout.isKnownAddress(loginKey, ip);
    const waitMs = await lockout.waitMs(loginKey, ip, known);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      await recordLoginAttempt(db, { login: loginKey, ip, outcome: 'locked-out' });
      request.log.warn({ login: loginKey, ip, retryAfterSeconds: seconds }, 'login locked out');
      reply.header('Retry-After', String(seconds));
      throw new ApiError(429, 'TOO_MANY_ATTEMPTS', messages.tooManyAttempts(seconds));
    }
    const account = await findAccountByLogin(db, loginKey);
    const valid = await verifyPassword(
      body.password,
      account?.passwordHash ?? (await getDummyHash()),
    );
    if (!account || !valid) {
      const failures = await lockout.fail(loginKey, ip, known);
      await recordLoginAttempt(db, {
        login: loginKey,
        ip,
        outcome: !account
          ? 'unknown-login'
          : account.passwordResetRequired
            ? 'password-reset-required'
            : 'wrong-password',
        accountId: account?.id ?? null,
      });
      request.log.warn({ login: loginKey, ip, failures, knownAddress: known }, 'login failed');
      throw new ApiError(401, 'INVALID_CREDENTIALS', messages.invalidCredentials);
    }
    if (account.disabled) {
      await recordLoginAttempt(db, {
        login: loginKey,
        ip,
        outcome: 'disabled',
        accountId: account.id,
      });
      request.log.warn({ login: loginKey, ip }, 'login to a disabled account');
      throw new ApiError(403, 'ACCOUNT_DISABLED', messages.accountDisabled);
    }
    return { account, loginKey, ip };
  };

  /** Opens a session on this device: the only place a device is registered. */
  const signIn = async (
    request: FastifyRequest,
    account: AccountWithHash,
    loginKey: string,
    ip: string,
    deviceName: string,
  ) => {
    await lockout.succeed(loginKey, ip);
    const session = await openSession(db, account.id, deviceName, ip);
    await recordLoginAttempt(db, {
      login: loginKey,
      ip,
      outcome: 'success',
      accountId: account.id,
    });
    request.log.info({ login: loginKey, ip, deviceId: session.deviceId }, 'login');
    return {
      token: session.token,
      device: { id: session.deviceId, name: deviceName },
      account: {
        id: account.id,
        login: account.login,
        displayName: account.displayName,
        staffId: account.staffId,
        roles: account.roles,
      },
    };
  };

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = parseBody(loginBody, request.body);
    const { account, loginKey, ip } = await checkCredentials(request, reply, body);
    if (account.mustChangePassword) {
      // The right password, but a handed-out one: no device until the owner sets their own.
      await lockout.succeed(loginKey, ip);
      await recordLoginAttempt(db, {
        login: loginKey,
        ip,
        outcome: 'password-change-required',
        accountId: account.id,
      });
      throw new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', PASSWORD_CHANGE_REQUIRED);
    }
    return signIn(request, account, loginKey, ip, body.deviceName);
  });

  // The owner's own new password (after a one-time one, or any time): signs in on success.
  app.post('/api/v1/auth/password', async (request, reply) => {
    const body = parseBody(changePasswordBody, request.body);
    const { account, loginKey, ip } = await checkCredentials(request, reply, body);
    if (body.newPassword === body.password) {
      throw new ApiError(400, 'BAD_REQUEST', SAME_PASSWORD);
    }
    await setPassword(db, account.login, body.newPassword);
    request.log.warn({ login: loginKey, ip }, 'password changed by its owner');
    return signIn(request, account, loginKey, ip, body.deviceName);
  });

  app.post('/api/v1/auth/logout', { onRequest: auth }, async (request) => {
    if (request.authToken) await revokeToken(db, request.authToken);
    return { ok: true };
  });

  app.get('/api/v1/auth/me', { onRequest: auth }, async (request) => {
    const user = requireUser(request);
    return {
      account: {
        id: user.accountId,
        login: user.login,
        displayName: user.displayName,
        staffId: user.staffId,
        roles: user.roles,
      },
      device: { id: user.deviceId, name: user.deviceName },
    };
  });

  app.get('/api/v1/admin/accounts', { onRequest: auth }, async (request) => {
    requireAdminOrDeputy(request);
    return { accounts: await listAccounts(db) };
  });

  app.post('/api/v1/admin/accounts', { onRequest: auth }, async (request, reply) => {
    requireRole(request, 'admin');
    const body = parseBody(newAccountBody, request.body);
    if (await findAccountByLogin(db, body.login)) {
      throw new ApiError(409, 'CONFLICT', 'Учётная запись с таким логином уже существует');
    }
    // One account per staff member: the journal signs every change with the staff id.
    const linked = body.staffId ? await findAccountByStaffId(db, body.staffId) : null;
    if (linked) {
      throw new ApiError(
        409,
        'CONFLICT',
        `У этого сотрудника уже есть учётная запись «${linked.login}»`,
      );
    }
    reply.code(201);
    return { account: await createAccount(db, body) };
  });

  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/disable',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      if (normalizeLogin(request.params.login) === user.login) {
        throw new ApiError(409, 'CONFLICT', OWN_ACCOUNT.disable);
      }
      if (!(await setAccountDisabled(db, request.params.login, true))) {
        throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      }
      request.log.warn({ login: request.params.login, by: user.login }, 'account disabled');
      return { ok: true };
    },
  );

  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/enable',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      if (!(await setAccountDisabled(db, request.params.login, false))) {
        throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      }
      request.log.warn({ login: request.params.login, by: user.login }, 'account enabled');
      return { ok: true };
    },
  );

  // The roles the server checks rights with (the staff card shows them; the set-up keeps both equal).
  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/roles',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      const body = parseBody(rolesBody, request.body);
      const roles = [...new Set(body.roles)];
      if (normalizeLogin(request.params.login) === user.login && !roles.includes('admin')) {
        throw new ApiError(409, 'CONFLICT', OWN_ACCOUNT.admin);
      }
      if (!(await setAccountRoles(db, request.params.login, roles))) {
        throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      }
      request.log.warn({ login: request.params.login, by: user.login, roles }, 'roles set');
      return { ok: true, roles };
    },
  );

  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/password',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      const body = parseBody(newPasswordBody, request.body);
      if (
        !(await setPassword(db, request.params.login, body.password, { oneTime: body.oneTime }))
      ) {
        throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      }
      request.log.warn({ login: request.params.login, by: user.login }, 'password set by admin');
      return { ok: true };
    },
  );

  // Clears the wrong-password waits of a login at every address (the owner forgot the password,
  // a colleague's typos at the same address, an attack that is over).
  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/unlock',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      const login = normalizeLogin(request.params.login);
      const account = await findAccountByLogin(db, login);
      if (!account) throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      const cleared = await unlockLogin(
        db,
        lockout,
        { key: login, accountId: account.id },
        { login: user.login, ip: request.ip, log: request.log },
      );
      return { ok: true, cleared };
    },
  );

  app.get('/api/v1/admin/login-attempts', { onRequest: auth }, async (request) => {
    requireAdminOrDeputy(request);
    const query = parseBody(attemptsQuery, request.query);
    return {
      attempts: await listLoginAttempts(db, {
        ...(query.login ? { login: normalizeLogin(query.login) } : {}),
        limit: query.limit,
      }),
    };
  });

  app.get('/api/v1/admin/devices', { onRequest: auth }, async (request) => {
    requireAdminOrDeputy(request);
    return { devices: await listDevices(db) };
  });

  app.post<{ Params: { id: string } }>(
    '/api/v1/admin/devices/:id/revoke',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      const revoked = await revokeDevice(db, request.params.id);
      request.log.warn({ deviceId: request.params.id, by: user.login, revoked }, 'device revoked');
      return { ok: true, revoked };
    },
  );
}

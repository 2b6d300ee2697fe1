// /api/v1/auth/* (login, logout, me) and /api/v1/admin/* (accounts and devices: the admin role;
// the deputy may list accounts, devices and login attempts, read-only, to judge a compromise).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { parseBody } from '../validation';
import {
  createAccount,
  findAccountByLogin,
  listAccounts,
  normalizeLogin,
  setAccountDisabled,
  setPassword,
} from './accounts';
import { authenticate, requireRole, requireUser } from './authenticate';
import { listLoginAttempts, recordLoginAttempt } from './login-attempts';
import { getDummyHash, verifyPassword } from './passwords';
import { DEFAULT_LOCKOUT, LoginLockout } from './lockout';
import type { RateLimitOptions } from './rate-limit';
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
});

const newPasswordBody = z.object({
  password: z.string().min(6, 'Пароль слишком короткий: не меньше 6 знаков').max(200),
});

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

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = parseBody(loginBody, request.body);
    const loginKey = normalizeLogin(body.login);
    const ip = request.ip;
    const known = await lockout.isKnownAddress(loginKey, ip);
    const waitMs = lockout.waitMs(loginKey, ip, known);
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
      const failures = lockout.fail(loginKey, ip, known);
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
    lockout.succeed(loginKey, ip);
    const session = await openSession(db, account.id, body.deviceName, ip);
    await recordLoginAttempt(db, {
      login: loginKey,
      ip,
      outcome: 'success',
      accountId: account.id,
    });
    request.log.info({ login: loginKey, ip, deviceId: session.deviceId }, 'login');
    return {
      token: session.token,
      device: { id: session.deviceId, name: body.deviceName },
      account: {
        id: account.id,
        login: account.login,
        displayName: account.displayName,
        staffId: account.staffId,
        roles: account.roles,
      },
    };
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
    reply.code(201);
    return { account: await createAccount(db, body) };
  });

  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/disable',
    { onRequest: auth },
    async (request) => {
      requireRole(request, 'admin');
      if (!(await setAccountDisabled(db, request.params.login, true))) {
        throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      }
      return { ok: true };
    },
  );

  app.post<{ Params: { login: string } }>(
    '/api/v1/admin/accounts/:login/password',
    { onRequest: auth },
    async (request) => {
      const user = requireRole(request, 'admin');
      const body = parseBody(newPasswordBody, request.body);
      if (!(await setPassword(db, request.params.login, body.password))) {
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
      if (!(await findAccountByLogin(db, login))) {
        throw new ApiError(404, 'NOT_FOUND', 'Учётная запись не найдена');
      }
      const cleared = lockout.unlock(login);
      request.log.warn({ login, by: user.login, cleared }, 'login unlocked by admin');
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

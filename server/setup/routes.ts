// GET /api/v1/setup (does the server still need its first administrator?) and POST /api/v1/setup
// (create it with the one-time code of the set-up link). Wrong codes are throttled per address.
import type { FastifyInstance } from 'fastify';
import {
  SETUP_PATH,
  SetupRequestSchema,
  type SetupAnswer,
  type SetupStatus,
} from '../../shared/setup';
import { FailureLimiter } from '../auth/rate-limit';
import type { Db } from '../db/db';
import { ApiError } from '../errors';
import { parseBody } from '../validation';
import { createFirstAdmin, setupRequired } from './first-admin';

export function registerSetupRoutes(app: FastifyInstance, options: { db: Db }): void {
  const { db } = options;
  const failures = new FailureLimiter(db, 'setup-code', {
    maxFailures: 5,
    baseLockMs: 30_000,
    maxLockMs: 15 * 60_000,
    forgetAfterMs: 60 * 60_000,
  });

  app.get(SETUP_PATH, async (): Promise<SetupStatus> => ({ required: await setupRequired(db) }));

  app.post(SETUP_PATH, async (request, reply): Promise<SetupAnswer> => {
    const ip = request.ip;
    const waitMs = await failures.retryAfterMs({ address: ip });
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      reply.header('Retry-After', String(seconds));
      throw new ApiError(
        429,
        'TOO_MANY_ATTEMPTS',
        `Слишком много попыток с неверной ссылкой. Повторите через ${seconds} с`,
      );
    }
    const body = parseBody(SetupRequestSchema, request.body);
    let account;
    try {
      account = await createFirstAdmin(db, body);
    } catch (error) {
      if (error instanceof ApiError && error.statusCode === 403) {
        await failures.fail({ address: ip });
        request.log.warn({ ip }, 'set-up code refused');
      }
      throw error;
    }
    await failures.reset({ address: ip });
    request.log.warn({ login: account.login, ip }, 'first administrator created');
    reply.code(201);
    return {
      account: {
        id: account.id,
        login: account.login,
        displayName: account.displayName,
        roles: ['admin'],
      },
    };
  });
}

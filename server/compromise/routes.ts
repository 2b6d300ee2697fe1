// /api/v1/admin/compromise: mark an account compromised (administrator, or the deputy for teachers'
// accounts: who-may-mark.ts) and read reports.
//   POST /api/v1/admin/compromise {login, since}  → the report
//   GET  /api/v1/admin/compromise                 → the reports, newest first
//   GET  /api/v1/admin/compromise/:id             → one report
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, requireUser } from '../auth/authenticate';
import { hasRole, type AuthUser } from '../auth/roles';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import type { SyncEngine } from '../sync/engine';
import { parseBody } from '../validation';
import { markCompromised } from './mark';
import { listReports, readReport } from './reports';

const markBody = z.object({
  login: z.string().trim().min(1, 'Укажите логин').max(100),
  since: z.iso.datetime({ offset: true, message: 'Укажите момент в формате 2026-11-23T10:00:00Z' }),
});

function requireAdminOrDeputy(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!hasRole(user, 'admin') && !hasRole(user, 'deputy')) {
    throw new ApiError(403, 'FORBIDDEN', messages.forbidden);
  }
  return user;
}

export function registerCompromiseRoutes(
  app: FastifyInstance,
  options: { db: Db; engine: SyncEngine },
): void {
  const { db, engine } = options;
  const auth = authenticate(db);

  app.post('/api/v1/admin/compromise', { preHandler: auth }, async (request) => {
    const user = requireAdminOrDeputy(request);
    const body = parseBody(markBody, request.body);
    if (body.login.toLowerCase() === user.login) {
      throw new ApiError(
        400,
        'BAD_REQUEST',
        'Нельзя отметить скомпрометированной собственную учётную запись',
      );
    }
    // Whom this user may mark is checked inside, on the account as stored (who-may-mark.ts).
    const report = await markCompromised(engine, {
      login: body.login,
      since: new Date(body.since),
      by: { ...user, name: user.displayName },
    });
    request.log.warn(
      {
        login: report.login,
        since: report.since,
        by: user.login,
        reportId: report.id,
        undone: report.undone.length,
        kept: report.kept.length,
      },
      'account marked compromised',
    );
    return report;
  });

  app.get('/api/v1/admin/compromise', { preHandler: auth }, async (request) => {
    requireAdminOrDeputy(request);
    return { reports: await listReports(db) };
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/admin/compromise/:id',
    { preHandler: auth },
    async (request) => {
      requireAdminOrDeputy(request);
      const id = Number(request.params.id);
      const report = Number.isSafeInteger(id) ? await readReport(db, id) : null;
      if (!report) throw new ApiError(404, 'NOT_FOUND', 'Отчёт не найден');
      return report;
    },
  );
}

// GET /api/v1/refusals/mine?limit=50: the caller's own recent refused writes, newest first, for
// the desktop to say why a change did not reach the server.
import type { FastifyInstance } from 'fastify';
import { authenticate, requireUser } from '../auth/authenticate';
import type { Db } from '../db/db';
import { parseBody } from '../validation';
import { RefusalsQuerySchema, type RefusalsAnswer } from '../../shared/sync-wire';
import { listRefusals } from './refusals';

export function registerRefusalRoutes(app: FastifyInstance, options: { db: Db }): void {
  const { db } = options;
  const auth = authenticate(db);
  app.get('/api/v1/refusals/mine', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    const query = parseBody(RefusalsQuerySchema, request.query);
    const refusals = await listRefusals(db, { accountId: user.accountId, limit: query.limit });
    const answer: RefusalsAnswer = { refusals: refusals.map(({ login: _login, ...r }) => r) };
    return answer;
  });
}

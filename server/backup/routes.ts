// GET /api/v1/admin/backup (administrator): an online backup of the embedded database, made by the
// server process that holds the PGlite folder (dumpDataDir), as a .tar.gz download.
// With PostgreSQL the answer is 409: use pg_dump (npm run backup with DATABASE_URL).
import type { FastifyInstance } from 'fastify';
import { authenticate, requireRole } from '../auth/authenticate';
import type { Db } from '../db/db';
import { ApiError } from '../errors';

export function registerBackupRoutes(app: FastifyInstance, options: { db: Db }): void {
  const { db } = options;
  app.get('/api/v1/admin/backup', { onRequest: authenticate(db) }, async (request, reply) => {
    const user = requireRole(request, 'admin');
    if (!db.dumpDataDir) {
      throw new ApiError(
        409,
        'CONFLICT',
        'База данных — PostgreSQL: резервную копию делает pg_dump (npm run backup с DATABASE_URL)',
      );
    }
    const blob = await db.dumpDataDir();
    const data = Buffer.from(await blob.arrayBuffer());
    request.log.info({ by: user.login, bytes: data.byteLength }, 'online backup');
    const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
    return reply
      .header('Content-Type', 'application/gzip')
      .header('Content-Disposition', `attachment; filename="journal-${stamp}.tar.gz"`)
      .send(data);
  });
}

// The archive of the finished years, read on demand and never written (docs/SYNC.md, «School
// years»): GET /api/v1/archive/:yearId/:collection?classId=&after=&limit= returns a closed year's
// documents page by page (ordered by id), each through the same read check and redaction as a pull.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authenticate, requireUser } from '../../auth/authenticate';
import type { Db } from '../../db/db';
import { ApiError } from '../../errors';
import type { SyncEngine } from '../../sync/engine';
import { visibleTo } from '../../sync/read-scope';
import { parseBody } from '../../validation';
import { IdSchema } from '../../../shared/common';
import type { School } from '../../../shared/school';
import { closedYears } from '../../../shared/school-years';

const BY_YEAR = ['periods', 'classes', 'courses', 'timetables'] as const;
const BY_CLASS = ['lessons', 'periodMarks'] as const;

const ParamsSchema = z.object({
  yearId: IdSchema,
  collection: z.enum([...BY_YEAR, ...BY_CLASS]),
});
const QuerySchema = z.object({
  classId: IdSchema.optional(),
  after: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export interface ArchivePage {
  documents: Record<string, unknown>[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

export function registerArchiveRoutes(
  app: FastifyInstance,
  options: { db: Db; engine: SyncEngine },
): void {
  const { db, engine } = options;
  const auth = authenticate(db);
  app.get('/api/v1/archive/:yearId/:collection', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    const { yearId, collection } = parseBody(ParamsSchema, request.params);
    const query = parseBody(QuerySchema, request.query);
    const schools = await db.query(
      `SELECT doc FROM documents WHERE collection = 'school' AND NOT deleted LIMIT 1`,
    );
    const school = schools.rows[0]?.doc as School | undefined;
    if (!school || !closedYears(school).has(yearId)) {
      throw new ApiError(404, 'NOT_FOUND', 'Такого завершённого учебного года нет в архиве');
    }
    const descriptor = engine.registry.get(collection);
    if (!descriptor) throw new ApiError(404, 'UNKNOWN_COLLECTION', 'Нет такого раздела архива');
    await descriptor.prepare?.(db);
    let filter: string;
    let value: string;
    if ((BY_CLASS as readonly string[]).includes(collection)) {
      if (!query.classId) {
        throw new ApiError(400, 'VALIDATION_FAILED', 'Укажите класс (classId)');
      }
      const cls = await db.query(
        `SELECT 1 FROM documents WHERE collection = 'classes' AND id = $1 AND doc->>'yearId' = $2`,
        [query.classId, yearId],
      );
      if (cls.rows.length === 0) {
        throw new ApiError(404, 'NOT_FOUND', 'Этого класса нет в завершённом учебном году');
      }
      filter = `doc->>'classId' = $2`;
      value = query.classId;
    } else {
      filter = `doc->>'yearId' = $2`;
      value = yearId;
    }
    const rows = await db.query(
      `SELECT id, deleted, doc FROM documents
       WHERE collection = $1 AND ${filter} AND id > $3 ORDER BY id LIMIT $4`,
      [collection, value, query.after ?? '', query.limit],
    );
    const documents: Record<string, unknown>[] = [];
    for (const row of rows.rows) {
      const seen = visibleTo(descriptor, user, {
        ...(row.doc as Record<string, unknown>),
        _deleted: row.deleted === true,
      });
      if (seen) documents.push(seen);
    }
    const last = rows.rows.at(-1);
    const page: ArchivePage = {
      documents,
      next: rows.rows.length === query.limit && last ? String(last.id) : null,
    };
    return page;
  });
}

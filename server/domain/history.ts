// A cell's history: GET /api/v1/history/:collection/:id?path=entries.<studentId>, for whoever may
// read the document (a document they may not read is, for them, one that does not exist).
import type { FastifyInstance } from 'fastify';
import { authenticate, requireUser } from '../auth/authenticate';
import type { Db, Queryable } from '../db/db';
import { toIsoTime, toNumber } from '../db/db';
import { visibleTo } from '../sync/read-scope';
import { ApiError, messages } from '../errors';
import type { CollectionDescriptor, CollectionRegistry, DocState } from '../sync/collections';
import { jsonEqual } from '../sync/doc-state';
import { parseBody } from '../validation';
import { getPart, type Stamped } from '../../shared/merge';
import { fullName } from '../../shared/common';
import {
  HistoryQuerySchema,
  type HistoryAnswer,
  type HistoryEntry,
  type SupersededEntry,
} from '../../shared/sync-wire';
import type { Stamp } from '../../shared/stamp';

export type { HistoryEntry } from '../../shared/sync-wire';

type AuditPart = { path: string; before: unknown; after: unknown; stamp: Stamp | null };

/** The audit entries of one document, optionally of one part, oldest first. */
export async function readHistory(
  db: Queryable,
  collection: string,
  id: string,
  path?: string,
): Promise<HistoryEntry[]> {
  const result = await db.query(
    `SELECT l.seq, l.at, l.kind, l.before, l.after, l.parts, l.superseded,
            a.login, a.staff_id, d.id AS device_id, d.name AS device_name, s.doc AS staff
     FROM audit_log l
     LEFT JOIN accounts a ON a.id = l.account_id
     LEFT JOIN devices d ON d.id = l.device_id
     LEFT JOIN documents s ON s.collection = 'staff' AND s.id = a.staff_id
     WHERE l.collection = $1 AND l.doc_id = $2 ORDER BY l.id`,
    [collection, id],
  );
  const entries: HistoryEntry[] = [];
  for (const row of result.rows) {
    const staff = row.staff as Parameters<typeof fullName>[0] | null;
    const parts = (row.parts as AuditPart[] | null) ?? null;
    const superseded = ((row.superseded as SupersededEntry[] | null) ?? []).filter(
      (s) => path === undefined || s.path === path,
    );
    const base = {
      seq: row.seq === null ? null : toNumber(row.seq),
      at: toIsoTime(row.at),
      kind: String(row.kind),
      who: {
        login: row.login === null ? null : String(row.login),
        staffId: row.staff_id === null ? null : String(row.staff_id),
        name: staff ? fullName(staff) : null,
      },
      device: {
        id: row.device_id === null ? null : String(row.device_id),
        name: row.device_name === null ? null : String(row.device_name),
      },
      superseded,
    };
    const after = row.after as Stamped & Record<string, unknown>;
    const before = row.before as (Stamped & Record<string, unknown>) | null;
    if (path === undefined) {
      entries.push({ ...base, path: null, stamp: null, before, after });
      continue;
    }
    if (before === null) {
      // Creation (or import): the part's first value.
      const value = getPart(after, path);
      if (value !== undefined) {
        entries.push({
          ...base,
          path,
          stamp: after.stamps?.[path] ?? null,
          before: null,
          after: value,
        });
      }
      continue;
    }
    const part = parts?.find((p) => p.path === path);
    if (part)
      entries.push({ ...base, path, stamp: part.stamp, before: part.before, after: part.after });
    else if (superseded.length > 0) {
      const value = getPart(after, path) ?? null;
      entries.push({
        ...base,
        path,
        stamp: after.stamps?.[path] ?? null,
        before: value,
        after: value,
      });
    }
  }
  return entries;
}

/** Redaction hides some parts from this user (personal data): keep those out of the history. */
function hiddenPaths(
  descriptor: CollectionDescriptor,
  user: Parameters<CollectionDescriptor['canRead']>[0],
  doc: DocState,
) {
  if (!descriptor.redact) return null;
  const seen = descriptor.redact(user, doc);
  if (jsonEqual(seen, doc)) return null;
  const visibleStamps = (seen.stamps ?? {}) as Record<string, unknown>;
  return (path: string) => {
    const field = path.split('.')[0] ?? '';
    return !Object.hasOwn(visibleStamps, path) || !jsonEqual(seen[field], doc[field]);
  };
}

export function registerHistoryRoutes(
  app: FastifyInstance,
  options: { db: Db; registry: CollectionRegistry },
): void {
  const { db, registry } = options;
  const auth = authenticate(db);

  app.get('/api/v1/history/:collection/:id', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    const params = request.params as { collection: string; id: string };
    const descriptor = registry.get(params.collection);
    if (!descriptor) throw new ApiError(404, 'UNKNOWN_COLLECTION', messages.unknownCollection);
    const query = parseBody(HistoryQuerySchema, request.query);
    await descriptor.prepare?.(db);
    const current = await db.query(
      'SELECT deleted, doc FROM documents WHERE collection = $1 AND id = $2',
      [descriptor.name, params.id],
    );
    const row = current.rows[0];
    const doc: DocState | null = row
      ? { ...(row.doc as Record<string, unknown>), _deleted: row.deleted === true }
      : null;
    if (!doc || !visibleTo(descriptor, user, doc)) {
      throw new ApiError(404, 'NOT_FOUND', 'Документ не найден');
    }
    const hidden = hiddenPaths(descriptor, user, doc);
    if (hidden && query.path !== undefined && hidden(query.path)) {
      throw new ApiError(403, 'FORBIDDEN', messages.forbidden);
    }
    let entries = await readHistory(db, descriptor.name, params.id, query.path);
    if (hidden && query.path === undefined && descriptor.redact) {
      const redact = descriptor.redact;
      const strip = (v: unknown) =>
        v && typeof v === 'object' ? redact(user, { ...(v as DocState) }) : v;
      entries = entries.map((e) => ({
        ...e,
        before: strip(e.before),
        after: strip(e.after),
        superseded: e.superseded.filter((s) => !hidden(s.path)),
      }));
    }
    const answer: HistoryAnswer = {
      collection: descriptor.name,
      id: params.id,
      path: query.path ?? null,
      entries,
    };
    return answer;
  });
}

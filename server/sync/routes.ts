// /api/v1/sync/:collection/{pull,push,stream}: RxDB's replication protocol over HTTP + SSE.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, requireUser } from '../auth/authenticate';
import { checkToken } from '../auth/sessions';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { parseBody } from '../validation';
import type { CollectionDescriptor, CollectionRegistry } from './collections';
import type { SyncEngine } from './engine';

export interface SyncRoutesOptions {
  db: Db;
  engine: SyncEngine;
  registry: CollectionRegistry;
  /** Push body limit in bytes (default 5 MB). */
  pushBodyLimit: number;
  /** SSE heartbeat comment interval (default 15 s). */
  heartbeatMs: number;
  /** Streams still open when the server closes; ended in preClose. */
  openStreams: Set<() => void>;
}

export const MAX_PULL_LIMIT = 1000;
export const MAX_PUSH_ROWS = 1000;

const checkpointSchema = z.object({
  seq: z.number().int().min(0),
  scope: z.string().max(100).optional(),
});
const pullQuery = z.object({
  checkpoint: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100),
});
const pushBody = z
  .array(
    z.object({
      assumedMasterState: z.record(z.string(), z.unknown()).nullable().optional(),
      newDocumentState: z.record(z.string(), z.unknown()),
    }),
  )
  .max(MAX_PUSH_ROWS, `Не более ${MAX_PUSH_ROWS} документов в одном запросе`);

function parseCheckpoint(text: string | undefined): { seq: number; scope?: string } | null {
  if (text === undefined || text === '' || text === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'Неверная контрольная точка синхронизации (checkpoint)');
  }
  if (value === null) return null;
  return parseBody(checkpointSchema, value);
}

export function registerSyncRoutes(app: FastifyInstance, options: SyncRoutesOptions): void {
  const { db, engine, registry } = options;
  const auth = authenticate(db);

  const collectionOf = (request: FastifyRequest): CollectionDescriptor => {
    const name = (request.params as { collection: string }).collection;
    const descriptor = registry.get(name);
    if (!descriptor) throw new ApiError(404, 'UNKNOWN_COLLECTION', messages.unknownCollection);
    return descriptor;
  };

  app.get('/api/v1/sync/:collection/pull', { preHandler: auth }, async (request) => {
    const user = requireUser(request);
    const descriptor = collectionOf(request);
    const query = parseBody(pullQuery, request.query);
    return engine.pull(descriptor, user, parseCheckpoint(query.checkpoint), query.limit);
  });

  app.post(
    '/api/v1/sync/:collection/push',
    { preHandler: auth, bodyLimit: options.pushBodyLimit },
    async (request) => {
      const user = requireUser(request);
      const descriptor = collectionOf(request);
      const rows = parseBody(pushBody, request.body);
      return engine.push(descriptor, user, rows);
    },
  );

  app.get('/api/v1/sync/:collection/stream', { preHandler: auth }, async (request, reply) => {
    const user = requireUser(request);
    const token = request.authToken ?? '';
    const descriptor = collectionOf(request);
    await descriptor.prepare?.(db);
    let scope = descriptor.scopeOf?.(user);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      // Headers set by hooks (CORS, protocol version) would be lost by hijack(): copy them.
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    // Every (re)connection starts with a resync: the client pulls from its checkpoint once, which
    // covers whatever was written while it was not listening.
    res.write('retry: 3000\nevent: resync\ndata: {}\n\n');

    let closed = false;
    // The read scope changed (a course assigned, a class given): ask the client to pull again; its
    // checkpoint carries the old scope, so the pull starts over and sends what became readable.
    const scopeChanged = (): boolean => {
      if (!descriptor.scopeOf) return false;
      const now = descriptor.scopeOf(user);
      if (now === scope) return false;
      scope = now;
      res.write('event: resync\ndata: {}\n\n');
      return true;
    };
    const unsubscribers = (descriptor.scopeDependsOn ?? [])
      .filter((name) => name !== descriptor.name)
      .map((name) => engine.hub.subscribe(name, () => void scopeChanged()));
    unsubscribers.push(
      engine.hub.subscribe(descriptor.name, (batch) => {
        if (scopeChanged()) return;
        const documents = batch.documents
          .map((d) => d.state)
          .filter((state) => descriptor.canRead(user, state))
          .map((state) => (descriptor.redact ? descriptor.redact(user, state) : state));
        if (documents.length === 0) return;
        const checkpoint = scope === undefined ? batch.checkpoint : { ...batch.checkpoint, scope };
        res.write(`data: ${JSON.stringify({ documents, checkpoint })}\n\n`);
      }),
    );
    const unsubscribe = () => {
      for (const stop of unsubscribers) stop();
    };
    const heartbeat = setInterval(() => {
      res.write(': heartbeat\n\n');
      // A revoked device or a disabled account loses its stream at the next heartbeat.
      void checkToken(db, token).then(
        (check) => {
          if (!check.ok && !closed) {
            res.write(
              `event: unauthorized\ndata: ${JSON.stringify({
                message:
                  check.reason === 'compromised'
                    ? messages.accountCompromised
                    : messages.sessionRevoked,
              })}\n\n`,
            );
            end();
          }
        },
        () => undefined,
      );
    }, options.heartbeatMs);
    const end = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      options.openStreams.delete(end);
      res.end();
    };
    options.openStreams.add(end);
    request.raw.on('close', end);
    res.on('error', end);
  });
}

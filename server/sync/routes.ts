// /api/v1/sync/:collection/{pull,push,stream}: RxDB's replication protocol over HTTP + SSE,
// /api/v1/sync/stream?collections=a,b: the live streams of many collections over one connection,
// and the first download outside the replication: /api/v1/sync/snapshot?collections=a,b (the
// plan) and /api/v1/sync/:collection/snapshot (the documents, streamed as NDJSON).
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, requireUser } from '../auth/authenticate';
import type { AuthUser } from '../auth/roles';
import type { Db } from '../db/db';
import { ApiError, messages } from '../errors';
import { parseBody } from '../validation';
import {
  CheckpointSchema,
  PullQuerySchema,
  PushBodySchema,
  SnapshotPlanQuerySchema,
  SnapshotQuerySchema,
  type Checkpoint,
  type PullPage,
  type SnapshotPlan,
  StreamQuerySchema,
  type PushAnswer,
  type StreamBatch,
  type StreamResync,
} from '../../shared/sync-wire';
import type { CollectionDescriptor, DocState } from './collections';
import type { SyncEngine } from './engine';
import { SnapshotOutdated, type SnapshotLine } from './snapshot';
import { SNAPSHOT_COMPRESSION } from '../http/compression';
import { visibleTo } from './read-scope';
import type { OpenStream, OpenStreams } from './open-streams';

export interface SyncRoutesOptions {
  db: Db;
  /** Its registry holds the collections served here. */
  engine: SyncEngine;
  /** Push body limit in bytes (default 5 MB). */
  pushBodyLimit: number;
  /** SSE heartbeat comment interval (default 15 s). */
  heartbeatMs: number;
  /** The open streams: ended in preClose, re-checked after requests that can end sessions. */
  openStreams: OpenStreams;
}

export { MAX_PULL_LIMIT, MAX_PUSH_ROWS } from '../../shared/sync-wire';

function parseCheckpoint(text: string | undefined): Checkpoint | null {
  if (text === undefined || text === '' || text === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'Неверная контрольная точка синхронизации (checkpoint)');
  }
  if (value === null) return null;
  return parseBody(CheckpointSchema, value);
}

export function registerSyncRoutes(app: FastifyInstance, options: SyncRoutesOptions): void {
  const { db, engine } = options;
  const registry = engine.registry;
  const auth = authenticate(db);

  const collectionOf = (request: FastifyRequest): CollectionDescriptor => {
    const name = (request.params as { collection: string }).collection;
    const descriptor = registry.get(name);
    if (!descriptor) throw new ApiError(404, 'UNKNOWN_COLLECTION', messages.unknownCollection);
    return descriptor;
  };

  /** The descriptors of a comma-separated list of collection names (duplicates ignored). */
  const collectionsOf = (list: string): CollectionDescriptor[] => {
    const names = [...new Set(list.split(',').map((n) => n.trim()))].filter(Boolean);
    if (names.length === 0) {
      throw new ApiError(400, 'BAD_REQUEST', 'Не указаны коллекции (collections=a,b,c)');
    }
    return names.map((name) => {
      const descriptor = registry.get(name);
      if (!descriptor) throw new ApiError(404, 'UNKNOWN_COLLECTION', messages.unknownCollection);
      return descriptor;
    });
  };

  // The first download's plan: per collection the checkpoint its snapshot corresponds to and the
  // number of documents it holds (the progress bar's total).
  app.get('/api/v1/sync/snapshot', { onRequest: auth }, async (request) => {
    const user = requireUser(request);
    const { collections } = parseBody(SnapshotPlanQuerySchema, request.query);
    const plan: SnapshotPlan = { collections: [] };
    for (const descriptor of collectionsOf(collections)) {
      const part = await engine.snapshots.plan(descriptor, user);
      plan.collections.push({ collection: descriptor.name, ...part });
    }
    return plan;
  });

  // One collection's snapshot as NDJSON lines (SnapshotChunk), compressed harder than the other
  // answers (SNAPSHOT_COMPRESSION: sent once per desktop, and the largest).
  app.get(
    '/api/v1/sync/:collection/snapshot',
    { onRequest: auth, compress: SNAPSHOT_COMPRESSION },
    async (request, reply) => {
      const user = requireUser(request);
      const descriptor = collectionOf(request);
      const query = parseBody(SnapshotQuerySchema, request.query);
      const checkpoint = parseCheckpoint(query.checkpoint);
      if (!checkpoint) {
        throw new ApiError(400, 'BAD_REQUEST', 'Не указана контрольная точка снимка (checkpoint)');
      }
      const chunks = engine.snapshots.lines(descriptor, user, checkpoint, query.after, query.limit);
      // The first chunk is read before the answer starts, so a changed scope is a clear 409 rather
      // than a stream cut halfway.
      let next: IteratorResult<SnapshotLine>;
      try {
        next = await chunks.next();
      } catch (error) {
        if (error instanceof SnapshotOutdated) {
          throw new ApiError(
            409,
            'SNAPSHOT_OUTDATED',
            'Права доступа изменились во время загрузки журнала: остальное догрузит синхронизация',
          );
        }
        throw error;
      }
      async function* lines(): AsyncGenerator<string> {
        while (!next.done) {
          yield `${next.value.text}\n`;
          next = await chunks.next();
        }
      }
      reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store');
      return reply.send(Readable.from(lines()));
    },
  );

  app.get('/api/v1/sync/:collection/pull', { onRequest: auth }, async (request) => {
    const user = requireUser(request);
    const descriptor = collectionOf(request);
    const query = parseBody(PullQuerySchema, request.query);
    const page: PullPage = await engine.pull(
      descriptor,
      user,
      parseCheckpoint(query.checkpoint),
      query.limit,
    );
    return page;
  });

  app.post(
    '/api/v1/sync/:collection/push',
    { onRequest: auth, bodyLimit: options.pushBodyLimit },
    async (request) => {
      const user = requireUser(request);
      const descriptor = collectionOf(request);
      const rows = parseBody(PushBodySchema, request.body);
      const [outcome] = await engine.write([{ collection: descriptor.name, rows }], user, 'push');
      const answer: PushAnswer = outcome!.answer;
      return answer;
    },
  );

  app.get('/api/v1/sync/:collection/stream', { onRequest: auth }, async (request, reply) => {
    const user = requireUser(request);
    const descriptor = collectionOf(request);
    await descriptor.prepare?.(db);
    openEventStream(request, reply, options, (send) => {
      // Every (re)connection starts with a resync: the client pulls from its checkpoint once, which
      // covers whatever was written while it was not listening.
      send('retry: 3000\nevent: resync\ndata: {}\n\n');
      return watchCollection(engine, descriptor, user, {
        resync: () => send('event: resync\ndata: {}\n\n'),
        batch: (payload) => send(`data: ${JSON.stringify(payload)}\n\n`),
      });
    });
  });

  // One connection for many collections (browsers allow 6 HTTP/1.1 connections per server):
  // events carry the collection name; `resync` without a collection means every one of them.
  app.get('/api/v1/sync/stream', { onRequest: auth }, async (request, reply) => {
    const user = requireUser(request);
    const { collections } = parseBody(StreamQuerySchema, request.query);
    const descriptors = collectionsOf(collections);
    for (const descriptor of descriptors) await descriptor.prepare?.(db);
    openEventStream(request, reply, options, (send) => {
      send('retry: 3000\nevent: resync\ndata: {}\n\n');
      const stops = descriptors.map((descriptor) =>
        watchCollection(engine, descriptor, user, {
          resync: () =>
            send(
              `event: resync\ndata: ${JSON.stringify({ collection: descriptor.name } satisfies StreamResync)}\n\n`,
            ),
          batch: (payload) =>
            send(
              `data: ${JSON.stringify({ collection: descriptor.name, ...payload } satisfies StreamBatch)}\n\n`,
            ),
        }),
      );
      return () => {
        for (const stop of stops) stop();
      };
    });
  });
}

/**
 * Follows one collection's accepted writes for one user: readable documents (redacted) go to
 * `batch`; a change of the user's read scope (a course assigned, a class given) asks for a resync,
 * since the client's checkpoint carries the old scope and its pull starts over. Returns the
 * unsubscribe function.
 */
function watchCollection(
  engine: SyncEngine,
  descriptor: CollectionDescriptor,
  user: AuthUser,
  out: {
    resync: () => void;
    batch: (payload: PullPage) => void;
  },
): () => void {
  let scope = descriptor.scopeOf?.(user);
  const scopeChanged = (): boolean => {
    if (!descriptor.scopeOf) return false;
    const now = descriptor.scopeOf(user);
    if (now === scope) return false;
    scope = now;
    out.resync();
    return true;
  };
  const unsubscribers = (descriptor.scopeDependsOn ?? [])
    .filter((name) => name !== descriptor.name)
    .map((name) => engine.hub.subscribe(name, () => void scopeChanged()));
  unsubscribers.push(
    engine.hub.subscribe(descriptor.name, (batch) => {
      if (scopeChanged()) return;
      const documents = batch.documents
        .map((d) => visibleTo(descriptor, user, d.state))
        .filter((state): state is DocState => state !== null);
      if (documents.length === 0) return;
      const checkpoint = scope === undefined ? batch.checkpoint : { ...batch.checkpoint, scope };
      out.batch({ documents, checkpoint });
    }),
  );
  return () => {
    for (const stop of unsubscribers) stop();
  };
}

/**
 * Turns the request into a text/event-stream: `start` writes the first events and subscribes,
 * returning its unsubscribe. Heartbeat comments keep proxies and the client's timeout happy, and
 * re-check the token; a session ended by a request (a revoked device, a disabled account, a new
 * login on the device) ends the stream at once (OpenStreams.recheck).
 */
function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  options: SyncRoutesOptions,
  start: (send: (text: string) => void) => () => void,
): void {
  const { db, openStreams } = options;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    // Headers set by hooks (CORS, protocol version, security) would be lost by hijack(): copy them.
    ...(reply.getHeaders() as Record<string, string>),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  let closed = false;
  const send = (text: string) => {
    if (!closed) res.write(text);
  };
  const unsubscribe = start(send);
  const stream: OpenStream = {
    token: request.authToken ?? '',
    refuse(message) {
      send(`event: unauthorized\ndata: ${JSON.stringify({ message })}\n\n`);
      stream.end();
    },
    end() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(stream);
      res.end();
    },
  };
  const heartbeat = setInterval(() => {
    send(': heartbeat\n\n');
    void openStreams.check(db, stream).catch(() => undefined);
  }, options.heartbeatMs);
  openStreams.add(stream);
  request.raw.on('close', () => stream.end());
  res.on('error', () => stream.end());
}

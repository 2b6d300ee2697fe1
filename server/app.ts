// The school server: a Fastify app with auth, replication and the built renderer.
// buildServer() does not listen, so tests start it on port 0.
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_CORS_ORIGINS, registerCors } from './cors';
import { registerAuthRoutes, type AuthRoutesOptions } from './auth/routes';
import { registerBackupRoutes } from './backup/routes';
import { registerCompromiseRoutes } from './compromise/routes';
import type { Db } from './db/db';
import { ApiError, messages, type ErrorBody } from './errors';
import {
  API_PREFIX,
  isOutdatedClient,
  MIN_CLIENT_PROTOCOL,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
} from './protocol';
import { registerStatic } from './static';
import type { CollectionRegistry } from './sync/collections';
import { createDefaultRegistry } from './domain/registry';
import { registerHistoryRoutes } from './domain/history';
import { registerSchoolRoutes } from './domain/school/routes';
import { SyncEngine } from './sync/engine';
import { registerSyncRoutes } from './sync/routes';

export interface ServerOptions {
  db: Db;
  /** Collections served at /api/v1/sync/:collection; default: the school's registry. */
  registry?: CollectionRegistry;
  logger?: FastifyServerOptions['logger'];
  /** Built renderer to serve at `/`; default out/renderer/; null disables it. */
  staticDir?: string | null;
  /** Body limit for everything but sync pushes (default 64 KB). */
  bodyLimit?: number;
  /** Body limit for sync pushes (default 5 MB). */
  pushBodyLimit?: number;
  /** SSE heartbeat interval (default 15 s). */
  heartbeatMs?: number;
  /** Oldest X-Journal-Protocol accepted (default MIN_CLIENT_PROTOCOL). */
  minClientProtocol?: number;
  loginLimit?: AuthRoutesOptions['loginLimit'];
  ipLimit?: AuthRoutesOptions['ipLimit'];
  /** Origins allowed to call the API from a browser context (default: the Electron app). */
  corsOrigins?: readonly string[];
  /** Trust X-Forwarded-For (only behind a reverse proxy). */
  trustProxy?: boolean;
  /** The school's date for set-up operations, "YYYY-MM-DD" (tests); default the server's local date. */
  today?: () => string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The replication engine behind /api/v1/sync (tests and the CLI reach it here). */
    syncEngine: SyncEngine;
  }
}

function errorBody(code: ErrorBody['error']['code'], message: string): ErrorBody {
  return { error: { code, message } };
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    // JSON bodies with __proto__ / constructor keys are refused (400), never merged into objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const registry = options.registry ?? createDefaultRegistry();
  const engine = new SyncEngine(options.db);
  const openStreams = new Set<() => void>();
  app.decorate('syncEngine', engine);

  registerCors(app, options.corsOrigins ?? DEFAULT_CORS_ORIGINS);

  const minProtocol = options.minClientProtocol ?? MIN_CLIENT_PROTOCOL;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    if (isOutdatedClient(request.headers[PROTOCOL_HEADER], minProtocol)) {
      throw new ApiError(426, 'UPGRADE_REQUIRED', messages.upgradeRequired);
    }
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send(error.toBody());
    }
    const err = (error ?? {}) as {
      statusCode?: number;
      code?: string;
      message?: string;
      validation?: unknown;
    };
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (err.validation) {
      return reply
        .code(400)
        .send(errorBody('VALIDATION_FAILED', `${messages.validationFailed}: ${err.message}`));
    }
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', messages.payloadTooLarge));
    }
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .code(415)
        .send(errorBody('UNSUPPORTED_MEDIA_TYPE', messages.unsupportedMediaType));
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (status === 400 && error instanceof SyntaxError)
    ) {
      return reply.code(400).send(errorBody('INVALID_JSON', messages.invalidJson));
    }
    if (status >= 400 && status < 500) {
      request.log.info({ code: err.code, message: err.message }, 'client error');
      return reply
        .code(status)
        .send(errorBody('BAD_REQUEST', `${messages.badRequest}: ${err.message ?? ''}`.trim()));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', messages.internal));
  });

  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', messages.notFound));
  });

  app.get(`${API_PREFIX}/health`, async () => ({
    ok: true,
    protocol: PROTOCOL_VERSION,
    minClientProtocol: minProtocol,
    database: options.db.kind,
    collections: registry.names(),
  }));

  registerAuthRoutes(app, {
    db: options.db,
    loginLimit: options.loginLimit,
    ipLimit: options.ipLimit,
  });
  registerSyncRoutes(app, {
    db: options.db,
    engine,
    registry,
    pushBodyLimit: options.pushBodyLimit ?? 5 * 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    openStreams,
  });

  registerHistoryRoutes(app, { db: options.db, registry });
  registerCompromiseRoutes(app, { db: options.db, engine, registry });
  registerSchoolRoutes(app, { db: options.db, engine, registry, today: options.today });
  registerBackupRoutes(app, { db: options.db });

  if (options.staticDir !== null) {
    registerStatic(app, options.staticDir ?? path.resolve('out/renderer'));
  }

  // Live streams never go idle on their own: end them so close() does not hang.
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });
  return app;
}

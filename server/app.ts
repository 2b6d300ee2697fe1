// The school server: a Fastify app with auth, replication and the built renderer.
// buildServer() does not listen, so tests start it on port 0.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_CORS_ORIGINS, registerCors } from './cors';
import { registerAuthRoutes, type AuthRoutesOptions } from './auth/routes';
import { registerBackupRoutes } from './backup/routes';
import { registerCompromiseRoutes } from './compromise/routes';
import type { Db } from './db/db';
import { ApiError, messages } from './errors';
import {
  errorBody,
  handleClientError,
  handleError,
  handleFrameworkError,
} from './http/error-handler';
import { registerCompression } from './http/compression';
import { registerJsonBodyParser } from './http/json-body';
import { registerSecurityHeaders } from './http/security-headers';
import { registerUrlTextCheck } from './http/url-text';
import {
  API_PREFIX,
  isOutdatedClient,
  MIN_CLIENT_PROTOCOL,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SERVER_TIME_HEADER,
} from './protocol';
import { DEFAULT_STATIC_DIR, registerStatic } from './static';
import { registerConsoleRoute } from './console/routes';
import { issueSetupCode } from './setup/first-admin';
import { registerSetupRoutes } from './setup/routes';
import { setupLink } from '../shared/setup';
import type { CollectionRegistry } from './sync/collections';
import { createDefaultRegistry } from './domain/registry';
import { registerHistoryRoutes } from './domain/history';
import { registerSchoolRoutes } from './domain/school/routes';
import { registerArchiveRoutes } from './domain/archive/routes';
import { SyncEngine } from './sync/engine';
import { registerRefusalRoutes } from './sync/refusal-routes';
import { OpenStreams, SESSION_CHANGING_URL } from './sync/open-streams';
import { registerSyncRoutes } from './sync/routes';
import { closeFamilyAccessOnConsentWrite } from './family/consent-hook';
import { registerFamilyRoutes } from './family/routes';
import { registerDiaryAdminRoutes } from './diary/admin-routes';
import { DiaryReference } from './diary/reference';
import { registerDiaryRoutes } from './diary/routes';
import type { FamilyAuthCache } from './family/auth-cache';
import { ViewLog } from './diary/view-log';
import { Notifier, type NotifierClock } from './notify/notifier';

export interface ServerOptions {
  db: Db;
  /** Collections served at /api/v1/sync/:collection; default: the school's registry. */
  registry?: CollectionRegistry;
  logger?: FastifyServerOptions['logger'];
  /** Built renderer to serve at `/`; default this checkout's out/renderer/; null disables it. */
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
  newAddressLimit?: AuthRoutesOptions['newAddressLimit'];
  /** Origins allowed to call the API from a browser context (default: the Electron app). */
  corsOrigins?: readonly string[];
  /** Trust X-Forwarded-For (only behind a reverse proxy). */
  trustProxy?: boolean;
  /** Send Strict-Transport-Security (only with a certificate browsers trust). */
  hsts?: boolean;
  /** Serve HTTPS with this certificate and key (PEM). */
  https?: { cert: string; key: string };
  /**
   * The admin console (POST /api/v1/console): the token written to the console file, and the
   * address set-up links are made for (`setup-link`). Absent: no console route.
   */
  console?: { token: string; publicUrl: () => string };
  /** The school's date for set-up operations and the diary, "YYYY-MM-DD" (tests); default the server's local date. */
  today?: () => string;
  /** The family e-diary (/diary) and its notifications. */
  diary?: {
    /** How often the notifier runs (default 60 s); null: never by itself (tests call runOnce). */
    notifyIntervalMs?: number | null;
    /** The notifier's clock (tests move it). */
    clock?: NotifierClock;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The replication engine behind /api/v1/sync (tests and the CLI reach it here). */
    syncEngine: SyncEngine;
    /** The e-diary's notification loop (tests run it by hand). */
    diaryNotifier: Notifier;
    /** The record of diary views (buffered; flush before reading). */
    diaryViews: ViewLog;
    /** The diary's session and rights cache (tests count its database reads). */
    diaryAuthCache: FamilyAuthCache;
  }
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    ...(options.https ? { https: { cert: options.https.cert, key: options.https.key } } : {}),
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    // JSON bodies with __proto__ / constructor keys are refused (400), never merged into objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A login or an id in the path, percent-encoded: bounded, and a 414 in our shape past it.
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  });
  registerSecurityHeaders(app, { hsts: options.hsts ?? false });
  registerCompression(app);
  registerJsonBodyParser(app);
  const registry = options.registry ?? createDefaultRegistry();
  const engine = new SyncEngine(options.db, registry);
  const openStreams = new OpenStreams();
  app.decorate('syncEngine', engine);
  // THE family e-diary's hook into the write path: a consent write that refuses, withdraws or
  // takes back the login closes that family's access inside the same transaction.
  engine.onStored('consents', closeFamilyAccessOnConsentWrite);
  const diaryViews = new ViewLog(options.db);
  const diaryReference = new DiaryReference();
  const notifier = new Notifier(options.db, diaryReference, options.diary?.clock);
  app.decorate('diaryViews', diaryViews);
  app.decorate('diaryNotifier', notifier);

  registerCors(app, options.corsOrigins ?? DEFAULT_CORS_ORIGINS);
  // After CORS, so the desktop (another origin) can read the refusal.
  registerUrlTextCheck(app);

  const minProtocol = options.minClientProtocol ?? MIN_CLIENT_PROTOCOL;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    reply.header(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    // The desktop compares its clock with the server's (docs/SYNC.md, "Stamps from the future").
    reply.header(SERVER_TIME_HEADER, String(Date.now()));
    if (isOutdatedClient(request.headers[PROTOCOL_HEADER], minProtocol)) {
      throw new ApiError(426, 'UPGRADE_REQUIRED', messages.upgradeRequired);
    }
  });

  app.setErrorHandler(handleError);

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
    newAddressLimit: options.newAddressLimit,
  });
  registerSyncRoutes(app, {
    db: options.db,
    engine,
    pushBodyLimit: options.pushBodyLimit ?? 5 * 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    openStreams,
  });

  registerHistoryRoutes(app, { db: options.db, registry });
  registerRefusalRoutes(app, { db: options.db });
  registerCompromiseRoutes(app, { db: options.db, engine });
  registerSchoolRoutes(app, { db: options.db, engine, today: options.today });
  registerArchiveRoutes(app, { db: options.db, engine });
  registerFamilyRoutes(app, {
    db: options.db,
    engine,
    views: diaryViews,
    lockout: app.loginLockout,
  });
  registerDiaryAdminRoutes(app, { db: options.db });
  registerDiaryRoutes(app, {
    db: options.db,
    views: diaryViews,
    ref: diaryReference,
    // The staff's lockout: one set of counters, one unlock rule (server/auth/unlock.ts).
    lockout: app.loginLockout,
    ...(options.today ? { today: options.today } : {}),
  });
  const notifyEvery = options.diary?.notifyIntervalMs;
  if (notifyEvery !== null) notifier.start(notifyEvery ?? 60_000);
  registerBackupRoutes(app, { db: options.db });
  registerSetupRoutes(app, { db: options.db });
  if (options.console) {
    const { token, publicUrl } = options.console;
    registerConsoleRoute(app, {
      token,
      context: () => ({
        db: options.db,
        engine,
        lockout: app.loginLockout,
        newSetupLink: async () => {
          const code = await issueSetupCode(options.db);
          return code ? setupLink(publicUrl(), code) : null;
        },
      }),
    });
  }

  if (options.staticDir !== null) {
    registerStatic(app, options.staticDir ?? DEFAULT_STATIC_DIR);
  }

  // A login, a revoked device, a disabled or compromised account: streams of ended sessions stop
  // now, not at their next heartbeat.
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'POST' || reply.statusCode >= 400) return;
    if (!SESSION_CHANGING_URL.test(request.url) || openStreams.size === 0) return;
    await openStreams.recheck(options.db).catch((error: unknown) => {
      request.log.warn({ err: error }, 'stream re-check failed');
    });
  });
  // Writes of the other server processes on the same PostgreSQL reach this one's streams.
  app.addHook('onReady', async () => {
    await engine.feed?.start();
  });
  // Live streams never go idle on their own: end them so close() does not hang.
  app.addHook('preClose', async () => {
    openStreams.endAll();
    await engine.feed?.stop();
  });
  app.addHook('onClose', async () => {
    await notifier.stop();
    await diaryViews.flush().catch(() => undefined);
  });
  return app;
}

// CORS for the desktop app: its pages come from app://journal, a different origin than the server.
// Tokens travel in the Authorization header (no cookies), so no credentials mode is needed.
import type { FastifyInstance } from 'fastify';

/** The Electron renderer's origin (electron/main.ts registers the app:// scheme). */
export const DEFAULT_CORS_ORIGINS = ['app://journal'];

export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !allowed.has(origin)) return;
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Vary', 'Origin');
    reply.header('Access-Control-Expose-Headers', 'X-Journal-Protocol, Retry-After, X-Server-Time');
    if (request.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      reply.header(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, X-Journal-Protocol, Accept',
      );
      reply.header('Access-Control-Max-Age', '600');
    }
  });
  // Preflight requests: answered by the hook's headers, with no body.
  app.options('/api/*', async (_request, reply) => reply.code(204).send());
}

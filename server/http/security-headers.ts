// Security headers on every answer (@fastify/helmet): the journal's pages get the same CSP as the
// Electron window (shared/content-security-policy.ts), nothing may frame them, no MIME sniffing,
// no Referer leaves the server. API answers carry the same headers: harmless for JSON, and an
// error page opened in a browser tab is then as locked down as the app.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { contentSecurityPolicyDirectives } from '../../shared/content-security-policy';

export function registerSecurityHeaders(app: FastifyInstance, options: { hsts: boolean }): void {
  void app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      // The page the server serves talks to the server itself: 'self' is all it needs.
      directives: contentSecurityPolicyDirectives(null),
    },
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    noSniff: true,
    // The desktop app (app://journal) reads the API across origins with CORS; CORP would only
    // matter to no-cors loads, which nothing of ours makes.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // HSTS only with a certificate browsers trust: with a self-signed one it would forbid the
    // user to accept the certificate at all.
    strictTransportSecurity: options.hsts ? { maxAge: 180 * 24 * 3600 } : false,
  });
}

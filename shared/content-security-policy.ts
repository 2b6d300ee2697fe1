// The one Content-Security-Policy of the journal's pages: the Electron window (electron/main.ts)
// and the browser copy served by the school server (server/http/security-headers.ts) send the same
// directives. No eval, no inline or foreign script, only our own server on the wire.

// WHATWG URL exists wherever shared/ runs; shared/ is compiled without DOM or Node types.
declare const URL: new (input: string) => { protocol: string; origin: string; host: string };

/** The school server's origin plus the matching WebSocket origin, for connect-src. */
export function serverConnectSources(serverUrl: string | null): string[] {
  if (!serverUrl) return [];
  let url: { protocol: string; origin: string; host: string };
  try {
    url = new URL(serverUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const wsProtocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${wsProtocol}//${url.host}`];
}

/**
 * The directives, name → sources. `serverUrl` is the school server the page talks to when it is
 * not the page's own origin (the Electron window on app://journal); null for a page the server
 * serves itself ('self' is then the server).
 */
export function contentSecurityPolicyDirectives(
  serverUrl: string | null,
): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...serverConnectSources(serverUrl)],
    'object-src': ["'none'"],
    // blob: lets the renderer preview a generated PDF in an iframe.
    'frame-src': ["'self'", 'blob:'],
    // Only our own pages may frame ours (the PDF preview); no other site can (clickjacking).
    'frame-ancestors': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
}

/** The policy as a header value. */
export function buildContentSecurityPolicy(serverUrl: string | null): string {
  return Object.entries(contentSecurityPolicyDirectives(serverUrl))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

// Security headers over real HTTP: the journal's page, its assets, API answers, errors and the live
// stream all carry the Electron window's CSP (connect-src aside: the browser copy talks to its own
// origin), no framing by other sites, no MIME sniffing, no Referer.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy as electronPolicy } from '../../../electron/security';
import { api, fakeBuiltRenderer, newUser, startServer, type TestServer } from './helpers';

let server: TestServer;
let staticDir: string;
let token: string;

beforeAll(async () => {
  staticDir = fakeBuiltRenderer('journal-headers-');
  server = await startServer({ staticDir });
  token = (await newUser(server)).token;
});

afterAll(async () => {
  await server?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...sources] = d.split(/\s+/);
        return [name, sources.sort()];
      }),
  );
}

function expectLockedDown(headers: Headers, what: string): void {
  const csp = headers.get('content-security-policy');
  expect(csp, what).not.toBeNull();
  const served = directives(csp!);
  // The Electron window's policy, for a window talking to this very server.
  const desktop = directives(electronPolicy(server.url));
  expect([...served.keys()].sort(), what).toEqual([...desktop.keys()].sort());
  for (const [name, sources] of desktop) {
    if (name === 'connect-src') continue;
    expect(served.get(name), `${what}: ${name}`).toEqual(sources);
  }
  expect(served.get('connect-src'), what).toEqual(["'self'"]);
  // Spelled out, so a change to the shared policy that loosens it fails here too.
  expect(served.get('script-src'), what).toEqual(["'self'"]);
  expect(served.get('object-src'), what).toEqual(["'none'"]);
  expect(served.get('base-uri'), what).toEqual(["'none'"]);
  expect(served.get('frame-ancestors'), what).toEqual(["'self'"]);
  expect(csp, what).not.toContain('unsafe-eval');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  // No HSTS with a certificate browsers do not trust (it would forbid accepting it).
  expect(headers.get('strict-transport-security'), what).toBeNull();
}

describe('security headers', () => {
  it('on the page, an asset, a client-side route and a missing asset', async () => {
    for (const p of ['/', '/assets/app.js', '/journal/5a', '/assets/missing.js']) {
      const res = await api(server, 'GET', p);
      expectLockedDown(res.headers, p);
    }
  });

  it('on API answers and errors', async () => {
    for (const [p, t] of [
      ['/api/v1/health', undefined],
      ['/api/v1/auth/me', token],
      ['/api/v1/auth/me', undefined],
      ['/api/v1/nothing-here', undefined],
    ] as const) {
      const res = await api(server, 'GET', p, undefined, t);
      expectLockedDown(res.headers, `${p} ${res.status}`);
    }
    const bad = await api(server, 'POST', '/api/v1/auth/login', '{"login":');
    expectLockedDown(bad.headers, 'a 400');
    const nul = await api(server, 'GET', '/api/v1/sync/stream?collections=a%00', undefined, token);
    expect(nul.status).toBe(400);
    expectLockedDown(nul.headers, 'a refused NUL');
    const old = await api(server, 'GET', '/api/v1/health', undefined, undefined, {
      'x-journal-protocol': '0',
    });
    expect(old.status).toBe(426);
    expectLockedDown(old.headers, 'a 426');
  });

  it('on the live stream (headers copied past hijack)', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/v1/sync/notes/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expectLockedDown(res.headers, 'stream');
    controller.abort();
  });

  it('HSTS is sent when the server is told its certificate is trusted', async () => {
    const trusted = await startServer({ staticDir: null, hsts: true });
    try {
      const res = await api(trusted, 'GET', '/api/v1/health');
      expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    } finally {
      await trusted.close();
    }
  });
});

// HTTP behaviour: JSON errors for client mistakes, body limits, protocol versions, static files,
// and the live SSE stream.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fakeBuiltRenderer, newUser, push, startServer, type TestServer } from './helpers';
import { readEventStream } from './event-reader';

type ErrorBody = { error: { code: string; message: string } };

describe('http', () => {
  let server: TestServer;
  let token: string;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fakeBuiltRenderer('journal-static-');
    writeFileSync(path.join(tmpdir(), 'journal-outside.txt'), 'secret');
    server = await startServer({ staticDir, minClientProtocol: 1, heartbeatMs: 200 });
    token = (await newUser(server)).token;
  });

  afterAll(async () => {
    await server?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('answers malformed JSON with 400 JSON', async () => {
    const res = await api(
      server,
      'POST',
      '/api/v1/sync/notes/push',
      '[{"newDocumentState":',
      token,
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'INVALID_JSON', message: 'Запрос повреждён: неверный формат JSON' },
    });
    const login = await api(server, 'POST', '/api/v1/auth/login', '{login:');
    expect(login.status).toBe(400);
    const poisoned = await api(server, 'POST', '/api/v1/auth/login', '{"__proto__":{"x":1}}');
    expect(poisoned.status).toBe(400);
  });

  it('answers oversized bodies with 413 JSON: 64 KB in general, 5 MB for pushes', async () => {
    const big = JSON.stringify({ login: 'x'.repeat(70 * 1024), password: 'x', deviceName: 'x' });
    const login = await api(server, 'POST', '/api/v1/auth/login', big);
    expect(login.status).toBe(413);
    expect((login.body as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
    // 1 MB is fine for a push …
    const rows = [{ newDocumentState: { id: 'big', text: 'x'.repeat(9_000), _deleted: false } }];
    const mb = JSON.stringify(
      Array.from({ length: 110 }, (_, i) => ({
        newDocumentState: { ...rows[0]!.newDocumentState, id: `big-${i}` },
      })),
    );
    expect((await api(server, 'POST', '/api/v1/sync/notes/push', mb, token)).status).toBe(200);
    // … 6 MB is not.
    const huge = JSON.stringify([
      { newDocumentState: { id: 'huge', text: 'x'.repeat(6 * 1024 * 1024), _deleted: false } },
    ]);
    const res = await api(server, 'POST', '/api/v1/sync/notes/push', huge, token);
    expect(res.status).toBe(413);
    expect((res.body as ErrorBody).error.message).toBe(
      'Слишком большой объём данных в одном запросе',
    );
  });

  it('answers a wrong content type with 415 and unknown routes with 404, both JSON', async () => {
    const res = await api(server, 'POST', '/api/v1/auth/login', 'login=x', undefined, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect((res.body as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const missing = await api(server, 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect((missing.body as ErrorBody).error.code).toBe('NOT_FOUND');
    const wrongMethod = await api(server, 'DELETE', '/api/v1/auth/me');
    expect(wrongMethod.status).toBe(404);
  });

  it('asks outdated clients to update (426) and announces its protocol', async () => {
    const old = await api(server, 'GET', '/api/v1/health', undefined, undefined, {
      'x-journal-protocol': '0',
    });
    expect(old.status).toBe(426);
    expect((old.body as ErrorBody).error.message).toMatch(/Обновите приложение/);
    const current = await api(server, 'GET', '/api/v1/health', undefined, undefined, {
      'x-journal-protocol': '1',
    });
    expect(current.status).toBe(200);
    expect(current.headers.get('x-journal-protocol')).toBe('1');
    expect(current.body).toMatchObject({ ok: true, database: 'pglite' });
  });

  it('allows the Electron app origin (CORS) and nobody else', async () => {
    const preflight = await fetch(server.url + '/api/v1/sync/notes/push', {
      method: 'OPTIONS',
      headers: {
        origin: 'app://journal',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('app://journal');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const me = await fetch(server.url + '/api/v1/auth/me', {
      headers: { origin: 'app://journal', authorization: `Bearer ${token}` },
    });
    expect(me.headers.get('access-control-allow-origin')).toBe('app://journal');
    const stream = await fetch(server.url + '/api/v1/sync/notes/stream', {
      headers: { origin: 'app://journal', authorization: `Bearer ${token}` },
    });
    expect(stream.headers.get('access-control-allow-origin')).toBe('app://journal');
    expect(stream.headers.get('x-journal-protocol')).toBe('1');
    await stream.body?.cancel();
    const evil = await fetch(server.url + '/api/v1/health', {
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the built renderer with an SPA fallback and no path traversal', async () => {
    const index = await fetch(server.url + '/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(await index.text()).toContain('Журнал');
    const js = await fetch(server.url + '/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const route = await fetch(server.url + '/classes/7a');
    expect(await route.text()).toContain('Журнал');
    expect((await fetch(server.url + '/assets/missing.js')).status).toBe(404);
    const traversal = await fetch(server.url + '/..%2Fjournal-outside.txt');
    expect(traversal.status).toBe(404);
    expect((await fetch(server.url + '/%E0%A4%A')).status).toBe(400);
  });

  it('without a built renderer, says at `/` how to build it instead of a bare 404', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'journal-unbuilt-'));
    const unbuilt = await startServer({ staticDir: empty });
    try {
      const page = await fetch(unbuilt.url + '/');
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const text = await page.text();
      expect(text).toContain('не собраны');
      expect(text).toContain('npm run build:renderer');
      expect((await fetch(unbuilt.url + '/api/v1/health')).status).toBe(200);
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('streams accepted writes over SSE, starting with a resync event', async () => {
    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/v1/sync/notes/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events: { event: string; data: string }[] = [];
    const reading = readEventStream(res.body!, (e) => events.push(e)).catch(() => undefined);
    const waitFor = async (predicate: () => boolean) => {
      for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(predicate()).toBe(true);
    };
    await waitFor(() => events.length >= 1);
    expect(events[0]!.event).toBe('resync');
    await push(server, token, 'notes', [
      { newDocumentState: { id: 'live-1', text: 'в эфире', _deleted: false } },
    ]);
    await waitFor(() => events.some((e) => e.event === 'message'));
    const message = JSON.parse(events.find((e) => e.event === 'message')!.data) as {
      documents: { id: string }[];
      checkpoint: { seq: number };
    };
    expect(message.documents).toEqual([{ id: 'live-1', text: 'в эфире', _deleted: false }]);
    expect(message.checkpoint.seq).toBeGreaterThan(0);
    abort.abort();
    await reading;
  });

  it('ends the stream of a revoked session at the next heartbeat', async () => {
    const user = await newUser(server);
    const res = await fetch(`${server.url}/api/v1/sync/notes/stream`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    const events: { event: string; data: string }[] = [];
    const reading = readEventStream(res.body!, (e) => events.push(e));
    await api(server, 'POST', '/api/v1/auth/logout', undefined, user.token);
    await reading; // resolves when the server ends the stream
    expect(events.map((e) => e.event)).toEqual(['resync', 'unauthorized']);
  });
});

// Compression on the wire: pull pages in gzip or brotli as Accept-Encoding asks, decoding to the
// same JSON as an uncompressed answer; identity without the header; tiny answers as they are; the
// security headers kept; the live stream uncompressed and still live (read over raw node:http, so
// the bytes are the wire's, not a fetch() that decompresses on its own).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION_THRESHOLD } from '../../../server/http/compression';
import type { DocState } from '../../../server/sync/collections';
import {
  edit,
  signInDemoStaff,
  startDomainServer,
  state,
  type DomainLogins,
  type DomainServer,
} from './domain-fixture';
import { push, startServer } from './helpers';

let server: DomainServer;
let staff: DomainLogins;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request over plain node:http: the body exactly as it came over the wire. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
  base = server.url,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pullPath = '/api/v1/sync/lessons/pull?checkpoint=&limit=100';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = await startDomainServer();
  staff = await signInDemoStaff(server);
});

afterAll(async () => {
  await server?.close();
});

describe('compressed answers', () => {
  it('sends a pull page gzip-encoded when asked, decoding to the uncompressed JSON', async () => {
    const plain = await raw('GET', pullPath, bearer(staff.deputy.token));
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const expected = JSON.parse(plain.body.toString('utf8')) as { documents: DocState[] };
    expect(expected.documents).toHaveLength(100);

    const gz = await raw('GET', pullPath, {
      ...bearer(staff.deputy.token),
      'accept-encoding': 'gzip',
    });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toMatch(/accept-encoding/i);
    expect([gz.body[0], gz.body[1]]).toEqual([0x1f, 0x8b]); // the gzip magic number
    expect(gz.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(expected);
  });

  it('sends brotli when asked for it (preferred over gzip when both are accepted)', async () => {
    const plain = await raw('GET', pullPath, bearer(staff.teacher.token));
    const expected: unknown = JSON.parse(plain.body.toString('utf8'));
    for (const accept of ['br', 'gzip, deflate, br']) {
      const br = await raw('GET', pullPath, {
        ...bearer(staff.teacher.token),
        'accept-encoding': accept,
      });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.body.length).toBeLessThan(plain.body.length / 4);
      expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(expected);
    }
  });

  it('sends identity without Accept-Encoding or with an encoding it does not speak', async () => {
    const cases: Record<string, string>[] = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'compress' },
    ];
    for (const headers of cases) {
      const res = await raw('GET', pullPath, { ...bearer(staff.deputy.token), ...headers });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      const page = JSON.parse(res.body.toString('utf8')) as { documents: DocState[] };
      expect(page.documents).toHaveLength(100);
    }
  });

  it('keeps the security headers and the error shape on compressed answers', async () => {
    const ok = await raw('GET', pullPath, {
      ...bearer(staff.deputy.token),
      'accept-encoding': 'gzip',
    });
    expect(ok.headers['content-encoding']).toBe('gzip');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.headers['content-security-policy']).toMatch(/default-src/);
    expect(ok.headers['referrer-policy']).toBe('no-referrer');
    expect(ok.headers['x-journal-protocol']).toBeDefined();

    const refused = await raw('GET', '/api/v1/sync/lessons/pull', { 'accept-encoding': 'gzip' });
    expect(refused.status).toBe(401);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    const body =
      refused.headers['content-encoding'] === 'gzip' ? gunzipSync(refused.body) : refused.body;
    const error = JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('UNAUTHORIZED');
    expect(error.error.message).toMatch(/[А-Яа-я]/);
  });

  it('does not compress a small answer below the threshold (an empty push answer)', async () => {
    const res = await raw(
      'POST',
      '/api/v1/sync/lessons/push',
      {
        ...bearer(staff.deputy.token),
        'content-type': 'application/json',
        'accept-encoding': 'gzip, br',
      },
      '[]',
    );
    expect(res.status).toBe(200);
    expect(res.body.length).toBeLessThan(COMPRESSION_THRESHOLD);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString('utf8'))).toEqual([]);
  });
});

describe('the first-download snapshot', () => {
  /** The size of `text` in brotli at `quality`, one shot, in the server's text mode. */
  const brotliSize = (text: Buffer, quality: number) =>
    brotliCompressSync(text, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: quality,
      },
    }).length;

  it('is compressed harder than a pull page: brotli quality 5, where answers get 4', async () => {
    const plan = await raw('GET', '/api/v1/sync/snapshot?collections=lessons', {
      ...bearer(staff.deputy.token),
    });
    const part = (
      JSON.parse(plan.body.toString('utf8')) as {
        collections: { checkpoint: unknown }[];
      }
    ).collections[0]!;
    const query = `checkpoint=${encodeURIComponent(JSON.stringify(part.checkpoint))}&after=0`;
    const snapshot = await raw('GET', `/api/v1/sync/lessons/snapshot?${query}`, {
      ...bearer(staff.deputy.token),
      'accept-encoding': 'br',
    });
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers['content-encoding']).toBe('br');
    const text = brotliDecompressSync(snapshot.body);
    expect(text.toString('utf8').split('\n').filter(Boolean).length).toBeGreaterThan(2);
    // Quality 5 is a fifth smaller than 4 on lessons; the stream's bytes sit near the one-shot 5.
    const q4 = brotliSize(text, 4);
    const q5 = brotliSize(text, 5);
    expect(q5).toBeLessThan(q4 * 0.9);
    expect(snapshot.body.length).toBeLessThan(q4 * 0.95);
    expect(Math.abs(snapshot.body.length - q5) / q5).toBeLessThan(0.05);

    // A pull page of the same lessons stays at quality 4.
    const page = await raw('GET', '/api/v1/sync/lessons/pull?checkpoint=&limit=1000', {
      ...bearer(staff.deputy.token),
      'accept-encoding': 'br',
    });
    const pageText = brotliDecompressSync(page.body);
    expect(Math.abs(page.body.length - brotliSize(pageText, 4)) / page.body.length).toBeLessThan(
      0.05,
    );
  });
});

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(predicate()).toBe(true);
}

describe('the built renderer', () => {
  it('sends its files compressed once: the body gunzips to the file itself', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'journal-compress-'));
    mkdirSync(path.join(dir, 'assets'));
    const script = Array.from({ length: 400 }, (_, i) => `console.log('строка ${i}');`).join('\n');
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Журнал</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), script);
    const site = await startServer({ staticDir: dir });
    try {
      const res = await raw(
        'GET',
        '/assets/app.js',
        { 'accept-encoding': 'gzip' },
        undefined,
        site.url,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['content-security-policy']).toMatch(/default-src/);
      expect(gunzipSync(res.body).toString('utf8')).toBe(script);
    } finally {
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compressed requests', () => {
  it('does not inflate a gzip request body: it is read as the bytes sent and refused', async () => {
    const bomb = gzipSync(Buffer.from('[' + '{"newDocumentState":{}},'.repeat(50_000) + '{}]'));
    const res = await raw(
      'POST',
      '/api/v1/sync/lessons/push',
      {
        ...bearer(staff.deputy.token),
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      bomb,
    );
    expect(res.status).toBe(400);
    const error = JSON.parse(res.body.toString('utf8')) as {
      error: { code: string; message: string };
    };
    expect(error.error.code).toBe('INVALID_TEXT');
    expect(error.error.message).toMatch(/[А-Яа-я]/);
  });
});

describe('the live stream', () => {
  it('stays uncompressed even when asked, and delivers a push while the connection stays open', async () => {
    const req = request(server.url + '/api/v1/sync/stream?collections=students', {
      headers: { ...bearer(staff.deputy.token), 'accept-encoding': 'gzip, br' },
    });
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
      req.end();
    });
    let text = '';
    let ended = false;
    try {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/event-stream/);
      expect(res.headers['content-encoding']).toBeUndefined();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (ended = true));
      await waitFor(() => text.includes('event: resync'));

      const led = server.school.classes.find((c) => c.classTeacherId === 'staff-class-teacher')!;
      const student = server.school.students.find((s) => s.classId === led.id)!;
      const row = await server.db.query(
        'SELECT doc FROM documents WHERE collection = $1 AND id = $2',
        ['students', student.id],
      );
      const before = state(row.rows[0]!.doc as object);
      const after = edit(before as never, 'status', 'left', 'staff-class-teacher');
      expect(
        await push(server, staff.classTeacher.token, 'students', [
          { assumedMasterState: before, newDocumentState: state(after) },
        ]),
      ).toEqual([]);

      // The event is readable text on the open connection: nothing held back in a compressor.
      await waitFor(() =>
        text.split('\n').some((l) => l.startsWith('data: ') && l.includes(student.id)),
      );
      const line = text.split('\n').find((l) => l.startsWith('data: ') && l.includes(student.id))!;
      const event = JSON.parse(line.slice('data: '.length)) as {
        collection: string;
        documents: DocState[];
      };
      expect(event.collection).toBe('students');
      expect(event.documents.map((d) => [d.id, d.status])).toEqual([[student.id, 'left']]);
      expect(ended).toBe(false);
    } finally {
      req.destroy();
    }
  });
});

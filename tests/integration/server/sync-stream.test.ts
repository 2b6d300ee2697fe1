// The multiplexed live stream GET /api/v1/sync/stream?collections=a,b: every collection over one
// connection, events carrying the collection name, a resync for all on connect, and the token
// re-checked at every heartbeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../server/auth/roles';
import { loadSnapshot } from '../../../server/domain/load-snapshot';
import { createDomainRegistry } from '../../../server/domain/registry';
import type { DocState } from '../../../server/sync/collections';
import { edit, smallSchool, state } from './domain-fixture';
import { api, push, signInAs, startServer, type TestServer } from './helpers';
import { readEventStream } from './event-reader';

type SseEvent = { event: string; data: string };

let server: TestServer;

const login = (name: string, staffId: string | null, roles: Role[]) =>
  signInAs(server, name, staffId, roles, 'Кабинет 21');

function open(token: string, collections: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${server.url}/api/v1/sync/stream?collections=${collections}`, {
    headers: { authorization: `Bearer ${token}` },
    ...(signal ? { signal } : {}),
  });
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i += 1) await new Promise((r) => setTimeout(r, 20));
  expect(predicate()).toBe(true);
}

beforeAll(async () => {
  server = await startServer({ registry: createDomainRegistry(), heartbeatMs: 200 });
  await loadSnapshot(server.app.syncEngine, smallSchool());
});

afterAll(async () => {
  await server?.close();
});

describe('multiplexed stream', () => {
  it('carries a write to students, named by collection, after a resync for all', async () => {
    const deputy = await login('deputy', 'staff-deputy', ['deputy']);
    const classTeacher = await login('class-teacher', 'staff-class-teacher', [
      'teacher',
      'classTeacher',
    ]);
    const abort = new AbortController();
    const res = await open(deputy, 'lessons,students,periodMarks,consents', abort.signal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events: SseEvent[] = [];
    const reading = readEventStream(res.body!, (e) => events.push(e)).catch(() => undefined);
    await waitFor(() => events.length >= 1);
    expect(events[0]).toEqual({ event: 'resync', data: '{}' });

    const led = smallSchool().classes.find((c) => c.classTeacherId === 'staff-class-teacher')!;
    const student = smallSchool().students.find((s) => s.classId === led.id)!;
    const row = await server.db.query(
      'SELECT doc FROM documents WHERE collection = $1 AND id = $2',
      ['students', student.id],
    );
    const before = state(row.rows[0]!.doc as object) as DocState;
    const after = edit(before as never, 'status', 'left', 'staff-class-teacher');
    expect(
      await push(server, classTeacher, 'students', [
        { assumedMasterState: before, newDocumentState: state(after) },
      ]),
    ).toEqual([]);

    await waitFor(() => events.some((e) => e.event === 'message'));
    const messages = events.filter((e) => e.event === 'message');
    expect(messages).toHaveLength(1);
    const message = JSON.parse(messages[0]!.data) as {
      collection: string;
      documents: { id: string; status: string }[];
      checkpoint: { seq: number; scope?: string };
    };
    expect(message.collection).toBe('students');
    expect(message.documents.map((d) => [d.id, d.status])).toEqual([[student.id, 'left']]);
    expect(message.checkpoint.seq).toBeGreaterThan(0);
    abort.abort();
    await reading;
  });

  it('ends with `unauthorized` at the next heartbeat once the session is revoked', async () => {
    const token = await login('teacher', 'staff-teacher', ['teacher']);
    const res = await open(token, 'students,lessons');
    const events: SseEvent[] = [];
    const reading = readEventStream(res.body!, (e) => events.push(e));
    await waitFor(() => events.length >= 1);
    await api(server, 'POST', '/api/v1/auth/logout', undefined, token);
    await reading; // resolves when the server ends the stream
    expect(events.map((e) => e.event)).toEqual(['resync', 'unauthorized']);
    expect(JSON.parse(events[1]!.data)).toHaveProperty('message');
  });

  it('answers 401 without a valid token, 404 for an unknown collection, 400 without any', async () => {
    expect((await open('nope', 'students')).status).toBe(401);
    const token = await login('deputy2', 'staff-deputy', ['deputy']);
    const unknown = await open(token, 'students,secrets');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'UNKNOWN_COLLECTION',
    );
    expect((await open(token, ',')).status).toBe(400);
    expect((await open(token, '')).status).toBe(400);
  });
});

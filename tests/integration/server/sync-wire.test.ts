// The shared wire schemas (shared/sync-wire.ts) against the real server over HTTP: every answer the
// desktop parses — pull page, push answer, refusals, cell history, error body, protocol header —
// parses as captured, the desktop's own client reads them through the schemas, and an answer that
// drifted (a refusal id of another type, a checkpoint without seq, an unknown error code) is
// rejected.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiRequest, MESSAGES, SyncError } from '../../../renderer/sync/api';
import { createClock } from '../../../shared/hlc';
import {
  ErrorBodySchema,
  HistoryAnswerSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  PullPageSchema,
  PushAnswerSchema,
  RefusalsAnswerSchema,
} from '../../../shared/sync-wire';
import { startDomainServer, type DomainServer, type Login } from './domain-fixture';
import { api } from './helpers';

let server: DomainServer;
let teacher: Login;
let deputy: Login;

beforeAll(async () => {
  server = await startDomainServer();
  teacher = await server.login('teacher', 'staff-teacher', ['teacher']);
  deputy = await server.login('deputy', 'staff-deputy', ['deputy']);
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A new lesson in a course staff-teacher does not teach: the server refuses it. */
function foreignLesson(tag: string) {
  const course = server.school.courses.find((c) => c.teacherId !== 'staff-teacher')!;
  const at = { at: createClock('wire').tick(), by: 'staff-teacher' };
  return {
    id: `${course.id}:${tag}`,
    courseId: course.id,
    classId: course.classId,
    date: '2027-04-05',
    slot: 3,
    teacherId: 'staff-teacher',
    lessonType: 'regular',
    status: 'held',
    workTypeId: null,
    topic: 'Чужой урок',
    homework: '',
    entries: {},
    stamps: { topic: at, teacherId: at, lessonType: at, status: at, homework: at },
    _deleted: false,
  };
}

/** A fetch answering every request with `body` (a captured answer, possibly altered). */
function serveCaptured(body: unknown, status = 200) {
  vi.stubGlobal('fetch', async () =>
    Response.json(body, { status, headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } }),
  );
}

describe('sync wire schemas against the real server', () => {
  it('parses a captured pull page, and rejects one whose checkpoint has no seq', async () => {
    const res = await api(
      server,
      'GET',
      '/api/v1/sync/lessons/pull?limit=5',
      undefined,
      teacher.token,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get(PROTOCOL_HEADER)).toBe('1');
    const page = PullPageSchema.parse(res.body);
    expect(page.documents).toHaveLength(5);
    expect(typeof page.checkpoint.seq).toBe('number');
    // lessons are a scoped collection: the checkpoint carries the read grant's hash.
    expect(typeof page.checkpoint.scope).toBe('string');

    // The desktop's client over HTTP: the same page, through the schema.
    const viaClient = await apiRequest(server.url, '/api/v1/sync/lessons/pull?limit=5', {
      token: teacher.token,
      answer: PullPageSchema,
    });
    expect(viaClient.documents.map((d) => d.id)).toEqual(page.documents.map((d) => d.id));

    const captured = res.body as { checkpoint: Record<string, unknown> };
    const noSeq = { ...captured, checkpoint: { scope: captured.checkpoint.scope } };
    expect(PullPageSchema.safeParse(noSeq).success).toBe(false);
    const seqAsText = { ...captured, checkpoint: { ...captured.checkpoint, seq: '12' } };
    expect(PullPageSchema.safeParse(seqAsText).success).toBe(false);
    const noDeleted = {
      ...captured,
      documents: [{ ...(res.body as { documents: object[] }).documents[0], _deleted: undefined }],
    };
    expect(PullPageSchema.safeParse(noDeleted).success).toBe(false);

    serveCaptured(noSeq);
    const drifted = apiRequest(server.url, '/api/v1/sync/lessons/pull', {
      token: teacher.token,
      answer: PullPageSchema,
    });
    await expect(drifted).rejects.toThrow(MESSAGES.badAnswer);
    await expect(drifted).rejects.toBeInstanceOf(SyncError);
  });

  it('parses a push answer and the refusal it left; a refusal id as text is rejected', async () => {
    const lesson = foreignLesson('wire-1');
    const answer = await apiRequest(server.url, '/api/v1/sync/lessons/push', {
      token: teacher.token,
      method: 'POST',
      body: [{ newDocumentState: lesson }],
      answer: PushAnswerSchema,
    });
    // A refused new document comes back as a tombstone of what was sent (docs/SYNC.md, Push).
    expect(answer).toHaveLength(1);
    expect(answer[0]).toMatchObject({ id: lesson.id, _deleted: true });

    const res = await api(server, 'GET', '/api/v1/refusals/mine?limit=5', undefined, teacher.token);
    expect(res.status).toBe(200);
    const { refusals } = RefusalsAnswerSchema.parse(res.body);
    const mine = refusals.find((r) => r.docId === lesson.id)!;
    expect(mine).toMatchObject({ collection: 'lessons', reason: 'Вы не ведёте этот курс' });
    // The one true type: the server's bigserial row number is a number on the wire.
    expect(Number.isInteger(mine.id)).toBe(true);
    expect(mine.device).toBe('Кабинет 21');
    expect(Number.isNaN(Date.parse(mine.at!))).toBe(false);

    const captured = res.body as { refusals: Record<string, unknown>[] };
    const idAsText = { refusals: captured.refusals.map((r) => ({ ...r, id: String(r.id) })) };
    expect(RefusalsAnswerSchema.safeParse(idAsText).success).toBe(false);
    const noReason = { refusals: captured.refusals.map(({ reason: _r, ...r }) => r) };
    expect(RefusalsAnswerSchema.safeParse(noReason).success).toBe(false);

    serveCaptured(idAsText);
    await expect(
      apiRequest(server.url, '/api/v1/refusals/mine', {
        token: teacher.token,
        answer: RefusalsAnswerSchema,
      }),
    ).rejects.toThrow(MESSAGES.badAnswer);
    const pushDrift = [{ id: lesson.id }];
    expect(PushAnswerSchema.safeParse(pushDrift).success).toBe(false);
  });

  it('parses a cell history the server builds', async () => {
    const lesson = server.school.lessons.find((l) => Object.keys(l.entries).length > 0)!;
    const studentId = Object.keys(lesson.entries)[0]!;
    const path = `/api/v1/history/lessons/${encodeURIComponent(lesson.id)}?path=${encodeURIComponent(`entries.${studentId}`)}`;
    const res = await api(server, 'GET', path, undefined, deputy.token);
    expect(res.status).toBe(200);
    const history = HistoryAnswerSchema.parse(res.body);
    expect(history).toMatchObject({
      collection: 'lessons',
      id: lesson.id,
      path: `entries.${studentId}`,
    });
    expect(history.entries.length).toBeGreaterThan(0);
    expect(history.entries[0]!.kind).toBe('import');

    const whole = await api(server, 'GET', path.split('?')[0]!, undefined, deputy.token);
    expect(HistoryAnswerSchema.parse(whole.body).path).toBeNull();

    const captured = res.body as { entries: Record<string, unknown>[] };
    const seqAsText = { ...captured, entries: captured.entries.map((e) => ({ ...e, seq: 'x' })) };
    expect(HistoryAnswerSchema.safeParse(seqAsText).success).toBe(false);
  });

  it('parses error bodies and turns them into the desktop’s SyncError; an unknown code is no code', async () => {
    const missing = await api(server, 'GET', '/api/v1/sync/nope/pull', undefined, teacher.token);
    expect(missing.status).toBe(404);
    expect(ErrorBodySchema.parse(missing.body).error).toEqual({
      code: 'UNKNOWN_COLLECTION',
      message: 'Неизвестный раздел данных',
    });
    const error = await apiRequest(server.url, '/api/v1/sync/nope/pull', {
      token: teacher.token,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({
      kind: 'server',
      status: 404,
      code: 'UNKNOWN_COLLECTION',
      message: 'Неизвестный раздел данных',
    });

    const bad = await api(
      server,
      'GET',
      '/api/v1/sync/lessons/pull?limit=0',
      undefined,
      teacher.token,
    );
    expect(bad.status).toBe(400);
    expect(ErrorBodySchema.parse(bad.body).error.code).toBe('VALIDATION_FAILED');

    const old = await api(server, 'GET', '/api/v1/sync/lessons/pull', undefined, teacher.token, {
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION - 1),
    });
    expect(old.status).toBe(426);
    expect(ErrorBodySchema.parse(old.body).error.code).toBe('UPGRADE_REQUIRED');

    const captured = missing.body as { error: Record<string, unknown> };
    const unknownCode = { error: { ...captured.error, code: 'NO_SUCH_CODE' } };
    expect(ErrorBodySchema.safeParse(unknownCode).success).toBe(false);
    serveCaptured(unknownCode, 404);
    const drifted = await apiRequest(server.url, '/api/v1/sync/nope/pull', {}).catch(
      (e: unknown) => e,
    );
    // The code is not believed, the Russian message is still shown.
    expect(drifted).toMatchObject({
      kind: 'server',
      code: null,
      message: 'Неизвестный раздел данных',
    });
  });
});

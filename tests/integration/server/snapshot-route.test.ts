// The first download's snapshot route over the real server (small school): it holds exactly what
// a pull from the beginning holds, for each role and collection, compressed and resumable; stored
// documents go out as stored, tombstones included, selected by scope columns the database derives
// from the document; a snapshot resumed after the read scope changed is refused and left to the
// replication, which withdraws what left the scope. The desktop side: snapshot-desktop.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import { COLLECTION_NAMES } from '../../../shared/collections';
import {
  SnapshotChunkSchema,
  SnapshotPlanSchema,
  type Checkpoint,
  type SnapshotChunk,
  type SnapshotPlan,
} from '../../../shared/sync-wire';
import {
  edit,
  signInDemoStaff,
  startDomainServer,
  state,
  storedState,
  type DomainLogins,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, pullAll, push } from './helpers';
import { teachersLesson } from './snapshot-fixture';

let server: DomainServer;
let staff: DomainLogins;

beforeAll(async () => {
  server = await startDomainServer();
  staff = await signInDemoStaff(server);
});

afterAll(async () => {
  await server?.close();
});

async function plan(login: Login, names: readonly string[]): Promise<SnapshotPlan> {
  const res = await api(
    server,
    'GET',
    `/api/v1/sync/snapshot?collections=${names.join(',')}`,
    undefined,
    login.token,
  );
  expect(res.status).toBe(200);
  return SnapshotPlanSchema.parse(res.body);
}

/** One snapshot answer read whole: its status, headers and NDJSON lines. */
async function snapshot(
  login: Login,
  collection: string,
  checkpoint: Checkpoint,
  after = 0,
): Promise<{ status: number; headers: Headers; chunks: SnapshotChunk[]; body: unknown }> {
  const query = new URLSearchParams({
    checkpoint: JSON.stringify(checkpoint),
    after: String(after),
  });
  const res = await fetch(`${server.url}/api/v1/sync/${collection}/snapshot?${query}`, {
    headers: { authorization: `Bearer ${login.token}`, 'accept-encoding': 'br, gzip' },
  });
  const text = await res.text();
  if (res.status !== 200) {
    return { status: res.status, headers: res.headers, chunks: [], body: JSON.parse(text) };
  }
  const chunks = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => SnapshotChunkSchema.parse(JSON.parse(line)));
  return { status: res.status, headers: res.headers, chunks, body: null };
}

const byId = (docs: readonly Record<string, unknown>[]) =>
  [...docs].sort((a, b) => String(a.id).localeCompare(String(b.id)));

describe('the snapshot route', () => {
  it('holds exactly what a pull from the beginning holds, for the scoped roles and every collection', async () => {
    // (The deputy reads everything; their lessons are compared in the next test.)
    for (const login of [staff.teacher, staff.classTeacher]) {
      const { collections } = await plan(login, COLLECTION_NAMES);
      expect(collections.map((c) => c.collection)).toEqual([...COLLECTION_NAMES]);
      for (const part of collections) {
        const pulled = await pullAll(server, login.token, part.collection, 1000);
        const answer = await snapshot(login, part.collection, part.checkpoint);
        expect(answer.status).toBe(200);
        const docs = answer.chunks.flatMap((c) => c.documents);
        expect(byId(docs), `${login.login} ${part.collection}`).toEqual(byId(pulled));
        expect(part.total, `${login.login} ${part.collection}`).toBe(pulled.length);
        expect(answer.chunks.at(-1)).toEqual({
          documents: [],
          after: part.checkpoint.seq,
          done: true,
        });
      }
    }
  });

  it('gives a subject teacher fewer lessons than the deputy, compressed, and resumes after a seq', async () => {
    const mine = (await plan(staff.teacher, ['lessons'])).collections[0]!;
    const all = (await plan(staff.deputy, ['lessons'])).collections[0]!;
    expect(mine.checkpoint.scope).toEqual(expect.any(String));
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.total).toBeLessThan(all.total);
    const whole = await snapshot(staff.deputy, 'lessons', all.checkpoint);
    const pulled = await pullAll(server, staff.deputy.token, 'lessons', 1000);
    expect(byId(whole.chunks.flatMap((c) => c.documents))).toEqual(byId(pulled));
    expect(all.total).toBe(pulled.length);
    expect(whole.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(whole.headers.get('content-encoding')).toBe('br');
    expect(whole.chunks.length).toBeGreaterThan(2);
    // Resumed after the first chunk: exactly the rest.
    const first = whole.chunks[0]!;
    const rest = await snapshot(staff.deputy, 'lessons', all.checkpoint, first.after);
    expect(rest.chunks.flatMap((c) => c.documents)).toEqual(
      whole.chunks.slice(1).flatMap((c) => c.documents),
    );
  });

  it('sends stored documents as stored (unparsed), a deleted one as deleted, to whoever reads it', async () => {
    // Lessons go out as the database prints them (readIsGrant): a tombstone must keep its flag,
    // and the text must hold exactly the stored fields. Deleted here by hand, outside the write
    // path, since a push may not remove a lesson that holds marks.
    const lesson = server.school.lessons.find(
      (l) => l.courseId === teachersLesson(server, 0).courseId && l.date < '2026-10-01',
    )!;
    await server.db.query(
      `UPDATE documents SET deleted = true, seq = nextval('document_seq')
       WHERE collection = 'lessons' AND id = $1`,
      [lesson.id],
    );
    const stored = (
      await server.db.query(`SELECT doc FROM documents WHERE collection = 'lessons' AND id = $1`, [
        lesson.id,
      ])
    ).rows[0]!.doc as Record<string, unknown>;
    try {
      for (const login of [staff.teacher, staff.deputy]) {
        const part = (await plan(login, ['lessons'])).collections[0]!;
        const docs = (await snapshot(login, 'lessons', part.checkpoint)).chunks.flatMap(
          (c) => c.documents,
        );
        const sent = docs.filter((d) => d.id === lesson.id);
        expect(sent, login.login).toEqual([{ ...stored, _deleted: true }]);
        expect(byId(docs)).toEqual(byId(await pullAll(server, login.token, 'lessons', 1000)));
      }
    } finally {
      await server.db.query(
        `UPDATE documents SET deleted = false, seq = nextval('document_seq')
         WHERE collection = 'lessons' AND id = $1`,
        [lesson.id],
      );
    }
    // Another subject teacher's snapshot (not signed in as a class teacher): exactly the lessons
    // of their courses and those they hold, computed here from the school as generated.
    const staffId = 'staff-0002';
    const other = await server.login('other-teacher', staffId, ['teacher']);
    const theirs = (await plan(other, ['lessons'])).collections[0]!;
    const seen = (await snapshot(other, 'lessons', theirs.checkpoint)).chunks.flatMap(
      (c) => c.documents,
    );
    const { courses, lessons } = server.school;
    const own = new Set(courses.filter((c) => c.teacherId === staffId).map((c) => c.id));
    const expected = lessons.filter((l) => own.has(l.courseId) || l.teacherId === staffId);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((d) => d.id).sort()).toEqual(expected.map((l) => l.id).sort());
  });

  it('selects by scope columns the database derives from the document, whatever writes it', async () => {
    // The snapshot of lessons trusts class_id / course_id (and who holds the lesson) alone: a
    // hand-made SQL fix that moves a lesson to another teacher's course moves its scope columns
    // too, and they cannot be written apart from the document.
    const lesson = teachersLesson(server, 3);
    const other = server.school.courses.find((c) => c.teacherId !== 'staff-teacher')!;
    const columns = async () =>
      (
        await server.db.query(
          `SELECT class_id, course_id FROM documents WHERE collection = 'lessons' AND id = $1`,
          [lesson.id],
        )
      ).rows[0];
    expect(await columns()).toEqual({ class_id: lesson.classId, course_id: lesson.courseId });
    await expect(
      server.db.query(`UPDATE documents SET course_id = 'x' WHERE id = $1`, [lesson.id]),
    ).rejects.toThrow();
    const move = (courseId: string, teacherId: string) =>
      server.db.query(
        `UPDATE documents SET doc = jsonb_set(jsonb_set(doc, '{courseId}', to_jsonb($2::text)),
           '{teacherId}', to_jsonb($3::text)), seq = nextval('document_seq')
         WHERE collection = 'lessons' AND id = $1`,
        [lesson.id, courseId, teacherId],
      );
    await move(other.id, other.teacherId);
    try {
      expect(await columns()).toEqual({ class_id: lesson.classId, course_id: other.id });
      const part = (await plan(staff.teacher, ['lessons'])).collections[0]!;
      const docs = (await snapshot(staff.teacher, 'lessons', part.checkpoint)).chunks.flatMap(
        (c) => c.documents,
      );
      expect(docs.some((d) => d.id === lesson.id)).toBe(false);
    } finally {
      await move(lesson.courseId, lesson.teacherId);
    }
  });

  it('refuses a snapshot without a checkpoint and one of an unknown collection', async () => {
    const none = await api(
      server,
      'GET',
      '/api/v1/sync/lessons/snapshot',
      undefined,
      staff.teacher.token,
    );
    expect(none.status).toBe(400);
    const unknown = await api(
      server,
      'GET',
      '/api/v1/sync/snapshot?collections=lessons,secrets',
      undefined,
      staff.teacher.token,
    );
    expect(unknown.status).toBe(404);
    const anonymous = await api(server, 'GET', '/api/v1/sync/snapshot?collections=lessons');
    expect(anonymous.status).toBe(401);
  });
});

// --- Desktops ---------------------------------------------------------------------------------

describe('a snapshot resumed after the read scope changed', () => {
  it('is refused (409) and the replication from the plan’s checkpoint withdraws what left the scope', async () => {
    const teacher = staff.teacher;
    const part = (await plan(teacher, ['lessons'])).collections[0]!;
    const whole = await snapshot(teacher, 'lessons', part.checkpoint);
    const held = new Map(whole.chunks.flatMap((c) => c.documents).map((d) => [String(d.id), d]));
    // The deputy swaps a course of the teacher's with one of another teacher's.
    const courses = (
      await server.db.query(
        `SELECT doc FROM documents WHERE collection = 'courses' AND NOT deleted`,
      )
    ).rows.map((r) => r.doc as { id: string; teacherId: string });
    const gained = courses.find((c) => c.teacherId === 'staff-0007')!;
    const lost = courses.find((c) => c.teacherId === 'staff-teacher')!;
    for (const [id, teacherId] of [
      [gained.id, 'staff-teacher'],
      [lost.id, 'staff-0007'],
    ] as const) {
      const before = await storedState(server, 'courses', id);
      const after = edit(before as never, 'teacherId', teacherId, 'staff-deputy');
      expect(
        await push(server, staff.deputy.token, 'courses', [
          { assumedMasterState: before, newDocumentState: state(after) },
        ]),
      ).toEqual([]);
    }
    const resumed = await snapshot(teacher, 'lessons', part.checkpoint, whole.chunks[0]!.after);
    expect(resumed.status).toBe(409);
    expect(resumed.body).toMatchObject({ error: { code: 'SNAPSHOT_OUTDATED' } });
    // The pull from the plan's checkpoint takes over: what left the scope comes as tombstones.
    const pulled: DocState[] = [];
    let checkpoint: Checkpoint = part.checkpoint;
    for (;;) {
      const res = await api(
        server,
        'GET',
        `/api/v1/sync/lessons/pull?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`,
        undefined,
        teacher.token,
      );
      const page = res.body as { documents: DocState[]; checkpoint: Checkpoint };
      pulled.push(...page.documents);
      if (page.documents.length === 0) break;
      checkpoint = page.checkpoint;
    }
    // What the desktop ends with equals what the teacher may read now (a pull from zero).
    const readable = await pullAll(server, teacher.token, 'lessons', 1000);
    const withdrawn = pulled.filter((d) => d._deleted).map((d) => String(d.id));
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const doc of pulled) {
      if (doc._deleted) held.delete(String(doc.id));
      else held.set(String(doc.id), doc);
    }
    expect([...held.keys()].sort()).toEqual(readable.map((d) => String(d.id)).sort());
  });
});

// The read scope over real HTTP against the demo school: a subject teacher's desktop holds exactly
// the lessons and period marks of their own courses and the lessons they hold, a class teacher's
// every subject of their class; a course reassigned, a substitute appointed or withdrawn and a
// class teacher changed bring the newly readable documents and withdraw (as tombstones without
// content) what is no longer readable, and the live stream asks for a resync. The expected sets
// are computed here from the stored documents, not by the server's scope code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState, ScopeGrant } from '../../../server/sync/collections';
import { READ_SCOPE_KEEP_DAYS, ScopeStore } from '../../../server/sync/scope-store';
import {
  clockFor,
  startDomainServer,
  state,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { pull, push } from './helpers';
import { readEventStream } from './event-reader';
import { setPart, type Stamped } from '../../../shared/merge';

type Doc = Record<string, unknown> & { id: string };

let server: DomainServer;
let deputy: Login;
let teacher: Login;
let classTeacher: Login;

beforeAll(async () => {
  server = await startDomainServer();
  deputy = await server.login('deputy', 'staff-deputy', ['deputy']);
  teacher = await server.login('teacher', 'staff-teacher', ['teacher']);
  classTeacher = await server.login('class-teacher', 'staff-class-teacher', [
    'teacher',
    'classTeacher',
  ]);
});

afterAll(async () => {
  await server?.close();
});

/** A desktop's copy of one collection: what its pulls have left it holding. */
class Replica {
  readonly docs = new Map<string, DocState>();
  readonly tombstones: DocState[] = [];
  private checkpoint: { seq: number; scope?: string } | null = null;

  constructor(
    private readonly login: Login,
    private readonly collection: string,
  ) {}

  /** Pulls until caught up, as RxDB does (a page shorter than the limit ends it). */
  async sync(limit = 200): Promise<void> {
    for (;;) {
      const page = await pull(server, this.login.token, this.collection, this.checkpoint, limit);
      for (const doc of page.documents) {
        const id = String(doc.id);
        if (doc._deleted) {
          this.docs.delete(id);
          this.tombstones.push(doc);
        } else this.docs.set(id, doc);
      }
      if (page.documents.length === 0) return;
      this.checkpoint = page.checkpoint;
      if (page.documents.length < limit) return;
    }
  }

  ids(): string[] {
    return [...this.docs.keys()].sort();
  }
}

async function all(collection: string): Promise<Doc[]> {
  const r = await server.db.query(
    'SELECT doc FROM documents WHERE collection = $1 AND NOT deleted',
    [collection],
  );
  return r.rows.map((row) => row.doc as Doc);
}

/** What a staff member reads, from the stored school (the rule of docs/SYNC.md «Read scope»). */
async function expected(
  staffId: string,
  collection: 'lessons' | 'periodMarks',
  leads: boolean,
): Promise<string[]> {
  const courses = new Set(
    (await all('courses')).filter((c) => c.teacherId === staffId).map((c) => c.id),
  );
  const led = new Set(
    leads
      ? (await all('classes')).filter((c) => c.classTeacherId === staffId).map((c) => c.id)
      : [],
  );
  return (await all(collection))
    .filter(
      (d) =>
        courses.has(String(d.courseId)) ||
        led.has(String(d.classId)) ||
        (collection === 'lessons' && d.teacherId === staffId),
    )
    .map((d) => d.id)
    .sort();
}

/** The deputy changes parts of a stored document, as the desktop does. */
async function change(collection: string, id: string, parts: Record<string, unknown>) {
  const r = await server.db.query('SELECT doc FROM documents WHERE collection = $1 AND id = $2', [
    collection,
    id,
  ]);
  const before = state(r.rows[0]!.doc as object);
  const clock = clockFor('scope', before as unknown as Stamped);
  let next = before as unknown as Stamped;
  for (const [path, value] of Object.entries(parts)) {
    next = setPart(next, path, value, { at: clock.tick(), by: 'staff-deputy' });
  }
  const answer = await push(server, deputy.token, collection, [
    { assumedMasterState: before, newDocumentState: state(next) },
  ]);
  expect(answer).toEqual([]);
}

describe('read scope per course', () => {
  it('a subject teacher downloads only their courses’ lessons and period marks', async () => {
    const lessons = new Replica(teacher, 'lessons');
    await lessons.sync();
    const want = await expected('staff-teacher', 'lessons', false);
    expect(want.length).toBeGreaterThan(0);
    expect(lessons.ids()).toEqual(want);
    // Fewer than every lesson of the classes he teaches (the old, per-class scope).
    const classes = new Set(
      (await all('courses')).filter((c) => c.teacherId === 'staff-teacher').map((c) => c.classId),
    );
    const perClass = (await all('lessons')).filter((l) => classes.has(String(l.classId)));
    expect(want.length).toBeLessThan(perClass.length);

    const marks = new Replica(teacher, 'periodMarks');
    await marks.sync();
    expect(marks.ids()).toEqual(await expected('staff-teacher', 'periodMarks', false));
  });

  it('a class teacher downloads every subject of their class', async () => {
    const lessons = new Replica(classTeacher, 'lessons');
    await lessons.sync();
    const want = await expected('staff-class-teacher', 'lessons', true);
    expect(lessons.ids()).toEqual(want);
    const led = (await all('classes')).find((c) => c.classTeacherId === 'staff-class-teacher')!;
    const subjects = new Set(
      [...lessons.docs.values()].filter((l) => l.classId === led.id).map((l) => l.courseId),
    );
    const classCourses = (await all('courses')).filter((c) => c.classId === led.id);
    expect(subjects.size).toBe(new Set(classCourses.map((c) => c.id)).size);
  });

  it('a course reassigned arrives at its new teacher and leaves its old one, live', async () => {
    const lessons = new Replica(teacher, 'lessons');
    const marks = new Replica(teacher, 'periodMarks');
    await lessons.sync();
    await marks.sync();
    const courses = await all('courses');
    const gained = courses.find((c) => c.teacherId === 'staff-0007')!;
    const lost = courses.find((c) => c.teacherId === 'staff-teacher')!;

    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/v1/sync/stream?collections=lessons`, {
      headers: { authorization: `Bearer ${teacher.token}` },
      signal: abort.signal,
    });
    const events: { event: string; data: string }[] = [];
    const reading = readEventStream(res.body!, (e) => events.push(e)).catch(() => undefined);
    for (let i = 0; i < 200 && events.length === 0; i += 1) await sleep(20);
    expect(events[0]?.event).toBe('resync');

    await change('courses', gained.id, { teacherId: 'staff-teacher' });
    await change('courses', lost.id, { teacherId: 'staff-0007' });
    for (let i = 0; i < 200 && events.length < 2; i += 1) await sleep(20);
    expect(events[1]).toEqual({ event: 'resync', data: '{"collection":"lessons"}' });
    abort.abort();
    await reading;

    // The lessons of the lost course someone else now holds (its future lessons pass to the new
    // teacher; the ones he held stay his).
    const lostLessons = (await all('lessons'))
      .filter((l) => l.courseId === lost.id && l.teacherId !== 'staff-teacher')
      .map((l) => l.id);
    await lessons.sync();
    await marks.sync();
    const want = await expected('staff-teacher', 'lessons', false);
    expect(lessons.ids()).toEqual(want);
    expect(want.some((id) => id.startsWith(`${gained.id}:`))).toBe(true);
    // Of the course he lost he keeps only the lessons he held himself.
    for (const doc of lessons.docs.values()) {
      if (doc.courseId === lost.id) expect(doc.teacherId).toBe('staff-teacher');
    }
    expect(marks.ids()).toEqual(await expected('staff-teacher', 'periodMarks', false));
    // What left the scope came as tombstones carrying no content (no topic, marks, values).
    const withdrawn = lessons.tombstones.filter((t) => String(t.courseId) === lost.id);
    expect(withdrawn.map((t) => t.id).sort()).toEqual(
      lostLessons.filter((id) => !lessons.docs.has(id)).sort(),
    );
    expect(marks.tombstones.filter((t) => t.courseId === lost.id).length).toBeGreaterThan(0);
    for (const t of [...withdrawn, ...marks.tombstones]) {
      expect(Object.keys(t).sort()).not.toContain('topic');
      expect(Object.keys(t).sort()).not.toContain('entries');
      expect(Object.keys(t).sort()).not.toContain('marks');
      expect(t._deleted).toBe(true);
    }
  });

  it('a substitute appointed reads that lesson; withdrawn, the lesson leaves the desktop', async () => {
    const lessons = new Replica(teacher, 'lessons');
    await lessons.sync();
    const courses = new Map((await all('courses')).map((c) => [c.id, c]));
    const foreign = (await all('lessons')).find(
      (l) =>
        courses.get(String(l.courseId))?.teacherId !== 'staff-teacher' &&
        l.teacherId !== 'staff-teacher' &&
        l.status === 'held' &&
        String(l.date) > '2027-04-01',
    )!;
    expect(lessons.docs.has(foreign.id)).toBe(false);
    await change('lessons', foreign.id, { teacherId: 'staff-teacher' });
    await lessons.sync();
    expect(lessons.docs.get(foreign.id)?.teacherId).toBe('staff-teacher');
    expect(lessons.ids()).toEqual(await expected('staff-teacher', 'lessons', false));

    await change('lessons', foreign.id, { teacherId: foreign.teacherId });
    await lessons.sync();
    expect(lessons.docs.has(foreign.id)).toBe(false);
    expect(lessons.tombstones.map((t) => t.id)).toContain(foreign.id);
    expect(lessons.ids()).toEqual(await expected('staff-teacher', 'lessons', false));
  });

  it('a forged checkpoint naming a grant the account was never given withdraws nothing', async () => {
    const consents = (await all('consents')).map((c) => c.id);
    expect(consents.length).toBeGreaterThan(0);
    for (const scope of ['x>all@0', 'all', 'x>AAAAAAAAAAAAAAAAAAAAAA@0']) {
      const page = await pull(server, teacher.token, 'consents', { seq: 0, scope }, 1000);
      // He reads no consents: not even their ids as tombstones.
      expect(page.documents).toEqual([]);
    }
    const lessons = await pull(
      server,
      teacher.token,
      'lessons',
      { seq: 0, scope: 'x>all@0' },
      1000,
    );
    const want = new Set(await expected('staff-teacher', 'lessons', false));
    for (const doc of lessons.documents) expect(want.has(String(doc.id))).toBe(true);
  });

  it('a class teacher changed: the new one gets the class, the old one keeps only their courses', async () => {
    const newLead = await server.login('new-lead', 'staff-0005', ['teacher', 'classTeacher']);
    const theirs = new Replica(newLead, 'lessons');
    const consents = new Replica(newLead, 'consents');
    const old = new Replica(classTeacher, 'lessons');
    await Promise.all([theirs.sync(), consents.sync(), old.sync()]);
    expect(consents.ids()).toEqual([]);
    const led = (await all('classes')).find((c) => c.classTeacherId === 'staff-class-teacher')!;
    await change('classes', led.id, { classTeacherId: 'staff-0005' });
    await Promise.all([theirs.sync(), consents.sync(), old.sync()]);
    expect(theirs.ids()).toEqual(await expected('staff-0005', 'lessons', true));
    expect(theirs.ids().filter((id) => theirs.docs.get(id)!.classId === led.id).length).toBe(
      (await all('lessons')).filter((l) => l.classId === led.id).length,
    );
    const classConsents = (await all('consents')).filter((c) => c.classId === led.id);
    expect(consents.ids()).toEqual(classConsents.map((c) => c.id).sort());
    expect(old.ids()).toEqual(await expected('staff-class-teacher', 'lessons', true));
    expect(old.tombstones.length).toBeGreaterThan(0);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('remembered grants', () => {
  it('a new grant forgets the account’s grants older than the keep time, never the newest', async () => {
    const db = server.db;
    const grant = (hash: string) => ({ hash }) as unknown as ScopeGrant;
    const hashes = async (account: string) =>
      (
        await db.query('SELECT hash FROM read_scopes WHERE account_id = $1 ORDER BY hash', [
          account,
        ])
      ).rows.map((r) => String(r.hash));
    const age = (account: string, hash: string, days: number) =>
      db.query(
        `UPDATE read_scopes SET created_at = now() - $3::integer * interval '1 day'
         WHERE account_id = $1 AND hash = $2`,
        [account, hash, days],
      );
    const store = new ScopeStore();
    await store.remember(db, 'acc-a', grant('old'));
    await store.remember(db, 'acc-a', grant('recent'));
    await store.remember(db, 'acc-b', grant('old'));
    await age('acc-a', 'old', READ_SCOPE_KEEP_DAYS + 1);
    await age('acc-a', 'recent', READ_SCOPE_KEEP_DAYS - 1);
    await age('acc-b', 'old', READ_SCOPE_KEEP_DAYS + 1);
    // Remembering a grant already stored changes nothing.
    await new ScopeStore().remember(db, 'acc-a', grant('recent'));
    expect(await hashes('acc-a')).toEqual(['old', 'recent']);
    // A new one: the old grant of this account goes; the other account's stays.
    await store.remember(db, 'acc-a', grant('new'));
    expect(await hashes('acc-a')).toEqual(['new', 'recent']);
    expect(await hashes('acc-b')).toEqual(['old']);
    // A checkpoint naming the forgotten grant is not believed (a fresh process reads the table).
    expect(await new ScopeStore().load(db, 'acc-a', 'old')).toBeUndefined();
    expect(await new ScopeStore().load(db, 'acc-a', 'recent')).toEqual(grant('recent'));
  });
});

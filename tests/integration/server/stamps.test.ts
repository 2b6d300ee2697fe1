// Stamps from the future: a stamp must be exactly the HLC encoding, and no more than five minutes
// ahead of the server's clock, or the push is refused with a Russian reason saying the computer's
// clock is ahead — so no stamp can beat every later correction. Every API answer carries the
// server's time for the desktop to compare its clock with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import { encodeHlc } from '../../../shared/hlc';
import type { Lesson } from '../../../shared/lesson';
import {
  clockFor,
  edit,
  startDomainServer,
  state,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, push } from './helpers';

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

async function stored(id: string): Promise<DocState> {
  const r = await server.db.query(
    `SELECT doc, deleted FROM documents WHERE collection = 'lessons' AND id = $1`,
    [id],
  );
  return { ...(r.rows[0]!.doc as Record<string, unknown>), _deleted: r.rows[0]!.deleted === true };
}

let picked = 0;
/** A different lesson of staff-teacher's in the open fourth quarter for every test. */
function ownLesson(): Lesson {
  const q4 = server.school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
  const lessons = server.school.lessons.filter((l) => {
    const course = server.school.courses.find((c) => c.id === l.courseId)!;
    const scheme = server.school.classes.find((c) => c.id === l.classId)!.periodScheme;
    return course.teacherId === 'staff-teacher' && scheme === 'quarters' && l.date >= q4.start;
  });
  return lessons[picked++]!;
}

async function pushTopic(who: Login, id: string, topic: string, at: string): Promise<DocState[]> {
  const before = await stored(id);
  const sent = {
    ...before,
    topic,
    stamps: { ...(before.stamps as object), topic: { at, by: who.staffId! } },
  };
  return push(server, who.token, 'lessons', [
    { assumedMasterState: before, newDocumentState: state(sent) },
  ]);
}

async function lastReason(id: string): Promise<string> {
  const r = await server.db.query(
    'SELECT reason FROM refusals WHERE doc_id = $1 ORDER BY id DESC LIMIT 1',
    [id],
  );
  return String(r.rows[0]?.reason ?? '');
}

const at = (ms: number) => encodeHlc({ wallMs: ms, counter: 0, node: 'pc1' });

describe('stamps', () => {
  it('refuses stamps that are not the HLC encoding', async () => {
    const lesson = ownLesson();
    const before = await stored(lesson.id);
    for (const bad of ['~', '999999999999999-99999-x-y', '2026-12-01T10:00:00Z', 'z'.repeat(64)]) {
      expect(await pushTopic(teacher, lesson.id, `плохая отметка ${bad}`, bad), bad).toEqual([
        before,
      ]);
      expect(await lastReason(lesson.id), bad).toMatch(
        /^Документ не прошёл проверку: stamps\.topic\.at/,
      );
    }
    expect(await stored(lesson.id)).toEqual(before);
  });

  it('refuses a stamp far ahead of the server’s clock, in Russian, and the next correction wins', async () => {
    const lesson = ownLesson();
    const before = await stored(lesson.id);
    const yearAhead = at(Date.now() + 365 * 24 * 3600_000);
    expect(await pushTopic(teacher, lesson.id, 'из будущего', yearAhead)).toEqual([before]);
    expect(await lastReason(lesson.id)).toMatch(
      /^Часы компьютера, на котором сделано изменение, спешат на 365 дн\./,
    );
    // The largest encodable time is refused the same way.
    expect(await pushTopic(teacher, lesson.id, 'навсегда', '999999999999999-99999-x')).toEqual([
      before,
    ]);
    expect(await lastReason(lesson.id)).toMatch(/спешат/);
    expect((await stored(lesson.id)).topic).toBe(before.topic);
    // An ordinary correction afterwards is stored: nothing from the future stands in its way.
    const clock = clockFor('deputy', before as never);
    const corrected = edit(before as never, 'topic', 'исправлено', 'staff-deputy', clock);
    expect(
      await push(server, deputy.token, 'lessons', [
        { assumedMasterState: before, newDocumentState: state(corrected) },
      ]),
    ).toEqual([]);
    expect((await stored(lesson.id)).topic).toBe('исправлено');
  });

  it('accepts a clock a little ahead (within five minutes)', async () => {
    const lesson = ownLesson();
    expect(await pushTopic(teacher, lesson.id, 'чуть вперёд', at(Date.now() + 4 * 60_000))).toEqual(
      [],
    );
    expect((await stored(lesson.id)).topic).toBe('чуть вперёд');
    // A stamp already stored is not judged again: re-sending the document changes nothing.
    const again = await stored(lesson.id);
    expect(
      await push(server, teacher.token, 'lessons', [
        { assumedMasterState: again, newDocumentState: again },
      ]),
    ).toEqual([]);
  });

  it('tells the time on every API answer (X-Server-Time, exposed to the desktop app)', async () => {
    for (const path of ['/api/v1/health', '/api/v1/sync/lessons/pull', '/api/v1/nothing']) {
      const res = await api(server, 'GET', path, undefined, teacher.token, {
        origin: 'app://journal',
      });
      const time = Number(res.headers.get('x-server-time'));
      expect(Number.isSafeInteger(time), path).toBe(true);
      // The same clock as this process (the server runs in it): within a minute of ours.
      expect(Math.abs(time - Date.now()), path).toBeLessThan(60_000);
      expect(res.headers.get('access-control-expose-headers')).toContain('X-Server-Time');
    }
  });
});

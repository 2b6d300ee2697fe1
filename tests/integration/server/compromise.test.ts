// A compromised password: the teacher's account edits marks after moment T (and some before T), a
// colleague (the deputy) edits some of the same lessons in between; marking the account compromised
// as of T restores every part the account changed after T on the server AND on two live desktops,
// keeps the colleague's edits, refuses the old token (401) and the old password, lets the owner in
// with the new password, and changes nothing more when run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../../server/errors';
import type { CompromiseReport } from '../../../shared/compromise-report';
import type { DocState } from '../../../server/sync/collections';
import { jsonEqual } from '../../../server/sync/doc-state';
import type { Lesson } from '../../../shared/lesson';
import { getPart, type Stamped } from '../../../shared/merge';
import { openDesktop, type Desktop } from './desktop';
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
const desktops: Desktop[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function master(id: string): Promise<DocState> {
  const r = await server.db.query(
    `SELECT deleted, doc FROM documents WHERE collection = 'lessons' AND id = $1`,
    [id],
  );
  return { ...(r.rows[0]!.doc as Record<string, unknown>), _deleted: r.rows[0]!.deleted === true };
}

/** One edit pushed the way a desktop pushes it: a fresh stamp signed by the author. */
async function write(who: Login, id: string, path: string, value: unknown): Promise<void> {
  const before = await master(id);
  const doc = before as unknown as Stamped;
  const next = edit(doc, path, value, who.staffId!, clockFor(who.login.replace(/-/g, ''), doc));
  expect(
    await push(server, who.token, 'lessons', [
      { assumedMasterState: before, newDocumentState: state(next) },
    ]),
  ).toEqual([]);
}

const mark = (value: '1' | '2' | '3' | '4' | '5') => ({
  attendance: null,
  marks: [{ value, workTypeId: 'wt-oral', comment: '' }],
});
const maxSeq = async () =>
  Number((await server.db.query('SELECT max(seq) AS m FROM documents')).rows[0]!.m);

async function converged(desktop: Desktop, ids: string[]): Promise<boolean> {
  for (const id of ids) {
    const local = await desktop.lesson(id);
    if (!local || !jsonEqual(local, await master(id))) return false;
  }
  return true;
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out: ${what}`);
}

beforeAll(async () => {
  server = await startDomainServer();
});
afterAll(async () => {
  for (const d of desktops) await d.close();
  await server.close();
});

describe('marking an account compromised', () => {
  it(
    'undoes its writes after T everywhere, keeps colleagues, revokes, and is idempotent',
    { timeout: 90_000 },
    async () => {
      const school = server.school;
      const q4 = school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
      const course = school.courses.find(
        (c) =>
          c.teacherId === 'staff-teacher' &&
          school.classes.find((k) => k.id === c.classId)?.periodScheme === 'quarters' &&
          school.lessons.some((l) => l.courseId === c.id && l.date >= q4.start),
      )!;
      const klass = school.classes.find((k) => k.id === course.classId)!;
      const lessons = school.lessons
        .filter((l) => l.courseId === course.id && l.date >= q4.start && l.status === 'held')
        .slice(0, 4);
      expect(lessons).toHaveLength(4);
      const [l1, l2, l3, l4] = lessons.map((l) => l.id) as [string, string, string, string];
      const [s1, s2, s3] = school.students
        .filter((s) => s.classId === klass.id)
        .map((s) => s.id) as [string, string, string];

      const teacher = await server.login('teacher', 'staff-teacher', ['teacher'], 'Кабинет 21');
      const deputy = await server.login('deputy', 'staff-deputy', ['deputy'], 'Кабинет завуча');
      const admin = await server.login('admin', null, ['admin'], 'Сервер');
      const classTeacher = await server.login(
        'class-teacher',
        klass.classTeacherId,
        ['classTeacher', 'teacher'],
        'Учительская',
      );

      // Two desktops replicate live: the deputy's and the class teacher's.
      for (const [name, who] of [
        ['deputy', deputy],
        ['classteacher', classTeacher],
      ] as const) {
        const d = await openDesktop(name);
        desktops.push(d);
        await d.connect(server.url, who.token);
      }

      // Before T: the teacher's own legitimate work.
      await write(teacher, l1, `entries.${s1}`, mark('3'));
      await write(teacher, l1, 'topic', 'Тема до T');
      const originalL2Topic = getPart((await master(l2)) as unknown as Stamped, 'topic');
      const original = async (id: string, student: string) =>
        ((await master(id)) as unknown as Lesson).entries[student];
      const l1s2Before = await original(l1, s2);
      const l3s2Before = await original(l3, s2);
      await sleep(50);
      const T = new Date();
      await sleep(50);

      // After T: the same login from a stranger's laptop.
      const stranger = await server.login('teacher', 'staff-teacher', ['teacher'], 'Чужой ноутбук');
      await write(stranger, l1, `entries.${s1}`, mark('5')); // → back to 3
      await write(stranger, l1, `entries.${s2}`, mark('5')); // → its value before T
      await write(stranger, l2, 'topic', 'Взлом'); // → the original topic
      await write(stranger, l3, `entries.${s1}`, mark('2'));
      await write(deputy, l3, `entries.${s1}`, mark('4')); // the deputy's correction stays
      await write(stranger, l3, `entries.${s2}`, mark('2')); // → its value before T
      await write(deputy, l3, 'topic', 'Тема от завуча'); // another part: stays
      await write(stranger, l4, `entries.${s3}`, mark('2'));
      await write(deputy, l4, `entries.${s3}`, mark('3'));
      await write(stranger, l4, `entries.${s3}`, mark('1')); // → the deputy's 3
      // An extra lesson created with the account → cancelled, its content cleared.
      const extraId = `les-extra-${Date.now()}`;
      const base = school.lessons.find((l) => l.id === l1)!;
      const extra: Lesson = {
        ...base,
        id: extraId,
        slot: 11,
        topic: 'Фальшивый урок',
        homework: 'Ничего',
        entries: { [s1]: mark('5') },
        stamps: {},
      };
      let created = extra as unknown as Stamped;
      for (const p of ['lessonType', 'status', 'teacherId', 'topic', 'homework', `entries.${s1}`]) {
        created = edit(
          created,
          p,
          getPart(created, p),
          'staff-teacher',
          clockFor('stranger', created),
        );
      }
      expect(
        await push(server, stranger.token, 'lessons', [{ newDocumentState: state(created) }]),
      ).toEqual([]);

      const ids = [l1, l2, l3, l4, extraId];
      for (const d of desktops)
        await waitFor(() => converged(d, ids), 'desktops receive the edits');
      expect((await desktops[0]!.lesson(l2))!.topic).toBe('Взлом');

      // The deputy marks the account compromised as of T.
      const res = await api(
        server,
        'POST',
        '/api/v1/admin/compromise',
        { login: 'teacher', since: T.toISOString() },
        deputy.token,
      );
      expect(res.status).toBe(200);
      const report = res.body as CompromiseReport;

      const entry = async (id: string, student: string) =>
        ((await master(id)) as unknown as Lesson).entries[student];
      expect(await entry(l1, s1)).toEqual(mark('3'));
      expect(await entry(l1, s2)).toEqual(l1s2Before); // absent again when it was absent
      expect((await master(l1)).topic).toBe('Тема до T');
      expect(getPart((await master(l2)) as unknown as Stamped, 'topic')).toEqual(originalL2Topic);
      expect(await entry(l3, s1)).toEqual(mark('4'));
      expect(await entry(l3, s2)).toEqual(l3s2Before);
      expect((await master(l3)).topic).toBe('Тема от завуча');
      expect(await entry(l4, s3)).toEqual(mark('3'));
      const voided = (await master(extraId)) as unknown as Lesson & { _deleted: boolean };
      expect(voided).toMatchObject({
        status: 'cancelled',
        topic: '',
        homework: '',
        entries: {},
        _deleted: false,
      });

      // The report: each undone change with its place, device and values; the deputy's kept edit.
      expect(report.undone.map((u) => u.path).sort()).toEqual(
        [
          `entries.${s1}`,
          `entries.${s2}`,
          'topic',
          `entries.${s2}`,
          `entries.${s3}`, // the first one at l4 lost to the deputy's (kept)
          'status',
          'topic',
          'homework',
          `entries.${s1}`,
        ].sort(),
      );
      const l1s1 = report.undone.find((u) => u.docId === l1 && u.path === `entries.${s1}`)!;
      expect(l1s1).toMatchObject({
        compromisedValue: mark('5'),
        restoredValue: mark('3'),
        device: { name: 'Чужой ноутбук' },
      });
      const student1 = school.students.find((s) => s.id === s1)!;
      expect(l1s1.label).toContain(klass.name);
      expect(l1s1.label).toContain(student1.lastName);
      expect(report.kept).toHaveLength(2);
      expect(report.kept.find((k) => k.docId === l3)).toMatchObject({
        path: `entries.${s1}`,
        keptValue: mark('4'),
        by: { login: 'deputy' },
      });
      expect(report.created).toMatchObject([{ docId: extraId, action: 'cancelled' }]);
      expect(report.revokedDevices).toBe(2);
      expect(report.passwordVoided).toBe(true);
      const stored = await api(
        server,
        'GET',
        `/api/v1/admin/compromise/${report.id}`,
        undefined,
        admin.token,
      );
      expect(stored.body).toEqual(report);

      // Both desktops converge to the restored state through the live stream.
      for (const d of desktops)
        await waitFor(() => converged(d, ids), 'desktops receive the revert');
      expect((await desktops[1]!.lesson(l1))!.entries).toMatchObject({ [s1]: mark('3') });

      // The old tokens are refused with the clear message; the old password fails; a new one works.
      for (const token of [teacher.token, stranger.token]) {
        const me = await api(server, 'GET', '/api/v1/auth/me', undefined, token);
        expect(me.status).toBe(401);
        expect((me.body as { error: { message: string } }).error.message).toBe(
          messages.accountCompromised,
        );
      }
      const oldLogin = await api(server, 'POST', '/api/v1/auth/login', {
        login: 'teacher',
        password: 'пароль',
        deviceName: 'Кабинет 21',
      });
      expect(oldLogin.status).toBe(401);
      const set = await api(
        server,
        'POST',
        '/api/v1/admin/accounts/teacher/password',
        { password: 'новый-пароль-1' },
        admin.token,
      );
      expect(set.status).toBe(200);
      const newLogin = await api(server, 'POST', '/api/v1/auth/login', {
        login: 'teacher',
        password: 'новый-пароль-1',
        deviceName: 'Кабинет 21',
      });
      expect(newLogin.status).toBe(200);

      // Running it twice changes nothing more (the owner's new session aside, nothing is rewritten).
      const seqBefore = await maxSeq();
      const again = await api(
        server,
        'POST',
        '/api/v1/admin/compromise',
        { login: 'teacher', since: T.toISOString() },
        admin.token,
      );
      expect(again.status).toBe(200);
      const second = again.body as CompromiseReport;
      expect(second.undone).toEqual([]);
      expect(second.documentsWritten).toBe(0);
      expect(second.alreadyUndone).toBe(report.undone.length);
      expect(await maxSeq()).toBe(seqBefore);
      expect(await entry(l1, s1)).toEqual(mark('3'));
    },
  );

  it('is refused to teachers and for unknown logins', async () => {
    const teacher = await server.login('teacher2', 'staff-0002', ['teacher']);
    const admin = await server.login('admin', null, ['admin']);
    const since = new Date().toISOString();
    expect(
      (
        await api(
          server,
          'POST',
          '/api/v1/admin/compromise',
          { login: 'deputy', since },
          teacher.token,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api(
          server,
          'POST',
          '/api/v1/admin/compromise',
          { login: 'nobody', since },
          admin.token,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await api(
          server,
          'POST',
          '/api/v1/admin/compromise',
          { login: 'deputy', since: 'вчера' },
          admin.token,
        )
      ).status,
    ).toBe(400);
  });
});

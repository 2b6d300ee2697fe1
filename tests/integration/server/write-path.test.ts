// The one write path: an import made while desktops are connected reaches them live (no resync
// needed), server-side writes are validated like pushes and audited under their own kind, and
// a simulated year's stamps loaded as a snapshot are pulled back to the server's time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCourses, planRoster } from '../../../server/domain/import/importers';
import { applyPlan, readSchoolContext } from '../../../server/domain/import/school-context';
import { parseCsv } from '../../../server/domain/import/table-file';
import { MAX_STAMP_AHEAD_MS } from '../../../shared/clock-skew';
import { COLLECTIONS } from '../../../shared/collections';
import { decodeHlc, encodeHlc } from '../../../shared/hlc';
import type { Lesson } from '../../../shared/lesson';
import { lessonId } from '../../../shared/lesson-id';
import { setPart } from '../../../shared/merge';
import type { Student } from '../../../shared/student';
import { openDesktop, type Desktop } from './desktop';
import { readEventStream } from './event-reader';
import {
  signInDemoStaff,
  stampEveryPart,
  startDomainServer,
  storedState,
  type DomainLogins,
  type DomainServer,
} from './domain-fixture';

let server: DomainServer;
let logins: DomainLogins;
const desktops: Desktop[] = [];

beforeAll(async () => {
  server = await startDomainServer();
  logins = await signInDemoStaff(server);
});

afterAll(async () => {
  for (const d of desktops) await d.close();
  await server?.close();
});

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out: ${what}`);
}

const csv = (text: string) => parseCsv(new TextEncoder().encode(text));

describe('one write path', () => {
  it(
    'an import made while a desktop is connected reaches it live',
    { timeout: 60_000 },
    async () => {
      const led = server.school.classes.find((c) => c.classTeacherId === 'staff-class-teacher')!;
      const desktop = await openDesktop('class-teacher', ['students']);
      desktops.push(desktop);
      await desktop.connect(server.url, logins.classTeacher.token);
      const before = await desktop.collections.students!.count().exec();
      expect(before).toBeGreaterThan(0);
      // And the live stream itself, read raw: after its opening resync, only a live event can
      // bring the import (nothing else makes a client pull again).
      const events: { event: string; data: string }[] = [];
      const abort = new AbortController();
      const res = await fetch(`${server.url}/api/v1/sync/stream?collections=students`, {
        headers: { authorization: `Bearer ${logins.classTeacher.token}` },
        signal: abort.signal,
      });
      const reading = readEventStream(res.body!, (e) => events.push(e)).catch(() => undefined);
      await waitFor(async () => events.length > 0, 'the opening resync');
      expect(events).toEqual([{ event: 'resync', data: '{}' }]);

      const rows = csv(
        'Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;Родитель ФИО;Телефон;Адрес\n' +
          `Новикова;Арина;Сергеевна;Ж;14.03.2015;${led.name};Новикова Ольга Петровна;+7 900 111-22-33;ул. Ленина, 1\n`,
      );
      const plan = planRoster(rows, await readSchoolContext(server.db));
      expect(plan.errors).toEqual([]);
      expect(await applyPlan(server.app.syncEngine, plan, false)).toBe(1);
      const id = String(plan.docs[0]!.id);

      await waitFor(
        async () => events.some((e) => e.event === 'message' && e.data.includes(id)),
        'the live event',
      );
      abort.abort();
      await reading;
      const event = JSON.parse(events.find((e) => e.event === 'message')!.data) as {
        collection: string;
        documents: { id: string }[];
      };
      expect(event.collection).toBe('students');
      expect(event.documents.map((d) => d.id)).toEqual([id]);
      await waitFor(
        async () => (await desktop.doc('students', id)) !== null,
        'the imported student',
      );
      const arrived = (await desktop.doc('students', id)) as unknown as Student;
      expect(arrived.lastName).toBe('Новикова');
      // The class teacher leads the class: the guardian's contacts came too.
      expect(Object.values(arrived.guardians)[0]!.phone).toBe('+7 900 111-22-33');
      // Audited as an import by nobody (the console), with the import's own stamps.
      const audit = await server.db.query(
        `SELECT kind, account_id FROM audit_log WHERE collection = 'students' AND doc_id = $1`,
        [id],
      );
      expect(audit.rows).toEqual([{ kind: 'import', account_id: null }]);
    },
  );

  it('imports courses without stamps on their identity fields', async () => {
    const klass = server.school.classes[0]!;
    const subject = server.school.school.subjects.find(
      (s) => !server.school.courses.some((c) => c.classId === klass.id && c.subjectId === s.id),
    )!;
    const plan = planCourses(
      csv(
        `Класс;Предмет;Учитель;Часов в неделю\n${klass.name};${subject.name};${staffName('staff-0004')};1\n`,
      ),
      await readSchoolContext(server.db),
    );
    expect(plan.errors).toEqual([]);
    expect(await applyPlan(server.app.syncEngine, plan, false)).toBe(1);
    const r = await server.db.query(
      `SELECT doc FROM documents WHERE collection = 'courses' AND id = $1`,
      [plan.docs[0]!.id],
    );
    const stamps = Object.keys((r.rows[0]!.doc as { stamps: object }).stamps);
    expect(stamps).toContain('teacherId');
    for (const field of COLLECTIONS.courses.identity) expect(stamps).not.toContain(field);
  });

  it('never bypasses validation for a server-side write: the whole import is refused', async () => {
    const lesson = server.school.lessons[0]!;
    const engine = server.app.syncEngine;
    const actor = { accountId: null, deviceId: null };
    const good = { ...server.school.students[0]!, id: 'st-import-good', _deleted: false };
    const bad = { ...lesson, id: 'les-import-bad', date: '31.12.2026', _deleted: false };
    await expect(
      engine.write(
        [
          { collection: 'students', rows: [{ newDocumentState: good }] },
          { collection: 'lessons', rows: [{ newDocumentState: bad }] },
        ],
        actor,
        'import',
      ),
    ).rejects.toThrow(
      /Запись не выполнена \(lessons, les-import-bad\): Документ не прошёл проверку: date/,
    );
    const stored = await server.db.query(`SELECT id FROM documents WHERE id = ANY($1::text[])`, [
      ['st-import-good', 'les-import-bad'],
    ]);
    expect(stored.rows).toEqual([]);
  });

  it('pulls a loaded snapshot’s stamps from the future back to the server’s time', async () => {
    const engine = server.app.syncEngine;
    const future = encodeHlc({
      wallMs: Date.now() + 100 * 24 * 3600_000,
      counter: 3,
      node: 'demo',
    });
    const student = {
      ...server.school.students[1]!,
      id: 'st-from-the-future',
      stamps: { lastName: { at: future, by: 'staff-0001' } },
      _deleted: false,
    };
    const started = Date.now();
    await engine.write(
      [{ collection: 'students', rows: [{ newDocumentState: student }] }],
      { accountId: null, deviceId: null },
      'snapshot',
    );
    const r = await server.db.query(
      `SELECT doc FROM documents WHERE collection = 'students' AND id = $1`,
      [student.id],
    );
    const stamp = (r.rows[0]!.doc as Student).stamps.lastName!;
    expect(stamp.by).toBe('staff-0001');
    const wall = decodeHlc(stamp.at).wallMs;
    expect(wall).toBeGreaterThanOrEqual(started);
    expect(wall - Date.now()).toBeLessThanOrEqual(MAX_STAMP_AHEAD_MS);
  });

  it(
    'a lesson removed offline while another desktop marked it comes back, with the mark',
    { timeout: 120_000 },
    async () => {
      // The course teacher on two computers; a lesson added by mistake (empty) on the first.
      const q4 = server.school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
      const quarters = new Set(
        server.school.classes.filter((c) => c.periodScheme === 'quarters').map((c) => c.id),
      );
      const course = server.school.courses.find(
        (c) => c.teacherId === 'staff-teacher' && c.groupId === null && quarters.has(c.classId),
      )!;
      const template = server.school.lessons.find(
        (l) => l.courseId === course.id && l.date >= q4.start && l.date <= q4.end,
      )!;
      const studentId = server.school.students.find((s) => s.classId === course.classId)!.id;
      const office = await openDesktop('teacher-office', ['lessons']);
      const home = await openDesktop('teacher-home', ['lessons']);
      desktops.push(office, home);
      await office.connect(server.url, logins.teacher.token);
      await home.connect(server.url, logins.teacher.token);
      const id = lessonId(template.courseId, template.date, 12);
      const added = stampEveryPart(
        office.clock,
        {
          ...template,
          id,
          slot: 12,
          topic: '',
          homework: '',
          lessonType: 'regular',
          status: 'held',
          teacherId: 'staff-teacher',
          workTypeId: null,
          entries: {},
        },
        'staff-teacher',
        [...COLLECTIONS.lessons.identity],
      );
      await office.collections.lessons!.insert(added);
      await waitFor(async () => (await home.lesson(id)) !== null, 'the added lesson at home');

      // Offline, the office removes it; meanwhile a mark is typed into it at home.
      await office.disconnect();
      await (await office.collections.lessons!.findOne(id).exec())!.remove();
      const entry = {
        attendance: null,
        marks: [{ value: '4', workTypeId: 'wt-oral', comment: '' }],
      };
      await (await home.collections.lessons!.findOne(id).exec())!.incrementalModify(
        (data: Lesson) =>
          setPart(data, `entries.${studentId}`, entry, {
            at: home.clock.tick(),
            by: 'staff-teacher',
          }),
      );
      await waitFor(
        async () =>
          Object.keys((await storedState(server, 'lessons', id)).entries as object).length > 0,
        'the mark on the server',
      );

      // Back online: the deletion meets the marked lesson; the server refuses it and the office
      // adopts the server's lesson — the colleague's mark is not hidden by the removal.
      await office.connect(server.url, logins.teacher.token);
      await waitFor(
        async () => (await office.lesson(id)) !== null,
        'the lesson back at the office',
      );
      const back = (await office.lesson(id)) as unknown as Lesson & { _deleted: boolean };
      expect(back._deleted).toBe(false);
      expect(back.entries[studentId]?.marks.map((m) => m.value)).toEqual(['4']);
      expect(office.refused).toContain(id);
      const stored = await storedState(server, 'lessons', id);
      expect(stored._deleted).toBe(false);
      expect((stored as unknown as Lesson).entries[studentId]?.marks.map((m) => m.value)).toEqual([
        '4',
      ]);
      expect((await home.lesson(id))?._deleted).toBe(false);
    },
  );
});

function staffName(id: string): string {
  const s = server.school.staff.find((x) => x.id === id)!;
  return [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');
}

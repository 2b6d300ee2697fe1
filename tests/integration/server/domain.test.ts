// The journal's domain on the server: per-part rights, closed periods, forged stamps, identity
// fields, SQL metacharacters, server-side merge, and what each person may read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import type { Lesson } from '../../../shared/lesson';
import type { PeriodMarks } from '../../../shared/period-mark';
import {
  clockFor,
  edit,
  signInDemoStaff,
  startDomainServer,
  state,
  storedState,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, pull, push } from './helpers';

let server: DomainServer;
let teacher: Login;
let classTeacher: Login;
let deputy: Login;
let novice: Login;
let admin: Login;

const q = (p: string) => encodeURIComponent(p);

beforeAll(async () => {
  server = await startDomainServer();
  ({ teacher, classTeacher, deputy, novice, admin } = await signInDemoStaff(server));
});

afterAll(async () => {
  await server?.close();
});

function period(kind: string, n: number) {
  const p = server.school.periods.find((x) => x.kind === kind && x.number === n);
  if (!p) throw new Error(`no period ${kind} ${n}`);
  return p;
}

/** A lesson of a course taught by `teacherId`, in an open (q4) or closed (q1) quarter. */
function lessonOf(teacherId: string, open: boolean): Lesson {
  const courses = new Set(
    server.school.courses.filter((c) => c.teacherId === teacherId).map((c) => c.id),
  );
  const range = open ? period('quarter', 4) : period('quarter', 1);
  const lesson = server.school.lessons.find(
    (l) =>
      courses.has(l.courseId) &&
      l.date >= range.start &&
      l.date <= range.end &&
      server.school.classes.find((c) => c.id === l.classId)?.periodScheme === 'quarters',
  );
  if (!lesson) throw new Error(`no lesson of ${teacherId}`);
  return lesson;
}

function current(collection: string, id: string): Promise<DocState> {
  return storedState(server, collection, id);
}

async function change(who: Login, collection: string, before: DocState, after: object) {
  return push(server, who.token, collection, [
    { assumedMasterState: before, newDocumentState: state(after) },
  ]);
}

describe('rights per changed part', () => {
  it('accepts a teacher’s edit of their own lesson and records it per part', async () => {
    const lesson = lessonOf('staff-teacher', true);
    const before = await current('lessons', lesson.id);
    const edited = edit(
      before as unknown as Lesson,
      'topic',
      'Повторение: контурные карты',
      'staff-teacher',
    );
    expect(await change(teacher, 'lessons', before, edited)).toEqual([]);
    const after = await current('lessons', lesson.id);
    expect(after.topic).toBe('Повторение: контурные карты');
    const history = await api(
      server,
      'GET',
      `/api/v1/history/lessons/${lesson.id}?path=topic`,
      undefined,
      teacher.token,
    );
    expect(history.status).toBe(200);
    const entries = (
      history.body as {
        entries: {
          kind: string;
          before: unknown;
          after: unknown;
          who: { name: string | null; login: string | null };
          device: { name: string | null };
        }[];
      }
    ).entries;
    const last = entries[entries.length - 1]!;
    expect(last).toMatchObject({
      kind: 'write',
      before: lesson.topic,
      after: 'Повторение: контурные карты',
    });
    expect(last.who.login).toBe('teacher');
    expect(last.who.name).toMatch(/\S+ \S+/);
    expect(last.device.name).toBe('Кабинет 21');
  });

  it('refuses another teacher’s course with a Russian reason, records it and lists it in refusals/mine', async () => {
    const lesson = lessonOf('staff-class-teacher', true);
    const before = await current('lessons', lesson.id);
    const edited = edit(before as unknown as Lesson, 'homework', 'чужое задание', 'staff-teacher');
    const answer = await change(teacher, 'lessons', before, edited);
    expect(answer).toEqual([before]);
    expect((await current('lessons', lesson.id)).homework).toBe(before.homework);
    const mine = await api(server, 'GET', '/api/v1/refusals/mine', undefined, teacher.token);
    const list = (mine.body as { refusals: { reason: string; docId: string; device: string }[] })
      .refusals;
    expect(list[0]).toMatchObject({
      reason: 'Вы не ведёте этот курс и не заменяете на этом уроке',
      docId: lesson.id,
      device: 'Кабинет 21',
    });
    // Another user's refusals are not theirs to see.
    const others = await api(server, 'GET', '/api/v1/refusals/mine', undefined, deputy.token);
    expect((others.body as { refusals: unknown[] }).refusals).toEqual([]);
  });

  it('refuses a stamp forged for someone else', async () => {
    const lesson = lessonOf('staff-teacher', true);
    const before = await current('lessons', lesson.id);
    const forged = edit(before as unknown as Lesson, 'topic', 'подделка', 'staff-class-teacher');
    expect(await change(teacher, 'lessons', before, forged)).toEqual([before]);
    const refusal = await server.db.query(
      'SELECT reason FROM refusals WHERE doc_id = $1 ORDER BY id DESC LIMIT 1',
      [lesson.id],
    );
    expect(String(refusal.rows[0]!.reason)).toContain(
      'подписано другим сотрудником (staff-class-teacher)',
    );
  });

  it('the class teacher moves their own student out; nobody else may', async () => {
    const led = server.school.classes.find((c) => c.classTeacherId === 'staff-class-teacher')!;
    const other = server.school.classes.find((c) => c.id !== led.id)!;
    const [mine, second] = server.school.students.filter((s) => s.classId === led.id);
    const foreign = server.school.students.find((s) => s.classId === other.id)!;

    // A subject teacher may not, even for a student they teach.
    const before = await current('students', mine!.id);
    const left = edit(before as never, 'status', 'left', 'staff-teacher');
    // Refused: the server's state comes back (without personal parts, which this teacher may not see).
    const refused = await change(teacher, 'students', before, left);
    expect(refused.map((d) => [d.id, d.status])).toEqual([[mine!.id, 'active']]);
    const refusal = await server.db.query('SELECT reason FROM refusals ORDER BY id DESC LIMIT 1');
    expect(String(refusal.rows[0]!.reason)).toContain('классный руководитель его класса');

    // The class teacher marks one student as left and transfers another to a class they don't lead.
    const leftByClassTeacher = edit(before as never, 'status', 'left', 'staff-class-teacher');
    expect(await change(classTeacher, 'students', before, leftByClassTeacher)).toEqual([]);
    expect((await current('students', mine!.id)).status).toBe('left');
    const secondBefore = await current('students', second!.id);
    // With the movement's date and order (the class teacher's «Выбытие из класса» writes both parts).
    const movement = {
      kind: 'transfer',
      date: '2026-11-30',
      orderNumber: '45-у',
      fromClassId: led.id,
      toClassId: other.id,
    };
    const moved = edit(
      edit(secondBefore as never, 'classId', other.id, 'staff-class-teacher'),
      'movements',
      [movement],
      'staff-class-teacher',
    );
    expect(await change(classTeacher, 'students', secondBefore, moved)).toEqual([]);
    expect((await current('students', second!.id)).classId).toBe(other.id);
    expect((await current('students', second!.id)).movements).toEqual([movement]);

    // But cannot take a student of another class into theirs.
    const foreignBefore = await current('students', foreign.id);
    const taken = edit(foreignBefore as never, 'classId', led.id, 'staff-class-teacher');
    const kept = await change(classTeacher, 'students', foreignBefore, taken);
    expect(kept.map((d) => [d.id, d.classId])).toEqual([[foreign.id, other.id]]);
    expect((await current('students', foreign.id)).classId).toBe(other.id);
  });

  it('never changes identity fields', async () => {
    const lesson = lessonOf('staff-teacher', true);
    const before = await current('lessons', lesson.id);
    expect(await change(teacher, 'lessons', before, { ...before, slot: 7 })).toEqual([before]);
    const refusal = await server.db.query('SELECT reason FROM refusals ORDER BY id DESC LIMIT 1');
    expect(String(refusal.rows[0]!.reason)).toBe(
      'Поле «slot» задаётся при создании и не изменяется',
    );
  });

  it('a closed period is read-only until the deputy reopens it', async () => {
    const lesson = lessonOf('staff-teacher', false);
    const before = await current('lessons', lesson.id);
    const edited = edit(before as unknown as Lesson, 'topic', 'поздняя правка', 'staff-teacher');
    expect(await change(teacher, 'lessons', before, edited)).toEqual([before]);
    const mine = await api(
      server,
      'GET',
      '/api/v1/refusals/mine?limit=1',
      undefined,
      teacher.token,
    );
    expect((mine.body as { refusals: { reason: string }[] }).refusals[0]!.reason).toBe(
      'Период «I четверть» закрыт: изменения не приняты',
    );
    // Even the deputy's correction waits for the reopening; period marks are locked too.
    const marksId = server.school.periodMarks.find(
      (m) => m.periodId === period('quarter', 1).id && m.courseId === lesson.courseId,
    )!.id;
    const marks = await current('periodMarks', marksId);
    const studentId = Object.keys((marks as unknown as PeriodMarks).marks)[0]!;
    const entry = (marks as unknown as PeriodMarks).marks[studentId]!;
    const newMarks = edit(
      marks as unknown as PeriodMarks,
      `marks.${studentId}`,
      { ...entry, comment: 'исправлено' },
      'staff-deputy',
    );
    expect(await change(deputy, 'periodMarks', marks, newMarks)).toEqual([marks]);
    // Only the deputy closes and reopens.
    const q1 = await current('periods', period('quarter', 1).id);
    const byTeacher = edit(q1 as never, 'closed', false, 'staff-teacher');
    expect(await change(teacher, 'periods', q1, byTeacher)).toEqual([q1]);
    const reopened = edit(q1 as never, 'closed', false, 'staff-deputy');
    expect(await change(deputy, 'periods', q1, reopened)).toEqual([]);
    expect(await change(teacher, 'lessons', before, edited)).toEqual([]);
    expect(await change(deputy, 'periodMarks', marks, newMarks)).toEqual([]);
  });

  it('stores SQL metacharacters in every text field of a lesson verbatim', async () => {
    const nasty =
      `'); DROP TABLE documents; -- "quoted" \\ backslash $1 %_ ; SELECT * FROM accounts /* ` +
      '\u0000'.replace('\u0000', 'NUL') +
      ' ё';
    const lesson = lessonOf('staff-teacher', true);
    let doc = (await current('lessons', lesson.id)) as unknown as Lesson;
    const before = state(doc);
    const clock = clockFor('sql', doc);
    doc = edit(doc, 'topic', nasty, 'staff-teacher', clock);
    doc = edit(doc, 'homework', nasty + ' дз', 'staff-teacher', clock);
    const studentId = Object.keys(doc.entries)[0]!;
    doc = edit(
      doc,
      `entries.${studentId}`,
      { attendance: null, marks: [{ value: '5', workTypeId: 'wt-oral', comment: nasty }] },
      'staff-teacher',
      clock,
    );
    expect(await change(teacher, 'lessons', before, doc)).toEqual([]);
    const stored = (await current('lessons', lesson.id)) as unknown as Lesson;
    expect(stored.topic).toBe(nasty);
    expect(stored.homework).toBe(nasty + ' дз');
    expect(stored.entries[studentId]!.marks[0]!.comment).toBe(nasty);
    const count = await server.db.query(`SELECT count(*)::int AS n FROM documents`);
    expect(Number(count.rows[0]!.n)).toBeGreaterThan(1000);
  });

  it('merges concurrent edits per part on the server and keeps the loser in the audit log', async () => {
    const lesson = lessonOf('staff-teacher', true);
    const base = (await current('lessons', lesson.id)) as unknown as Lesson;
    const studentId = Object.keys(base.entries)[1]!;
    const older = clockFor('dev1', base);
    const newer = clockFor('dev2', base);
    const mineFirst = older.tick();
    newer.tick();
    const deputyEdit = setEntry(base, studentId, '4', newer.tick(), 'staff-deputy');
    const teacherEdit = setEntry(base, studentId, '3', mineFirst, 'staff-teacher');
    const withHomework = edit(teacherEdit, 'homework', 'параграф 12', 'staff-teacher', older);
    expect(await change(deputy, 'lessons', state(base), deputyEdit)).toEqual([]);
    // The teacher pushes from the same (now outdated) base: homework is kept, the mark loses.
    const answer = await change(teacher, 'lessons', state(base), withHomework);
    const merged = (await current('lessons', lesson.id)) as unknown as Lesson;
    expect(answer).toEqual([state(merged)]);
    expect(merged.homework).toBe('параграф 12');
    expect(merged.entries[studentId]!.marks[0]!.value).toBe('4');
    const history = await api(
      server,
      'GET',
      `/api/v1/history/lessons/${lesson.id}?path=${q(`entries.${studentId}`)}`,
      undefined,
      deputy.token,
    );
    const entries = (
      history.body as {
        entries: {
          superseded: {
            value: { marks: { value: string }[] };
            from: string;
            stamp: { by: string };
          }[];
        }[];
      }
    ).entries;
    const lost = entries.flatMap((e) => e.superseded);
    expect(lost).toContainEqual(
      expect.objectContaining({
        from: 'client',
        stamp: expect.objectContaining({ by: 'staff-teacher' }),
      }),
    );
    expect(lost.find((s) => s.from === 'client')!.value.marks[0]!.value).toBe('3');
  });
});

function setEntry(doc: Lesson, studentId: string, value: string, at: string, by: string): Lesson {
  return {
    ...doc,
    entries: {
      ...doc.entries,
      [studentId]: {
        attendance: null,
        marks: [{ value: value as never, workTypeId: 'wt-oral', comment: '' }],
      },
    },
    stamps: { ...doc.stamps, [`entries.${studentId}`]: { at, by } },
  };
}

describe('read scope', () => {
  it('a teacher pulls only the classes they teach; other classes’ personal data is stripped', async () => {
    const taught = new Set(
      server.school.courses.filter((c) => c.teacherId === 'staff-teacher').map((c) => c.classId),
    );
    const page = await pull(server, teacher.token, 'lessons', null, 1000);
    expect(page.checkpoint).toHaveProperty('scope');
    expect(page.documents.every((d) => taught.has(String(d.classId)))).toBe(true);
    const students = await pull(server, classTeacher.token, 'students', null, 1000);
    const led = new Set(
      server.school.classes
        .filter((c) => c.classTeacherId === 'staff-class-teacher')
        .map((c) => c.id),
    );
    for (const s of students.documents) {
      if (led.has(String(s.classId))) continue;
      expect(s.birthDate).toBe('');
      expect(s.guardians).toEqual({});
    }
    expect(
      students.documents.some(
        (s) => led.has(String(s.classId)) && Object.keys(s.guardians as object).length > 0,
      ),
    ).toBe(true);
    expect((await pull(server, teacher.token, 'consents', null, 1000)).documents).toEqual([]);
    const own = await pull(server, classTeacher.token, 'consents', null, 1000);
    expect(own.documents.length).toBeGreaterThan(0);
    expect(own.documents.every((c) => led.has(String(c.classId)))).toBe(true);
    // The deputy sees everything, unstripped.
    expect((await pull(server, deputy.token, 'students', null, 1000)).documents).toHaveLength(
      server.school.students.length,
    );
  });

  it('a newly assigned course restarts the pull from the beginning (scope in the checkpoint)', async () => {
    const first = await pull(server, novice.token, 'lessons', null, 1000);
    expect(first.documents).toEqual([]);
    const course = server.school.courses.find((c) => c.teacherId === 'staff-class-teacher')!;
    // A course goes only to a member of the staff (the set-up checks refuse anyone else).
    const stamp = { at: clockFor('admin').tick(), by: 'account:admin' };
    const staffDoc = {
      id: 'staff-novice',
      stamps: Object.fromEntries(
        ['lastName', 'firstName', 'middleName', 'position', 'roles', 'active'].map((f) => [
          f,
          stamp,
        ]),
      ),
      lastName: 'Новикова',
      firstName: 'Ксения',
      middleName: 'Олеговна',
      position: 'учитель',
      roles: ['teacher'],
      active: true,
    };
    expect(
      await push(server, admin.token, 'staff', [{ newDocumentState: state(staffDoc) }]),
    ).toEqual([]);
    const before = await current('courses', course.id);
    const assigned = edit(before as never, 'teacherId', 'staff-novice', 'staff-deputy');
    expect(await change(deputy, 'courses', before, assigned)).toEqual([]);
    const again = await pull(server, novice.token, 'lessons', first.checkpoint, 1000);
    expect(again.checkpoint.scope).not.toBe(first.checkpoint.scope);
    expect(again.documents.length).toBeGreaterThan(0);
    expect(again.documents.every((d) => d.classId === course.classId)).toBe(true);
    // The novice now writes the course; the previous teacher no longer does.
    const lesson = server.school.lessons.find(
      (l) => l.courseId === course.id && l.date >= period('quarter', 4).start,
    )!;
    const doc = await current('lessons', lesson.id);
    expect(
      await change(
        novice,
        'lessons',
        doc,
        edit(doc as never, 'topic', 'Новая тема', 'staff-novice'),
      ),
    ).toEqual([]);
  });

  it('a substitute appointed by the deputy writes the lesson they hold, but cannot reassign it', async () => {
    const lesson = lessonOf('staff-teacher', true);
    const doc = await current('lessons', lesson.id);
    const sub = await server.login('substitute', 'staff-0002', ['teacher']);
    const edited = edit(doc as never, 'topic', 'замена', 'staff-0002');
    // Not yet appointed, they may not read the lesson: it is answered as one that does not exist.
    expect(await change(sub, 'lessons', doc, edited)).toEqual([
      { ...(edited as object), _deleted: true },
    ]);
    const appointed = edit(doc as never, 'teacherId', 'staff-0002', 'staff-deputy');
    expect(await change(deputy, 'lessons', doc, appointed)).toEqual([]);
    const held = await current('lessons', lesson.id);
    expect(
      await change(sub, 'lessons', held, edit(held as never, 'topic', 'замена', 'staff-0002')),
    ).toEqual([]);
    const back = await current('lessons', lesson.id);
    expect(
      await change(
        sub,
        'lessons',
        back,
        edit(back as never, 'teacherId', 'staff-0002', 'staff-0002'),
      ),
    ).toEqual([back]);
  });
});

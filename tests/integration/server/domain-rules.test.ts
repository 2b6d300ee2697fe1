// The journal rules the desktop and the server share (shared/lesson-rights.ts, entry-rules.ts),
// checked on the server over HTTP: an absent student gets no mark, a substitute writes only the
// lesson they hold and adds no lesson and no period mark — each refused with its Russian reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import type { Lesson, LessonEntry } from '../../../shared/lesson';
import { lessonId } from '../../../shared/lesson-id';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { Student } from '../../../shared/student';
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
import { api, push } from './helpers';

let server: DomainServer;
let teacher: Login;
let deputy: Login;
let substitute: Login;
let classTeacher: Login;

beforeAll(async () => {
  server = await startDomainServer();
  ({ teacher, deputy, classTeacher } = await signInDemoStaff(server));
  substitute = await server.login('substitute', 'staff-0002', ['teacher']);
});

afterAll(async () => {
  await server?.close();
});

/** The open fourth quarter of the classes on quarters. */
function q4() {
  const p = server.school.periods.find((x) => x.kind === 'quarter' && x.number === 4);
  if (!p) throw new Error('no fourth quarter');
  return p;
}

/** Lessons of one course of `teacherId` in the open quarter, and a student of its class. */
function courseInQ4(teacherId: string): { lessons: Lesson[]; studentId: string } {
  const { start, end } = q4();
  const onQuarters = new Set(
    server.school.classes.filter((c) => c.periodScheme === 'quarters').map((c) => c.id),
  );
  const course = server.school.courses.find(
    (c) => c.teacherId === teacherId && c.groupId === null && onQuarters.has(c.classId),
  );
  if (!course) throw new Error(`no course of ${teacherId}`);
  const lessons = server.school.lessons.filter(
    (l) => l.courseId === course.id && l.date >= start && l.date <= end,
  );
  const student = server.school.students.find((s) => s.classId === course.classId);
  if (lessons.length < 2 || !student) throw new Error('course too small');
  return { lessons, studentId: student.id };
}

function current(collection: string, id: string): Promise<DocState> {
  return storedState(server, collection, id);
}

async function change(who: Login, collection: string, before: DocState | null, after: object) {
  return push(server, who.token, collection, [
    { assumedMasterState: before, newDocumentState: state(after) },
  ]);
}

/** Pushes `doc` as a tombstone (RxDB's remove()). */
async function remove(who: Login, before: DocState) {
  return push(server, who.token, 'lessons', [
    { assumedMasterState: before, newDocumentState: state(before, true) },
  ]);
}

async function lastRefusal(who: Login): Promise<{ reason: string; docId: string | null }> {
  const res = await api(server, 'GET', '/api/v1/refusals/mine?limit=1', undefined, who.token);
  return (res.body as { refusals: { reason: string; docId: string | null }[] }).refusals[0]!;
}

const mark = (value: '5' | '4') => ({ value, workTypeId: 'oral', comment: '' });

describe('an absent student gets no mark', () => {
  it('refuses a mark beside an absence code, in Russian, and keeps the stored cell', async () => {
    const { lessons, studentId } = courseInQ4('staff-teacher');
    const lesson = lessons[0]!;
    const before = await current('lessons', lesson.id);
    const entry: LessonEntry = { marks: [mark('5')], attendance: 'н' };
    const answer = await change(
      teacher,
      'lessons',
      before,
      edit(before as unknown as Lesson, `entries.${studentId}`, entry, 'staff-teacher'),
    );
    expect(answer).toEqual([before]);
    expect((await current('lessons', lesson.id)).entries).toEqual(before.entries);
    expect(await lastRefusal(teacher)).toEqual(
      expect.objectContaining({
        reason: 'Ученик отмечен как отсутствующий («н»): отметку поставить нельзя',
        docId: lesson.id,
      }),
    );
  });

  it('counts a code the school does not know as an absence, and lateness as presence', async () => {
    const { lessons, studentId } = courseInQ4('staff-teacher');
    const lesson = lessons[1]!;
    const before = await current('lessons', lesson.id);
    const unknown = edit(
      before as unknown as Lesson,
      `entries.${studentId}`,
      { marks: [mark('4')], attendance: 'ж' },
      'staff-teacher',
    );
    expect(await change(teacher, 'lessons', before, unknown)).toEqual([before]);
    expect((await lastRefusal(teacher)).reason).toBe(
      'Ученик отмечен как отсутствующий («ж»): отметку поставить нельзя',
    );
    const late = edit(
      before as unknown as Lesson,
      `entries.${studentId}`,
      { marks: [mark('4')], attendance: 'оп' },
      'staff-teacher',
    );
    expect(await change(teacher, 'lessons', before, late)).toEqual([]);
    const stored = (await current('lessons', lesson.id)) as unknown as Lesson;
    expect(stored.entries[studentId]).toEqual({ marks: [mark('4')], attendance: 'оп' });
  });
});

describe('a substitute', () => {
  it('writes the lesson they hold, not another lesson of the course, and adds none', async () => {
    const { lessons, studentId } = courseInQ4('staff-teacher');
    const [held, other] = [lessons[2]!, lessons[3] ?? lessons[0]!];
    const doc = await current('lessons', held.id);
    const appointed = edit(doc as never, 'teacherId', 'staff-0002', 'staff-deputy');
    expect(await change(deputy, 'lessons', doc, appointed)).toEqual([]);

    const mine = await current('lessons', held.id);
    const entry: LessonEntry = { marks: [mark('5')], attendance: null };
    const clock = clockFor('sub', mine as unknown as Lesson);
    expect(
      await change(
        substitute,
        'lessons',
        mine,
        edit(mine as never, `entries.${studentId}`, entry, 'staff-0002', clock),
      ),
    ).toEqual([]);

    // Another lesson of the class: they may not read it, so it is answered as one that does not
    // exist (a tombstone of what they sent), judged as an insert signed by its teachers.
    const notHeld = await current('lessons', other.id);
    const sent = edit(notHeld as never, 'homework', 'чужое задание', 'staff-0002', clock);
    const answer = await change(substitute, 'lessons', notHeld, sent);
    expect(answer).toEqual([{ ...(sent as object), _deleted: true }]);
    expect(await lastRefusal(substitute)).toEqual(
      expect.objectContaining({
        reason: expect.stringMatching(/^Изменение подписано другим сотрудником/),
        docId: other.id,
      }),
    );

    // A new lesson of the course: only the course teacher and the deputy add one.
    const at = clock.tick();
    const fields = ['topic', 'homework', 'lessonType', 'status', 'teacherId', 'workTypeId'];
    const fresh: Lesson = {
      ...(mine as unknown as Lesson),
      id: `${held.courseId}:${held.date}:11`,
      slot: 11,
      teacherId: 'staff-0002',
      topic: '',
      homework: '',
      entries: {},
      stamps: Object.fromEntries(fields.map((f) => [f, { at, by: 'staff-0002' }])),
    };
    await change(substitute, 'lessons', null, fresh);
    expect(await lastRefusal(substitute)).toEqual(
      expect.objectContaining({ reason: 'Вы не ведёте этот курс', docId: fresh.id }),
    );
    const exists = await server.db.query(
      "SELECT 1 FROM documents WHERE collection = 'lessons' AND id = $1",
      [fresh.id],
    );
    expect(exists.rows).toEqual([]);
  });

  it('sets no period mark of a course they only substitute in', async () => {
    const { lessons, studentId } = courseInQ4('staff-teacher');
    const doc = server.school.periodMarks.find(
      (m) => m.courseId === lessons[0]!.courseId && m.periodId === q4().id,
    );
    if (!doc) throw new Error('no period marks of the course in the fourth quarter');
    const before = await current('periodMarks', doc.id);
    const entry = {
      value: '5',
      proposed: null,
      average: null,
      deferral: null,
      comment: '',
    };
    const sent = edit(before as unknown as PeriodMarks, `marks.${studentId}`, entry, 'staff-0002');
    const answer = await change(substitute, 'periodMarks', before, sent);
    // They read no period marks of the class: answered as a document that does not exist.
    expect(answer).toEqual([{ ...sent, _deleted: true }]);
    expect((await lastRefusal(substitute)).reason).toMatch(
      /^Изменение подписано другим сотрудником/,
    );
  });
});

describe("the roster forms' content rules hold on the server too (shared/roster-checks)", () => {
  it('refuses a name with digits and an unnormalised phone; an unrelated edit of an old record passes', async () => {
    const led = server.school.classes.find((c) => c.classTeacherId === 'staff-class-teacher')!;
    const student = server.school.students.find((s) => s.classId === led.id)!;
    const before = await current('students', student.id);
    const bad = edit(before as unknown as Student, 'lastName', 'Иванов123', 'staff-class-teacher');
    expect(await change(classTeacher, 'students', before, bad)).toEqual([before]);
    expect((await lastRefusal(classTeacher)).reason).toBe(
      'Обучающийся, фамилия: В имени не должно быть цифр',
    );
    const [guardianId, guardian] = Object.entries(student.guardians)[0]!;
    const phone = edit(
      before as unknown as Student,
      `guardians.${guardianId}`,
      { ...guardian, phone: '9123456789' },
      'staff-class-teacher',
    );
    expect(await change(classTeacher, 'students', before, phone)).toEqual([before]);
    expect((await lastRefusal(classTeacher)).reason).toBe(
      'Родитель, телефон: запишите номер в виде +7 912 345-67-89',
    );
    // The same author, an acceptable change: stored.
    const fine = edit(
      before as unknown as Student,
      'address',
      'ул. Мира, 5',
      'staff-class-teacher',
    );
    expect(await change(classTeacher, 'students', before, fine)).toEqual([]);
    expect((await current('students', student.id)).address).toBe('ул. Мира, 5');
  });
});

describe('removing a lesson added by mistake', () => {
  it('removes an empty lesson; refuses one holding a mark, and a substitute', async () => {
    const { lessons, studentId } = courseInQ4('staff-teacher');
    // Two lessons added by mistake: 11th and 12th lessons of the quarter's first day, empty.
    const template = lessons[0]!;
    const empty: DocState[] = [];
    // The clock follows the stored lesson (the server pulled the demo's stamps back to its time).
    const stored = (await current('lessons', template.id)) as unknown as Lesson;
    for (const slot of [11, 12]) {
      const at = clockFor('test', stored).tick();
      const added = {
        ...template,
        id: lessonId(template.courseId, template.date, slot),
        slot,
        topic: '',
        homework: '',
        lessonType: 'regular',
        status: 'held',
        teacherId: 'staff-teacher',
        workTypeId: null,
        entries: {},
        stamps: Object.fromEntries(
          ['topic', 'homework', 'lessonType', 'status', 'teacherId', 'workTypeId'].map((f) => [
            f,
            { at, by: 'staff-teacher' },
          ]),
        ),
      };
      expect(await change(teacher, 'lessons', null, added)).toEqual([]);
      empty.push(await current('lessons', added.id));
    }
    // The substitute may not remove a lesson of a course they do not teach.
    const other = empty[0]!;
    const otherId = String(other.id);
    // (A class the substitute does not see: the push changes nothing and answers nothing.)
    await remove(substitute, other);
    expect((await current('lessons', otherId))._deleted).toBe(false);

    // The course teacher removes an empty one: a tombstone on the server.
    expect(await remove(teacher, other)).toEqual([]);

    expect((await current('lessons', otherId))._deleted).toBe(true);

    // A lesson with a mark stays, with the reason in Russian.
    const before = await current('lessons', String(empty[1]!.id));
    const marked = edit(
      before as unknown as Lesson,
      `entries.${studentId}`,
      { marks: [mark('5')], attendance: null },
      'staff-teacher',
    );
    expect(await change(teacher, 'lessons', before, marked)).toEqual([]);
    const withMark = await current('lessons', String(empty[1]!.id));
    expect(await remove(teacher, withMark)).toEqual([withMark]);
    expect((await lastRefusal(teacher)).reason).toBe(
      'Урок нельзя удалить: в нём есть 1 отметка. Такой урок можно только отменить',
    );
    expect((await current('lessons', String(empty[1]!.id)))._deleted).toBe(false);

    // A removed lesson is not brought back by a later push.
    const revived = state(other, false);
    expect(await change(teacher, 'lessons', await current('lessons', otherId), revived)).toEqual([
      expect.objectContaining({ id: otherId, _deleted: true }),
    ]);
  });
});

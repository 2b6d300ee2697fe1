// Identity fields are fixed whatever stamps arrive: stamping a lesson's course, class, date or slot
// (or a period-marks document's course) does not make them mergeable parts, so no teacher can move
// another teacher's lesson into their own course or switch another course's quarter marks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import { COLLECTIONS } from '../../../shared/collections';
import type { Lesson } from '../../../shared/lesson';
import type { PeriodMarks } from '../../../shared/period-mark';
import {
  clockFor,
  startDomainServer,
  state,
  storedOrNull,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { push } from './helpers';

let server: DomainServer;
let teacher: Login;

beforeAll(async () => {
  server = await startDomainServer();
  teacher = await server.login('teacher', 'staff-teacher', ['teacher']);
});

afterAll(async () => {
  await server?.close();
});

const stored = (collection: string, id: string) => storedOrNull(server, collection, id);

const q4 = () => server.school.periods.find((p) => p.kind === 'quarter' && p.number === 4)!;
const quarterly = (classId: string) =>
  server.school.classes.find((c) => c.id === classId)?.periodScheme === 'quarters';

/** Every given path stamped now, signed by staff-teacher, with the given values. */
function stampParts<T extends { stamps: Record<string, unknown> }>(
  doc: T,
  values: Record<string, unknown>,
): T {
  const clock = clockFor('attacker', doc as never);
  const stamps: Record<string, unknown> = { ...doc.stamps };
  for (const path of Object.keys(values)) stamps[path] = { at: clock.tick(), by: 'staff-teacher' };
  return { ...doc, ...values, stamps };
}

describe('identity fields', () => {
  it('a teacher cannot move another teacher’s lesson into their own course by stamping its identity', async () => {
    const mine = server.school.courses.find(
      (c) => c.teacherId === 'staff-teacher' && quarterly(c.classId),
    )!;
    const foreign = server.school.lessons.find((l) => {
      const course = server.school.courses.find((c) => c.id === l.courseId)!;
      return (
        course.teacherId !== 'staff-teacher' &&
        l.date >= q4().start &&
        l.teacherId !== 'staff-teacher'
      );
    })!;
    const before = (await stored('lessons', foreign.id))!;
    const studentId = server.school.students.find((s) => s.classId === mine.classId)!.id;
    const moved = stampParts(before as unknown as Lesson, {
      courseId: mine.id,
      classId: mine.classId,
      date: q4().start,
      slot: 7,
      topic: 'Захвачено',
      [`entries.${studentId}`]: {
        attendance: null,
        marks: [{ value: '5', workTypeId: 'wt-oral', comment: '' }],
      },
    });
    // The values of per-key parts live in their record.
    const sent = {
      ...moved,
      entries: {
        ...(before.entries as object),
        [studentId]: moved[`entries.${studentId}` as never],
      },
    } as Record<string, unknown>;
    delete sent[`entries.${studentId}`];
    await push(server, teacher.token, 'lessons', [
      { assumedMasterState: before, newDocumentState: state(sent) },
    ]);
    expect(await stored('lessons', foreign.id)).toEqual(before);
    const refusal = await server.db.query(
      'SELECT reason FROM refusals WHERE doc_id = $1 ORDER BY id DESC LIMIT 1',
      [foreign.id],
    );
    expect(refusal.rows).toHaveLength(1);
  });

  it('refuses a different identity value even when stamped, naming the field', async () => {
    const lesson = server.school.lessons.find((l) => {
      const course = server.school.courses.find((c) => c.id === l.courseId)!;
      return course.teacherId === 'staff-teacher' && quarterly(l.classId) && l.date >= q4().start;
    })!;
    const before = (await stored('lessons', lesson.id))!;
    for (const [field, value] of [
      ['slot', 9],
      ['date', q4().end],
      ['classId', 'cl-09-a'],
    ] as const) {
      const sent = stampParts(before as unknown as Lesson, { [field]: value });
      const answer = await push(server, teacher.token, 'lessons', [
        { assumedMasterState: before, newDocumentState: state(sent) },
      ]);
      expect(answer, field).toEqual([before]);
      const refusal = await server.db.query(
        'SELECT reason FROM refusals WHERE doc_id = $1 ORDER BY id DESC LIMIT 1',
        [lesson.id],
      );
      expect(String(refusal.rows[0]!.reason)).toBe(
        `Поле «${field}» задаётся при создании и не изменяется`,
      );
    }
    expect(await stored('lessons', lesson.id)).toEqual(before);
  });

  it('strips stamps on identity fields with unchanged values and stores the edit without them', async () => {
    const lesson = server.school.lessons.find((l) => {
      const course = server.school.courses.find((c) => c.id === l.courseId)!;
      return (
        course.teacherId === 'staff-teacher' &&
        quarterly(l.classId) &&
        l.date >= q4().start &&
        l.id !== undefined
      );
    })!;
    const before = (await stored('lessons', lesson.id))! as unknown as Lesson & DocState;
    const sent = stampParts(before, {
      courseId: before.courseId,
      date: before.date,
      topic: 'Тема с лишними отметками',
    });
    const answer = await push(server, teacher.token, 'lessons', [
      { assumedMasterState: before, newDocumentState: state(sent) },
    ]);
    const after = (await stored('lessons', lesson.id))!;
    expect(after.topic).toBe('Тема с лишними отметками');
    const stamps = Object.keys(after.stamps as object);
    for (const field of COLLECTIONS.lessons.identity) expect(stamps).not.toContain(field);
    // What was stored differs from what was sent (the stamps are gone): the client adopts it.
    expect(answer).toEqual([after]);
  });

  it('a teacher cannot change another course’s period marks by switching courseId', async () => {
    const mine = server.school.courses.find(
      (c) => c.teacherId === 'staff-teacher' && quarterly(c.classId),
    )!;
    const q4id = q4().id;
    const foreign = server.school.periodMarks.find((m) => {
      const course = server.school.courses.find((c) => c.id === m.courseId)!;
      return (
        course.teacherId !== 'staff-teacher' && m.periodId === q4id && m.classId === mine.classId
      );
    })!;
    const before = (await stored('periodMarks', foreign.id))! as unknown as PeriodMarks & DocState;
    const studentId =
      Object.keys(before.marks)[0] ??
      server.school.students.find((s) => s.classId === mine.classId)!.id;
    const clock = clockFor('attacker', before);
    const at = { at: clock.tick(), by: 'staff-teacher' };
    const sent = {
      ...before,
      courseId: mine.id,
      marks: {
        ...before.marks,
        [studentId]: { value: '2', proposed: null, average: null, deferral: null, comment: '' },
      },
      stamps: { ...before.stamps, courseId: at, [`marks.${studentId}`]: at },
    };
    await push(server, teacher.token, 'periodMarks', [
      { assumedMasterState: before, newDocumentState: state(sent) },
    ]);
    expect(await stored('periodMarks', foreign.id)).toEqual(before);
    // Nor can the teacher file the same marks under their own course with the foreign id.
    const copy = { ...sent, id: foreign.id, courseId: mine.id };
    await push(server, teacher.token, 'periodMarks', [{ newDocumentState: state(copy) }]);
    expect(await stored('periodMarks', foreign.id)).toEqual(before);
  });
});

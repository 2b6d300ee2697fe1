// The year transition over real HTTP on the demo school: the deputy applies a reviewed plan (two
// pupils of 5А kept back, one promoted conditionally with a debt in mathematics, the 9th
// graduates), next year's 6А has the right roster, curriculum and a draft timetable, the debt is a
// deferred mark in the new year, and then the finished year is read-only on every write path —
// push, the engine's import kind, a set-up operation, the school card, a second transition — and a
// desktop that was offline across the transition gets its unsent edit refused visibly. Then the
// deputy puts next year's draft timetables in force (6А gets its lessons, teachers kept), and the
// transition is undone while the new year is not opened — the documents are as before it, the
// plan applies again — and refused once a mark is entered in the new year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocState } from '../../../server/sync/collections';
import type { Course } from '../../../shared/course';
import type { Lesson } from '../../../shared/lesson';
import { setPart } from '../../../shared/merge';
import type { PeriodMarks } from '../../../shared/period-mark';
import type { School } from '../../../shared/school';
import type { SchoolClass } from '../../../shared/school-class';
import type { Student } from '../../../shared/student';
import type { Timetable } from '../../../shared/timetable';
import type {
  YearTransitionPlan,
  YearTransitionResult,
  YearUndoResult,
} from '../../../shared/year-end/plan';
import type { PublishTimetablesResult } from '../../../shared/school-setup-api';
import { addDays, formatDate, isoWeekday } from '../../../shared/dates';
import { timetableAt } from '../../../shared/timetable';
import { proposePlan } from '../../../shared/year-end/propose-plan';
import { PendingChanges } from '../../../renderer/sync/pending-changes';
import { startCollectionReplication } from '../../../renderer/sync/replication';
import { createClock } from '../../../shared/hlc';
import { openDesktop, type Desktop } from './desktop';
import {
  clockFor,
  startDomainServer,
  state,
  storedState,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, push, refusalReasons } from './helpers';

const CLOSED = 'Учебный год 2026/2027 закрыт: изменения не приняты';
const ORDER = { number: '112-о', date: '2027-06-20' };

let server: DomainServer;
let deputy: Login;
let mathTeacher: Login;
let desktop: Desktop;
let plan: YearTransitionPlan;
let keptBack: string[];
let conditional: string;
let offlineLessonId: string;
let offlineTopic: string;
/** Every live document before the transition, stamps left out. */
let beforeTransition: Map<string, unknown>;

/** Every live document by collection/id, without stamps (what the undo must give back). */
async function liveDocuments(): Promise<Map<string, unknown>> {
  const r = await server.db.query('SELECT collection, id, doc FROM documents WHERE NOT deleted');
  return new Map(
    r.rows.map((row) => {
      const { stamps: _s, ...doc } = row.doc as Record<string, unknown>;
      return [`${String(row.collection)}/${String(row.id)}`, doc];
    }),
  );
}

/** Keys whose documents differ between two states (absent on one side included). */
function differences(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k))).sort();
}

async function docs<T>(collection: string): Promise<T[]> {
  const r = await server.db.query(
    'SELECT doc FROM documents WHERE collection = $1 AND NOT deleted',
    [collection],
  );
  return r.rows.map((row) => row.doc as T);
}

beforeAll(async () => {
  // The school's date: after the year's end, before the next one starts.
  server = await startDomainServer({ server: { today: () => '2027-06-25' } });
  const s = server.school;
  const math5 = s.courses.find((c) => c.classId === 'cl-05-a' && c.subjectId === 'math')!;
  deputy = await server.login('deputy', 'staff-deputy', ['deputy']);
  mathTeacher = await server.login('math5', math5.teacherId, ['teacher'], 'Кабинет 5');

  // A teacher's desktop replicates, then goes offline and edits a lesson of the old 5А.
  desktop = await openDesktop('math5');
  await desktop.connect(server.url, mathTeacher.token);
  const lesson = s.lessons.find((l) => l.courseId === math5.id && l.date === '2027-05-20')!;
  offlineLessonId = lesson.id;
  await desktop.disconnect();
  const local = (await desktop.collections.lessons!.findOne(lesson.id).exec())!;
  offlineTopic = 'Повторение: дроби (после закрытия года)';
  await local.incrementalModify((doc: Record<string, unknown>) => {
    const stored = doc as unknown as Lesson;
    return setPart(stored, 'topic', offlineTopic, {
      at: clockFor('math5.desktop', stored).tick(),
      by: math5.teacherId,
    }) as unknown as Record<string, unknown>;
  });

  // The deputy's plan: proposed, then reviewed — a new empty 5А for those kept back, every
  // promotion plain except three, 9А graduates.
  const fifth = s.students
    .filter((st) => st.classId === 'cl-05-a' && st.status === 'active')
    .map((st) => st.id)
    .sort();
  keptBack = fifth.slice(0, 2);
  conditional = fifth[2]!;
  plan = proposePlan({ ...s, order: ORDER });
  const new5 = {
    id: `${plan.nextYear.id}:cls-5-1`,
    grade: 5,
    letter: 'А',
    name: '5А',
    periodScheme: 'quarters' as const,
    // The class teacher of the graduating 9А takes the new 5А.
    classTeacherId: 'staff-0003',
    fromClassId: null,
    groups: [],
  };
  plan.classes.push(new5);
  const next6 = plan.classes.find((c) => c.fromClassId === 'cl-05-a')!;
  const firstQuarterEnd = plan.periods.find((p) => p.kind === 'quarter' && p.number === 1)!.end;
  plan.movements = plan.movements.map((m) => {
    const to = plan.classes.find(
      (c) => c.fromClassId === s.students.find((x) => x.id === m.studentId)!.classId,
    );
    if (keptBack.includes(m.studentId))
      return { ...m, kind: 'keptBack', toClassId: new5.id, debts: [] };
    if (m.studentId === conditional) {
      return {
        ...m,
        kind: 'conditional',
        toClassId: next6.id,
        debts: [{ subjectId: 'math', due: firstQuarterEnd }],
      };
    }
    if (!to) return { ...m, kind: 'graduated', toClassId: null, debts: [] };
    return { ...m, kind: 'promoted', toClassId: to.id, debts: [] };
  });
}, 120_000);

afterAll(async () => {
  await desktop?.close();
  await server?.close();
});

const transition = (mode: string, body: unknown, token = deputy.token) =>
  api(server, 'POST', `/api/v1/school/year-transition?mode=${mode}`, body, token);

describe('the year transition', () => {
  it('is for the deputy only, and a preview writes nothing', async () => {
    const denied = await transition('preview', plan, mathTeacher.token);
    expect(denied.status).toBe(403);
    const before = await server.db.query('SELECT max(seq) AS m FROM documents');
    const preview = await transition('preview', plan);
    expect(preview.status).toBe(200);
    const result = preview.body as YearTransitionResult;
    expect(result.mode).toBe('preview');
    // 3А, 6А, 8А from this year's classes and the added 5А; 9А graduates.
    expect(result.counts.classes).toBe(4);
    expect(result.counts.students).toBe(
      server.school.students.filter((x) => x.status === 'active').length,
    );
    const after = await server.db.query('SELECT max(seq) AS m FROM documents');
    expect(after.rows[0]!.m).toEqual(before.rows[0]!.m);
  });

  it('refuses a plan with problems, in Russian, and writes nothing', async () => {
    const broken = { ...plan, movements: plan.movements.slice(1) };
    const res = await transition('commit', broken);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('не указано движение');
    const school = (await storedState(server, 'school', 'school')) as unknown as School;
    expect(school.year.id).toBe('y2026');
  });

  it('applies the plan: classes, roster, movements, curriculum, draft timetable, the debt', async () => {
    beforeTransition = await liveDocuments();
    const res = await transition('commit', plan);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = server.school;
    const school = (await storedState(server, 'school', 'school')) as unknown as School;
    expect(school.year.name).toBe('2027/2028');
    expect(school.pastYears?.map((p) => [p.year.id, p.order.number, p.closedBy])).toEqual([
      ['y2026', '112-о', 'deputy'],
    ]);

    const classes = await docs<SchoolClass>('classes');
    const next6 = classes.find((c) => c.yearId === school.year.id && c.name === '6А')!;
    const next5 = classes.find((c) => c.yearId === school.year.id && c.name === '5А')!;
    expect(next6.classTeacherId).toBe('staff-class-teacher');
    expect(
      classes
        .filter((c) => c.yearId === school.year.id)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['3А', '5А', '6А', '8А']);

    const students = await docs<Student>('students');
    const old5 = s.students
      .filter((x) => x.classId === 'cl-05-a' && x.status === 'active')
      .map((x) => x.id);
    const roster6 = students
      .filter((x) => x.classId === next6.id)
      .map((x) => x.id)
      .sort();
    expect(roster6).toEqual(old5.filter((id) => !keptBack.includes(id)).sort());
    expect(
      students
        .filter((x) => x.classId === next5.id)
        .map((x) => x.id)
        .sort(),
    ).toEqual(keptBack);
    const kept = students.find((x) => x.id === keptBack[0])!;
    expect(kept.movements?.at(-1)).toEqual({
      kind: 'keptBack',
      date: '2027-06-20',
      orderNumber: '112-о',
      fromClassId: 'cl-05-a',
      toClassId: next5.id,
    });
    const cond = students.find((x) => x.id === conditional)!;
    expect(cond.movements?.at(-1)).toMatchObject({ kind: 'conditional', debts: ['math'] });
    const ninth = s.students.filter((x) => x.classId === 'cl-09-a' && x.status === 'active');
    for (const g of ninth) {
      const now = students.find((x) => x.id === g.id)!;
      expect(now.status).toBe('left');
      expect(now.classId).toBe('cl-09-a');
      expect(now.movements?.at(-1)?.kind).toBe('graduated');
    }
    // Groups keep only the students who came into the class.
    for (const g of next6.groups) for (const id of g.studentIds) expect(roster6).toContain(id);

    // The curriculum of 6А is 5А's (the small school has no 6th), teachers kept.
    const courses = await docs<Course>('courses');
    const old5Courses = s.courses.filter((c) => c.classId === 'cl-05-a');
    const new6Courses = courses.filter((c) => c.classId === next6.id);
    expect(new6Courses.map((c) => `${c.subjectId}/${c.teacherId}`).sort()).toEqual(
      old5Courses.map((c) => `${c.subjectId}/${c.teacherId}`).sort(),
    );
    expect(new6Courses.every((c) => c.yearId === school.year.id)).toBe(true);
    const timetables = await docs<Timetable>('timetables');
    const tt6 = timetables.filter((t) => t.classId === next6.id);
    const old5tt = s.timetables.find((t) => t.classId === 'cl-05-a')!;
    expect(tt6.map((t) => [t.validFrom, t.draft, t.cells.length])).toEqual([
      ['2027-09-01', true, old5tt.cells.length],
    ]);
    expect(tt6[0]!.cells.every((c) => new6Courses.some((x) => x.id === c.courseId))).toBe(true);
    // A draft timetable generates no lessons.
    const lessons = await server.db.query(
      `SELECT count(*)::int AS n FROM documents WHERE collection = 'lessons' AND doc->>'classId' = $1`,
      [next6.id],
    );
    expect(lessons.rows[0]!.n).toBe(0);

    // The debt: a deferred mark of the new mathematics course in the new I quarter.
    const math6 = new6Courses.find((c) => c.subjectId === 'math' && c.groupId === null)!;
    const marks = await docs<PeriodMarks>('periodMarks');
    const debt = marks.filter((m) => m.classId === next6.id);
    expect(debt.map((m) => [m.courseId, m.periodId])).toEqual([
      [math6.id, `${school.year.id}:quarter:quarters:1`],
    ]);
    expect(debt[0]!.marks[conditional]).toEqual({
      value: null,
      proposed: null,
      average: null,
      deferral: {
        reason: 'Академическая задолженность за 2026/2027 учебный год',
        due: plan.periods.find((p) => p.kind === 'quarter' && p.number === 1)!.end,
      },
      comment: '',
    });
  });

  it("puts the new year's draft timetables in force: 6А gets its timetable's lessons", async () => {
    const publish = (body: unknown, token = deputy.token) =>
      api(server, 'POST', '/api/v1/school/timetables/publish', body, token);
    expect((await publish({}, mathTeacher.token)).status).toBe(403);
    const school = (await storedState(server, 'school', 'school')) as unknown as School;
    const classes = await docs<SchoolClass>('classes');
    const next6 = classes.find((c) => c.yearId === school.year.id && c.name === '6А')!;
    const res = await publish({ classIds: [next6.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const result = res.body as PublishTimetablesResult;
    expect([result.classes, result.timetables]).toEqual([['6А'], 1]);
    const tt6 = (await docs<Timetable>('timetables')).filter((t) => t.classId === next6.id);
    expect(tt6.map((t) => t.draft)).toEqual([false]);

    // The first week, from 5А's timetable at the old year's end: each cell on its weekday, with
    // the subject and the teacher of 5А's course (the plan keeps the teachers).
    const s = server.school;
    const old = timetableAt(s.timetables, 'cl-05-a', 'y2026', s.school.year.end)!;
    const oldCourses = new Map(s.courses.map((c) => [c.id, c]));
    const week = Array.from({ length: 7 }, (_, i) => addDays(school.year.start, i));
    const expected = week.flatMap((date) =>
      old.cells
        .filter((c) => c.weekday === isoWeekday(date))
        .map((c) => {
          const course = oldCourses.get(c.courseId)!;
          return `${date} ${c.slot} ${course.subjectId} ${course.teacherId}`;
        }),
    );
    const courses = new Map((await docs<Course>('courses')).map((c) => [c.id, c]));
    const lessons = (await docs<Lesson>('lessons')).filter((l) => l.classId === next6.id);
    const firstWeek = lessons
      .filter((l) => l.date <= week[6]!)
      .map((l) => `${l.date} ${l.slot} ${courses.get(l.courseId)!.subjectId} ${l.teacherId}`);
    expect(expected.length).toBeGreaterThan(20);
    expect(firstWeek.sort()).toEqual([...new Set(expected)].sort());
    expect(result.lessons.created).toBe(lessons.length);
    expect(lessons.every((l) => l.date >= school.year.start && l.date <= school.year.end)).toBe(
      true,
    );
    // Nothing left to put in force for 6А.
    const again = await publish({ classIds: [next6.id] });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('Черновиков расписания нет');
  });

  it('refuses every write to the finished year: push, import kind, set-up operation, school card', async () => {
    const s = server.school;
    const lesson = s.lessons.find((l) => l.classId === 'cl-05-a' && l.date === '2027-05-21')!;
    const master = await storedState(server, 'lessons', lesson.id);
    const changed = setPart(master as unknown as Lesson, 'homework', 'Новое задание', {
      at: clockFor('deputy.pc', master as unknown as Lesson).tick(),
      by: 'staff-deputy',
    });
    const answer = await push(server, deputy.token, 'lessons', [
      { assumedMasterState: master, newDocumentState: state(changed) },
    ]);
    expect(answer).toEqual([master]);
    expect((await refusalReasons(server, deputy.token))[0]).toBe(CLOSED);

    // A class of the old year, pushed by the deputy.
    const old5 = (await storedState(server, 'classes', 'cl-05-a')) as unknown as SchoolClass &
      DocState;
    const renamed = setPart(old5, 'classTeacherId', 'staff-0001', {
      at: clockFor('deputy.pc', old5).tick(),
      by: 'staff-deputy',
    });
    await push(server, deputy.token, 'classes', [
      { assumedMasterState: old5, newDocumentState: state(renamed) },
    ]);
    expect((await refusalReasons(server, deputy.token))[0]).toBe(CLOSED);

    // The write path with a server-side kind (what imports and admin operations use).
    await expect(
      server.app.syncEngine.write(
        [
          {
            collection: 'lessons',
            rows: [{ assumedMasterState: master, newDocumentState: state(changed) }],
          },
        ],
        { accountId: null, deviceId: null },
        'import',
      ),
    ).rejects.toThrow(CLOSED);

    // A set-up operation over HTTP: cancelling a day of the old year.
    const cancel = await api(
      server,
      'POST',
      '/api/v1/school/lessons/cancel-day',
      { date: '2027-05-21', classIds: ['cl-05-a'], reason: 'карантин' },
      deputy.token,
    );
    expect(cancel.status).toBe(400);
    expect(JSON.stringify(cancel.body)).toContain(CLOSED);
    expect(await storedState(server, 'lessons', lesson.id)).toEqual(master);

    // The school card: a past year is not changed or dropped, and no second transition.
    const card = await storedState(server, 'school', 'school');
    const dropped = setPart(card as unknown as School, 'pastYears', [], {
      at: clockFor('deputy.pc', card as unknown as School).tick(),
      by: 'staff-deputy',
    });
    const admin = await server.login('admin', null, ['admin']);
    await push(server, admin.token, 'school', [
      { assumedMasterState: card, newDocumentState: state(dropped) },
    ]);
    expect((await refusalReasons(server, admin.token))[0]).toBe(
      'Сведения о завершённых учебных годах не изменяются',
    );
    const again = await transition('commit', plan);
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain('Завершать можно только текущий учебный год');
  });

  it('a desktop offline across the transition: its edit to the old year is refused visibly', async () => {
    // The app's own replication (its conflict handler adopts a refused row's answer).
    const refusedIds: string[] = [];
    const replication = startCollectionReplication({
      serverUrl: server.url,
      token: mathTeacher.token,
      collection: desktop.collections.lessons!,
      primaryKey: 'id',
      clock: createClock('math5.app'),
      pending: new PendingChanges(),
      hooks: {
        onReachability: () => {},
        onError: () => {},
        onFatal: (e) => {
          throw e;
        },
        onReceived: () => {},
        onRefused: (_c, ids) => refusedIds.push(...ids),
      },
    });
    try {
      await replication.awaitInitialReplication();
      await replication.awaitInSync();
    } finally {
      await replication.cancel();
    }
    expect(refusedIds).toEqual([offlineLessonId]);
    // The server's lesson is unchanged; the desktop adopted it.
    const stored = (await storedState(server, 'lessons', offlineLessonId)) as unknown as Lesson;
    expect(stored.topic).not.toBe(offlineTopic);
    const local = (await desktop.lesson(offlineLessonId)) as unknown as Lesson;
    expect(local.topic).toBe(stored.topic);
    // …and the refusal, with what was attempted, is listed for the teacher.
    const res = await api(
      server,
      'GET',
      '/api/v1/refusals/mine?limit=20',
      undefined,
      mathTeacher.token,
    );
    const refusals = (res.body as { refusals: { docId: string; reason: string }[] }).refusals;
    const mine = refusals.filter((r) => r.docId === offlineLessonId);
    expect(mine.map((r) => r.reason)).toEqual([CLOSED]);
    // What was attempted is kept with the refusal (bounded excerpt), not lost.
    const kept = await server.db.query(
      'SELECT attempted FROM refusals WHERE doc_id = $1 AND reason = $2',
      [offlineLessonId, CLOSED],
    );
    expect(JSON.stringify(kept.rows.map((r) => r.attempted))).toContain('после закрытия года');
  });

  it('the finished year is read from the archive on demand, with the same read rights', async () => {
    const s = server.school;
    const expected = s.lessons
      .filter((l) => l.classId === 'cl-05-a')
      .map((l) => l.id)
      .sort();
    const ids: string[] = [];
    let after = '';
    for (;;) {
      const res = await api(
        server,
        'GET',
        `/api/v1/archive/y2026/lessons?classId=cl-05-a&limit=1000&after=${encodeURIComponent(after)}`,
        undefined,
        deputy.token,
      );
      expect(res.status).toBe(200);
      const page = res.body as { documents: { id: string }[]; next: string | null };
      ids.push(...page.documents.map((d) => d.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(ids).toEqual(expected);
    // The mathematics teacher of 5А reads its lessons; a teacher of nothing there reads none.
    const math = await api(
      server,
      'GET',
      '/api/v1/archive/y2026/lessons?classId=cl-05-a&limit=1000',
      undefined,
      mathTeacher.token,
    );
    expect((math.body as { documents: unknown[] }).documents.length).toBeGreaterThan(0);
    const outsider = await server.login('outsider', 'staff-nobody', ['teacher'], 'Кабинет 9');
    const none = await api(
      server,
      'GET',
      '/api/v1/archive/y2026/lessons?classId=cl-05-a',
      undefined,
      outsider.token,
    );
    expect((none.body as { documents: unknown[] }).documents).toEqual([]);
    // The open year is not in the archive; a class must be named for lessons.
    const school = (await storedState(server, 'school', 'school')) as unknown as School;
    const open = await api(
      server,
      'GET',
      `/api/v1/archive/${school.year.id}/classes`,
      undefined,
      deputy.token,
    );
    expect(open.status).toBe(404);
    const noClass = await api(
      server,
      'GET',
      '/api/v1/archive/y2026/lessons',
      undefined,
      deputy.token,
    );
    expect(noClass.status).toBe(400);
    const classes = await api(
      server,
      'GET',
      '/api/v1/archive/y2026/classes',
      undefined,
      deputy.token,
    );
    expect(
      (classes.body as { documents: { name: string }[] }).documents.map((c) => c.name).sort(),
    ).toEqual(['2А', '5А', '7А', '9А']);
  });

  const undo = (mode: string, token = deputy.token) =>
    api(server, 'POST', `/api/v1/school/year-transition/undo?mode=${mode}`, undefined, token);

  it('is undone while the new year is not opened: the documents are as before, it applies again', async () => {
    expect((await undo('preview', mathTeacher.token)).status).toBe(403);
    const preview = await undo('preview');
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const counted = preview.body as YearUndoResult;
    expect([counted.reopened, counted.removed, counted.counts.classes]).toEqual([
      '2026/2027',
      '2027/2028',
      4,
    ]);
    const res = await undo('commit');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as YearUndoResult).counts).toEqual(counted.counts);
    // Every document as before the transition (stamps aside); what it made is a tombstone.
    expect(differences(beforeTransition, await liveDocuments())).toEqual([]);
    const audit = await server.db.query(
      `SELECT count(*)::int AS n FROM audit_log a JOIN accounts c ON c.id = a.account_id
       WHERE a.kind = 'year-undo' AND c.login = 'deputy'`,
    );
    expect(audit.rows[0]!.n).toBe(Object.values(counted.counts).reduce((a, b) => a + b, 0) + 1);
    // The finished year is open again: a change to its journal is stored.
    const lesson = server.school.lessons.find(
      (l) => l.classId === 'cl-05-a' && l.date === '2027-05-21',
    )!;
    const master = await storedState(server, 'lessons', lesson.id);
    const changed = setPart(master as unknown as Lesson, 'homework', 'После отмены перехода', {
      at: clockFor('deputy.pc', master as unknown as Lesson).tick(),
      by: 'staff-deputy',
    });
    await push(server, deputy.token, 'lessons', [
      { assumedMasterState: master, newDocumentState: state(changed) },
    ]);
    const stored = (await storedState(server, 'lessons', lesson.id)) as unknown as Lesson;
    expect(stored.homework).toBe('После отмены перехода');
    // Nothing more to undo; the same plan applies again, over the tombstones.
    expect((await undo('commit')).status).toBe(409);
    const again = await transition('commit', plan);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const school = (await storedState(server, 'school', 'school')) as unknown as School;
    expect(school.year.name).toBe('2027/2028');
    const next6 = (await docs<SchoolClass>('classes')).find(
      (c) => c.yearId === school.year.id && c.name === '6А',
    )!;
    const students = await docs<Student>('students');
    expect(students.find((x) => x.id === conditional)!.classId).toBe(next6.id);
    const debt = (await docs<PeriodMarks>('periodMarks')).filter((m) => m.classId === next6.id);
    expect(Object.keys(debt[0]?.marks ?? {})).toEqual([conditional]);
  });

  it('is refused in Russian once a mark is entered in the new year', async () => {
    const school = (await storedState(server, 'school', 'school')) as unknown as School;
    const next6 = (await docs<SchoolClass>('classes')).find(
      (c) => c.yearId === school.year.id && c.name === '6А',
    )!;
    const published = await api(
      server,
      'POST',
      '/api/v1/school/timetables/publish',
      { classIds: [next6.id] },
      deputy.token,
    );
    expect(published.status).toBe(200);
    const math6 = (await docs<Course>('courses')).find(
      (c) => c.classId === next6.id && c.subjectId === 'math' && c.groupId === null,
    )!;
    const first = (await docs<Lesson>('lessons'))
      .filter((l) => l.courseId === math6.id)
      .sort((a, b) => (a.date < b.date ? -1 : 1))[0]!;
    const master = await storedState(server, 'lessons', first.id);
    const marked = setPart(
      master as unknown as Lesson,
      `entries.${conditional}`,
      { attendance: null, marks: [{ value: '5', workTypeId: 'wt-oral', comment: '' }] },
      { at: clockFor('math5.pc', master as unknown as Lesson).tick(), by: math6.teacherId },
    );
    await push(server, mathTeacher.token, 'lessons', [
      { assumedMasterState: master, newDocumentState: state(marked) },
    ]);
    const res = await undo('commit');
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toContain(
      `В журнале 2027/2028 уже есть записи (6А, ${formatDate(first.date)}): переход на 2027/2028 уже не отменяется`,
    );
    const after = (await storedState(server, 'school', 'school')) as unknown as School;
    expect(after.year.name).toBe('2027/2028');
  });
});

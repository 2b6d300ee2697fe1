// The rights table of docs/SECURITY.md ("who may do what to whom"), row by row over real HTTP
// against the demo school: every row is performed by its role, its effect read back from the
// database, and compared with the table's answer. Every row of the table has a scenario here and
// every scenario a row, so the document and the server cannot drift apart.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonEqual } from '../../../server/sync/doc-state';
import { createClock, encodeHlc } from '../../../shared/hlc';
import type { Lesson } from '../../../shared/lesson';
import { setPart, type Stamped } from '../../../shared/merge';
import type { Stamp } from '../../../shared/stamp';
import {
  clockFor,
  signInDemoStaff,
  startDomainServer,
  state,
  storedOrNull,
  type DomainLogins,
  type DomainServer,
  type Login,
} from './domain-fixture';
import { api, push } from './helpers';

interface Row {
  id: string;
  role: string;
  action: string;
  target: string;
  allowed: boolean;
}

/** The table as written in the document (the expected answers come from there). */
function readTable(): Row[] {
  const text = readFileSync(path.resolve('docs/SECURITY.md'), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (!/^R\d\d$/.test(cells[1] ?? '')) continue;
    const [, id, role, action, target, allowed] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (allowed !== 'да' && allowed !== 'нет') throw new Error(`${id}: answer «${allowed}»`);
    rows.push({ id, role, action, target, allowed: allowed === 'да' });
  }
  return rows;
}

let server: DomainServer;
let who: DomainLogins & { substitute: Login };

beforeAll(async () => {
  server = await startDomainServer();
  who = {
    ...(await signInDemoStaff(server)),
    substitute: await server.login('substitute', 'staff-0002', ['teacher']),
  };
});

afterAll(async () => {
  await server?.close();
});

// --- Reading and writing the way a desktop does ----------------------------------------------

const stored = (collection: string, id: string) => storedOrNull(server, collection, id);

const signer = (login: Login) => login.staffId ?? `account:${login.login}`;

/**
 * Pushes the stored document with `parts` set, each stamped by `login` (or by `by`), from a clock
 * that has seen the document; true when the stored document changed.
 */
async function change(
  login: Login,
  collection: string,
  id: string,
  parts: Record<string, unknown>,
  options: { by?: string; at?: string; deleted?: boolean; extra?: Record<string, unknown> } = {},
): Promise<boolean> {
  const before = (await stored(collection, id))!;
  const clock = clockFor('rights', before as unknown as Stamped);
  let next = before as unknown as Stamped;
  for (const [p, value] of Object.entries(parts)) {
    const stamp: Stamp = { at: options.at ?? clock.tick(), by: options.by ?? signer(login) };
    next = setPart(next, p, value, stamp);
  }
  const sent = { ...(next as object), ...(options.extra ?? {}) };
  await push(server, login.token, collection, [
    {
      assumedMasterState: before,
      newDocumentState: state(sent, options.deleted ?? before._deleted),
    },
  ]);
  return !jsonEqual(before, await stored(collection, id));
}

/** Pushes a new document; true when it was stored. */
async function create(login: Login, collection: string, doc: Record<string, unknown>) {
  await push(server, login.token, collection, [{ newDocumentState: state(doc) }]);
  return (await stored(collection, String(doc.id))) !== null;
}

// --- The demo school's places ---------------------------------------------------------------

const period = (id: string) => server.school.periods.find((p) => p.id === id)!;
const Q1 = 'per-2026-q1';
const Q4 = 'per-2026-q4';
const course = (id: string) => server.school.courses.find((c) => c.id === id)!;
const inPeriod = (l: Lesson, id: string) => l.date >= period(id).start && l.date <= period(id).end;
const LED = 'cl-05-a'; // staff-class-teacher's class

const used = new Set<string>();
/** A lesson not used by another row yet. */
function lesson(test: (l: Lesson) => boolean): Lesson {
  const found = server.school.lessons.find(
    (l) => !used.has(l.id) && l.status === 'held' && test(l),
  );
  if (!found) throw new Error('no such lesson');
  used.add(found.id);
  return found;
}
const ownLesson = (periodId: string) =>
  lesson(
    (l) =>
      course(l.courseId).teacherId === 'staff-teacher' &&
      l.teacherId === 'staff-teacher' &&
      inPeriod(l, periodId),
  );
const foreignLesson = (periodId: string) =>
  lesson(
    (l) =>
      course(l.courseId).teacherId !== 'staff-teacher' &&
      l.teacherId !== 'staff-teacher' &&
      inPeriod(l, periodId),
  );
const ownCourse = () => server.school.courses.find((c) => c.teacherId === 'staff-teacher')!;
const foreignCourse = () => server.school.courses.find((c) => c.teacherId === 'staff-0007')!;

const usedStudents = new Set<string>();
function student(classId: string, withGuardian = false) {
  const found = server.school.students.find(
    (s) =>
      s.classId === classId &&
      !usedStudents.has(s.id) &&
      (!withGuardian || Object.keys(s.guardians).length > 0),
  )!;
  usedStudents.add(found.id);
  return found;
}
const mark = (value: string) => ({
  attendance: null,
  marks: [{ value, workTypeId: 'wt-oral', comment: '' }],
});
const periodMark = (value: string) => ({
  value,
  proposed: null,
  average: null,
  deferral: null,
  comment: '',
});
const marksOf = (courseId: string, periodId: string) =>
  server.school.periodMarks.find((m) => m.courseId === courseId && m.periodId === periodId)!;

function newLesson(by: Login, courseId: string, slot: number): Record<string, unknown> {
  const c = course(courseId);
  const date = period(Q4).start;
  const at = { at: createClock('new').tick(), by: signer(by) };
  return {
    id: `${courseId}:${date}:${slot}`,
    courseId,
    classId: c.classId,
    date,
    slot,
    teacherId: c.teacherId,
    lessonType: 'regular',
    status: 'held',
    workTypeId: null,
    topic: 'Новый урок',
    homework: '',
    entries: {},
    stamps: Object.fromEntries(
      ['teacherId', 'lessonType', 'status', 'workTypeId', 'topic', 'homework'].map((f) => [f, at]),
    ),
  };
}

function newConsent(by: Login, classId: string): Record<string, unknown> {
  const taken = new Set(server.school.consents.map((c) => c.id));
  for (const s of server.school.students.filter((x) => x.classId === classId)) {
    for (const guardianId of Object.keys(s.guardians)) {
      const id = `${s.id}:${guardianId}`;
      if (taken.has(id)) continue;
      const at = { at: createClock('consent').tick(), by: signer(by) };
      return {
        id,
        studentId: s.id,
        guardianId,
        classId,
        decision: 'consent',
        date: '2026-11-20',
        channel: 'electronic',
        registeredBy: by.staffId,
        loginIssued: false,
        note: '',
        stamps: Object.fromEntries(
          ['decision', 'date', 'channel', 'registeredBy', 'loginIssued', 'note'].map((f) => [
            f,
            at,
          ]),
        ),
      };
    }
  }
  throw new Error(`every guardian of ${classId} has a consent`);
}

async function markCompromised(by: Login, login: string): Promise<boolean> {
  await api(
    server,
    'POST',
    '/api/v1/admin/compromise',
    { login, since: new Date(Date.now() - 3600_000).toISOString() },
    by.token,
  );
  const r = await server.db.query('SELECT compromised_at FROM accounts WHERE login = $1', [login]);
  return r.rows[0]!.compromised_at !== null;
}

// --- One scenario per row: true when the action took effect ---------------------------------

const scenarios: Record<string, () => Promise<boolean>> = {
  R01: () => change(who.teacher, 'lessons', ownLesson(Q4).id, { topic: 'Своя тема' }),
  R02: () => change(who.teacher, 'lessons', foreignLesson(Q4).id, { topic: 'Чужая тема' }),
  R03: () => create(who.teacher, 'lessons', newLesson(who.teacher, ownCourse().id, 11)),
  R04: () => create(who.teacher, 'lessons', newLesson(who.teacher, foreignCourse().id, 11)),
  R05: () => {
    const l = ownLesson(Q1);
    return change(who.teacher, 'lessons', l.id, {
      [`entries.${student(l.classId).id}`]: mark('5'),
    });
  },
  R06: () => {
    const l = foreignLesson(Q4);
    return change(who.deputy, 'lessons', l.id, { [`entries.${student(l.classId).id}`]: mark('4') });
  },
  R07: () => {
    const l = foreignLesson(Q1);
    return change(who.deputy, 'lessons', l.id, { [`entries.${student(l.classId).id}`]: mark('4') });
  },
  R08: () => change(who.teacher, 'lessons', ownLesson(Q4).id, { teacherId: 'staff-0002' }),
  R09: async () => {
    const l = ownLesson(Q4);
    expect(await change(who.deputy, 'lessons', l.id, { teacherId: 'staff-0002' })).toBe(true);
    return change(who.substitute, 'lessons', l.id, { topic: 'Провела замену' });
  },
  R10: async () => {
    const l = ownLesson(Q4);
    expect(await change(who.deputy, 'lessons', l.id, { teacherId: 'staff-0002' })).toBe(true);
    return change(who.substitute, 'lessons', l.id, { teacherId: 'staff-0003' });
  },
  R11: () => {
    const target = ownCourse();
    return change(who.teacher, 'lessons', foreignLesson(Q4).id, {
      courseId: target.id,
      classId: target.classId,
      date: period(Q4).end,
      slot: 8,
      topic: 'Перенесено к себе',
    });
  },
  R12: () => {
    const c = ownCourse();
    return change(who.teacher, 'periodMarks', marksOf(c.id, Q4).id, {
      [`marks.${student(c.classId).id}`]: periodMark('5'),
    });
  },
  R13: () => {
    const mine = ownCourse();
    const other = server.school.courses.find(
      (c) => c.classId === mine.classId && c.teacherId !== 'staff-teacher',
    )!;
    return change(who.teacher, 'periodMarks', marksOf(other.id, Q4).id, {
      courseId: mine.id,
      [`marks.${student(mine.classId).id}`]: periodMark('2'),
    });
  },
  R14: () => {
    const c = ownCourse();
    return change(who.teacher, 'periodMarks', marksOf(c.id, Q1).id, {
      [`marks.${student(c.classId).id}`]: periodMark('3'),
    });
  },
  R15: () => change(who.deputy, 'lessons', foreignLesson(Q4).id, {}, { deleted: true }),
  R16: () => {
    const s = student(LED, true);
    const [gid, guardian] = Object.entries(s.guardians)[0]!;
    return change(who.classTeacher, 'students', s.id, {
      [`guardians.${gid}`]: { ...guardian, phone: '+7 900 000-00-01' },
    });
  },
  R17: () => {
    const s = student('cl-02-a', true);
    const [gid, guardian] = Object.entries(s.guardians)[0]!;
    return change(who.classTeacher, 'students', s.id, {
      [`guardians.${gid}`]: { ...guardian, phone: '+7 900 000-00-02' },
    });
  },
  R18: () => change(who.teacher, 'students', student('cl-07-a').id, { status: 'left' }),
  R19: () => change(who.classTeacher, 'students', student(LED).id, { classId: 'cl-07-a' }),
  R20: () => change(who.classTeacher, 'students', student('cl-09-a').id, { classId: LED }),
  R21: () => create(who.classTeacher, 'consents', newConsent(who.classTeacher, LED)),
  R22: () => create(who.classTeacher, 'consents', newConsent(who.classTeacher, 'cl-02-a')),
  R23: () => change(who.admin, 'students', student('cl-09-a').id, {}, { deleted: true }),
  // The set-up checks want the name to be the parallel and the letter (shared/setup/class-checks).
  R24: () => change(who.admin, 'classes', 'cl-09-a', { name: '9Д', letter: 'Д' }),
  R25: () => change(who.deputy, 'classes', 'cl-07-a', { name: '7Д', letter: 'Д' }),
  R26: () => change(who.deputy, 'courses', foreignCourse().id, { teacherId: 'staff-0005' }),
  R27: () => change(who.teacher, 'courses', foreignCourse().id, { teacherId: 'staff-teacher' }),
  R28: () => change(who.deputy, 'periods', 'per-2026-h2', { closed: true }),
  R29: () => change(who.admin, 'periods', 'per-2026-exam', { closed: true }),
  R30: () => change(who.admin, 'periods', 'per-2026-final', { end: '2027-05-30' }),
  R31: () => change(who.admin, 'periods', Q1, { end: '2026-10-20' }),
  R32: () => change(who.admin, 'periods', 'per-2026-exam', {}, { deleted: true }),
  R33: () => {
    const q1 = period(Q1);
    const at = { at: createClock('period').tick(), by: signer(who.admin) };
    return create(who.admin, 'periods', {
      ...q1,
      id: 'per-2026-q1-shadow',
      closed: false,
      stamps: { name: at, start: at, end: at, closed: at },
    });
  },
  R34: () => change(who.deputy, 'periods', 'per-2026-h1', { closed: false }),
  R35: async () => {
    await server.login('victim', 'staff-0005', ['teacher']);
    return markCompromised(who.deputy, 'victim');
  },
  R36: () => markCompromised(who.deputy, 'admin'),
  R37: async () => {
    await server.login('deputy-2', null, ['deputy']);
    return markCompromised(who.deputy, 'deputy-2');
  },
  R38: async () => {
    await server.login('deputy-3', null, ['deputy']);
    return markCompromised(who.admin, 'deputy-3');
  },
  R39: () => markCompromised(who.admin, 'admin'),
  R40: async () => {
    await server.login('victim-2', 'staff-0006', ['teacher']);
    return markCompromised(who.teacher, 'victim-2');
  },
  R41: () =>
    change(
      who.teacher,
      'lessons',
      ownLesson(Q4).id,
      { topic: 'Из будущего' },
      {
        at: encodeHlc({ wallMs: Date.now() + 365 * 24 * 3600_000, counter: 0, node: 'pc' }),
      },
    ),
  R45: () => {
    const at = { at: createClock('period').tick(), by: signer(who.admin) };
    return create(who.admin, 'periods', {
      ...period(Q1),
      id: 'per-2027-q1',
      yearId: 'year-2027',
      name: 'I четверть',
      start: '2027-09-01',
      end: '2027-10-25',
      closed: false,
      stamps: { name: at, start: at, end: at, closed: at },
    });
  },
  R46: () => {
    const at = { at: createClock('period').tick(), by: signer(who.admin) };
    return create(who.admin, 'periods', {
      ...period(Q1),
      id: 'per-2027-q2',
      yearId: 'year-2027',
      name: 'II четверть',
      start: '2027-11-05',
      end: '2027-12-28',
      closed: true,
      stamps: { name: at, start: at, end: at, closed: at },
    });
  },
  R43: () => change(who.teacher, 'classes', 'cl-09-a', { name: '8Д', letter: 'Д' }),
  R44: () => change(who.admin, 'classes', 'cl-07-a', { name: '6Г' }),
  R42: () =>
    change(
      who.teacher,
      'lessons',
      ownLesson(Q4).id,
      { topic: 'Под чужим именем' },
      { by: 'staff-class-teacher' },
    ),
};

const table = readTable();

describe('the rights table of docs/SECURITY.md', () => {
  it('has a scenario for every row and a row for every scenario', () => {
    expect(table.length).toBeGreaterThan(30);
    expect(table.map((r) => r.id).sort()).toEqual(Object.keys(scenarios).sort());
  });

  // In the table's order: rows that change the school (a period closed, a course reassigned)
  // come after the rows that rely on it as the demo left it.
  for (const row of table) {
    it(`${row.id}: ${row.role} — ${row.action} — ${row.target}: ${row.allowed ? 'да' : 'нет'}`, async () => {
      const scenario = scenarios[row.id];
      expect(scenario, row.id).toBeDefined();
      expect(await scenario!()).toBe(row.allowed);
    });
  }
});

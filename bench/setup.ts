// A 30-class school set up from an EMPTY server through its real HTTP API, as the set-up screens and
// the secretary's files do it: the set-up link's administrator, the school card, the year's periods,
// staff import, classes, roster import (~900 students), curriculum (300 courses), timetable import
// (900 rows, lessons generated for the year), a regeneration — time and documents written per step,
// against a no-op HTTP route in the same run (PGlite in memory, port 0). `npx tsx bench/setup.ts`
import { buildServer } from '../server/app';
import { openDb } from '../server/db/open';
import { createDomainRegistry } from '../server/domain/registry';
import { issueSetupCode } from '../server/setup/first-admin';
import { DEFAULT_ATTENDANCE_CODES } from '../shared/attendance-code';
import type { Course } from '../shared/course';
import { DEFAULT_GRADING_POLICY } from '../shared/grading-policy';
import { createClock } from '../shared/hlc';
import { courseIdFor } from '../shared/lesson-id';
import { periodName, type Period } from '../shared/period';
import type { School } from '../shared/school';
import type { SchoolClass } from '../shared/school-class';
import { SETUP_PATH } from '../shared/setup';

const TODAY = '2026-09-01';
const YEAR_ID = 'year-2026';
const LETTERS = ['А', 'Б', 'В'];
const GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const STUDENTS_PER_CLASS = 30;
const SUBJECTS = [
  ['rus', 'Русский язык', 'Рус. яз.'],
  ['lit', 'Литература', 'Лит-ра'],
  ['math', 'Математика', 'Матем.'],
  ['eng', 'Английский язык', 'Англ. яз.'],
  ['hist', 'История', 'История'],
  ['bio', 'Биология', 'Биол.'],
  ['geo', 'География', 'Геогр.'],
  ['pe', 'Физическая культура', 'Физ-ра'],
  ['art', 'Изобразительное искусство', 'ИЗО'],
  ['mus', 'Музыка', 'Музыка'],
] as const;
/** Classes taught by one teacher of a subject: at any lesson they have different subjects. */
const BLOCK = 6;
const DAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт'];
const SLOTS = 6;

const SURNAMES = [
  'Иванов',
  'Петров',
  'Сидоров',
  'Кузнецов',
  'Смирнов',
  'Попов',
  'Соколов',
  'Лебедев',
  'Козлов',
  'Новиков',
  'Морозов',
  'Волков',
  'Соловьёв',
  'Васильев',
  'Зайцев',
  'Павлов',
  'Семёнов',
  'Голубев',
  'Виноградов',
  'Богданов',
];
const MALE = [
  'Алексей',
  'Иван',
  'Дмитрий',
  'Сергей',
  'Андрей',
  'Михаил',
  'Никита',
  'Егор',
  'Артём',
  'Максим',
];
const FEMALE = [
  'Анна',
  'Мария',
  'Елена',
  'Ольга',
  'Наталья',
  'Дарья',
  'Ксения',
  'Полина',
  'Софья',
  'Алина',
];
const PATRONYMIC = [
  'Алексеев',
  'Иванов',
  'Дмитриев',
  'Сергеев',
  'Андреев',
  'Михайлов',
  'Петров',
  'Николаев',
  'Викторов',
  'Олегов',
];

function person(i: number) {
  const female = i % 2 === 1;
  const surname = SURNAMES[i % SURNAMES.length]! + (female ? 'а' : '');
  const first = (female ? FEMALE : MALE)[Math.floor(i / 2) % 10]!;
  const middle = PATRONYMIC[Math.floor(i / 20) % 10]! + (female ? 'на' : 'ич');
  return { surname, first, middle, female };
}

const classes = GRADES.flatMap((grade) =>
  LETTERS.map((letter) => ({ grade, letter, name: `${grade}${letter}` })),
);
const TEACHERS = SUBJECTS.length * Math.ceil(classes.length / BLOCK);
/** Teacher number of subject k for class c. */
const teacherOf = (k: number, c: number) =>
  k * Math.ceil(classes.length / BLOCK) + Math.floor(c / BLOCK);
const teacher = (t: number) => person(t * 7 + 3);
const fullNameOf = (t: number) => {
  const p = teacher(t);
  return `${p.surname} ${p.first} ${p.middle}`;
};

const db = await openDb();
const app = buildServer({
  db,
  registry: createDomainRegistry(),
  staticDir: null,
  today: () => TODAY,
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const written = async () =>
  Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);

let token = '';
async function call<T>(method: string, route: string, body?: unknown, raw = false): Promise<T> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined
        ? {}
        : { 'content-type': raw ? 'application/octet-stream' : 'application/json' }),
    },
    body: body === undefined ? undefined : raw ? (body as string) : JSON.stringify(body),
  });
  const answer = (await res.json()) as T;
  if (!res.ok)
    throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(answer).slice(0, 500)}`);
  return answer;
}

const clock = createClock('bench_setup');
function stamped(doc: object, identity: string[] = []) {
  const stamps: Record<string, unknown> = {};
  for (const key of Object.keys(doc))
    if (key !== 'id' && key !== 'stamps' && !identity.includes(key))
      stamps[key] = { at: clock.tick(), by: 'account:admin' };
  return { newDocumentState: { ...doc, stamps, _deleted: false } };
}
async function push(collection: string, rows: unknown[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    const refused = await call<unknown[]>(
      'POST',
      `/api/v1/sync/${collection}/push`,
      rows.slice(i, i + 100),
    );
    if (refused.length > 0) {
      const why = await call<unknown>('GET', '/api/v1/refusals/mine?limit=3');
      throw new Error(`${collection} refused: ${JSON.stringify(why).slice(0, 800)}`);
    }
  }
}
async function importFile(kind: string, text: string): Promise<Record<string, unknown>> {
  const answer = await call<Record<string, unknown>>(
    'POST',
    `/api/v1/school/import/${kind}?mode=commit`,
    text,
    true,
  );
  if (!answer.committed) throw new Error(`import ${kind}: ${JSON.stringify(answer).slice(0, 800)}`);
  return answer;
}
async function pull<T>(collection: string): Promise<T[]> {
  return (
    await call<{ documents: T[] }>('GET', `/api/v1/sync/${collection}/pull?checkpoint=&limit=1000`)
  ).documents;
}

interface Step {
  name: string;
  ms: number;
  docs: number;
  requests: number;
}
const steps: Step[] = [];
async function step(name: string, requests: number, run: () => Promise<void>): Promise<void> {
  const before = await written();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  steps.push({ name, ms, docs: (await written()) - before, requests });
}

// Baseline: the no-op route, one request at a time (the median of 300).
const noop: number[] = [];
for (let i = 0; i < 300; i++) {
  const t0 = performance.now();
  await (await fetch(`${url}/api/v1/health`)).arrayBuffer();
  noop.push(performance.now() - t0);
}
noop.sort((a, b) => a - b);
const baseline = noop[150]!;

await step('set-up link: the first administrator, sign-in', 2, async () => {
  const code = await issueSetupCode(db);
  await call('POST', SETUP_PATH, {
    code,
    login: 'admin',
    password: 'Пароль-админа-2026',
    displayName: 'Администратор',
  });
  token = (
    await call<{ token: string }>('POST', '/api/v1/auth/login', {
      login: 'admin',
      password: 'Пароль-админа-2026',
      deviceName: 'bench',
    })
  ).token;
});

const school: School = {
  id: 'school',
  stamps: {},
  fullName:
    'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 30»',
  shortName: 'МБОУ СОШ № 30',
  fullNameGenitive: '',
  address: 'г. Энск, ул. Школьная, д. 30',
  phone: '+7 (3852) 30-30-30',
  email: 'school30@example.ru',
  directorName: 'Фомина Лариса Петровна',
  directorNameDative: 'Фоминой Ларисе Петровне',
  operator: {
    name: 'МБОУ СОШ № 30',
    address: 'г. Энск, ул. Школьная, д. 30',
    inn: '7707083893',
    ogrn: '1027700132195',
  },
  dataProcessor: { name: '', address: '' },
  consentPupilSignature: true,
  informationSystem: 'Электронный классный журнал МБОУ СОШ № 30',
  subjects: SUBJECTS.map(([id, name, short]) => ({ id, name, short })),
  bells: Array.from({ length: SLOTS }, (_, i) => {
    const start = 8 * 60 + 30 + i * 55;
    const hm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { slot: i + 1, start: hm(start), end: hm(start + 45) };
  }),
  year: {
    id: YEAR_ID,
    name: '2026/2027',
    start: '2026-09-01',
    end: '2027-05-31',
    holidays: [
      { name: 'Осенние каникулы', start: '2026-10-26', end: '2026-11-03' },
      { name: 'Зимние каникулы', start: '2026-12-29', end: '2027-01-11' },
      { name: 'Весенние каникулы', start: '2027-03-22', end: '2027-03-31' },
    ],
  },
  policy: DEFAULT_GRADING_POLICY,
  attendanceCodes: DEFAULT_ATTENDANCE_CODES,
  idleLockMinutes: 10,
};
await step('school card (subjects, bells, year, holidays)', 1, () =>
  push('school', [stamped(school)]),
);

const quarters = [
  ['2026-09-01', '2026-10-25'],
  ['2026-11-04', '2026-12-28'],
  ['2027-01-12', '2027-03-21'],
  ['2027-04-01', '2027-05-31'],
];
const halves = [
  ['2026-09-01', '2026-12-28'],
  ['2027-01-12', '2027-05-31'],
];
const periods: Period[] = [
  ...quarters.map(([start, end], i) => ({
    kind: 'quarter' as const,
    scheme: 'quarters' as const,
    i,
    start: start!,
    end: end!,
  })),
  ...halves.map(([start, end], i) => ({
    kind: 'halfYear' as const,
    scheme: 'halfYears' as const,
    i,
    start: start!,
    end: end!,
  })),
].map((p) => ({
  id: `p-${p.scheme}-${p.i + 1}`,
  stamps: {},
  yearId: YEAR_ID,
  kind: p.kind,
  scheme: p.scheme,
  number: p.i + 1,
  name: periodName(p.kind, p.i + 1),
  start: p.start,
  end: p.end,
  closed: false,
}));
await step('year: quarters and half-years', 1, () =>
  push(
    'periods',
    periods.map((p) => stamped(p, ['yearId', 'kind', 'scheme', 'number'])),
  ),
);

const staffCsv = [
  'Фамилия;Имя;Отчество;Должность;Роли',
  ...Array.from({ length: TEACHERS }, (_, t) => {
    const p = teacher(t);
    const k = Math.floor(t / Math.ceil(classes.length / BLOCK));
    return `${p.surname};${p.first};${p.middle};учитель (${SUBJECTS[k]![1].toLowerCase()});учитель${t < classes.length ? ', классный руководитель' : ''}`;
  }),
  'Гусева;Наталья;Алексеевна;заместитель директора по УВР;завуч',
].join('\r\n');
await step(`staff import (CSV, ${TEACHERS + 1} people)`, 1, async () => {
  await importFile('staff', staffCsv);
});

const staff = await pull<{ id: string; lastName: string; firstName: string; middleName: string }>(
  'staff',
);
const staffId = (t: number) => {
  const p = teacher(t);
  return staff.find(
    (s) => s.lastName === p.surname && s.firstName === p.first && s.middleName === p.middle,
  )!.id;
};
const classDocs: SchoolClass[] = classes.map((c, i) => ({
  id: `cl-${c.grade}-${i % 3}`,
  stamps: {},
  yearId: YEAR_ID,
  grade: c.grade,
  letter: c.letter,
  name: c.name,
  periodScheme: c.grade >= 10 ? 'halfYears' : 'quarters',
  classTeacherId: staffId(i),
  groups: [],
}));
await step(`classes (${classDocs.length})`, 1, () =>
  push(
    'classes',
    classDocs.map((c) => stamped(c, ['yearId', 'grade'])),
  ),
);

const rosterCsv = [
  'Фамилия;Имя;Отчество;Пол;Дата рождения;Класс;Родитель ФИО;Телефон;Адрес',
  ...classes.flatMap((c, ci) =>
    Array.from({ length: STUDENTS_PER_CLASS }, (_, n) => {
      const p = person(ci * STUDENTS_PER_CLASS + n);
      const birthYear = 2026 - 6 - c.grade;
      const day = String((n % 28) + 1).padStart(2, '0');
      const month = String((n % 12) + 1).padStart(2, '0');
      const parent = person(ci * STUDENTS_PER_CLASS + n + 1);
      return `${p.surname};${p.first};${p.middle};${p.female ? 'Ж' : 'М'};${day}.${month}.${birthYear};${c.name};${parent.surname} ${parent.first} ${parent.middle};+7 910 ${String(1000000 + ci * 100 + n).slice(1)};г. Энск, ул. Мира, д. ${n + 1}`;
    }),
  ),
].join('\r\n');
await step(`roster import (CSV, ${classes.length * STUDENTS_PER_CLASS} students)`, 1, async () => {
  await importFile('roster', rosterCsv);
});

const courses: Course[] = classDocs.flatMap((c, ci) =>
  SUBJECTS.map(([subjectId], k) => ({
    id: courseIdFor(c.id, subjectId, null),
    stamps: {},
    yearId: YEAR_ID,
    classId: c.id,
    subjectId,
    groupId: null,
    teacherId: staffId(teacherOf(k, ci)),
    assessment: 'marks' as const,
    hoursPerWeek: 3,
    plannedByPeriod: {},
    plannedYear: 0,
    hasExam: false,
  })),
);
await step(`curriculum (${courses.length} courses)`, Math.ceil(courses.length / 100), () =>
  push(
    'courses',
    courses.map((c) => stamped(c, ['yearId', 'classId', 'subjectId', 'groupId'])),
  ),
);

// Subject of class c at (day, slot): (day + slot + c) mod 10, so each subject is 3 lessons a week
// and the classes of one teacher's block never share a subject at one time.
const timetableCsv = [
  'Класс;День недели;Урок;Предмет;Группа;Учитель;Кабинет',
  ...classes.flatMap((c, ci) =>
    DAYS.flatMap((day, d) =>
      Array.from({ length: SLOTS }, (_, s) => {
        const k = (d * SLOTS + s + ci) % SUBJECTS.length;
        return `${c.name};${day};${s + 1};${SUBJECTS[k]![1]};;${fullNameOf(teacherOf(k, ci))};${100 + ci}`;
      }),
    ),
  ),
].join('\r\n');
await step(
  `timetable import (CSV, ${classes.length * DAYS.length * SLOTS} rows) with the year's lessons`,
  1,
  async () => {
    await importFile('timetable', timetableCsv);
  },
);
await step('regeneration of every class from the year start (nothing changed)', 1, async () => {
  await call('POST', '/api/v1/school/lessons/regenerate', { from: '2026-09-01' });
});

await app.close();
await db.close();

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
console.log(`no-op GET /api/v1/health (baseline): ${baseline.toFixed(2)} ms median of 300`);
console.log('| step | documents written | time | per document | time ÷ no-op request |');
console.log('|---|---|---|---|---|');
for (const s of steps)
  console.log(
    `| ${s.name} | ${s.docs.toLocaleString('en-US')} | ${fmt(s.ms)} | ${s.docs > 0 ? `${(s.ms / s.docs).toFixed(2)} ms` : '—'} | ${Math.round(s.ms / baseline).toLocaleString('en-US')}× |`,
  );
const total = steps.reduce((a, s) => a + s.ms, 0);
const docs = steps.reduce((a, s) => a + s.docs, 0);
console.log(
  `| total | ${docs.toLocaleString('en-US')} | ${fmt(total)} | ${(total / docs).toFixed(2)} ms | ${Math.round(total / baseline).toLocaleString('en-US')}× |`,
);

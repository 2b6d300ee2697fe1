// The timetable and day-to-day changes in Chromium against a real school server that starts empty:
// the school is prepared over HTTP as its set-up and its secretary's files would bring it (staff,
// card, periods, classes, roster import); the deputy imports the aSc XML export in «Расписание»
// (preview, then commit); a teacher on another desktop marks this week's lesson and a future one; the
// deputy's editor refuses a conflict in Russian, then saves a change from next Monday (the marked
// lessons stay, the future ones follow); a day's cancellation is confirmed with what it touches; the
// deputy assigns a substitute, who marks the lesson on a third desktop; the month's report lists it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { WEEKDAY_SHORT } from '../../shared/bells';
import { addDays, formatDate, formatDayMonth, isoWeekday, todayIso } from '../../shared/dates';
import type { Course } from '../../shared/course';
import type { Lesson } from '../../shared/lesson';
import { lessonId } from '../../shared/lesson-id';
import type { Timetable } from '../../shared/timetable';
import {
  FIXTURES,
  FIXTURE_CLASSES,
  FIXTURE_STAFF,
  fixturePeriods,
  fixtureSchool,
} from '../fixtures/school';
import { cell, readLayout } from './journal-helpers';
import { openLoginForm, startJournalServer, submitLogin, type JournalServer } from './sync-helpers';

const PASSWORD = 'Проверка-расписания-2026';
const VIEWPORT = { width: 1366, height: 768 };
const today = todayIso();
let nextMonday = addDays(today, 1);
while (isoWeekday(nextMonday) !== 1) nextMonday = addDays(nextMonday, 1);

let server: JournalServer;
const tokens: Record<string, string> = {};
let tick = 0;

type Doc = Record<string, unknown> & { id: string };
type Stored<T> = T & { _deleted?: boolean };

function stamp(by: string) {
  tick += 1;
  return { at: `${String(Date.now()).padStart(15, '0')}-${String(tick).padStart(5, '0')}-e2e`, by };
}

/** Every part but the identity signed by `by`, as the set-up forms do. */
function stamped(doc: object, by: string, identity: string[] = []): Doc {
  const stamps: Record<string, unknown> = {};
  for (const key of Object.keys(doc))
    if (key !== 'id' && key !== 'stamps' && !identity.includes(key)) stamps[key] = stamp(by);
  return { ...(doc as Doc), stamps };
}

async function http<T>(method: string, route: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function push(token: string, collection: string, docs: Doc[]): Promise<void> {
  const conflicts = await http<unknown[]>('POST', `/api/v1/sync/${collection}/push`, token, [
    ...docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
  ]);
  if (conflicts.length > 0) throw new Error(`${collection} refused: ${JSON.stringify(conflicts)}`);
}

async function pullAll<T>(token: string, collection: string): Promise<Stored<T>[]> {
  const all: Stored<T>[] = [];
  let checkpoint = '';
  for (;;) {
    const page = await http<{ documents: Stored<T>[]; checkpoint: unknown }>(
      'GET',
      `/api/v1/sync/${collection}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`,
      token,
    );
    all.push(...page.documents);
    if (page.documents.length < 1000) return all;
    checkpoint = JSON.stringify(page.checkpoint);
  }
}

async function lessonsOf(courseId: string): Promise<Map<string, Stored<Lesson>>> {
  const all = await pullAll<Lesson>(tokens.deputy!, 'lessons');
  return new Map(all.filter((l) => l.courseId === courseId).map((l) => [l.id, l]));
}

async function login(name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password: PASSWORD, deviceName: 'Проверка e2e' }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login ${name}: ${JSON.stringify(body)}`);
  return body.token;
}

/** `npm run admin -- create-account …`, sent to the running server through its console. */
async function createAccount(name: string, roles: string, staffId: string | null): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/admin.ts',
      'create-account',
      name,
      PASSWORD,
      roles,
      ...(staffId ? ['--staff-id', staffId] : []),
      '--data-dir',
      server.dataDir,
    ],
    { env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
}

async function desktop(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await openLoginForm(page, server.url);
  await submitLogin(page, name, PASSWORD);
  return page;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `test-results/timetable-${name}.png`, fullPage });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startJournalServer(null);
  await createAccount('admin', 'admin', null);
  await createAccount('gus', 'deputy', 'st-gus');
  await createAccount('pet', 'teacher', 'st-pet');
  await createAccount('sub', 'teacher', 'st-sub');
  tokens.admin = await login('admin');
  tokens.deputy = await login('gus');
  const staff = [
    ...FIXTURE_STAFF,
    {
      ...FIXTURE_STAFF[0]!,
      id: 'st-sub',
      lastName: 'Громова',
      firstName: 'Алла',
      middleName: 'Ивановна',
    },
  ];
  await push(
    tokens.admin,
    'staff',
    staff.map((s) => stamped(s, 'account:admin')),
  );
  await push(tokens.deputy, 'school', [stamped(fixtureSchool(today), 'st-gus')]);
  await push(
    tokens.deputy,
    'periods',
    fixturePeriods(today).map((p) => stamped(p, 'st-gus', ['yearId', 'kind', 'scheme', 'number'])),
  );
  await push(
    tokens.deputy,
    'classes',
    FIXTURE_CLASSES.map((c) => stamped(c, 'st-gus', ['yearId', 'grade'])),
  );
  // The secretary's class lists without the four rows the fixture gets wrong on purpose.
  const roster = readFileSync(path.join(FIXTURES, 'roster-cp1251.csv'));
  const lines = new TextDecoder('windows-1251').decode(roster).split('\r\n');
  const res = await fetch(`${server.url}/api/v1/school/import/roster?mode=commit`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens.deputy}`,
      'content-type': 'application/octet-stream',
    },
    body: [lines[0], ...lines.slice(5)].join('\r\n'),
  });
  expect(((await res.json()) as { committed: boolean }).committed).toBe(true);
});

test.afterAll(async () => {
  await server?.stop();
});

test('import, a teacher marks, a change from next Monday, a substitute, the month report', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // 1. The deputy imports the aSc export: the preview lists what it brings, then the commit.
  const deputy = await desktop(browser, 'gus');
  await deputy
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Расписание' })
    .click({ timeout: 90_000 });
  await expect(deputy.getByText('У 5А класса нет расписания')).toBeVisible();
  await deputy.getByRole('link', { name: 'Загрузка из файла' }).click();
  // A table with wrong rows: every row error is listed and nothing can be loaded.
  const fileInput = deputy.getByLabel('Файл расписания');
  await fileInput.setInputFiles(path.join(FIXTURES, 'timetable-cp1251.csv'));
  await deputy.getByRole('button', { name: 'Проверить файл' }).click();
  const rowErrors = deputy.getByRole('alert').filter({ hasText: 'ничего не загружается' });
  await expect(rowErrors).toContainText('Строка 2:');
  await expect(rowErrors).toContainText('Строка 5:');
  await expect(deputy.getByRole('button', { name: 'Загрузить в журнал…' })).toHaveCount(0);
  await shot(deputy, 'import-errors');
  await fileInput.setInputFiles(path.join(FIXTURES, 'asc-2012-cp1251.xml'));
  await deputy.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(
    deputy.getByRole('heading', { name: /Проверка: aSc Timetables 2012 XML/ }),
  ).toBeVisible();
  await expect(deputy.getByText('Предупреждения:')).toBeVisible();
  const summary = deputy.getByRole('table', { name: 'Что будет загружено' });
  await expect(summary).toContainText(formatDate(fixtureSchool(today).year.start));
  await expect(summary).toContainText('5А: ');
  await shot(deputy, 'import-preview');
  await deputy.getByRole('button', { name: 'Загрузить в журнал…' }).click();
  await expect(deputy.getByRole('alertdialog')).toContainText(/Будет создано \d+ урок/);
  await deputy.getByRole('button', { name: 'Загрузить', exact: true }).click();
  await expect(deputy.getByText(/^Расписание загружено: 3 кл\./)).toBeVisible({ timeout: 60_000 });

  // The server's documents, read independently of the screens.
  const courses = await pullAll<Course>(tokens.deputy!, 'courses');
  const timetables = await pullAll<Timetable>(tokens.deputy!, 'timetables');
  const maths = courses.find((c) => c.teacherId === 'st-pet' && c.classId === 'cl-5a')!;
  expect(maths).toBeDefined();
  const v5a = timetables.find((t) => t.classId === 'cl-5a')!;
  const courseOf = new Map(courses.map((c) => [c.id, c]));
  const mine = v5a.cells.filter((c) => c.courseId === maths.id);
  // A weekday with one maths lesson, and a free lesson number that day for 5А and for Петров.
  const move = mine.find((c) => mine.filter((o) => o.weekday === c.weekday).length === 1)!;
  const busy = (slot: number) =>
    timetables.some((t) =>
      t.cells.some(
        (c) =>
          c.weekday === move.weekday &&
          c.slot === slot &&
          (t.classId === 'cl-5a' || courseOf.get(c.courseId)?.teacherId === 'st-pet'),
      ),
    );
  const freeSlot = [7, 6, 5, 4, 3, 2, 1].find((s) => !busy(s))!;
  expect(freeSlot).toBeDefined();
  let firstMoved = nextMonday;
  while (isoWeekday(firstMoved) !== move.weekday) firstMoved = addDays(firstMoved, 1);
  const before = await lessonsOf(maths.id);
  const pastLessons = [...before.values()]
    .filter(
      (l) => l.date <= today && [...before.values()].filter((o) => o.date === l.date).length === 1,
    )
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  const thisWeek = pastLessons[0]!;
  expect(thisWeek).toBeDefined();
  const futureId = lessonId(maths.id, firstMoved, move.slot);
  expect(before.get(futureId)?.status).toBe('held');

  await deputy.getByRole('link', { name: 'Расписание классов' }).click();
  await expect(deputy.getByRole('table', { name: 'Версии расписания' })).toContainText(
    'из aSc Timetables',
  );
  await expect(deputy.getByRole('table', { name: 'Расписание на неделю' })).toContainText(
    'Петров А. Н.',
  );
  await shot(deputy, 'week');

  // 2. Петров on his desktop sees the lessons and marks this week's lesson and a future one.
  const teacher = await desktop(browser, 'pet');
  await expect(teacher.getByRole('grid')).toBeVisible({ timeout: 90_000 });
  await teacher.evaluate((id) => (location.hash = `#/journal/${encodeURIComponent(id)}`), maths.id);
  await expect(teacher.getByRole('grid')).toBeVisible();
  const { names } = await readLayout(teacher);
  for (const [date, key] of [
    [thisWeek.date, '5'],
    [firstMoved, '4'],
  ] as const) {
    await cell(teacher, names[0]!, formatDayMonth(date)).click();
    await teacher.keyboard.press(key);
    await expect(cell(teacher, names[0]!, formatDayMonth(date))).toHaveText(key);
  }
  await shot(teacher, 'teacher-marks');
  await expect
    .poll(
      async () => {
        const now = await lessonsOf(maths.id);
        return [thisWeek.id, futureId].map((id) => Object.keys(now.get(id)?.entries ?? {}).length);
      },
      { timeout: 30_000 },
    )
    .toEqual([1, 1]);

  // 3. The editor refuses a conflict in Russian: 5А's maths where Петров teaches 5Б.
  const v5b = timetables.find((t) => t.classId === 'cl-5b')!;
  const other = v5b.cells.find((c) => courseOf.get(c.courseId)?.teacherId === 'st-pet')!;
  await deputy.getByRole('button', { name: 'Изменить расписание…' }).click();
  await expect(deputy.getByLabel('Действует с')).toHaveValue(formatDate(nextMonday));
  const slotLabel = (weekday: number, slot: number) => `${WEEKDAY_SHORT[weekday]}, ${slot}-й урок`;
  await deputy
    .getByLabel(slotLabel(other.weekday, other.slot), { exact: true })
    .selectOption(maths.id);
  const problems = deputy.getByRole('alert').filter({ hasText: 'Расписание нельзя сохранить' });
  await expect(problems).toContainText('Учитель Петров А. Н. в ');
  await expect(problems).toContainText('ведёт сразу несколько уроков');
  await expect(problems).toContainText(`(с ${formatDate(nextMonday)})`);
  await expect(deputy.getByRole('button', { name: 'Сохранить расписание' })).toBeDisabled();
  await shot(deputy, 'editor-conflict');
  await deputy.getByRole('button', { name: 'Отмена', exact: true }).click();

  // 4. From next Monday this maths lesson moves to a free lesson number the same day.
  await deputy.getByRole('button', { name: 'Изменить расписание…' }).click();
  await deputy.getByLabel(slotLabel(move.weekday, move.slot), { exact: true }).selectOption('');
  await deputy
    .getByLabel(slotLabel(move.weekday, freeSlot), { exact: true })
    .selectOption(maths.id);
  await expect(deputy.getByText('Изменено ячеек расписания: 2.')).toBeVisible();
  await deputy.getByRole('button', { name: 'Сохранить расписание' }).click();
  await expect(deputy.getByText(/^Расписание 5А класса с .+ сохранено/)).toBeVisible();
  const movedId = lessonId(maths.id, firstMoved, freeSlot);
  const laterOld = lessonId(maths.id, addDays(firstMoved, 7), move.slot);
  await expect
    .poll(
      async () => {
        const now = await lessonsOf(maths.id);
        return {
          marked: Object.keys(now.get(thisWeek.id)?.entries ?? {}).length,
          keptFuture: now.get(futureId)?.offTimetable?.since ?? null,
          moved: now.get(movedId)?._deleted === false,
          laterOldGone: now.get(laterOld)?._deleted === true,
        };
      },
      { timeout: 30_000 },
    )
    .toEqual({ marked: 1, keptFuture: nextMonday, moved: true, laterOldGone: true });
  const offList = deputy.getByRole('table', { name: 'Уроки не по расписанию' });
  await expect(offList).toContainText(formatDate(firstMoved));
  await expect(offList).toContainText('отметок: 1');
  await expect(deputy.getByRole('table', { name: 'Версии расписания' })).toContainText(
    formatDate(nextMonday),
  );
  await offList.scrollIntoViewIfNeeded();
  await shot(deputy, 'week-changed');

  // 5. A day's cancellation says what it touches before anything is written.
  const dayLessons = (await pullAll<Lesson>(tokens.deputy!, 'lessons')).filter(
    (l) => !l._deleted && l.classId === 'cl-5a' && l.date === firstMoved && l.status === 'held',
  );
  await deputy.getByRole('link', { name: 'Замены' }).click();
  const cancelPanel = deputy
    .locator('section.change-panel')
    .filter({ hasText: 'Отмена уроков на день' });
  await cancelPanel.getByLabel('Дата').fill(formatDate(firstMoved));
  await cancelPanel.getByLabel('Класс').selectOption('cl-5a');
  await cancelPanel.getByRole('button', { name: 'Отменить уроки…' }).click();
  const n = dayLessons.length;
  const forms =
    n % 10 === 1 && n % 100 !== 11
      ? 'урок'
      : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)
        ? 'урока'
        : 'уроков';
  await expect(cancelPanel.getByRole('alertdialog')).toHaveText(
    new RegExp(
      `^Будет отменено? ${n} ${forms} \\(5А класса, ${formatDate(firstMoved).replace(/\./g, '\\.')}\\), в 1 из них есть отметки\\.`,
    ),
  );
  await shot(deputy, 'cancel-confirm');
  await cancelPanel.getByRole('button', { name: 'Отмена', exact: true }).click();
  await expect(cancelPanel.getByRole('alertdialog')).toHaveCount(0);

  // The flagged lesson (it holds a mark) is moved to a free lesson number of its day: перенос.
  const single = deputy.locator('section.change-panel').first();
  const held = (await pullAll<Lesson>(tokens.deputy!, 'lessons')).filter(
    (l) =>
      !l._deleted && l.status === 'held' && (l.classId === 'cl-5a' || l.teacherId === 'st-pet'),
  );
  const taken = new Set(held.map((l) => `${l.date}|${l.slot}`));
  const candidates = [0, 1, 2, 3, 4].flatMap((d) =>
    [1, 2, 3, 4, 5, 6, 7].map((slot) => ({ date: addDays(firstMoved, d), slot })),
  );
  const target = candidates.find((c) => !taken.has(`${c.date}|${c.slot}`));
  if (target === undefined) {
    console.log(
      `перенос not checked: 5А and Петров have no free lesson in the week of ${firstMoved}`,
    );
  } else {
    await single.getByLabel('Дата').fill(formatDate(firstMoved));
    await single.getByLabel('Класс').selectOption('cl-5a');
    await single.getByRole('radio', { name: new RegExp(`^${move.slot}-й урок, `) }).check();
    await single.getByLabel('На дату').fill(formatDate(target.date));
    await single.getByLabel('Номер урока').fill(String(target.slot));
    await single.getByRole('button', { name: 'Перенести…' }).click();
    await expect(single.getByRole('alertdialog')).toContainText(
      `на ${target.slot}-й урок ${formatDate(target.date)}? Тема, задание, отметки и посещаемость перейдут вместе с уроком.`,
    );
    await single.getByRole('button', { name: 'Перенести', exact: true }).click();
    await expect(
      single.getByText(`Урок перенесён на ${formatDate(target.date)}, ${target.slot}-й урок.`),
    ).toBeVisible();
    const movedTo = (await lessonsOf(maths.id)).get(lessonId(maths.id, target.date, target.slot))!;
    expect(movedTo).toMatchObject({ status: 'held', movedFrom: futureId });
    expect(Object.keys(movedTo.entries)).toHaveLength(1);
    expect((await lessonsOf(maths.id)).get(futureId)).toMatchObject({
      status: 'cancelled',
      movedTo: movedTo.id,
    });
  }

  // 6. A substitute for this week's marked lesson.
  await single.getByLabel('Дата').fill(formatDate(thisWeek.date));
  await single.getByLabel('Класс').selectOption('cl-5a');
  await single.getByRole('radio', { name: new RegExp(`^${thisWeek.slot}-й урок, `) }).check();
  await single.getByLabel('Замещающий учитель').selectOption('st-sub');
  await single.getByLabel('Причина').fill('болезнь');
  await single.getByRole('button', { name: 'Назначить замену' }).click();
  await expect(single.getByText('Замена назначена: 1 урок.')).toBeVisible();
  await expect(single.getByRole('table', { name: 'Уроки дня' })).toContainText(
    'замена: ведёт Громова А. И.',
  );
  await shot(deputy, 'substitution');

  // 7. Громова sees the lesson on her desktop and marks another student.
  const substitute = await desktop(browser, 'sub');
  await expect(substitute.getByRole('grid')).toBeVisible({ timeout: 90_000 });
  const layout = await readLayout(substitute);
  expect(layout.dates).toEqual([formatDayMonth(thisWeek.date)]);
  await cell(substitute, layout.names[1]!, formatDayMonth(thisWeek.date)).click();
  await substitute.keyboard.press('3');
  await expect(cell(substitute, layout.names[1]!, formatDayMonth(thisWeek.date))).toHaveText('3');
  await shot(substitute, 'substitute-marks');
  await expect
    .poll(
      async () => {
        const l = (await lessonsOf(maths.id)).get(thisWeek.id)!;
        return { teacher: l.teacherId, entries: Object.keys(l.entries).length };
      },
      { timeout: 30_000 },
    )
    .toEqual({ teacher: 'st-sub', entries: 2 });

  // 8. The month's report lists the replacement; the teacher totals count it for both.
  await deputy.getByRole('link', { name: 'Отчёт о заменах' }).click();
  await deputy.getByLabel('Месяц').selectOption(thisWeek.date.slice(0, 7));
  const rows = deputy.getByRole('table', { name: 'Замены и отменённые уроки' });
  const row = rows.locator('tbody tr').filter({ hasText: formatDate(thisWeek.date) });
  await expect(row).toContainText('замена');
  await expect(row).toContainText('Петров А. Н.');
  await expect(row).toContainText('Громова А. И.');
  await expect(row).toContainText('болезнь');
  const totals = deputy.getByRole('table', { name: 'Проведённые уроки по учителям' });
  await expect(totals.locator('tr').filter({ hasText: 'Громова А. И.' })).toContainText('1');
  await shot(deputy, 'report');
});

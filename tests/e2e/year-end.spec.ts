// The year transition in Chromium against a real school server with the demo school at the end of
// its year: the deputy opens «Школа → Новый учебный год», reviews the proposed calendar and
// classes, adds a 5А for those kept back, keeps two pupils of 5А back and promotes one
// conditionally with a debt in mathematics, checks the plan on the server and applies it; the
// server then has next year's 6А with the right roster, the desktop's class list shows next year's
// classes only (one 5А), the finished year's book of movements, 5А's year summary sheet and a
// pupil's personal card print from the archive, and the finished year refuses a change. Next
// year's draft timetables put in force for every class are refused with the teachers' conflicts
// named (the new 5А and 6А both copy 5А's); 6А's alone is put in force in «Расписание», and a
// teacher of the new 6А (its class teacher) signs in on another computer and sees 6А's roster and
// its lessons of the first week.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Lesson } from '../../shared/lesson';
import type { School } from '../../shared/school';
import type { SchoolClass } from '../../shared/school-class';
import type { StaffMember } from '../../shared/staff';
import type { Student } from '../../shared/student';
import { compareStudents } from '../../shared/student';
import { fullName } from '../../shared/common';
import { addDays } from '../../shared/dates';
import { openLoginForm, startJournalServer, submitLogin, type JournalServer } from './sync-helpers';

const SHOTS = 'test-results/year-end';
const VIEWPORT = { width: 1366, height: 768 };
let server: JournalServer;

function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

async function api<T>(
  method: string,
  route: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function all<T>(collection: string, token: string): Promise<T[]> {
  const out: T[] = [];
  let checkpoint = '';
  for (;;) {
    const page = await api<{ documents: T[]; checkpoint: unknown }>(
      'GET',
      `/api/v1/sync/${collection}/pull?limit=1000&checkpoint=${encodeURIComponent(checkpoint)}`,
      token,
    );
    out.push(...page.body.documents);
    if (page.body.documents.length < 1000)
      return out.filter((d) => !(d as { _deleted?: boolean })._deleted);
    checkpoint = JSON.stringify(page.body.checkpoint);
  }
}

test.beforeAll(async () => {
  server = await startJournalServer(90);
});
test.afterAll(async () => {
  await server?.stop();
});

test('the deputy moves the school to the next year; the finished year is read-only', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const login = await api<{ token: string }>('POST', '/api/v1/auth/login', '', {
    login: 'deputy',
    password: 'demo',
    deviceName: 'Проверка',
  });
  const token = login.body.token;
  const students = await all<Student>('students', token);
  const fifth = students
    .filter((s) => s.classId === 'cl-05-a' && s.status === 'active')
    .sort(compareStudents);
  const [kept1, kept2, conditional] = fifth;

  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await openLoginForm(page, server.url);
  await submitLogin(page, 'deputy');
  await expect(page.locator('.school-screen')).toBeVisible({ timeout: 120_000 });
  await page.getByRole('link', { name: 'Новый учебный год' }).click();
  await expect(
    page.getByRole('heading', { name: /Завершение 2026\/2027 и переход на 2027\/2028/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Осенние каникулы')).toBeVisible();
  await shot(page, '1-calendar');

  await page.getByRole('button', { name: 'Далее' }).click();
  await expect(page.getByRole('cell', { name: '6А' })).toBeVisible();
  // A split adds 6Б continuing 5А too (students are assigned in the next step); removed again.
  const row6 = page.locator('tr', { has: page.getByRole('cell', { name: '6А', exact: true }) });
  await row6.getByRole('button', { name: 'Разделить' }).click();
  await expect(page.getByText('Добавлен класс 6Б: он тоже продолжает 5А')).toBeVisible();
  await shot(page, '2-classes-split');
  await page
    .locator('tr', { has: page.getByRole('cell', { name: '6Б', exact: true }) })
    .getByRole('button', { name: 'Убрать' })
    .click();
  await expect(page.getByRole('cell', { name: '6Б', exact: true })).toHaveCount(0);
  await page.getByLabel('Параллель').selectOption('5');
  await page.getByRole('button', { name: 'Добавить класс' }).click();
  // The class teacher of the graduating 9А is free to lead the new 5А.
  const ninth = (await all<SchoolClass>('classes', token)).find((c) => c.id === 'cl-09-a')!;
  const free = (await all<StaffMember>('staff', token)).find((s) => s.id === ninth.classTeacherId)!;
  await page.getByLabel('Классный руководитель 5А').selectOption({ label: fullName(free) });
  // A 9А for the 9th graders the results keep back (a 2 in a final mark: no certificate).
  const leaders = new Set((await all<SchoolClass>('classes', token)).map((c) => c.classTeacherId));
  const other = (await all<StaffMember>('staff', token)).find(
    (s) => s.active && !leaders.has(s.id) && s.id !== 'staff-deputy',
  )!;
  await page.getByLabel('Параллель').selectOption('9');
  await page.getByRole('button', { name: 'Добавить класс' }).click();
  await page.getByLabel('Классный руководитель 9А').selectOption({ label: fullName(other) });
  await shot(page, '2-classes');

  await page.getByRole('button', { name: 'Далее' }).click();
  await page.getByLabel('Приказ №').fill('112-о');
  await page.getByLabel('Класс этого года').selectOption({ label: '5А' });
  for (const s of [kept1!, kept2!]) {
    await page
      .getByLabel(`Движение: ${fullName(s)}`)
      .selectOption({ label: 'оставлен на повторное обучение' });
    await page.getByLabel(`Класс: ${fullName(s)}`).selectOption({ label: '5А' });
  }
  await page
    .getByLabel(`Движение: ${fullName(conditional!)}`)
    .selectOption({ label: 'переведён условно' });
  const row = page.locator('tr', { has: page.getByLabel(`Движение: ${fullName(conditional!)}`) });
  await row.getByLabel('Математика').check();
  await shot(page, '3-movements');
  await page.getByLabel('Класс этого года').selectOption({ label: '9А' });
  const ninthRows = page.locator('.year-end-movements tbody tr');
  for (let i = 0; i < (await ninthRows.count()); i += 1) {
    const r = ninthRows.nth(i);
    if ((await r.locator('select').first().inputValue()) === 'keptBack') {
      await r.locator('select').nth(1).selectOption({ label: '9А' });
    }
  }

  await page.getByRole('button', { name: 'Далее' }).click();
  await expect(
    page.getByText(/Скопировать расписание как черновик, действующий с 01\.09\.2027/),
  ).toBeVisible();
  await shot(page, '4-copy');
  await page.getByRole('button', { name: 'Далее' }).click();
  await expect(page.getByText('Замечаний нет.')).toBeVisible();
  await page.getByRole('button', { name: 'Проверить на сервере' }).click();
  await expect(page.getByText('Будет записано:')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Перейти на 2027/2028' }).click();
  await shot(page, '5-confirm');
  await page.getByRole('button', { name: 'Закрыть год и перейти' }).click();
  await expect(page.getByText(/Учебный год 2026\/2027 закрыт, открыт 2027\/2028/)).toBeVisible({
    timeout: 60_000,
  });
  await shot(page, '6-done');
  // Next year's timetables are drafts until the deputy puts them in force. For every class at
  // once they are refused here: the new 5А copied 5А's timetable, which 6А continues with the same
  // teachers — the conflicts are named.
  await page.getByRole('button', { name: 'Ввести расписание в действие' }).click();
  await expect(page.getByRole('alert')).toContainText(
    /Расписание не введено в действие: Учитель .* ведёт сразу несколько уроков: 5А/,
    { timeout: 60_000 },
  );

  // On the server: next year's 6А holds 5А but those kept back, who are in the new 5А.
  const school = (await all<School>('school', token))[0]!;
  expect(school.year.name).toBe('2027/2028');
  expect(school.pastYears?.[0]?.order.number).toBe('112-о');
  const classes = await all<SchoolClass>('classes', token);
  const next6 = classes.find((c) => c.yearId === school.year.id && c.name === '6А')!;
  const next5 = classes.find((c) => c.yearId === school.year.id && c.name === '5А')!;
  const now = await all<Student>('students', token);
  expect(
    now
      .filter((s) => s.classId === next6.id)
      .map((s) => s.id)
      .sort(),
  ).toEqual(
    fifth
      .slice(2)
      .map((s) => s.id)
      .sort(),
  );
  expect(
    now
      .filter((s) => s.classId === next5.id)
      .map((s) => s.id)
      .sort(),
  ).toEqual([kept1!.id, kept2!.id].sort());
  // The desktop shows the new year only: one 5А in the class list, the new one, and as many classes
  // as the server holds for 2027/2028.
  await page.getByRole('link', { name: 'Мой класс' }).click();
  const options = page.locator('.class-toolbar select option');
  await expect(options.filter({ hasText: /^5А$/ })).toHaveAttribute('value', next5.id, {
    timeout: 60_000,
  });
  await expect(options.filter({ hasText: /^5А$/ })).toHaveCount(1);
  await expect(options).toHaveCount(classes.filter((c) => c.yearId === school.year.id).length);
  await shot(page, '7-new-year-classes');
  // 6А's draft reviewed and put in force in «Расписание»: its lessons are generated.
  await page.getByRole('link', { name: 'Расписание' }).click();
  await page.getByLabel('Класс').selectOption({ label: '6А' });
  await expect(
    page.getByText(/Черновик расписания 6А класса с 01\.09\.2027 не действует/),
  ).toBeVisible();
  await shot(page, '8-draft-timetable-6a');
  await page.getByRole('button', { name: 'Ввести в действие расписание 6А' }).click();
  await expect(
    page.getByText(/Расписание введено в действие: 6А\. Создано уроков: \d+/),
  ).toBeVisible({
    timeout: 60_000,
  });
  // Mathematics added by the deputy to whatever debts the results proposed.
  const last = now.find((s) => s.id === conditional!.id)!.movements?.at(-1);
  expect(last).toMatchObject({ kind: 'conditional', orderNumber: '112-о' });
  expect(last?.debts).toContain('math');

  // «Школа → Архив»: the finished year's book of movements and 5А's year summary sheet, read from
  // the server's archive.
  await page.evaluate(() => {
    location.hash = '#/school/archive';
  });
  await expect(page.getByLabel('Учебный год')).toHaveValue(school.pastYears![0]!.year.id);
  const printed = async (file: string) => {
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('iframe.print-preview')).toBeVisible({ timeout: 60_000 });
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Сохранить…' }).click();
    const path = `${SHOTS}/${file}.pdf`;
    await (await downloading).saveAs(path);
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
  };
  await page.getByRole('button', { name: 'Напечатать книгу движения' }).click();
  const book = await printed('movement-book');
  expect(book).toContain('Книга движения обучающихся');
  expect(book).toContain(`${fullName(conditional!)} `);
  expect(book).toMatch(
    new RegExp(`${fullName(conditional!)} (переведён|переведена) условно 6А .*Математика`),
  );
  // 5А's totals as the server's students say.
  const moved5a = now.map((s) => s.movements?.at(-1)).filter((m) => m?.fromClassId === 'cl-05-a');
  const totals = (
    [
      ['promoted', 'переведены в следующий класс'],
      ['conditional', 'переведены условно'],
      ['keptBack', 'оставлены на повторное обучение'],
    ] as const
  )
    .map(([kind, words]) => [words, moved5a.filter((m) => m!.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([words, n]) => `${words} — ${n}`);
  expect(book).toContain(`Итого по 5А классу: ${totals.join(', ')}.`);
  await page.getByLabel('Класс архива').selectOption({ label: '5А' });
  await shot(page, '8-archive');
  await page.getByRole('button', { name: 'Напечатать сводную ведомость за год' }).click();
  const summary = await printed('archive-summary-5a');
  expect(summary).toContain('2026/2027 учебный год');
  for (const s of fifth) expect(summary).toContain(fullName(s).split(' ')[0]!);

  // The personal card of the pupil promoted conditionally: last year's 5А from the archive with its
  // year marks and the movement, this year's 6А from the local data.
  await page.evaluate((id) => {
    location.hash = `#/class/${id}/roster`;
  }, next6.id);
  await page.getByRole('button', { name: fullName(conditional!), exact: true }).click();
  await expect(page.getByRole('region', { name: 'Движение' })).toContainText(
    'условно (из 5А в 6А)',
  );
  await shot(page, '9-student-movements');
  await page.getByRole('button', { name: 'Печать личной карты' }).click();
  const card = await printed('personal-card');
  expect(card).toContain(`Фамилия, имя, отчество: ${fullName(conditional!)}`);
  expect(card).toContain('2026/2027 учебный год — 5А класс');
  expect(card).toMatch(
    /(переведён|переведена) условно \(из 5А в 6А\), академическая задолженность: .*Математика.*, приказ № 112-о/,
  );
  expect(card).toContain('2027/2028 учебный год — 6А класс');
  expect(card).toMatch(/Математика, I четверть: отметка отсрочена до \d\d\.\d\d\.2027/);

  // A change to the finished year is refused in Russian.
  const lessons = await all<Lesson>('lessons', token);
  const old = lessons.find((l) => l.classId === 'cl-05-a')!;
  const changed = {
    ...old,
    homework: 'Изменение после закрытия года',
    stamps: {
      ...old.stamps,
      homework: { at: `${String(Date.now()).padStart(15, '0')}-00001-e2e`, by: 'staff-deputy' },
    },
  };
  const refused = await api<unknown[]>('POST', '/api/v1/sync/lessons/push', token, [
    {
      assumedMasterState: { ...old, _deleted: false },
      newDocumentState: { ...changed, _deleted: false },
    },
  ]);
  expect(refused.status).toBe(200);
  const reasons = await api<{ refusals: { reason: string }[] }>(
    'GET',
    '/api/v1/refusals/mine?limit=5',
    token,
  );
  expect(reasons.body.refusals[0]!.reason).toBe(
    'Учебный год 2026/2027 закрыт: изменения не приняты',
  );
  // The new year has not started: the wizard offers the undo and says what it removes (not taken).
  await page.getByRole('link', { name: 'Школа' }).click();
  await page.getByRole('link', { name: 'Новый учебный год' }).click();
  await page.getByRole('button', { name: 'Отменить переход…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Отменить переход на 2027/2028?' });
  await expect(dialog).toContainText('Учебный год 2026/2027 снова станет текущим');
  await shot(page, '9-undo-offered');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await context.close();

  // A teacher of the new 6А — its class teacher, who teaches in it — signs in on another computer.
  const teacher = await browser.newContext({ viewport: VIEWPORT });
  const tp = await teacher.newPage();
  await openLoginForm(tp, server.url);
  await submitLogin(tp, 'class-teacher');
  // (The journal opens on their first course, the new 5А's: no lessons, its draft is not in force.)
  await expect(tp.getByRole('navigation', { name: 'Мои курсы' })).toBeVisible({ timeout: 120_000 });
  const sections = tp.getByRole('navigation', { name: 'Разделы' });
  await sections.getByRole('link', { name: 'Мой класс' }).click();
  await tp
    .getByRole('navigation', { name: 'Разделы класса' })
    .getByRole('link', { name: 'Ученики' })
    .click();
  // «Мой класс» is 6А with 5А's pupils but those kept back.
  const roster = fifth.slice(2).map((s) => fullName(s));
  const rosterRows = tp.locator('.roster-table tbody tr');
  await expect(rosterRows).toHaveCount(roster.length, { timeout: 60_000 });
  expect(await rosterRows.getByRole('button').allTextContents()).toEqual(roster);
  await shot(tp, '10-teacher-roster-6a');
  // Their 6А course in the journal: the lessons of the first week are the new timetable's.
  await sections.getByRole('link', { name: 'Журнал' }).click();
  await tp.locator('.course-list button', { hasText: '6А ·' }).first().click();
  const headers = tp.locator('.journal-grid thead th.date');
  await expect(headers.first()).toBeVisible({ timeout: 60_000 });
  const shownIds = await headers.evaluateAll((ths) =>
    ths.map((th) => th.getAttribute('data-lesson-id') ?? ''),
  );
  const byId = new Map(lessons.map((l) => [l.id, l]));
  const courseId = byId.get(shownIds[0]!)?.courseId;
  const weekEnd = addDays(school.year.start, 6);
  const inFirstWeek = (l: Lesson | undefined) =>
    l !== undefined && l.date >= school.year.start && l.date <= weekEnd;
  const expected = lessons
    .filter((l) => l.classId === next6.id && l.courseId === courseId && inFirstWeek(l))
    .map((l) => l.id)
    .sort();
  expect(expected.length).toBeGreaterThan(0);
  expect(shownIds.filter((id) => inFirstWeek(byId.get(id))).sort()).toEqual(expected);
  await shot(tp, '11-teacher-journal-6a');
  await teacher.close();
});

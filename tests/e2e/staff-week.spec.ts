// The class teacher's and deputy's week (issue «The teacher's week», items 9–15) in Chromium on the
// demo school: the on-the-spot test-schedule warning, the statistics against the plan to date,
// and the deputy's screens. Screenshots at 1366×768 go to test-results/staff-week.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatDate, todayIso } from '../../shared/dates';
import { enterTestProfile, openDemoAsTeacher } from './journal-helpers';
import { goHash, switchIdentity } from './period-helpers';

const SHOTS = 'test-results/staff-week';
const DEPUTY = /Заместитель директора по УВР/;

test.use({ viewport: { width: 1366, height: 768 } });

function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function selectColumn(page: Page, i: number): Promise<void> {
  await page.getByRole('grid').locator('thead th.date').nth(i).dispatchEvent('mousedown');
}

test('marking a lesson as a test warns on the spot about the test schedule', async ({ page }) => {
  await openDemoAsTeacher(page);
  // The next quarter holds no lesson yet: two added two days apart, so only this test's marks count.
  await page.getByRole('combobox', { name: 'Период' }).selectOption({ label: 'III четверть' });
  const add = page.getByRole('form', { name: 'Добавить урок' });
  for (const date of ['12.01.2027', '14.01.2027']) {
    await add.getByLabel('Дата').fill(date);
    await add.getByRole('button', { name: 'Добавить урок' }).click();
    await expect(
      page.getByRole('grid').locator('thead th.date', { hasText: date.slice(0, 5) }),
    ).toHaveCount(1);
  }
  const panel = page.locator('.lesson-panel');
  const warning = panel.locator('.test-schedule-warning');
  // The first two lessons of the course are days apart: one test alone breaks no interval rule…
  await selectColumn(page, 1);
  await panel.getByLabel('Тип урока').selectOption({ label: 'Контрольная работа' });
  await expect(page.locator('.save-state[data-saving="false"]')).toBeVisible();
  await expect(warning.getByText(/чаще одного раза в 2,5 недели/)).toHaveCount(0);
  // …a second one a few days later does, and the warning names both dates.
  await selectColumn(page, 0);
  await panel.getByLabel('Тип урока').selectOption({ label: 'Контрольная работа' });
  await expect(warning).toContainText('чаще одного раза в 2,5 недели');
  await expect(warning).toContainText('контрольные работы');
  await shot(page, '1-test-schedule-warning');
  // An ordinary lesson again: the warning goes.
  await panel.getByLabel('Тип урока').selectOption({ index: 0 });
  await expect(warning).toHaveCount(0);
});

test('statistics say what each figure means and count the backlog to today', async ({ page }) => {
  await openDemoAsTeacher(page);
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/statistics');
  const table = page.locator('.statistics-tab table.report-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const headers = await table.locator('thead th').allTextContents();
  const today = formatDate(todayIso());
  expect(headers).toEqual(
    expect.arrayContaining([
      'Обучающихся',
      'Уроков по плану за период',
      `По плану на ${today}`,
      `Отставание на ${today}`,
    ]),
  );
  // Every class has students, the 1st grades (assessed without marks) too.
  const col = headers.indexOf('Обучающихся');
  const firstGrades = table.locator('tbody tr', { hasText: /^1[А-Я]/ });
  expect(await firstGrades.count()).toBeGreaterThan(0);
  for (const n of await firstGrades.locator(`td:nth-child(${col + 1})`).allTextContents())
    expect(Number(n)).toBeGreaterThan(0);
  // Mid-period the plan to date is below the period's plan, and no backlog exceeds it.
  const cells = async (header: string) =>
    (
      await table.locator(`tbody tr td:nth-child(${headers.indexOf(header) + 1})`).allTextContents()
    ).map(Number);
  const planned = await cells('Уроков по плану за период');
  const toDate = await cells(`По плану на ${today}`);
  const backlog = await cells(`Отставание на ${today}`);
  toDate.forEach((x, i) => expect(x).toBeLessThanOrEqual(planned[i]!));
  backlog.forEach((x, i) => expect(x).toBeLessThanOrEqual(toDate[i]!));
  await expect(page.locator('.report-legend')).toContainText('1-е классы');
  await shot(page, '2-statistics');
});

test('before closing a period the deputy sees what is missing; the log shows a closed period', async ({
  page,
}) => {
  await openDemoAsTeacher(page);
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/periods');
  // The demo's I четверть was closed with the calendar: the log says so instead of «не закрывались».
  const log = page.locator('.period-log');
  await expect(log).toContainText('«I четверть» закрыт');
  await expect(log).not.toContainText('ещё не закрывались');

  // II четверть is running (it ends on 28.12): closing it warns and counts the marks not set.
  await page.getByRole('button', { name: 'Закрыть период «II четверть» (четверти)' }).click();
  const check = page.getByTestId('period-closing-check');
  await expect(check).toContainText('Период ещё не закончился: он длится до 28.12.2026');
  const summary = await check
    .getByText(/Не выставлено отметок за период: \d+ из \d+/)
    .textContent();
  const [, missing, expected] = /(\d+) из (\d+)/.exec(summary!)!.map(Number);
  expect(missing).toBeGreaterThan(0);
  expect(missing).toBeLessThanOrEqual(expected!);
  // The per-class and per-teacher tables add up to the total.
  for (const caption of ['По классам', 'По учителям']) {
    const table = check.locator('table', { has: page.getByText(caption, { exact: true }) });
    const cells = await table.locator('tbody tr td:nth-of-type(1)').allTextContents();
    expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(missing);
  }
  await shot(page, '3-period-closing-check');
  await page.getByRole('button', { name: 'Отмена' }).click();
  await expect(page.getByText('открыт').first()).toBeVisible();
});

test('a deputy signs in to the school section, never to a raw id or a random course', async ({
  page,
}) => {
  await page.goto('./');
  await enterTestProfile(page);
  await page.getByRole('button', { name: /Демо-школа/ }).click();
  await page.getByRole('button', { name: DEPUTY }).click({ timeout: 60_000 });
  await expect(page.locator('.school-screen')).toBeVisible();
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.locator('.app-header')).not.toContainText('staff-');
  await expect(
    page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Школа' }),
  ).toHaveAttribute('aria-current', 'page');
  await shot(page, '4-deputy-first-screen');
});

test('«Обзор» mid-period: current averages, marks per student, completion by teacher sortable and filterable', async ({
  page,
}) => {
  await openDemoAsTeacher(page);
  await switchIdentity(page, DEPUTY);
  await goHash(page, '#/school/overview');
  const matrix = page.locator('.overview-matrix');
  await expect(matrix.locator('tbody tr').first()).toBeVisible();
  // Mid-quarter the period marks are «—», the current averages are not.
  await expect(page.getByLabel('Показатель')).toHaveValue('current');
  const averages = await matrix.locator('tbody td').allTextContents();
  // Cells of courses the class has (a class without the subject has an empty cell).
  const courseCells = averages.filter((t) => t !== '');
  expect(courseCells.filter((t) => /^\d,\d\d$/.test(t)).length).toBeGreaterThan(
    courseCells.length / 2,
  );
  for (const t of averages.filter((x) => /^\d/.test(x))) {
    const v = Number(t.replace(',', '.'));
    expect(v).toBeGreaterThanOrEqual(1);
    expect(v).toBeLessThanOrEqual(5);
  }
  await page.getByLabel('Показатель').selectOption('marksPerStudent');
  const perStudent = await matrix.locator('tbody td').allTextContents();
  expect(perStudent.some((t) => /^\d+(,\d)?$/.test(t) && Number(t.replace(',', '.')) > 0)).toBe(
    true,
  );
  await page.getByLabel('Показатель').selectOption('current');

  // By teacher: sorted by «Не выставлено» descending first; click sorts ascending; filter by name.
  const table = page.locator('.teacher-completion-table');
  const missing = async () =>
    (await table.locator('tbody tr td:nth-of-type(4)').allTextContents()).map(Number);
  const first = await missing();
  expect(first.length).toBeGreaterThan(3);
  expect([...first].sort((a, b) => b - a)).toEqual(first);
  await table.getByRole('button', { name: /^Не выставлено/ }).click();
  const asc = await missing();
  expect([...asc].sort((a, b) => a - b)).toEqual(asc);
  const name = (await table.locator('tbody tr th').first().textContent())!.trim();
  await page.getByLabel('Учитель', { exact: true }).fill(name.split(' ')[0]!);
  await expect(table.locator('tbody tr th').first()).toHaveText(name);
  expect(await table.locator('tbody tr').count()).toBeLessThan(first.length);
  await page.getByLabel('Учитель', { exact: true }).fill('');
  await shot(page, '5-deputy-overview');
});

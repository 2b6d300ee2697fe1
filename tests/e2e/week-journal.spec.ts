// The teacher's day in the journal, by keyboard only: the page opens on today's (or the nearest)
// lesson with the lesson panel on it; marks → topic → homework → back to the grid → next lesson.
// Also: «Отменить урок» asks first showing what the lesson holds, «Добавить урок» adds once on a
// double click and refuses a Sunday; the lesson type proposes the work type and a weighted mark
// looks different; the deputy's course list by class and subject, the period log's wall time;
// screenshots at 1366×768 and 1024×768.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatDate, todayIso } from '../../shared/dates';
import { enterTestProfile, openDemoAsTeacher } from './journal-helpers';
import { goHash, switchIdentity } from './period-helpers';

const SHOTS = 'test-results/week-journal';
function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

const focusedCell = (page: Page) => page.locator('.journal-grid td[role="gridcell"]:focus');
const panelTitle = (page: Page) => page.locator('.lesson-panel h2');

test('keyboard only: open on today, marks, topic, homework, next lesson', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDemoAsTeacher(page);

  // Opened on today's or the nearest lesson: its cell holds the focus, its header is on screen.
  await expect(focusedCell(page)).toHaveCount(1);
  const header = page.locator('.journal-grid th.date.selected-col');
  await expect(header).toBeInViewport();
  const lessonId = await header.getAttribute('data-lesson-id');
  const date = /:(\d{4}-\d{2}-\d{2}):/.exec(lessonId ?? '')?.[1] ?? '';
  const today = todayIso();
  const dates = await page
    .locator('.journal-grid thead th.date')
    .evaluateAll((ths) =>
      ths.map((th) => /:(\d{4}-\d{2}-\d{2}):/.exec(th.getAttribute('data-lesson-id') ?? '')?.[1]),
    );
  // The nearest: the first lesson on or after today, or the last one of an ended period.
  const expected = dates.find((d) => d! >= today) ?? dates[dates.length - 1];
  expect(date).toBe(expected);
  await expect(panelTitle(page)).toContainText(`Урок ${formatDate(date)}`);
  if (date === today) {
    await expect(header).toHaveClass(/today/);
    await expect(header).toHaveAttribute('aria-current', 'date');
  }
  await shot(page, '1-opened-on-today-1366');

  // Marks by keyboard in the focused cell, the next student below.
  await page.keyboard.press('Delete');
  await page.keyboard.press('5');
  await expect(focusedCell(page)).toHaveText('5');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await page.keyboard.press('4');
  await expect(focusedCell(page)).toHaveText('4');

  // F6: the topic; Tab: the homework; Esc: back to the same cell of the grid.
  await page.keyboard.press('F6');
  const topic = page.getByLabel('Тема урока');
  await expect(topic).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('Сложение дробей');
  await page.keyboard.press('Tab');
  const homework = page.getByLabel('Домашнее задание');
  await expect(homework).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('№ 12, 14');
  await page.keyboard.press('Escape');
  await expect(focusedCell(page)).toHaveText('4');

  // The next lesson (the previous one when today's is the last so far): the panel follows;
  // back again, the topic and homework are there.
  const at = dates.indexOf(date);
  const forward = at < dates.length - 1;
  const other = dates[forward ? at + 1 : at - 1]!;
  const title = (await panelTitle(page).textContent()) ?? '';
  await page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
  await expect(panelTitle(page)).toContainText(`Урок ${formatDate(other)}`);
  await expect(panelTitle(page)).not.toHaveText(title);
  await page.keyboard.press(forward ? 'ArrowLeft' : 'ArrowRight');
  await expect(panelTitle(page)).toHaveText(title);
  await expect(topic).toHaveValue('Сложение дробей');
  await expect(homework).toHaveValue('№ 12, 14');

  // Home / End / Ctrl+Home within the grid; Tab leaves the grid.
  await page.keyboard.press('F6');
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await expect(page.locator('.journal-grid th.date').last()).toHaveClass(/selected-col/);
  await page.keyboard.press('Control+Home');
  await expect(page.locator('.journal-grid th.date').first()).toHaveClass(/selected-col/);
  await expect(page.getByRole('rowheader').first()).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(focusedCell(page)).toHaveCount(0);

  // «Сегодня» brings the lesson back into view.
  await page.getByRole('button', { name: 'Сегодня' }).click();
  await expect(header).toBeInViewport();
  await expect(page.locator(`.journal-grid th.date[data-lesson-id="${lessonId}"]`)).toHaveClass(
    /selected-col/,
  );

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('button', { name: 'Сегодня' }).click();
  await expect(header).toBeInViewport();
  await expect(page.locator('.journal-grid thead th.summary.average')).toBeInViewport();
  await shot(page, '2-opened-on-today-1024');
});

test('cancel asks first showing what the lesson holds; add lesson once; no Sunday', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDemoAsTeacher(page);
  await page.keyboard.press('Delete');
  await page.keyboard.press('5');
  await expect(focusedCell(page)).toHaveText('5');

  await page.getByRole('button', { name: 'Отменить урок' }).click();
  const ask = page.getByRole('alertdialog', { name: /Отменить урок/ });
  await expect(ask).toContainText(/В уроке: \d+ отмет/);
  await shot(page, '3-cancel-asks');
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(page.getByLabel('Урок проведён')).toBeChecked();

  // «Добавить урок»: a Sunday is refused with a Russian message.
  const form = page.getByRole('form', { name: 'Добавить урок' });
  const columns = page.locator('.journal-grid thead th.date');
  const before = await columns.count();
  const period = await page.locator('.page-toolbar select option:checked').textContent();
  expect(period).toBeTruthy();
  const sunday = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + ((7 - d.getDay()) % 7 || 7));
    return d;
  });
  const sundayText = formatDate(sunday.toISOString().slice(0, 10));
  await form.getByLabel('Дата').fill(sundayText);
  await form.getByRole('button', { name: 'Добавить урок' }).click();
  await expect(form.getByRole('status')).toContainText(/воскресенье|внутри периода/);
  await expect(columns).toHaveCount(before);

  // English-style dates are refused in Russian.
  await form.getByLabel('Дата').fill('12/01/2026');
  await form.getByLabel('Дата').blur();
  await expect(form.getByRole('alert')).toHaveText('Дата должна быть в формате ДД.ММ.ГГГГ');

  // A double click adds one lesson and says no error; it can be removed while empty.
  await form.getByLabel('Дата').fill(formatDate(todayIso()));
  await form.getByLabel('Номер урока').selectOption('7');
  await form.getByRole('button', { name: 'Добавить урок' }).dblclick();
  await expect(columns).toHaveCount(before + 1);
  await expect(form.getByRole('status')).toContainText('добавлен');
  await expect(panelTitle(page)).toContainText('7-й урок');
  await page.getByRole('button', { name: 'Удалить урок' }).click();
  await page
    .getByRole('alertdialog', { name: /Удалить урок/ })
    .getByRole('button', { name: 'Удалить урок' })
    .click();
  await expect(columns).toHaveCount(before);
});

test('«Контрольная работа» lesson: its marks get к/р with weight 3, shown bold with the weight', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDemoAsTeacher(page);
  await expect(focusedCell(page)).toHaveCount(1);

  // The lesson type proposes the work type (the school's default setting: к/р, weight 3).
  const type = page.getByLabel('Тип урока');
  await type.selectOption('test');
  const workType = page.getByLabel('Вид работы по умолчанию');
  await expect(workType.locator('option[value=""]')).toHaveText(
    'По типу урока (Контрольная работа, вес 3)',
  );
  await expect(page.locator('.journal-grid th.date.selected-col .badge').first()).toHaveText('к/р');
  await page.keyboard.press('Escape');
  await expect(focusedCell(page)).toHaveCount(1);
  await page.keyboard.press('Delete');
  await page.keyboard.press('5');
  await expect(focusedCell(page)).toHaveText('5');
  const mark = focusedCell(page).locator('.mark');
  await expect(mark).toHaveClass(/mark-weighted/);
  await expect(mark).toHaveAttribute('data-weight', '3');
  await expect(mark).toHaveCSS('font-weight', '700');
  await expect(focusedCell(page)).toHaveAttribute('title', /Контрольная работа, вес 3/);

  // The teacher's own choice for the column wins over the lesson type's proposal.
  await workType.selectOption('oral');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await page.keyboard.press('4');
  await expect(focusedCell(page)).toHaveText('4');
  await expect(focusedCell(page).locator('.mark')).not.toHaveClass(/mark-weighted/);

  // The legend and the average's header say how averages are cut and what bold means.
  await expect(page.locator('.grid-legend')).toContainText('Средний балл округляется до сотых');
  await expect(page.locator('.grid-legend')).toContainText('Отметка с весом больше 1 — жирная');
  await expect(page.locator('.journal-grid thead th.summary.average')).toHaveAttribute(
    'title',
    /Средний балл округляется до сотых/,
  );
  await shot(page, '4-weighted-mark-1366');
});

test('a deputy: courses by class and subject, corrections said; the period log shows the wall time', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDemoAsTeacher(page);
  await switchIdentity(page, /Заместитель директора по УВР/);
  await goHash(page, '#/journal');
  const list = page.getByRole('navigation', { name: 'Мои курсы' });
  const others = list.getByRole('region', { name: 'Курсы других учителей' });
  await expect(others).toBeVisible();
  await expect(others.locator('h3')).toContainText(/Курсы других учителей \(\d{3,}\)/);
  await others.getByLabel('Класс').selectOption({ label: '5А' });
  await others.getByLabel('Предмет').selectOption({ label: 'Математика' });
  const groups = others.locator('details.class-group');
  await expect(groups).toHaveCount(1);
  await expect(groups.locator('summary')).toContainText('5А');
  await groups.getByRole('button').first().click();
  await expect(page.locator('.correction-notice')).toContainText(
    'Вы исправляете этот журнал как заместитель директора',
  );
  await shot(page, '5-deputy-courses-1366');

  // Close a period: the log shows the time on this computer's clock, to the minute.
  await goHash(page, '#/school/periods');
  const before = Date.now();
  await page.getByRole('button', { name: /^Закрыть период «II четверть»/ }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: 'Закрыть период', exact: true })
    .click();
  const log = page.locator('.period-log li').first();
  await expect(log).toContainText('«II четверть» закрыт');
  const shown = /(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})/.exec((await log.textContent()) ?? '');
  expect(shown).not.toBeNull();
  const [, dd, mm, yyyy, hh, mi] = shown!.map(Number) as number[];
  const at = new Date(yyyy!, mm! - 1, dd!, hh!, mi!).getTime();
  // Within the minute of the click (the page and the test share this computer's clock and zone).
  expect(at).toBeGreaterThanOrEqual(before - 60_000 - (before % 60_000));
  expect(at).toBeLessThanOrEqual(Date.now());
  await expect(page.locator('.period-log')).not.toContainText('Периоды ещё не закрывались');
});

test('an 80-character name keeps the averages on screen at 1366×768', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./');
  await enterTestProfile(page);
  await page.getByRole('button', { name: /Демо-школа/ }).click();
  await page.getByRole('button', { name: /Классный руководитель/ }).click({ timeout: 60_000 });
  await expect(page.getByRole('grid')).toBeVisible();

  // The class teacher adds a student with a long (valid) name to the class.
  const sections = page.getByRole('navigation', { name: 'Разделы' });
  await sections.getByRole('link', { name: 'Мой класс' }).click();
  await page
    .getByRole('navigation', { name: 'Разделы класса' })
    .getByRole('link', { name: 'Ученики' })
    .click();
  const className = (await page.locator('.class-toolbar h1').textContent())!.replace('Класс ', '');
  const grade = Number(/^\d+/.exec(className)![0]);
  const lastName = 'Константинопольская-Преображенская-Воскресенская-Ильинская';
  const firstName = 'Анастасия-Елизавета';
  expect(`${lastName} ${firstName} В.`.length).toBeGreaterThanOrEqual(80);
  await page.getByRole('button', { name: 'Добавить ученика' }).click();
  const panel = page.getByRole('complementary', { name: 'Новый ученик' });
  await panel.getByLabel('Фамилия').fill(lastName);
  await panel.getByLabel('Имя').fill(firstName);
  await panel.getByLabel('Отчество').fill('Владимировна');
  await panel.getByLabel('Пол').selectOption({ label: 'женский' });
  const now = new Date();
  const yearStart = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  await panel.getByLabel('Дата рождения').fill(`08.03.${yearStart - grade - 6}`);
  await panel.getByRole('button', { name: 'Добавить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ученик добавлен' })).toBeVisible();

  // In the journal of the class, the name is cut with «…» and the averages stay in view.
  await sections.getByRole('link', { name: 'Журнал' }).click();
  await page
    .locator('.course-list button', { hasText: `${className} ·` })
    .first()
    .click();
  const row = page.getByRole('row').filter({ hasText: lastName.slice(0, 20) });
  await expect(row).toHaveCount(1);
  await row.scrollIntoViewIfNeeded();
  const name = row.getByRole('rowheader');
  const box = (await name.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(320);
  await expect(row.locator('.summary.average')).toBeInViewport();
  await expect(row.locator('.summary.proposal')).toBeInViewport();
  await expect(page.locator('.journal-grid thead th.summary.absences')).toBeInViewport();
  await shot(page, '6-long-name-1366');
});

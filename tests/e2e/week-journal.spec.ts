// The teacher's day in the journal, by keyboard only: the page opens on today's (or the nearest)
// lesson with the lesson panel on it; marks → topic → homework → back to the grid → next lesson.
// Also: «Отменить урок» asks first showing what the lesson holds, «Добавить урок» adds once on a
// double click and refuses a Sunday; screenshots at 1366×768 and 1024×768.
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { formatDate, todayIso } from '../../shared/dates';
import { openDemoAsTeacher } from './journal-helpers';

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

// The rights the desktop and the server share (shared/lesson-rights.ts), seen in Chromium before
// any write: in a course the teacher only substitutes in, the lessons another teacher holds are
// read-only with the Russian reason, and neither lessons nor period marks can be added or set.
import { expect, test } from '@playwright/test';
import { openDemoAsTeacher } from './journal-helpers';

test('a substitute sees the lessons they do not hold read-only, with the reason', async ({
  page,
}) => {
  await openDemoAsTeacher(page);
  const courses = page.getByRole('navigation', { name: 'Мои курсы' });
  const substitution = courses.getByRole('button', { name: /замена/ }).first();
  await expect(substitution).toBeVisible();
  const title = (await substitution.textContent())?.replace(/\s*замена\s*$/, '').trim() ?? '';
  await substitution.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  const grid = page.getByRole('grid');
  const readOnly = grid.locator('td.cell.read-only');
  await expect(readOnly.first()).toBeVisible();
  const target = readOnly.first();
  await expect(target).toHaveAttribute('aria-readonly', 'true');
  const before = (await target.textContent()) ?? '';
  await target.click();
  await page.keyboard.press('5');
  await expect(page.locator('.journal-page .hint')).toHaveText(
    'Вы не ведёте этот курс и не заменяете на этом уроке: этот урок можно только просматривать.',
  );
  await expect(target).toHaveText(before);

  // The lesson panel says so and lets nothing be typed; the new-lesson form is closed too.
  const panel = page.getByRole('region', { name: 'Урок' });
  await expect(panel.locator('.read-only-notice')).toContainText('не заменяете на этом уроке');
  await expect(panel.getByLabel('Тема урока')).toBeDisabled();
  await expect(panel.getByLabel('Учитель (замена)')).toBeDisabled();
  const addLesson = page.getByRole('form', { name: 'Добавить урок' });
  await expect(addLesson.locator('.read-only-notice')).toContainText('Вы не ведёте этот курс');
  await expect(addLesson.getByRole('button', { name: 'Добавить урок' })).toBeDisabled();

  // Period marks of that course are the course teacher's and the deputy's to set.
  await page.locator('.page-toolbar').getByRole('link', { name: 'Отметки за период' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Отметки за период: ${title}`);
  await expect(page.locator('.period-marks-page .read-only-notice')).toContainText(
    'Вы не ведёте этот курс',
  );
  await expect(page.getByRole('button', { name: 'Принять все предложения' })).toBeDisabled();
});

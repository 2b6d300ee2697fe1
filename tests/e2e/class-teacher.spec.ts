// The class teacher's workspace in Chromium: the consent registry (register answers, filter,
// counts, print applications to a real PDF), the roster (add a student and a guardian with Russian
// validation errors, move a student out — their marks stay in the journal), the class overview.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { enterTestProfile, openDemoAsTeacher } from './journal-helpers';

const SHOTS = 'test-results/class-teacher';
mkdirSync(SHOTS, { recursive: true });

async function openDemoAsClassTeacher(page: Page): Promise<void> {
  await page.goto('./');
  await enterTestProfile(page);
  await page.getByRole('button', { name: /Демо-школа/ }).click();
  await page.getByRole('button', { name: /Классный руководитель/ }).click({ timeout: 60_000 });
  await expect(page.getByRole('grid')).toBeVisible();
}

async function openClassTab(page: Page, tab: 'Ученики' | 'Согласия' | 'Сводка класса') {
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Мой класс' })
    .click();
  await page
    .getByRole('navigation', { name: 'Разделы класса' })
    .getByRole('link', { name: tab })
    .click();
}

/** "Нет ответа (12)" → 12 */
async function filterCount(page: Page, label: string): Promise<number> {
  const text = await page
    .getByRole('group', { name: 'Отбор' })
    .getByRole('button', { name: label })
    .textContent();
  const n = /\((\d+)\)/.exec(text ?? '')?.[1];
  if (n === undefined) throw new Error(`no count in ${text}`);
  return Number(n);
}

/** The students of the shown registry rows (a family's second guardian row names no one). */
function familyNames(page: Page): Promise<string[]> {
  return registryRows(page).evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-student') ?? ''),
  );
}

function registryRows(page: Page): Locator {
  return page.locator('.consent-table tbody tr[data-guardian-id]');
}

/** Opens the answer form of a registry row and saves the answer. */
async function register(page: Page, row: Locator, decision: string, channel?: string) {
  await row.getByRole('button', { name: /^Ответ:/ }).click();
  const form = page.getByRole('form', { name: 'Ответ родителя' });
  await form.getByLabel('Решение').selectOption({ label: decision });
  if (channel) await form.getByLabel('Как получать отметки').selectOption({ label: channel });
  await form.getByLabel('Логин и пароль выданы').setChecked(decision === 'согласие');
  await form.getByRole('button', { name: 'Сохранить ответ' }).click();
  await expect(form).toBeHidden();
}

interface SavedPdf {
  pages: number;
  text: string;
}

/** Opens the print dialog, waits for the preview, saves through "Сохранить…", reads the PDF. */
async function printAndSave(page: Page, button: Locator, file: string): Promise<SavedPdf> {
  await button.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Готовим документ…').or(dialog.locator('iframe'))).toBeVisible();
  await expect(dialog.locator('iframe.print-preview')).toBeVisible({ timeout: 60_000 });
  // Give the built-in PDF viewer a moment to draw the first page for the screenshot.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/${file}-dialog.png` });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Сохранить…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const path = `${SHOTS}/${file}.pdf`;
  await download.saveAs(path);
  await expect(dialog.getByRole('status')).toContainText('сохранён в загрузки');
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(dialog).toBeHidden();
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  return { pages, text };
}

test('consent registry: answers, filters, counts, printed applications', async ({ page }) => {
  await openDemoAsClassTeacher(page);
  await openClassTab(page, 'Согласия');
  await expect(registryRows(page).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/consents.png`, fullPage: false });

  const noAnswer = await filterCount(page, 'Нет ответа');
  const paper = await filterCount(page, 'Бумажные выписки');
  expect(noAnswer).toBeGreaterThanOrEqual(2);

  await page.getByRole('button', { name: /^Нет ответа/ }).click();
  await expect(registryRows(page)).toHaveCount(noAnswer);
  const first = registryRows(page).first();
  const refusingStudent = (await first.locator('td').nth(1).textContent())!.trim();
  await register(page, first, 'отказ');
  await expect(registryRows(page)).toHaveCount(noAnswer - 1);
  const second = registryRows(page).first();
  const consentingGuardian = (await second.locator('td').nth(2).textContent())!.trim();
  // Offline (the demo has no server), «Логин и пароль выданы» cannot be ticked: the login is made
  // by the school server. The form says so in Russian and keeps the answer; saved without it.
  await second.getByRole('button', { name: /^Ответ:/ }).click();
  const form = page.getByRole('form', { name: 'Ответ родителя' });
  await form.getByLabel('Решение').selectOption({ label: 'согласие' });
  await form.getByLabel('Как получать отметки').selectOption({ label: 'электронный дневник' });
  await form.getByLabel('Логин и пароль выданы').setChecked(true);
  await form.getByRole('button', { name: 'Сохранить ответ' }).click();
  await expect(form.getByRole('alert')).toContainText(
    'Логин для электронного дневника выдаёт сервер школы',
  );
  await expect(form.getByLabel('Решение')).toHaveValue('consent');
  await form.getByLabel('Логин и пароль выданы').setChecked(false);
  await form.getByRole('button', { name: 'Сохранить ответ' }).click();
  await expect(form).toBeHidden();

  // Two answers registered: "нет ответа" has two rows fewer, "бумажные выписки" one more.
  await expect(registryRows(page)).toHaveCount(noAnswer - 2);
  expect(await filterCount(page, 'Нет ответа')).toBe(noAnswer - 2);
  expect(await filterCount(page, 'Бумажные выписки')).toBe(paper + 1);

  // The applications for the guardians still without an answer: one form (one page) each.
  const forms = await registryRows(page).count();
  const unanswered = (await registryRows(page).first().locator('td').nth(1).textContent())!.trim();
  const printButton = page.getByRole('button', { name: /^Печать заявлений/ });
  await expect(printButton).toHaveText(`Печать заявлений (${forms})`);
  const consentPdf = await printAndSave(page, printButton, 'applications-consent');
  expect(consentPdf.pages).toBe(forms);
  expect(consentPdf.text).toContain(unanswered.split(' ')[0]!);
  expect(consentPdf.text).toMatch(/согласие/i);

  // The registered answers are shown with the channel and the author.
  await page.getByRole('button', { name: /^Бумажные выписки/ }).click();
  const refusalRow = registryRows(page)
    .filter({ hasText: refusingStudent })
    .filter({ hasText: 'отказ' });
  await expect(refusalRow).toHaveCount(1);
  await expect(refusalRow).toContainText('бумажные выписки');
  await page.screenshot({ path: `${SHOTS}/consents-paper.png` });

  // Refusal applications for the paper families include the family that just refused, and never
  // go to a guardian whose consent is registered (a consent with paper extracts): filter and form
  // combined.
  await page.getByLabel('Вид заявления').selectOption({ label: 'отказ' });
  const paperFamilies = new Set(await familyNames(page));
  const decisions = (await registryRows(page).locator('td:nth-child(4)').allTextContents()).map(
    (t) => t.trim(),
  );
  const paperForms = decisions.filter((d) => d !== 'согласие').length;
  await expect(page.getByRole('button', { name: /^Печать заявлений/ })).toHaveText(
    `Печать заявлений (${paperForms})`,
  );
  const refusalPdf = await printAndSave(
    page,
    page.getByRole('button', { name: /^Печать заявлений/ }),
    'applications-refusal',
  );
  expect(refusalPdf.pages).toBe(paperForms);
  expect(refusalPdf.text).toContain(refusingStudent.split(' ')[0]!);
  expect(refusalPdf.text).toMatch(/отказ/i);

  await page.getByRole('button', { name: /^Все/ }).click();
  const consentRow = registryRows(page).filter({ hasText: consentingGuardian });
  await expect(consentRow.first()).toContainText('согласие');
  await expect(consentRow.first()).toContainText('электронный дневник');

  // Paper extracts for the period.
  const extracts = await printAndSave(
    page,
    page.getByRole('button', { name: 'Печать выписок' }),
    'extracts-paper',
  );
  expect(extracts.pages).toBeGreaterThanOrEqual(paperFamilies.size);
  expect(extracts.text).toContain(refusingStudent.split(' ')[0]!);
});

test('roster: add a student and a guardian, move a student out, marks stay', async ({ page }) => {
  await openDemoAsClassTeacher(page);
  await openClassTab(page, 'Ученики');
  const className = (await page.locator('.class-toolbar h1').textContent())!.replace('Класс ', '');
  const rows = page.locator('.roster-table tbody tr');
  const before = await rows.count();
  expect(before).toBeGreaterThanOrEqual(12);
  await page.screenshot({ path: `${SHOTS}/roster.png` });

  // Adding: empty fields are refused next to the field, in Russian.
  await page.getByRole('button', { name: 'Добавить ученика' }).click();
  const panel = page.getByRole('complementary', { name: 'Новый ученик' });
  await panel.getByRole('button', { name: 'Добавить' }).click();
  await expect(panel.getByLabel('Фамилия')).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.locator('.field-error').first()).toHaveText('Поле не заполнено');
  await expect(panel.getByText('Укажите пол')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/roster-add-errors.png` });
  // Names of letters only; a birth date plausible for the grade (shared/roster-checks).
  await panel.getByLabel('Фамилия').fill('Ёлкина123');
  await panel.getByLabel('Имя').fill('<b>Ёж</b>');
  await panel.getByLabel('Отчество').fill('Павловна');
  await panel.getByLabel('Пол').selectOption({ label: 'женский' });
  await panel.getByLabel('Дата рождения').fill('01.01.1950');
  await panel.getByRole('button', { name: 'Добавить' }).click();
  await expect(panel.getByText('В имени не должно быть цифр')).toBeVisible();
  await expect(panel.getByText(/^Только буквы, дефис, апостроф и пробел/)).toBeVisible();
  const grade = Number(/^\d+/.exec(className)![0]);
  await expect(
    panel.getByText(`Дата рождения не подходит для ${grade} класса`, { exact: false }),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/roster-add-bad-values.png` });
  await panel.getByLabel('Фамилия').fill('Ёлкина');
  await panel.getByLabel('Имя').fill('Алиса');
  await panel.getByLabel('Дата рождения').fill('31.02.2015');
  await panel.getByRole('button', { name: 'Добавить' }).click();
  await expect(panel.getByText('Такой даты нет в календаре')).toBeVisible();
  // Born in March of the year that makes the student grade + 6 on 1 September of this school year.
  const now = new Date();
  const yearStart = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  await panel.getByLabel('Дата рождения').fill(`08.03.${yearStart - grade - 6}`);
  await panel.getByRole('button', { name: 'Добавить' }).click();
  await expect(rows).toHaveCount(before + 1);
  await expect(page.getByRole('status').filter({ hasText: 'Ученик добавлен' })).toBeVisible();

  // The new student's card is open: add a guardian (a bad phone first).
  const card = page.getByRole('complementary', { name: 'Ученик: Ёлкина Алиса Павловна' });
  await card.getByRole('button', { name: 'Добавить родителя' }).click();
  const gform = card.getByRole('form', { name: 'Родитель (законный представитель)' });
  await gform.getByLabel('Кем приходится').selectOption({ label: 'мать' });
  await gform.getByLabel('Фамилия').fill('Ёлкина');
  await gform.getByLabel('Имя').fill('Ольга');
  await gform.getByLabel('Телефон').fill('12-34');
  await gform.getByRole('button', { name: 'Добавить' }).click();
  await expect(gform.getByText(/10 цифр после \+7 или 8/)).toBeVisible();
  // Ten digits typed anyhow are stored as +7 912 345-67-89.
  await gform.getByLabel('Телефон').fill('9123456789');
  await gform.getByRole('button', { name: 'Добавить' }).click();
  await expect(gform).toBeHidden();
  await expect(card.locator('.guardian-list')).toContainText('Ёлкина Ольга');
  await expect(rows.filter({ hasText: 'Ёлкина Алиса' })).toContainText('+7 912 345-67-89');
  await page.screenshot({ path: `${SHOTS}/roster-card.png` });

  // A student with a mark in the class teacher's own course of this class.
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Журнал' })
    .click();
  await page
    .locator('.course-list button', { hasText: `${className} ·` })
    .first()
    .click();
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  const gridRows = grid.locator('tbody tr');
  let moved: { name: string; marks: string } | null = null;
  for (let i = 0; i < (await gridRows.count()) && !moved; i++) {
    const cells = (await gridRows.nth(i).getByRole('gridcell').allTextContents()).join('|');
    if (/[2-5]/.test(cells)) {
      const name = (await gridRows.nth(i).getByRole('rowheader').textContent())!
        .replace(/^\s*\d+\s*/, '')
        .trim();
      moved = { name, marks: cells };
    }
  }
  expect(moved).not.toBeNull();

  await openClassTab(page, 'Ученики');
  await rows.getByRole('button', { name: new RegExp(`^${moved!.name}`) }).click();
  await page.getByRole('button', { name: 'Выбытие из класса…' }).click();
  await expect(page.getByRole('group', { name: 'Выбытие из класса' })).toContainText(
    'Отметки и пропуски останутся в журнале',
  );
  // The date (today by default) and the order's number are asked for; no number, no movement.
  const moveOut = page.getByRole('group', { name: 'Выбытие из класса' });
  await page.getByRole('button', { name: 'Подтвердить выбытие' }).click();
  await expect(moveOut.getByText('Укажите номер приказа о выбытии')).toBeVisible();
  await expect(rows.filter({ hasText: moved!.name })).toHaveCount(1);
  await moveOut.getByLabel('Дата выбытия').fill('30.11.2026');
  await moveOut.getByLabel('Номер приказа').fill('45-у');
  await page.screenshot({ path: `${SHOTS}/roster-move-out.png` });
  await page.getByRole('button', { name: 'Подтвердить выбытие' }).click();
  await expect(rows).toHaveCount(before);
  await expect(rows.filter({ hasText: moved!.name })).toHaveCount(0);
  await expect(page.locator('.left-students summary')).toHaveText('Выбывшие (1)');
  await expect(page.locator('.left-students')).toContainText('выбыл(а) 30.11.2026, приказ № 45-у');

  // Back in the journal: the row and its marks are still on the page.
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Журнал' })
    .click();
  await page
    .locator('.course-list button', { hasText: `${className} ·` })
    .first()
    .click();
  const row = grid.locator('tbody tr').filter({
    has: page.getByRole('rowheader', { name: moved!.name }),
  });
  await expect(row).toHaveCount(1);
  expect((await row.getByRole('gridcell').allTextContents()).join('|')).toBe(moved!.marks);
});

test('class overview: subjects, students at risk, running-average chart', async ({ page }) => {
  await openDemoAsClassTeacher(page);
  await openClassTab(page, 'Сводка класса');
  const subjects = page.locator('.subjects-table tbody tr');
  await expect(subjects.first()).toBeVisible();
  expect(await subjects.count()).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: `${SHOTS}/overview.png` });
  // Every column says what it is: two courses of one subject differ by their group.
  const headers = (await page.locator('.students-overview thead th').allTextContents()).map((t) =>
    t.trim(),
  );
  expect(headers.every((h) => h !== '')).toBe(true);
  expect(new Set(headers).size).toBe(headers.length);
  const rowsText = await subjects.locator('td:first-child').allTextContents();
  expect(new Set(rowsText).size).toBe(rowsText.length);
  const studentRows = page.locator('.students-overview tbody tr');
  const target = (await page.locator('.students-overview tbody tr.at-risk').count())
    ? page.locator('.students-overview tbody tr.at-risk').first()
    : studentRows.first();
  await target.getByRole('button').click();
  const chart = page.locator('.student-chart');
  await expect(chart.getByRole('img')).toBeVisible();
  await expect(chart.locator('circle.point').first()).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/overview-chart.png` });
});

test('subject teacher prints the course extract from the journal page', async ({ page }) => {
  await openDemoAsTeacher(page);
  const students = await page.getByRole('grid').getByRole('rowheader').count();
  const subject = (await page.locator('.page-toolbar h1').textContent())!.split(' · ')[1]!;
  const pdf = await printAndSave(
    page,
    page.getByRole('button', { name: 'Печать выписки' }),
    'course-extract',
  );
  expect(pdf.pages).toBeGreaterThanOrEqual(1);
  expect(pdf.pages).toBeLessThanOrEqual(students);
  expect(pdf.text).toContain(subject.replace(/\s*\(.*\)$/, '').split(' ')[0]!);
});

test('the deputy opens any class through the class selector', async ({ page }) => {
  await page.goto('./');
  await enterTestProfile(page);
  await page.getByRole('button', { name: /Демо-школа/ }).click();
  await page.getByRole('button', { name: /Заместитель директора/ }).click({ timeout: 60_000 });
  await page
    .getByRole('navigation', { name: 'Разделы' })
    .getByRole('link', { name: 'Мой класс' })
    .click();
  const selector = page.locator('.class-toolbar select');
  await expect(selector).toBeVisible();
  const options = await selector.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(5);
  const other = options.find((o) => o.startsWith('7')) ?? options[3]!;
  await selector.selectOption({ label: other });
  await expect(page.locator('.class-toolbar h1')).toHaveText(`Класс ${other}`);
  await expect(page).toHaveURL(/#\/class\/[^/]+\/roster$/);
  await expect(page.locator('.roster-table tbody tr').first()).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Разделы класса' })
    .getByRole('link', { name: 'Согласия' })
    .click();
  await expect(page.locator('.consent-table tbody tr').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/deputy-consents.png` });
});

// The teacher's journal in Chromium: keyboard-only entry, lesson fields, durability over reload,
// offline work, undo/redo and the refusal to mark an absent student.
import { expect, test, type Page } from '@playwright/test';
import {
  cell,
  openDemoAsTeacher,
  readLayout,
  reloadAndUnlock,
  uniqueDateColumns,
} from './journal-helpers';

// Playwright's keyboard has only the US layout (press('н') is "Unknown key"), so Russian letters
// are pressed by their physical keys, as on a ЙЦУКЕН keyboard: Y = н, J = о, G = п. The grid maps
// KeyboardEvent.code to the Russian letter; key values 'н', 'о', 'п' are unit-tested.
const KEY_Н = 'KeyY';
const KEY_О = 'KeyJ';
const KEY_П = 'KeyG';

const MARKS = [
  '5',
  '4',
  '3',
  '2',
  '5',
  '4',
  '4',
  '3',
  '5',
  '5',
  '2',
  '3',
  '4',
  '5',
  '3',
  '4',
  '5',
  '4',
  '3',
  '5',
];

interface Entered {
  marks: { name: string; date: string; text: string }[];
  absences: { name: string; date: string }[];
}

/** Keyboard only: 20 marks down the first usable column, 3 absences down the second. */
async function enterByKeyboard(page: Page): Promise<Entered> {
  const { names, dates } = await readLayout(page);
  const cols = uniqueDateColumns(dates);
  expect(names.length).toBeGreaterThanOrEqual(20);
  expect(cols.length).toBeGreaterThanOrEqual(2);
  const [markCol, absentCol] = cols as [number, number];
  const marks: Entered['marks'] = [];
  const absences: Entered['absences'] = [];

  await cell(page, names[0]!, dates[markCol]!).click();
  for (let row = 0; row < 20; row++) {
    await page.keyboard.press('Delete');
    await page.keyboard.press(MARKS[row]!);
    marks.push({ name: names[row]!, date: dates[markCol]!, text: MARKS[row]! });
    await page.keyboard.press('Enter');
  }
  // Back to the top by keyboard, then to the absences column.
  for (let row = 0; row < 20; row++) await page.keyboard.press('ArrowUp');
  for (let c = markCol; c < absentCol; c++) await page.keyboard.press('ArrowRight');
  for (let row = 0; row < 3; row++) {
    await page.keyboard.press('Delete');
    await page.keyboard.press(KEY_Н);
    absences.push({ name: names[row]!, date: dates[absentCol]! });
    await page.keyboard.press('ArrowDown');
  }
  return { marks, absences };
}

async function expectEntered(page: Page, entered: Entered): Promise<void> {
  for (const m of entered.marks) await expect(cell(page, m.name, m.date)).toHaveText(m.text);
  for (const a of entered.absences) await expect(cell(page, a.name, a.date)).toHaveText('н');
}

async function editLessonFields(page: Page, topic: string, homework: string): Promise<void> {
  // The panel shows the selected column's lesson: select the first column by its header.
  await page.getByRole('grid').locator('thead th.date').first().dispatchEvent('mousedown');
  await page.getByLabel('Тема урока').fill(topic);
  await page.getByLabel('Домашнее задание').click();
  await page.keyboard.press('Control+a');
  // Typed key by key: each input event is written at once.
  await page.keyboard.type(homework);
  await expect(page.locator('.save-state[data-saving="false"]')).toBeVisible();
}

async function expectLessonFields(page: Page, topic: string, homework: string): Promise<void> {
  await page.getByRole('grid').locator('thead th.date').first().dispatchEvent('mousedown');
  await expect(page.getByLabel('Тема урока')).toHaveValue(topic);
  await expect(page.getByLabel('Домашнее задание')).toHaveValue(homework);
}

test('marks, absences, topic and homework entered by keyboard survive a reload', async ({
  page,
}) => {
  await openDemoAsTeacher(page);
  const entered = await enterByKeyboard(page);
  await expectEntered(page, entered);
  await editLessonFields(page, 'Контрольная работа: Древний Египет', '§ 12, вопросы 1–4');

  await reloadAndUnlock(page);
  await expect(page.getByRole('grid')).toBeVisible();
  await expectEntered(page, entered);
  await expectLessonFields(page, 'Контрольная работа: Древний Египет', '§ 12, вопросы 1–4');

  await page.screenshot({ path: 'test-results/journal-page.png' });
});

test('everything works offline, with no network requests', async ({ page, context }) => {
  await openDemoAsTeacher(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await context.setOffline(true);

  const entered = await enterByKeyboard(page);
  await editLessonFields(page, 'Тема без сети', 'Задание без сети');
  await expectEntered(page, entered);
  expect(requests).toEqual([]);

  await context.setOffline(false);
  await reloadAndUnlock(page);
  await expect(page.getByRole('grid')).toBeVisible();
  await expectEntered(page, entered);
  await expectLessonFields(page, 'Тема без сети', 'Задание без сети');
});

test('undo and redo across cells; an absent student gets no mark', async ({ page }) => {
  await openDemoAsTeacher(page);
  const { names, dates } = await readLayout(page);
  const [c0] = uniqueDateColumns(dates) as [number];
  const a = cell(page, names[0]!, dates[c0]!);
  const b = cell(page, names[1]!, dates[c0]!);

  await a.click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Delete');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('5');
  await page.keyboard.press('4');
  await expect(a).toHaveText('5 4');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('3');
  await expect(b).toHaveText('3');

  await page.keyboard.press('Control+z');
  await expect(b).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(a).toHaveText('5');
  await page.keyboard.press('Control+Shift+z');
  await expect(a).toHaveText('5 4');
  await page.keyboard.press('Control+y');
  await expect(b).toHaveText('3');

  // Backspace removes the last mark; an absence refuses marks with a hint.
  await b.click();
  await page.keyboard.press('Backspace');
  await expect(b).toHaveText('');
  await page.keyboard.press(KEY_Н);
  await expect(b).toHaveText('н');
  await page.keyboard.press('5');
  await expect(
    page.getByRole('status').filter({ hasText: 'отметку поставить нельзя' }),
  ).toBeVisible();
  await expect(b).toHaveText('н');

  // Multi-letter code: "оп" (late) allows a mark.
  await page.keyboard.press('Delete');
  await page.keyboard.press(KEY_О);
  await page.keyboard.press(KEY_П);
  await page.keyboard.press('4');
  await expect(b).toHaveText('оп 4');
});

// The product promise under an abrupt end of the renderer: whatever was on screen when the
// renderer crashed (CDP Page.crash) or its window closed without beforeunload is in the journal
// when it is opened again in the same browser profile (same IndexedDB), online and offline.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
  cell,
  enterTestProfile,
  openDemoAsTeacher,
  readLayout,
  uniqueDateColumns,
} from './journal-helpers';

type Kill = 'crash' | 'close';

// Several marks in one cell, then single marks further down the column.
const MARKS = ['54', '3', '2', '45', '5'];
const CELL_TEXT = MARKS.map((m) => m.split('').join(' '));
const TOPIC = 'Падение Западной Римской империи, 476 год';
const HOMEWORK = '§ 14–15, вопросы 1–6 письменно; карта на с. 112';

interface Typed {
  date: string;
  col: number;
  names: string[];
}

/** Marks down one column, then topic and homework of that lesson, key by key, no waiting. */
async function typeEverything(page: Page): Promise<Typed> {
  const { names, dates } = await readLayout(page);
  const [col] = uniqueDateColumns(dates) as [number];
  const date = dates[col]!;
  const rows = names.slice(0, MARKS.length);

  await cell(page, rows[0]!, date).click();
  for (const marks of MARKS) {
    await page.keyboard.press('Delete');
    await page.keyboard.type(marks);
    await page.keyboard.press('Enter');
  }
  // The grid shows a mark once it is written, so these are what is "on screen" in the grid.
  for (const [i, name] of rows.entries()) {
    await expect(cell(page, name, date)).toHaveText(CELL_TEXT[i]!);
  }

  // The panel shows the selected column's lesson.
  await page.getByRole('grid').locator('thead th.date').nth(col).dispatchEvent('mousedown');
  await page.getByLabel('Тема урока').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(TOPIC);
  await page.getByLabel('Домашнее задание').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(HOMEWORK);
  // The last keystroke is on screen: nothing more is waited for (no "saved" status).
  await expect(page.getByLabel('Домашнее задание')).toHaveValue(HOMEWORK, { timeout: 5_000 });
  return { date, col, names: rows };
}

async function kill(page: Page, how: Kill): Promise<void> {
  if (how === 'crash') {
    const cdp = await page.context().newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    // Page.crash never answers: the renderer is gone.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    // Only the tab is left; closing it lets the context (offline switch, new pages) go on.
    await page.close();
  } else {
    await page.close({ runBeforeUnload: false });
  }
}

async function reopenAndCheck(context: BrowserContext, typed: Typed): Promise<Page> {
  const page = await context.newPage();
  await page.goto('./');
  await enterTestProfile(page);
  // A new window may ask for the school and identity again; the journal is the same database.
  const grid = page.getByRole('grid');
  const demo = page.getByRole('button', { name: /Демо-школа/ });
  await expect(grid.or(demo).first()).toBeVisible({ timeout: 60_000 });
  if (await demo.isVisible()) {
    await demo.click();
    await page.getByRole('button', { name: /Учитель-предметник/ }).click({ timeout: 60_000 });
  }
  await expect(grid).toBeVisible();

  const { names, dates } = await readLayout(page);
  expect(names.slice(0, typed.names.length)).toEqual(typed.names);
  expect(dates[typed.col]).toBe(typed.date);
  for (const [i, name] of typed.names.entries()) {
    await expect(cell(page, name, typed.date)).toHaveText(CELL_TEXT[i]!);
  }
  await grid.locator('thead th.date').nth(typed.col).dispatchEvent('mousedown');
  await expect(page.getByLabel('Тема урока')).toHaveValue(TOPIC);
  await expect(page.getByLabel('Домашнее задание')).toHaveValue(HOMEWORK);
  return page;
}

for (const how of ['crash', 'close'] as const) {
  const label = how === 'crash' ? 'a renderer crash' : 'closing the window without beforeunload';

  test(`what was on screen survives ${label} right after the last keystroke`, async ({
    page,
    context,
  }) => {
    await openDemoAsTeacher(page);
    const typed = await typeEverything(page);
    await kill(page, how);
    await reopenAndCheck(context, typed);
  });

  test(`offline: what was on screen survives ${label} right after the last keystroke`, async ({
    page,
    context,
  }) => {
    await openDemoAsTeacher(page);
    await context.setOffline(true);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const typed = await typeEverything(page);
    expect(requests).toEqual([]);
    await kill(page, how);
    // The built renderer is served over HTTP here (a file in the app), so the network comes back
    // only to load the page again; the data must already be in IndexedDB.
    await context.setOffline(false);
    await reopenAndCheck(context, typed);
  });
}

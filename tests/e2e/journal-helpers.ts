// Shared steps of the journal e2e tests: a fresh demo school as the subject teacher.
import { expect, type Locator, type Page } from '@playwright/test';

/** The passphrase of the profile every e2e test works in. */
export const TEST_PASSPHRASE = 'Тестовый пароль 2026';

/**
 * Gets past the profile lock (renderer/security): creates the test profile on a fresh browser,
 * or unlocks it after a reload. Call after every goto/reload of the journal page.
 */
export async function enterTestProfile(page: Page, passphrase = TEST_PASSPHRASE): Promise<void> {
  const create = page.getByRole('button', { name: 'Новый профиль' });
  const unlock = page.getByLabel('Пароль', { exact: true });
  await expect(create.or(unlock).first()).toBeVisible();
  if (await create.isVisible()) {
    await create.click();
    await page.getByLabel('Имя профиля').fill('Учитель для проверки');
    await page.getByLabel('Пароль', { exact: true }).fill(passphrase);
    await page.getByLabel('Повторите пароль').fill(passphrase);
    await page.getByRole('button', { name: 'Создать профиль' }).click();
  } else {
    await unlock.fill(passphrase);
    await page.getByRole('button', { name: 'Открыть' }).click();
  }
  await expect(page.getByRole('heading', { name: /профиль|Учитель для проверки/ })).toHaveCount(0, {
    timeout: 30_000,
  });
}

export async function reloadAndUnlock(page: Page): Promise<void> {
  await page.reload();
  await enterTestProfile(page);
}

export async function openDemoAsTeacher(page: Page): Promise<void> {
  await page.goto('./');
  await enterTestProfile(page);
  await enterDemoAsTeacher(page);
}

/** From the start screen of an unlocked profile: the demo school as its subject teacher. */
export async function enterDemoAsTeacher(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Демо-школа/ }).click();
  await page.getByRole('button', { name: /Учитель-предметник/ }).click({ timeout: 60_000 });
  await expect(page.getByRole('grid')).toBeVisible();
}

export interface PageLayout {
  names: string[];
  dates: string[];
}

/** Student names ("Иванова Мария") and column dates ("12.09") as the grid shows them. */
export async function readLayout(page: Page): Promise<PageLayout> {
  const grid = page.getByRole('grid');
  const names = (await grid.getByRole('rowheader').allTextContents()).map((t) =>
    t.replace(/^\s*\d+\s*/, '').trim(),
  );
  const dates = await grid.locator('thead th.date .date-label').allTextContents();
  return { names, dates };
}

export function cell(page: Page, name: string, date: string): Locator {
  return page.getByRole('gridcell', { name: `${name}, ${date}`, exact: true });
}

/** Clears a cell and presses one key in it (a mark, an attendance code). */
export async function typeInto(page: Page, name: string, date: string, key: string): Promise<void> {
  await cell(page, name, date).click();
  await page.keyboard.press('Delete');
  await page.keyboard.press(key);
}

/** Columns whose date appears once (two lessons on one date share a cell name). */
export function uniqueDateColumns(dates: string[]): number[] {
  return dates.flatMap((d, i) => (dates.indexOf(d) === dates.lastIndexOf(d) ? [i] : []));
}

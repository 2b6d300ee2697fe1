// Shared steps of the journal e2e tests: a fresh demo school as the subject teacher.
import { expect, type Locator, type Page } from '@playwright/test';

export async function openDemoAsTeacher(page: Page): Promise<void> {
  await page.goto('./');
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

/** Columns whose date appears once (two lessons on one date share a cell name). */
export function uniqueDateColumns(dates: string[]): number[] {
  return dates.flatMap((d, i) => (dates.indexOf(d) === dates.lastIndexOf(d) ? [i] : []));
}

// For the set-up e2e: an EMPTY school server (started by sync-helpers, with its printed one-time
// set-up link), the server's API as one account, a school year around today, the secretary's files
// corrected as she would, the login sheet read with pdftotext, and the first sign-in with a
// temporary password on another desktop.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, type Browser, type Page } from '@playwright/test';
import { addDays, daysBetween } from '../../shared/dates';
import { FIXTURES } from '../fixtures/school';
import { openLoginForm, submitLogin } from './sync-helpers';

export { startEmptyServer, type EmptyServer } from './sync-helpers';

export const VIEWPORT = { width: 1366, height: 768 };

type Doc = Record<string, unknown> & { id: string; _deleted?: boolean };

/** The server's API as one signed-in account. */
export async function apiAs(serverUrl: string, login: string, password: string) {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password, deviceName: 'Проверка e2e' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  /** The collection's documents changed after `checkpoint` ('' : all), and the checkpoint reached. */
  async function pullSince<T>(
    collection: string,
    checkpoint: string,
  ): Promise<{ documents: (T & { _deleted?: boolean })[]; checkpoint: string }> {
    const documents: (T & { _deleted?: boolean })[] = [];
    for (;;) {
      const r = await fetch(
        `${serverUrl}/api/v1/sync/${collection}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`,
        { headers: auth },
      );
      if (!r.ok) throw new Error(`pull ${collection}: ${r.status}`);
      const page = (await r.json()) as {
        documents: (T & { _deleted?: boolean })[];
        checkpoint: unknown;
      };
      documents.push(...page.documents);
      checkpoint = JSON.stringify(page.checkpoint);
      if (page.documents.length < 1000) return { documents, checkpoint };
    }
  }
  return {
    pullSince,
    /** Every document of a replicated collection (deleted ones too), as the server holds it. */
    async pull<T = Doc>(collection: string): Promise<(T & { _deleted?: boolean })[]> {
      return (await pullSince<T>(collection, '')).documents;
    },
  };
}
export type Api = Awaited<ReturnType<typeof apiAs>>;

/** Waits until the server's documents of the collection pass `check`. */
export async function serverHas(
  api: Api,
  collection: string,
  check: (docs: Doc[]) => boolean,
): Promise<void> {
  await expect
    .poll(async () => check((await api.pull<Doc>(collection)).filter((d) => !d._deleted)), {
      timeout: 30_000,
    })
    .toBe(true);
}

/**
 * A school year that holds today whatever the date of the run: 1 September – 31 May when today
 * falls in it at least 14 days after its start and 40 days before its end (a past lesson to mark,
 * three weeks ahead to change), otherwise from 60 days before today to 200 days
 * after; four quarters and two half-years one after another, none ending from last week to three
 * weeks ahead; a week of holidays four weeks after
 * today (never this week or the next two, which the test works in) and a non-working day after it.
 */
export function schoolYearAround(today: string) {
  const y = Number(today.slice(0, 4));
  const startYear = Number(today.slice(5, 7)) >= 9 ? y : y - 1;
  let start = `${startYear}-09-01`;
  let end = `${startYear + 1}-05-31`;
  if (daysBetween(start, today) < 14 || daysBetween(today, end) < 40) {
    start = addDays(today, -60);
    end = addDays(today, 200);
  }
  const length = daysBetween(start, end);
  // No period ends in the weeks the test works in (the journal shows one period at a time).
  const cut = (part: number) => {
    const day = addDays(start, Math.round((length * part) / 4));
    return day >= addDays(today, -8) && day <= addDays(today, 21) ? addDays(today, 22) : day;
  };
  const quarters = [0, 1, 2, 3].map((i) => ({
    start: i === 0 ? start : addDays(cut(i), 1),
    end: i === 3 ? end : cut(i + 1),
  }));
  const halves = [
    { start, end: cut(2) },
    { start: addDays(cut(2), 1), end },
  ];
  const holiday = { start: addDays(today, 28), end: addDays(today, 34) };
  return { start, end, quarters, halves, holiday, nonWorkingDay: addDays(holiday.end, 1) };
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'school-e2e-'));

/** The secretary's staff list with its two bad rows removed (as she would correct it in Excel). */
export async function correctedStaffXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIXTURES, 'staff.xlsx'));
  wb.worksheets[0]!.spliceRows(2, 2);
  const file = path.join(scratch, 'Сотрудники (исправлено).xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** The class lists without lines 2–5 (the bad rows), still Windows-1251 with CRLF. */
export function correctedRosterCsv(): string {
  const lines = readFileSync(path.join(FIXTURES, 'roster-cp1251.csv'))
    .toString('latin1')
    .split('\r\n');
  const file = path.join(scratch, 'Списки классов (исправлено).csv');
  writeFileSync(file, Buffer.from([lines[0], ...lines.slice(5)].join('\r\n'), 'latin1'));
  return file;
}

/** A file of the scratch folder (a download is saved there). */
export function scratchFile(name: string): string {
  return path.join(scratch, name);
}

/** The login sheets' pages as pdftotext reads them, with each page's login and temporary password. */
export function readLoginSheets(pdf: string) {
  const pages = Number(
    /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1],
  );
  return Array.from({ length: pages }, (_, i) => {
    const text = execFileSync(
      'pdftotext',
      ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'],
      { encoding: 'utf8' },
    );
    return {
      text,
      login: /Логин\s+(\S+)/.exec(text)?.[1] ?? '',
      password: /Временный пароль\s+(\S+)/.exec(text)?.[1] ?? '',
    };
  });
}

/**
 * A screenshot of the screen as a user sees it (1366×768, not the whole page): into test-results,
 * and into docs/ru/img as `setup-<name>.png` when DOCS_SCREENSHOTS=1 (the set-up guide's pictures).
 */
export async function shot(page: Page, name: string, { doc = false } = {}): Promise<void> {
  await page.screenshot({ path: `test-results/school-start/${name}.png` });
  if (doc && process.env.DOCS_SCREENSHOTS === '1') {
    mkdirSync('docs/ru/img', { recursive: true });
    await page.screenshot({ path: `docs/ru/img/setup-${name}.png` });
  }
}

/** The first page of a PDF as the set-up guide's picture docs/ru/img/setup-<name>.png (DOCS_SCREENSHOTS=1). */
export function docPdfPage(pdf: string, name: string): void {
  if (process.env.DOCS_SCREENSHOTS !== '1') return;
  execFileSync('pdftoppm', [
    '-r',
    '60',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdf,
    `docs/ru/img/setup-${name}`,
  ]);
}

/**
 * A staff member's first sign-in on their own desktop with the temporary password from the login
 * sheet: the journal asks for their own password before anything else.
 */
export async function firstSignIn(
  browser: Browser,
  serverUrl: string,
  login: string,
  temporary: string,
  own: string,
  fullName: string,
  { refuseShort = false } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
  const page = await context.newPage();
  await openLoginForm(page, serverUrl);
  await submitLogin(page, login, temporary);
  await expect(page.getByRole('alert')).toContainText('Это временный пароль');
  if (refuseShort) {
    await page.getByLabel('Новый пароль', { exact: true }).fill('корот');
    await page.getByLabel('Повторите новый пароль').fill('корот');
    await page.getByRole('button', { name: 'Сменить пароль и войти' }).click();
    await expect(page.getByRole('alert')).toContainText('не меньше 8 знаков');
  }
  await page.getByLabel('Новый пароль', { exact: true }).fill(own);
  await page.getByLabel('Повторите новый пароль').fill(own);
  await page.getByRole('button', { name: 'Сменить пароль и войти' }).click();
  await expect(page.locator('.app-header .user')).toContainText(fullName, { timeout: 90_000 });
  return page;
}

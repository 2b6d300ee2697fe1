// An empty school server and its administrator, through the UI: the administrator (no staff member)
// signs in, loads the staff from the secretary's XLSX and the class lists from a Windows-1251 CSV
// (both first with bad rows, refused row by row, then corrected), creates the staff's accounts with
// one-time passwords and saves the login sheets (checked page by page with pdftotext); a teacher
// then signs in on another browser with the password from the sheet and must choose their own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { createClock } from '../../shared/hlc';
import { localToday } from '../../server/domain/setup/setup-rules';
import { FIXTURES, FIXTURE_CLASSES, fixtureSchool } from '../fixtures/school';
import { openLoginForm, startEmptyServer, submitLogin } from './sync-helpers';

const ADMIN_PASSWORD = 'Админ-пароль-2026';
const VIEWPORT = { width: 1366, height: 768 };
const dir = mkdtempSync(path.join(os.tmpdir(), 'accounts-e2e-'));

/** The secretary's staff list with its two bad rows removed (as she would correct it in Excel). */
async function correctedStaffXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(FIXTURES, 'staff.xlsx'));
  wb.worksheets[0]!.spliceRows(2, 2);
  const file = path.join(dir, 'Сотрудники (исправлено).xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

/** The class lists without lines 2–5 (the bad rows), still Windows-1251 with CRLF. */
function correctedRosterCsv(): string {
  const bytes = readFileSync(path.join(FIXTURES, 'roster-cp1251.csv'));
  const lines = bytes.toString('latin1').split('\r\n');
  const file = path.join(dir, 'Списки классов (исправлено).csv');
  writeFileSync(file, Buffer.from([lines[0], ...lines.slice(5)].join('\r\n'), 'latin1'));
  return file;
}

async function api<T>(url: string, route: string, token: string | null, body?: unknown) {
  const res = await fetch(`${url}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The school card and classes as the set-up screens write them (another screen's work):
 * pushed by the administrator, with the imported class teachers.
 */
async function setUpSchool(url: string, token: string): Promise<void> {
  const clock = createClock('e2e_setup');
  const today = localToday();
  const stamped = (doc: object, identity: string[] = []) => ({
    newDocumentState: {
      ...doc,
      _deleted: false,
      stamps: Object.fromEntries(
        Object.keys(doc)
          .filter((k) => k !== 'id' && k !== 'stamps' && !identity.includes(k))
          .map((k) => [k, { at: clock.tick(), by: 'account:admin' }]),
      ),
    },
  });
  const push = async (collection: string, rows: unknown[]) => {
    const refused = await api<unknown[]>(url, `/api/v1/sync/${collection}/push`, token, rows);
    if (refused.length > 0) {
      const why = await api<unknown>(url, '/api/v1/refusals/mine?limit=5', token);
      throw new Error(`${collection} refused: ${JSON.stringify(why)}`);
    }
  };
  const staff = await api<{ documents: { id: string; lastName: string }[] }>(
    url,
    '/api/v1/sync/staff/pull?checkpoint=&limit=100',
    token,
  );
  const idOf = (lastName: string) => staff.documents.find((s) => s.lastName === lastName)!.id;
  const teachers: Record<string, string> = {
    'st-sok': idOf('Соколова'),
    'st-bel': idOf('Белова'),
    'st-muh': idOf('Мухина'),
  };
  await push('school', [stamped(fixtureSchool(today))]);
  // No periods: creating them is refused to an administrator who is not a deputy (reported).
  await push(
    'classes',
    FIXTURE_CLASSES.map((c) =>
      stamped({ ...c, classTeacherId: teachers[c.classTeacherId]! }, ['yearId', 'grade']),
    ),
  );
}

function pdfPage(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], {
    encoding: 'utf8',
  });
}

async function upload(page: Page, kind: 'Сотрудники' | 'Ученики и родители', file: string) {
  await page.getByRole('radio', { name: kind }).check();
  await page.getByLabel('Файл со списком').setInputFiles(file);
}

test('the administrator of an empty server loads staff and classes and hands out accounts', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const server = await startEmptyServer();
  try {
    // The set-up link's form (the set-up screens' work) does this: the first administrator.
    await api(server.url, '/api/v1/setup', null, {
      code: server.setupCode,
      login: 'admin',
      password: ADMIN_PASSWORD,
    });

    const adminContext = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
    const admin = await adminContext.newPage();
    await openLoginForm(admin, server.url);
    await submitLogin(admin, 'admin', ADMIN_PASSWORD);
    // Signed in, not refused: the administrator works with people.
    const tabs = admin.getByRole('navigation', { name: 'Школа' });
    await expect(tabs.getByRole('link', { name: 'Сотрудники' })).toBeVisible({ timeout: 90_000 });
    await expect(admin.locator('body')).not.toContainText('не связана с сотрудником');
    // An empty school opens on «Настройка»; the people are one tab away.
    await tabs.getByRole('link', { name: 'Сотрудники' }).click();
    await expect(admin.getByText('Сотрудников пока нет')).toBeVisible();

    // Staff from the secretary's XLSX: the bad rows are named, nothing is loaded.
    await tabs.getByRole('link', { name: 'Загрузка списков' }).click();
    await upload(admin, 'Сотрудники', path.join(FIXTURES, 'staff.xlsx'));
    const errors = admin.getByRole('list', { name: 'Ошибки в строках' });
    await expect(errors).toContainText('Строка 2: не указано имя');
    await expect(errors).toContainText('Строка 3: неизвестная роль «директор»');
    await expect(admin.getByRole('button', { name: /^Загрузить/ })).toBeDisabled();
    await admin.screenshot({ path: 'test-results/accounts-import-errors.png' });
    await upload(admin, 'Сотрудники', await correctedStaffXlsx());
    await expect(admin.getByRole('list', { name: 'Будут загружены' })).toContainText(
      'Петров Алексей Николаевич',
    );
    await admin.getByRole('button', { name: 'Загрузить (10)' }).click();
    await expect(admin.locator('.import-done')).toContainText('Загружено сотрудников: 10');

    const token = (
      await api<{ token: string }>(server.url, '/api/v1/auth/login', null, {
        login: 'admin',
        password: ADMIN_PASSWORD,
        deviceName: 'Проверка e2e',
      })
    ).token;
    await setUpSchool(server.url, token);

    // The class lists, Windows-1251: rows 2–5 refused in Russian, then the corrected file.
    await admin.getByRole('button', { name: 'Загрузить ещё один файл' }).click();
    await upload(admin, 'Ученики и родители', path.join(FIXTURES, 'roster-cp1251.csv'));
    await expect(admin.getByText(/кодировка Windows-1251/)).toBeVisible();
    const rosterErrors = admin.getByRole('list', { name: 'Ошибки в строках' });
    for (const row of [2, 3, 4, 5]) await expect(rosterErrors).toContainText(`Строка ${row}:`);
    await expect(rosterErrors).toContainText('7А');
    await expect(rosterErrors).not.toContainText('Строка 6:');
    await upload(admin, 'Ученики и родители', correctedRosterCsv());
    const good = admin.getByRole('list', { name: 'Будут загружены' });
    await expect(good).toContainText('Смирнов Алексей Дмитриевич');
    const count = await good.getByRole('listitem').count();
    expect(count).toBeGreaterThan(20);
    await admin.getByRole('button', { name: `Загрузить (${count})` }).click();
    await expect(admin.locator('.import-done')).toContainText(`Загружено учеников: ${count}`);

    // Accounts for everybody with one-time passwords, and their login sheets.
    await tabs.getByRole('link', { name: 'Сотрудники' }).click();
    const staffTable = admin.getByRole('table', { name: 'Сотрудники' });
    await expect(staffTable.getByRole('row')).toHaveCount(11);
    await expect(staffTable).toContainText('учитель математики');
    await admin.getByRole('checkbox', { name: 'Отметить всех без учётной записи' }).check();
    await admin.getByRole('button', { name: 'Создать учётные записи (10)' }).click();
    const dialog = admin.getByRole('dialog');
    await expect(dialog).toContainText('10 листов входа', { timeout: 60_000 });
    await admin.screenshot({ path: 'test-results/accounts-login-sheet.png' });
    const download = admin.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Сохранить…' }).click();
    const pdf = path.join(dir, 'Листы входа.pdf');
    await (await download).saveAs(pdf);
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await expect(staffTable).toContainText('petrov.an (временный пароль)');
    await admin.screenshot({ path: 'test-results/accounts-staff.png' });

    // One page per person: their name and login, nobody else's.
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBe(10);
    const sheets = Array.from({ length: pages }, (_, i) => pdfPage(pdf, i + 1));
    const logins = sheets.map((t) => /Логин\s+(\S+)/.exec(t)?.[1] ?? '');
    expect(new Set(logins).size).toBe(10);
    sheets.forEach((text, i) => {
      for (const [j, other] of logins.entries()) {
        if (j !== i) expect(text).not.toMatch(new RegExp(`\\b${other.replace('.', '\\.')}\\b`));
      }
    });
    const petrov = sheets.find((t) => t.includes('Петров Алексей Николаевич'))!;
    expect(petrov).toContain('учитель математики');
    expect(petrov).not.toContain('Соколова');
    const login = /Логин\s+(\S+)/.exec(petrov)![1]!;
    const password = /Временный пароль\s+(\S+)/.exec(petrov)![1]!;
    expect(login).toBe('petrov.an');

    // The teacher, on another computer: the one-time password asks for their own.
    const teacherContext = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU' });
    const teacher = await teacherContext.newPage();
    await openLoginForm(teacher, server.url);
    await submitLogin(teacher, login, password);
    await expect(teacher.getByRole('alert')).toContainText('Это временный пароль');
    await teacher.getByLabel('Новый пароль', { exact: true }).fill('корот');
    await teacher.getByLabel('Повторите новый пароль').fill('корот');
    await teacher.getByRole('button', { name: 'Сменить пароль и войти' }).click();
    await expect(teacher.getByRole('alert')).toContainText('не меньше 8 знаков');
    await teacher.getByLabel('Новый пароль', { exact: true }).fill('Мой-пароль-5А');
    await teacher.getByLabel('Повторите новый пароль').fill('Мой-пароль-5А');
    await teacher.screenshot({ path: 'test-results/accounts-first-login.png' });
    await teacher.getByRole('button', { name: 'Сменить пароль и войти' }).click();
    await expect(teacher.locator('.app-header .user')).toContainText('Петров Алексей Николаевич', {
      timeout: 90_000,
    });

    // The administrator sees the account in use, with one device, and the temporary password gone.
    await tabs.getByRole('link', { name: 'Учётные записи' }).click();
    const row = admin
      .getByRole('table', { name: 'Учётные записи' })
      .getByRole('row')
      .filter({ hasText: 'petrov.an' });
    await expect(row).toContainText('действует');
    await expect(row).not.toContainText('временный пароль');
    await expect(row).toContainText('1 из 1');
    await expect(admin.locator('body')).not.toContainText('npm run');
    await admin.screenshot({ path: 'test-results/accounts-tab-admin.png', fullPage: true });

    await teacherContext.close();
    await adminContext.close();
  } finally {
    await server.stop();
  }
});

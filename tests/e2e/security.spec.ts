// Personal data at rest in a real Chromium profile: a persistent browser context creates a
// profile, loads the demo school and writes a known non-personal canary; after the browser
// closes, every file of its IndexedDB folder is scanned. Then: wrong passphrase, passphrase
// change with relock, and the idle lock, all against the same profile on disk.
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildContentSecurityPolicy } from '../../electron/security';
import { generateSchool } from '../../shared/demo';
import { chromiumLaunchOptions } from '../chromium';
import { TEST_PASSPHRASE, enterDemoAsTeacher, enterTestProfile } from './journal-helpers';

const NEW_PASSPHRASE = 'Новый пароль учителя 7';
/** Non-personal text typed into a lesson topic: the scan must find it, or it proves nothing. */
const CANARY = 'Канарейка проверки шифрования: тема урока 4417';
// Same as renderer/first-run/DemoSchoolLoader.tsx (DEMO_STUDENTS, DEMO_SEED).
const DEMO = generateSchool({ students: 300, seed: 42 });

test.describe.configure({ mode: 'serial' });

let userDataDir: string;

test.beforeAll(async () => {
  userDataDir = await mkdtemp(path.join(tmpdir(), 'journal-e2e-profile-'));
});

test.afterAll(async () => {
  await rm(userDataDir, { recursive: true, force: true });
  expect(cspViolations).toEqual([]);
});

/** CSP violations seen in any page of any context (the renderer logs them as "[csp] …"). */
const cspViolations: string[] = [];

/**
 * The persistent profile, with every response carrying the Electron app's CSP (no eval): the
 * encryption plugin, scrypt and the whole flow are checked under the policy they ship with.
 */
async function launch(): Promise<BrowserContext> {
  const context = await launchContext();
  const csp = buildContentSecurityPolicy(null);
  await context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': csp },
    });
  });
  context.on('console', (message) => {
    if (message.text().startsWith('[csp]')) cspViolations.push(message.text());
  });
  return context;
}

async function launchContext(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...chromiumLaunchOptions(),
    baseURL: test.info().project.use.baseURL,
    locale: 'ru-RU',
    viewport: { width: 1440, height: 900 },
  });
}

async function firstPage(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Which of `needles` occur in any file, as UTF-8 (also V8's one-byte strings) or UTF-16LE. */
async function findInFiles(dir: string, needles: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const file of await files(dir)) {
    const bytes = await readFile(file);
    for (const needle of needles) {
      if (
        bytes.includes(Buffer.from(needle, 'utf8')) ||
        bytes.includes(Buffer.from(needle, 'utf16le')) ||
        bytes.includes(Buffer.from(needle, 'latin1'))
      ) {
        found.add(needle);
      }
    }
  }
  return found;
}

async function selectFirstLesson(page: Page): Promise<void> {
  await page.getByRole('grid').locator('thead th.date').first().dispatchEvent('mousedown');
}

async function openMenu(page: Page, item: string): Promise<void> {
  // The header menu is a <details>: open it only if it is closed.
  const menu = page.locator('details.menu');
  if (!(await menu.evaluate((d: HTMLDetailsElement) => d.open))) {
    await menu.locator('summary').click();
  }
  await page.getByRole('button', { name: item }).click();
}

test('personal data is not on disk in clear; a non-personal canary is', async () => {
  const context = await launch();
  const page = await firstPage(context);
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Выберите профиль' })).toBeVisible();
  // The policy is in force: an inline script is refused (and reported), so the app runs without.
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.body.dataset.inline = "ran"';
    document.head.append(script);
    return document.body.dataset.inline === 'ran';
  });
  expect(inlineRan).toBe(false);
  await expect.poll(() => cspViolations.length).toBe(1);
  cspViolations.length = 0;
  await page.getByRole('button', { name: 'Новый профиль' }).click();
  await page.getByLabel('Имя профиля').fill('Учитель для проверки');
  await page.getByLabel('Пароль', { exact: true }).fill('короткий');
  await page.getByLabel('Повторите пароль').fill('короткий');
  await expect(page.getByText(/Слабый пароль|Средний пароль/)).toBeVisible();
  await page.getByLabel('Повторите пароль').fill('другой');
  await page.getByRole('button', { name: 'Создать профиль' }).click();
  await expect(page.getByRole('alert')).toHaveText('Пароли не совпадают');
  // The browser has no OS keychain: the warning says so.
  await expect(page.getByRole('note')).toHaveText(
    'Система не поддерживает защищённое хранилище ключей: ключ защищён только паролем',
  );
  await page.getByRole('button', { name: 'Назад' }).click();
  await enterTestProfile(page);
  await enterDemoAsTeacher(page);
  await selectFirstLesson(page);
  await page.getByLabel('Тема урока').fill(CANARY);
  await page.getByLabel('Домашнее задание').click();
  await expect(page.locator('.save-state[data-saving="false"]')).toBeVisible();
  await context.close();

  const guardians = DEMO.students.flatMap((s) => Object.values(s.guardians));
  const phones = guardians.map((g) => g.phone).filter((p) => p.length >= 10);
  const addresses = [...new Set(guardians.map((g) => g.address).filter((a) => a.length >= 15))];
  const birthDates = DEMO.students.slice(0, 50).map((s) => `"${s.birthDate}"`);
  const lastNames = [...new Set(DEMO.students.map((s) => s.lastName))].slice(0, 50);
  expect(phones.length).toBeGreaterThan(300);
  expect(addresses.length).toBeGreaterThan(100);

  const idbDir = path.join(userDataDir, 'Default', 'IndexedDB');
  expect((await files(idbDir)).length).toBeGreaterThan(0);
  const found = await findInFiles(idbDir, [CANARY, ...lastNames, ...phones, ...addresses]);
  // The scan works: the canary and student names (not personal fields here) are readable.
  expect(found.has(CANARY)).toBe(true);
  expect(lastNames.filter((n) => found.has(n)).length).toBeGreaterThan(0);
  // No guardian phone or address, in any encoding, anywhere in IndexedDB.
  expect(phones.filter((p) => found.has(p))).toEqual([]);
  expect(addresses.filter((a) => found.has(a))).toEqual([]);
  const datesFound = await findInFiles(idbDir, birthDates);
  expect(birthDates.filter((d) => datesFound.has(d))).toEqual([]);
  const scanned = await files(idbDir);
  const kinds = [...new Set(scanned.map((f) => path.extname(f) || path.basename(f)))].join(', ');
  console.log(
    `IndexedDB scan: ${scanned.length} files (${kinds}); canary and ${lastNames.filter((n) => found.has(n)).length} of ${lastNames.length} surnames found; ` +
      `${phones.length} phones, ${addresses.length} addresses, ${birthDates.length} birth dates not found`,
  );
});

test('a wrong passphrase opens nothing; a changed one keeps everything readable', async () => {
  const context = await launch();
  const page = await firstPage(context);
  await page.goto('./');
  // One profile on this computer: its unlock form comes first.
  await expect(page.getByRole('heading', { name: 'Учитель для проверки' })).toBeVisible();
  await page.getByLabel('Пароль', { exact: true }).fill('совсем не тот пароль');
  await page.getByRole('button', { name: 'Открыть' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный пароль');
  await expect(page.getByRole('grid')).toHaveCount(0);

  await enterTestProfile(page);
  await expect(page.getByRole('grid')).toBeVisible();
  await openMenu(page, 'Сменить пароль');
  await page.getByLabel('Текущий пароль').fill(TEST_PASSPHRASE);
  await page.getByLabel('Новый пароль').fill(NEW_PASSPHRASE);
  await page.getByLabel('Повторите пароль').fill(NEW_PASSPHRASE);
  await page.getByRole('dialog').getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Пароль изменён' })).toBeVisible();
  await page.getByRole('button', { name: 'Закрыть' }).click();

  await openMenu(page, 'Заблокировать');
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.getByText(CANARY)).toHaveCount(0);
  await page.getByLabel('Пароль', { exact: true }).fill(TEST_PASSPHRASE);
  await page.getByRole('button', { name: 'Открыть' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный пароль');
  await enterTestProfile(page, NEW_PASSPHRASE);
  await expect(page.getByRole('grid')).toBeVisible();
  await selectFirstLesson(page);
  await expect(page.getByLabel('Тема урока')).toHaveValue(CANARY);
  await context.close();
});

test('the journal locks itself after the idle time and shows nothing', async () => {
  const context = await launch();
  const page = await firstPage(context);
  await page.goto('./?idleLockSeconds=5');
  await enterTestProfile(page, NEW_PASSPHRASE);
  await expect(page.getByRole('grid')).toBeVisible();
  const names = (await page.getByRole('grid').getByRole('rowheader').allTextContents()).map((t) =>
    t.replace(/^\s*\d+\s*/, '').trim(),
  );
  expect(names.length).toBeGreaterThan(0);
  // No input for a few seconds: the lock screen replaces the journal.
  await expect(page.getByRole('heading', { name: 'Учитель для проверки' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.getByText(names[0]!)).toHaveCount(0);
  await enterTestProfile(page, NEW_PASSPHRASE);
  await expect(page.getByRole('grid')).toBeVisible();
  await context.close();
});

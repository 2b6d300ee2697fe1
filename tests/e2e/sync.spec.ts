// Two desktops against the real school server: sign-in (errors in Russian), live propagation of a
// mark, offline edits on one desktop while the other keeps working, convergence of both journals
// (a same-cell conflict included), the sync indicator, and a cell's history showing the author.
import { expect, test, type Page } from '@playwright/test';
import { cell, readLayout, typeInto, uniqueDateColumns } from './journal-helpers';
import {
  openLoginForm,
  reopenQuarters,
  signIn,
  startJournalServer,
  teacherAndDeputyDesktops,
  submitLogin,
  syncStatus,
  type JournalServer,
} from './sync-helpers';

const STUDENTS = Number(process.env.SYNC_E2E_STUDENTS ?? 120);
let server: JournalServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startJournalServer(STUDENTS);
  expect(await reopenQuarters(server.url)).toBeGreaterThan(0);
});
test.afterAll(async () => {
  await server?.stop();
});

test('login form: Russian errors, prefilled address and device name', async ({ page }) => {
  await openLoginForm(page, server.url);
  await expect(page.getByLabel('Название этого компьютера')).toHaveValue(/Компьютер учителя/);
  await submitLogin(page, 'teacher', 'не тот пароль');
  await expect(page.getByRole('alert')).toHaveText('Неверный логин или пароль');
  await page.screenshot({ path: 'test-results/sync-login.png' });

  await page.getByLabel('Адрес сервера').fill('http://127.0.0.1:9');
  await submitLogin(page, 'teacher');
  await expect(page.getByRole('alert')).toHaveText(
    'Сервер школы недоступен: проверьте адрес и сеть',
  );
});

test('two desktops converge; a mark appears on the other desktop live', async ({ browser }) => {
  const { teacherCtx, deputyCtx, a, b } = await teacherAndDeputyDesktops(browser, server.url);
  await expect(syncStatus(a)).toContainText('Синхронизировано в');
  // The deputy opens the teacher's course.
  await a.getByRole('navigation', { name: 'Мои курсы' }).getByRole('button').first().click();
  const hash = await a.evaluate(() => location.hash);
  expect(hash).toMatch(/^#\/journal\//);
  await signIn(b, server.url, 'deputy');
  await b.evaluate((h) => (location.hash = h), hash);
  await expect(b.getByRole('heading', { level: 1 })).toHaveText(
    (await a.getByRole('heading', { level: 1 }).textContent()) ?? '',
  );

  const layout = await readLayout(a);
  // The deputy's journal opens once the reference collections are in; lessons may still arrive.
  await expect.poll(() => readLayout(b), { timeout: 30_000 }).toEqual(layout);
  const { names } = layout;
  const dates = layout.dates;
  const col = uniqueDateColumns(dates)[0];
  expect(col).toBeDefined();
  const date = dates[col!]!;
  const [n0, n1, n2, n3] = names as [string, string, string, string];

  // 1. Live: a mark typed by the teacher appears on the deputy's screen.
  const started = Date.now();
  await typeInto(a, n0, date, '5');
  await expect(cell(b, n0, date)).toHaveText('5', { timeout: 10_000 });
  const propagationMs = Date.now() - started;
  console.log(`mark propagation teacher → deputy: ${propagationMs} ms`);
  test.info().annotations.push({ type: 'propagation-ms', description: String(propagationMs) });
  expect(propagationMs).toBeLessThan(10_000);

  // 2. The teacher goes offline; both keep typing (different students and one same cell).
  await teacherCtx.setOffline(true);
  await expect(syncStatus(a)).toContainText('Нет связи с сервером школы');
  await typeInto(a, n1, date, '4');
  await typeInto(a, n3, date, '2');
  // Two marks (in one lesson document) are two changes waiting to be sent.
  await expect(syncStatus(a)).toContainText('не отправлено: 2 изменения');
  await a.locator('.app-header').screenshot({ path: 'test-results/sync-indicator-offline.png' });
  await typeInto(b, n2, date, '3');
  await typeInto(b, n3, date, '5'); // later than the teacher's "2": the newer edit wins the cell
  await expect(cell(b, n2, date)).toHaveText('3');

  // 3. Back online: the offline edits go up, the deputy's come down; both journals equal.
  await teacherCtx.setOffline(false);
  const expected: [string, string][] = [
    [n0, '5'],
    [n1, '4'],
    [n2, '3'],
    [n3, '5'],
  ];
  for (const page of [a, b]) {
    for (const [name, text] of expected) {
      await expect(cell(page, name, date)).toHaveText(text, { timeout: 20_000 });
    }
  }
  await expect(syncStatus(a)).toContainText('Синхронизировано в', { timeout: 20_000 });
  await a.locator('.app-header').screenshot({ path: 'test-results/sync-indicator.png' });
  const column = async (page: Page) =>
    Promise.all(names.map((n) => cell(page, n, date).textContent()));
  expect(await column(a)).toEqual(await column(b));

  // 4. The cell's history on the deputy's desktop names the teacher who wrote the mark.
  const teacherName = ((await a.locator('.app-header .user').textContent()) ?? '')
    .replace(/\(.*\)/, '')
    .trim();
  await cell(b, n1, date).click();
  await b.getByRole('button', { name: 'История клетки' }).click();
  const dialog = b.getByRole('dialog', { name: 'История клетки' });
  await expect(dialog).toContainText(teacherName);
  await expect(dialog).toContainText('→ 4');
  await expect(dialog).toContainText('Компьютер учителя');
  await dialog.screenshot({ path: 'test-results/sync-history.png' });

  await teacherCtx.close();
  await deputyCtx.close();
});

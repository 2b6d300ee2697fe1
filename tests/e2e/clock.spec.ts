// A desktop whose clock is ahead of the school server's: the sync indicator warns in Russian, and
// a mark typed there still reaches the server (the desktop's clock follows the server's time, so
// its stamps are not refused as coming from the future).
import { expect, test } from '@playwright/test';
import { cell, readLayout, uniqueDateColumns } from './journal-helpers';
import {
  reopenQuarters,
  signIn,
  startJournalServer,
  syncStatus,
  type JournalServer,
} from './sync-helpers';

let server: JournalServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startJournalServer(60);
  expect(await reopenQuarters(server.url)).toBeGreaterThan(0);
});
test.afterAll(async () => {
  await server?.stop();
});

test('a clock 40 minutes ahead: a warning, and the marks still go through', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  // This computer's clock: 40 minutes ahead of the server's (time keeps running from there).
  await page.clock.install({ time: Date.now() + 40 * 60_000 });
  await signIn(page, server.url, 'teacher');
  const warning = page.getByTestId('sync-clock');
  await expect(warning).toHaveText('Часы спешат на 40 мин: исправьте время');
  await expect(warning).toHaveAttribute(
    'title',
    'Часы компьютера спешат на 40 мин относительно сервера школы. ' +
      'Исправьте дату и время: изменения с неверным временем сервер не примет',
  );
  await page.screenshot({ path: 'test-results/sync-clock-warning.png' });

  const { names, dates } = await readLayout(page);
  const date = dates[uniqueDateColumns(dates)[0]!]!;
  await cell(page, names[0]!, date).click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('4');
  await expect(syncStatus(page)).toContainText('Синхронизировано в', { timeout: 20_000 });
  await expect(page.locator('.sync-refusals')).toHaveCount(0);
  // Nothing the teacher sent was refused (a stamp from the future would be, in these words).
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'teacher', password: 'demo', deviceName: 'Проверка' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${server.url}/api/v1/refusals/mine`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { refusals } = (await res.json()) as { refusals: { reason: string }[] };
  expect(refusals.filter((r) => /спешат/.test(r.reason))).toEqual([]);
  await context.close();
});

// Two tabs of one browser profile during the first download (the browser copy served by the
// school server): the second tab, opened while the first still waits for its lessons, shows the
// lessons the first tab stores without a reload (renderer/db/other-windows.ts: with another tab
// heard, the snapshot goes through the storage's writes, which RxDB announces to it). The second
// tab may not fetch lessons itself here, so only the first tab's writes can fill its grid.
import { expect, test, type Page } from '@playwright/test';
import { enterTestProfile } from './journal-helpers';
import {
  openLoginForm,
  startJournalServer,
  submitLogin,
  syncStatus,
  type JournalServer,
} from './sync-helpers';

let server: JournalServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startJournalServer(60);
});
test.afterAll(async () => {
  await server?.stop();
});

const lessonColumns = (page: Page) => page.getByRole('grid').locator('thead th.date .date-label');
const noLessons = (page: Page) => page.getByText('В этом периоде ещё нет уроков.');

test('a second tab opened during the first download shows the lessons the first tab stores', async ({
  context,
}) => {
  test.setTimeout(180_000);
  const first = await context.newPage();
  // The first tab's lessons wait until the second tab is open.
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await first.route('**/api/v1/sync/lessons/snapshot**', async (route) => {
    await held;
    await route.continue();
  });
  await openLoginForm(first, server.url);
  await submitLogin(first, 'teacher');
  // The journal opens on the reference collections: the teacher's course, no lesson yet.
  await expect(noLessons(first)).toBeVisible({ timeout: 90_000 });

  const second = await context.newPage();
  await second.route('**/api/v1/sync/lessons/**', (route) => route.abort());
  await second.goto(`${server.url}/`);
  await enterTestProfile(second);
  await expect(noLessons(second)).toBeVisible({ timeout: 90_000 });

  release();
  await expect(syncStatus(first)).toContainText('Синхронизировано в', { timeout: 120_000 });
  const shown = await lessonColumns(first).count();
  expect(shown).toBeGreaterThan(0);
  // No reload: the second tab's grid fills from the first tab's writes.
  await expect(lessonColumns(second)).toHaveCount(shown, { timeout: 30_000 });
  await second.setViewportSize({ width: 1366, height: 768 });
  await second.screenshot({ path: 'test-results/two-tabs-second.png' });
});

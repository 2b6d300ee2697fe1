// Two tabs of one browser profile (the browser copy served by the school server). During the
// first download, the second tab, opened while the first still waits for its lessons, shows the
// lessons the first tab stores without a reload (renderer/db/other-windows.ts: with another tab
// heard, the snapshot goes through the storage's writes, which RxDB announces to it). Only one tab
// talks to the server (renderer/sync/sync-in-one-tab.ts): the other shows its status, its marks
// are sent by the first, a refusal shows in both and is dismissed from either, and it takes over
// when the first closes.
import { expect, test, type Page } from '@playwright/test';
import { ELSEWHERE_HINT } from '../../renderer/sync/sync-status';
import { apiAs } from './setup-helpers';
import { cell, enterTestProfile, readLayout, typeInto, uniqueDateColumns } from './journal-helpers';
import {
  openLoginForm,
  reopenQuarters,
  setQuartersClosed,
  signIn,
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

type ServerLesson = { entries?: Record<string, { marks: { value: string }[] }> };

/** A lesson changed on the server (no one else writes here) holds a mark `value`. */
const hasMark = (docs: readonly ServerLesson[], value: string) =>
  docs.some((d) =>
    Object.values(d.entries ?? {}).some((e) => e.marks.some((m) => m.value === value)),
  );

test('one tab talks to the server; the other sends through it and takes over when it closes', async ({
  context,
}) => {
  test.setTimeout(240_000);
  expect(await reopenQuarters(server.url)).toBeGreaterThanOrEqual(0);
  const first = await context.newPage();
  await signIn(first, server.url, 'teacher');

  const second = await context.newPage();
  const secondSync: string[] = [];
  second.on('request', (request) => {
    if (request.url().includes('/api/v1/sync/')) secondSync.push(request.url());
  });
  await second.goto(`${server.url}/`);
  await enterTestProfile(second);
  await expect(second.getByRole('grid')).toBeVisible({ timeout: 90_000 });
  // The first tab's status, said to be the first tab's.
  await expect(syncStatus(second)).toContainText('Синхронизировано в');
  await expect(second.locator('.sync-indicator')).toHaveAttribute('title', ELSEWHERE_HINT);
  await expect(first.locator('.sync-indicator')).not.toHaveAttribute('title', ELSEWHERE_HINT);
  const layout = await readLayout(first);
  await expect.poll(() => readLayout(second)).toEqual(layout);
  await second.setViewportSize({ width: 1366, height: 768 });
  await second.screenshot({ path: 'test-results/two-tabs-follower.png' });

  // A mark typed in the second tab is sent by the first.
  const teacherApi = await apiAs(server.url, 'teacher', 'demo');
  const lessonsSince = (checkpoint: string) =>
    teacherApi.pullSince<ServerLesson>('lessons', checkpoint);
  let { checkpoint } = await lessonsSince('');
  const date = layout.dates[uniqueDateColumns(layout.dates)[0]!]!;
  const [n0, n1] = layout.names as [string, string];
  await typeInto(second, n0, date, '4');
  await expect(cell(first, n0, date)).toHaveText('4', { timeout: 10_000 });
  await expect
    .poll(async () => hasMark((await lessonsSince(checkpoint)).documents, '4'), {
      timeout: 20_000,
    })
    .toBe(true);
  expect(secondSync).toEqual([]);

  // The first tab closes: the second takes the sync over, and sends its next mark itself.
  ({ checkpoint } = await lessonsSince(checkpoint));
  await first.close();
  await expect.poll(() => secondSync.length, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(second.locator('.sync-indicator')).not.toHaveAttribute('title', ELSEWHERE_HINT);
  await typeInto(second, n1, date, '2');
  await expect
    .poll(async () => hasMark((await lessonsSince(checkpoint)).documents, '2'), {
      timeout: 20_000,
    })
    .toBe(true);
  await expect(syncStatus(second)).toContainText('Синхронизировано в', { timeout: 20_000 });
  // Nothing of the first download was fetched again: the collections replicate from their
  // checkpoints.
  expect(secondSync.filter((url) => url.includes('/snapshot'))).toEqual([]);
});

test('a refused change is shown in both tabs and dismissed from either', async ({ context }) => {
  test.setTimeout(240_000);
  await reopenQuarters(server.url);
  const first = await context.newPage();
  // Without its live stream the syncing tab learns of the closing below only when it pushes.
  await first.route('**/api/v1/sync/stream**', (route) => route.abort());
  await signIn(first, server.url, 'teacher');
  const second = await context.newPage();
  await second.goto(`${server.url}/`);
  await enterTestProfile(second);
  await expect(second.locator('.sync-indicator')).toHaveAttribute('title', ELSEWHERE_HINT, {
    timeout: 90_000,
  });
  const layout = await readLayout(first);
  const date = layout.dates[uniqueDateColumns(layout.dates)[0]!]!;
  // A student present that day (a mark beside «н» is refused on the desktop itself).
  const texts = await Promise.all(layout.names.map((n) => cell(first, n, date).textContent()));
  const name = layout.names.find((_, i) => !/[а-яё]/iu.test(texts[i] ?? ''))!;

  // The deputy closes the quarters on the server; the second tab writes a mark, the first tab
  // sends it, and the server refuses it.
  expect(await setQuartersClosed(server.url, true)).toBeGreaterThan(0);
  await typeInto(second, name, date, '3');
  for (const page of [first, second]) {
    await expect(page.locator('.sync-refusals')).toContainText('Изменение не принято', {
      timeout: 30_000,
    });
  }
  await second.setViewportSize({ width: 1366, height: 768 });
  await second.screenshot({ path: 'test-results/two-tabs-refusal.png' });
  // «Понятно» in the tab that does not sync dismisses the notice in both.
  await second.locator('.sync-refusals').getByRole('button', { name: 'Понятно' }).click();
  for (const page of [second, first]) {
    await expect(page.locator('.sync-refusals')).toHaveCount(0, { timeout: 10_000 });
  }
  await reopenQuarters(server.url);
});

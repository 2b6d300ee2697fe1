// The browser copy of the journal as the school server serves it (scripts/server.ts, the built
// renderer): the page arrives with the Electron window's CSP and the other security headers, and
// everything a deputy does — sign in, the first download into the encrypted database, a report
// saved as PDF (built in a worker) and as XLSX — runs under that policy with no CSP violation.
// A teacher's browser copy then reloads with the network off: the page comes from the service
// worker, the journal from the local database, and what is typed offline reaches the server.
import { expect, test } from '@playwright/test';
import { contentSecurityPolicyDirectives } from '../../shared/content-security-policy';
import { cell, readLayout, reloadAndUnlock, typeInto, uniqueDateColumns } from './journal-helpers';
import { downloadBy, goHash } from './period-helpers';
import {
  reopenQuarters,
  signIn,
  startJournalServer,
  syncStatus,
  type JournalServer,
} from './sync-helpers';

// The other specs block service workers (playwright.config.ts); here they are what is tested.
test.use({ serviceWorkers: 'allow' });

let server: JournalServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startJournalServer(60);
});
test.afterAll(async () => {
  await server?.stop();
});

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = '', ...sources] = d.split(/\s+/);
        return [name, sources];
      }),
  );
}

test('the served journal runs under the shared CSP without a violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[csp]') || /Content Security Policy/i.test(text)) violations.push(text);
  });
  page.on('pageerror', (error) => {
    if (/Content Security Policy|unsafe-eval/i.test(error.message)) violations.push(error.message);
  });

  const response = await page.goto(`${server.url}/`);
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(directives(headers['content-security-policy'] ?? '')).toEqual(
    contentSecurityPolicyDirectives(null),
  );
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['referrer-policy']).toBe('no-referrer');

  // The policy is in force: an inline script is refused (and reported by the app's logger).
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
  violations.length = 0;

  await signIn(page, server.url, 'deputy');
  await goHash(page, '#/school/reports');
  await expect(page.locator('.reports-tab .report-count')).toBeVisible({ timeout: 30_000 });
  const pdf = await downloadBy(page, 'Сохранить PDF');
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const xlsx = await downloadBy(page, 'Сохранить XLSX');
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  await page.screenshot({ path: 'test-results/served-csp-reports.png' });
  expect(violations).toEqual([]);
});

test('the browser copy reloads offline and keeps working on the local database', async ({
  page,
}) => {
  test.setTimeout(180_000);
  expect(await reopenQuarters(server.url)).toBeGreaterThan(0);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, server.url, 'teacher');
  await expect(syncStatus(page)).toContainText('Синхронизировано в', { timeout: 60_000 });
  // The worker has kept the build's files and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  const layout = await readLayout(page);
  const name = layout.names[0]!;
  const column = uniqueDateColumns(layout.dates)[0]!;
  const date = layout.dates[column]!;
  const lessonId = await page
    .locator('.journal-grid thead th.date')
    .nth(column)
    .getAttribute('data-lesson-id');
  expect(lessonId).toBeTruthy();
  const before = ((await cell(page, name, date).textContent()) ?? '').trim();
  const mark = before === '5' ? '4' : '5';
  const onServerBefore = await marksOnServer(lessonId!, mark);

  await page.context().setOffline(true);
  await reloadAndUnlock(page);
  await expect(page.getByRole('grid')).toBeVisible({ timeout: 60_000 });
  expect(await readLayout(page)).toEqual(layout);
  await expect(syncStatus(page)).toContainText('Нет связи с сервером школы');
  await typeInto(page, name, date, mark);
  await expect(cell(page, name, date)).toHaveText(mark);
  await expect(syncStatus(page)).toContainText('не отправлено: 1 изменение');
  await page.screenshot({ path: 'test-results/served-offline-reload.png' });

  // The network is back: the mark goes to the server (one more such mark in that lesson).
  await page.context().setOffline(false);
  await expect(syncStatus(page)).toContainText('Синхронизировано в', { timeout: 60_000 });
  expect(await marksOnServer(lessonId!, mark)).toBe(onServerBefore + 1);
});

/** How many students hold `value` in the lesson on the server (the teacher's own pull). */
async function marksOnServer(lessonId: string, value: string): Promise<number> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'teacher', password: 'demo', deviceName: 'Проверка e2e' }),
  });
  const { token } = (await login.json()) as { token: string };
  type Entries = Record<string, { marks: { value: string }[] }>;
  let checkpoint = '';
  for (;;) {
    const res = await fetch(
      `${server.url}/api/v1/sync/lessons/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await res.json()) as {
      documents: { id: string; entries: Entries }[];
      checkpoint: unknown;
    };
    if (body.documents.length === 0) throw new Error(`lesson ${lessonId} not on the server`);
    const lesson = body.documents.find((l) => l.id === lessonId);
    if (lesson) {
      return Object.values(lesson.entries).filter((e) => e.marks.some((m) => m.value === value))
        .length;
    }
    checkpoint = JSON.stringify(body.checkpoint);
  }
}

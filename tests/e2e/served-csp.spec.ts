// The browser copy of the journal as the school server serves it (scripts/server.ts, the built
// renderer): the page arrives with the Electron window's CSP and the other security headers, and
// everything a deputy does — sign in, the first download into the encrypted database, a report
// saved as PDF (built in a worker) and as XLSX — runs under that policy with no CSP violation.
import { expect, test } from '@playwright/test';
import { contentSecurityPolicyDirectives } from '../../shared/content-security-policy';
import { downloadBy, goHash } from './period-helpers';
import { signIn, startJournalServer, type JournalServer } from './sync-helpers';

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

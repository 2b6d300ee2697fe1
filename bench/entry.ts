// Mark entry latency: keypress → stored in the local database → shown in the grid, over 200
// entries, against a raw IndexedDB put of the same lesson document. Needs a built renderer
// (npm run build:renderer); drives Debian's Chromium with playwright-core.
//   npx tsx bench/entry.ts
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
// Brings in the type of window.__journalBench, which the page installs with ?bench=1.
import type { JournalBench } from '../renderer/app/bench-hook';
import { mimeTypeForExtension } from '../shared/mime-types';
import { chromiumLaunchOptions } from '../tests/chromium';

export type { JournalBench };

const ROOT = resolve('out/renderer');

/** A static server for out/renderer on a free port. */
export async function serveRenderer(): Promise<{ url: string; server: Server }> {
  if (!existsSync(join(ROOT, 'index.html'))) {
    throw new Error('out/renderer is not built: run `npm run build:renderer` first');
  }
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(ROOT, path === '/' ? 'index.html' : path);
    if (!file.startsWith(ROOT) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': mimeTypeForExtension(extname(file)) });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export async function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export const BENCH_PASSPHRASE = 'замер-скорости-2026';

/** Loads the demo school through the first-run screen and signs in as one of its people. */
export async function openDemo(page: Page, url: string, person: RegExp): Promise<void> {
  await page.goto(`${url}?bench=1`);
  // Every journal lives in a passphrase-protected profile (encrypted personal data).
  await page.getByRole('button', { name: 'Новый профиль' }).click();
  await page.getByLabel('Имя профиля').fill('Замер');
  await page.getByLabel('Пароль', { exact: true }).fill(BENCH_PASSPHRASE);
  await page.getByLabel('Повторите пароль').fill(BENCH_PASSPHRASE);
  await page.getByRole('button', { name: 'Создать профиль' }).click();
  await page.getByRole('button', { name: /Демо-школа/ }).click();
  await page.getByRole('button', { name: person }).click({ timeout: 120_000 });
  await page.getByRole('grid').waitFor();
  await page.waitForFunction(() => window.__journalBench !== undefined);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export function printTable(rows: (string | number)[][]): void {
  const text = rows.map((r) =>
    r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(2)) : c)),
  );
  const widths = text[0]!.map((_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  for (const [k, row] of text.entries()) {
    console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  }
}

const ENTRIES = 200;

async function main(): Promise<void> {
  const { url, server } = await serveRenderer();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openDemo(page, url, /Учитель-предметник/);
    const rows = await page.getByRole('grid').getByRole('rowheader').count();
    const firstLesson = await page
      .locator('thead th[data-lesson-id]')
      .first()
      .getAttribute('data-lesson-id');
    await page.locator('[data-cell="0:0"]').click();
    await page.evaluate(() => window.__journalBench!.resetEntrySamples());

    // Per cell: Delete (when not empty), a mark, Backspace; down the column, then the next one.
    const keys = (i: number) => ['Delete', String(5 - (i % 4)), 'Backspace'];
    for (let cellNo = 0; ; cellNo++) {
      for (const key of keys(cellNo)) {
        await page.keyboard.press(key);
        // One entry at a time: the next key waits until this one is stored and shown.
        await page.waitForFunction(() => window.__journalBench!.pendingEntries() === 0);
      }
      const done = await page.evaluate(() => window.__journalBench!.entrySamples().length);
      if (done >= ENTRIES) break;
      await page.keyboard.press((cellNo + 1) % rows === 0 ? 'ArrowRight' : 'ArrowDown');
      if ((cellNo + 1) % rows === 0)
        for (let r = 1; r < rows; r++) await page.keyboard.press('ArrowUp');
    }
    const entry = await page.evaluate(() => window.__journalBench!.entrySamples());
    const raw = await page.evaluate(([id, n]) => window.__journalBench!.rawPutBaseline(id, n), [
      firstLesson!,
      ENTRIES,
    ] as const);
    console.log(
      `Mark entry, ${entry.length} entries (headless Chromium, demo school, 1 lesson document per write)`,
    );
    printTable([
      ['measure', 'n', 'p50 ms', 'p95 ms', 'target'],
      [
        'keypress → RxDB write → grid',
        entry.length,
        percentile(entry, 50),
        percentile(entry, 95),
        'p95 ≤ 16 ms',
      ],
      ['baseline: raw IndexedDB put', raw.length, percentile(raw, 50), percentile(raw, 95), ''],
    ]);
    const p95 = percentile(entry, 95);
    if (!(p95 <= 16)) console.log(`NOTE: entry p95 ${p95.toFixed(2)} ms is above the 16 ms target`);
  } finally {
    await browser.close();
    server.close();
  }
}

/** Runs `main` (exit code 1 on an error) when the module at `moduleUrl` is the script started. */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

runIfMain(import.meta.url, main);

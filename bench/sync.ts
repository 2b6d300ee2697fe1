// The first download of the whole demo school (1,000 students) into an empty browser database,
// by the desktop app against the real server (PGlite, --demo): through the snapshot and then the
// replication (the default), and through the replication alone, against a baseline in the same
// browser: a raw Dexie bulkPut of the same documents. Needs out/renderer.
//   npx tsx bench/sync.ts [--rounds=2]   (BENCH_SYNC_STUDENTS=1000; baseline first and between rounds)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { COLLECTIONS, COLLECTION_NAMES } from '../shared/collections';
import { launch, printTable, runIfMain } from './entry';

const STUDENTS = Number(process.env.BENCH_SYNC_STUDENTS ?? 1000);
const PASSPHRASE = 'Пароль для замера 2026';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(
  students = STUDENTS,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'journal-bench-sync-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/server.ts',
      ...['--port', String(port), '--host', '127.0.0.1', '--no-tls', '--data-dir', dataDir],
      ...['--demo', '--demo-students', String(students), '--static-dir', 'out/renderer'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Сервер журнала работает')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The desktop app: a new profile, sign in as `login` (the deputy reads the whole school), download;
 * `replication`: without the snapshot (renderer/sync/ServerSession.tsx, FIRST_DOWNLOAD_KEY).
 */
export async function timeFirstDownload(
  page: Page,
  url: string,
  mode: 'snapshot' | 'replication',
  login = 'deputy',
  /** Runs just before the click that connects (e.g. a throttled network from then on). */
  beforeConnect?: () => Promise<void>,
): Promise<{ ms: number; docs: number; openMs: number; harnessMs: number }> {
  if (mode === 'replication') {
    await page.addInitScript(() => localStorage.setItem('journal.firstDownload', 'replication'));
  }
  await page.addInitScript(recordDownloadTimes, COLLECTION_NAMES.length);
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Новый профиль' }).click();
  await page.getByLabel('Имя профиля').fill('Замер');
  await page.getByLabel('Пароль', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Повторите пароль').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Создать профиль' }).click();
  await page.getByRole('button', { name: /Подключиться к серверу школы/ }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill('demo');
  await beforeConnect?.();
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Подключиться', exact: true }).click();
  let openMs = 0;
  // The app opens (its header with the sync indicator) once the reference collections are in.
  const opened = page
    .locator('.sync-indicator')
    .waitFor({ timeout: 600_000 })
    .then(() => {
      openMs = Date.now() - t0;
    });
  await page.waitForSelector(`.sync-indicator[data-initial-done="${COLLECTION_NAMES.length}"]`, {
    timeout: 600_000,
  });
  const harnessMs = Date.now() - t0;
  let ms = harnessMs;
  await opened;
  const docs = Number(
    await page.locator('.sync-indicator').getAttribute('data-received', { timeout: 5000 }),
  );
  // The page's own clock, as the baseline's: from the click's event to the attribute's change,
  // without Playwright's action and polling delays (30–400 ms seen on a busy machine).
  const inPage = await page.evaluate(() => window.__downloadTimes);
  if (inPage?.clicked !== undefined && inPage.done !== undefined && inPage.opened !== undefined) {
    ms = Math.round(inPage.done - inPage.clicked);
    openMs = Math.round(inPage.opened - inPage.clicked);
  }
  return { ms, docs, openMs, harnessMs };
}

declare global {
  interface Window {
    __downloadTimes?: { clicked?: number; opened?: number; done?: number };
  }
}

/**
 * An init script: notes in the page's clock when «Подключиться» is clicked, when the app's header
 * (the sync indicator) appears and when every collection's first sync is done.
 */
function recordDownloadTimes(collections: number): void {
  const times: NonNullable<Window['__downloadTimes']> = {};
  window.__downloadTimes = times;
  document.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element | null)?.closest?.('button');
      if (button?.textContent?.trim() === 'Подключиться') times.clicked = event.timeStamp;
    },
    true,
  );
  new MutationObserver(() => {
    if (times.clicked === undefined || times.done !== undefined) return;
    const indicator = document.querySelector('.sync-indicator');
    if (!indicator) return;
    times.opened ??= performance.now();
    if (indicator.getAttribute('data-initial-done') === String(collections)) {
      times.done = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** Baseline: the same documents fetched once, then a raw Dexie bulkPut with the same indexes. */
export async function timeDexie(
  page: Page,
  url: string,
  account = 'deputy',
): Promise<{ ms: number; docs: number }> {
  const require = createRequire(import.meta.url);
  const dexieSource = await readFile(require.resolve('dexie/dist/dexie.js'), 'utf8');
  await page.goto(`${url}/api/v1/health`);
  await page.addScriptTag({ content: dexieSource });
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: account, password: 'demo', deviceName: 'Замер' }),
  });
  const { token } = (await login.json()) as { token: string };
  const stores = Object.fromEntries(
    COLLECTION_NAMES.map((n) => [
      n,
      ['id', ...COLLECTIONS[n].indexes.map((i) => `[${i.join('+')}]`)].join(','),
    ]),
  );
  return page.evaluate(
    async ({ token, stores, names }) => {
      const all: Record<string, unknown[]> = {};
      for (const name of names) {
        all[name] = [];
        let checkpoint = '';
        for (;;) {
          const res = await fetch(
            `/api/v1/sync/${name}/pull?checkpoint=${encodeURIComponent(checkpoint)}&limit=1000`,
            { headers: { authorization: `Bearer ${token}` } },
          );
          const page = (await res.json()) as { documents: unknown[]; checkpoint: unknown };
          all[name]!.push(...page.documents);
          if (page.documents.length === 0) break;
          checkpoint = JSON.stringify(page.checkpoint);
        }
      }
      const DexieCtor = (window as unknown as { Dexie: new (name: string) => never }).Dexie;
      const db = new DexieCtor('baseline') as unknown as {
        version(n: number): { stores(s: Record<string, string>): void };
        open(): Promise<void>;
        table(n: string): { bulkPut(docs: unknown[]): Promise<unknown> };
      };
      db.version(1).stores(stores);
      await db.open();
      const t0 = performance.now();
      let docs = 0;
      await Promise.all(
        names.map(async (name) => {
          const list = all[name]!;
          for (let i = 0; i < list.length; i += 1000) {
            await db.table(name).bulkPut(list.slice(i, i + 1000));
          }
          docs += list.length;
        }),
      );
      return { ms: performance.now() - t0, docs };
    },
    { token, stores, names: COLLECTION_NAMES as string[] },
  );
}

async function main(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) {
    throw new Error('out/renderer is not built: run `npm run build:renderer` first');
  }
  const server = await startServer();
  const browser = await launch();
  try {
    const measure = async (mode: 'snapshot' | 'replication') => {
      // As the desktop app: no service worker caching the app's files during the download.
      const ctx = await browser.newContext({
        serviceWorkers: 'block',
        viewport: { width: 1440, height: 900 },
        locale: 'ru-RU',
      });
      const result = await timeFirstDownload(await ctx.newPage(), server.url, mode);
      await ctx.close();
      console.log(`${mode}: ${JSON.stringify(result)}`);
      return result;
    };
    // The baseline is measured first and then between the rounds, so a machine that slows down
    // during the run weighs on both sides alike (the ratio uses the mean of all baseline runs).
    const dexie = async () => {
      // The server's CSP forbids inline scripts; the baseline injects Dexie into a page of it.
      const ctx2 = await browser.newContext({ bypassCSP: true });
      const r = await timeDexie(await ctx2.newPage(), server.url);
      await ctx2.close();
      console.log(`baseline: ${JSON.stringify(r)}`);
      return r;
    };
    const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 2);
    const baselines = [await dexie()];
    const snapshots: Awaited<ReturnType<typeof measure>>[] = [];
    for (let i = 0; i < rounds; i++) {
      snapshots.push(await measure('snapshot'));
      baselines.push(await dexie());
    }
    const replication = await measure('replication');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const baseline = { ms: mean(baselines.map((b) => b.ms)), docs: baselines[0]!.docs };
    const snapshot = {
      ms: mean(snapshots.map((s) => s.ms)),
      openMs: mean(snapshots.map((s) => s.openMs)),
      docs: snapshots[0]!.docs,
    };
    console.log(
      `baseline runs ms: ${baselines.map((b) => Math.round(b.ms)).join(', ')}; ` +
        `snapshot runs ms: ${snapshots.map((s) => Math.round(s.ms)).join(', ')} ` +
        `(Playwright's clock: ${snapshots.map((s) => s.harnessMs).join(', ')})`,
    );
    const rate = (r: { ms: number; docs: number }) => Math.round(r.docs / (r.ms / 1000));
    const rows = (label: string, r: { ms: number; docs: number; openMs: number }) => [
      [label, r.docs, Math.round(r.ms), rate(r), r.ms / baseline.ms],
      [
        '  of which: until the journal opened',
        '',
        Math.round(r.openMs),
        '',
        r.openMs / baseline.ms,
      ],
    ];
    printTable([
      ['what', 'documents', 'wall ms', 'docs/s', '× baseline'],
      ...rows(`first download, ${STUDENTS} students (snapshot + replication, deputy)`, snapshot),
      ...rows('first download through the replication alone', replication),
      [
        'baseline: raw Dexie bulkPut of the same documents',
        baseline.docs,
        Math.round(baseline.ms),
        rate(baseline),
        1,
      ],
    ]);
    console.log(
      `snapshot vs replication alone: ×${(replication.ms / snapshot.ms).toFixed(2)} faster; ` +
        `target ≤ 2.0× baseline: ${snapshot.ms / baseline.ms <= 2 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

runIfMain(import.meta.url, main);

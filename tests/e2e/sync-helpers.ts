// The real school server for the sync e2e tests (scripts/server.ts on a free port, a temporary
// PGlite folder, the demo school, serving the built renderer) and the desktop's sign-in steps.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { enterTestProfile } from './journal-helpers';

export interface JournalServer {
  url: string;
  /** The server's PGlite folder (the admin console finds the running server through it). */
  dataDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `scripts/server.ts --demo` (null: an empty server, no school yet) and resolves once it
 * listens. `extraArgs`: more of the server's options (e.g. `--demo-as-of today`).
 */
export async function startJournalServer(
  students: number | null,
  extraArgs: readonly string[] = [],
): Promise<JournalServer> {
  return startServerProcess(
    [...(students === null ? [] : ['--demo', '--demo-students', String(students)]), ...extraArgs],
    'Сервер журнала работает',
  );
}

/** An empty server (no accounts, no school) with the one-time set-up link it printed. */
export interface EmptyServer extends JournalServer {
  /** "http://127.0.0.1:…/?setup=…" as the server printed it. */
  setupLink: string;
  /** The one-time code of that link (`…/?setup=<code>`). */
  setupCode: string;
}

/** Starts an empty server and resolves once it has printed its set-up link. */
export async function startEmptyServer(): Promise<EmptyServer> {
  const server = await startServerProcess([], 'Остановить сервер');
  const link = /(http:\/\/\S+\/\?setup=\S+)/.exec(server.output())?.[1];
  const code = link && /[?&]setup=([^\s&]+)/.exec(link)?.[1];
  if (!link || !code) {
    await server.stop();
    throw new Error(`no set-up link printed:\n${server.output()}`);
  }
  return { ...server, setupLink: link, setupCode: decodeURIComponent(code) };
}

async function startServerProcess(
  extraArgs: string[],
  readyText: string,
): Promise<JournalServer & { output(): string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'journal-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/server.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      // Plain HTTP on this machine only: the browser under test talks to 127.0.0.1.
      '--no-tls',
      '--data-dir',
      dataDir,
      ...extraArgs,
      '--static-dir',
      'out/renderer',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the login form of a fresh desktop served by the school server. */
export async function openLoginForm(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/`);
  await enterTestProfile(page);
  await page.getByRole('button', { name: /Подключиться к серверу школы/ }).click();
  // Served by the school server: its own origin is the address.
  await expect(page.getByLabel('Адрес сервера')).toHaveValue(serverUrl);
}

export async function submitLogin(page: Page, login: string, password = 'demo'): Promise<void> {
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Подключиться', exact: true }).click();
}

/** Signs in and waits for the journal grid (the first download included). */
export async function signIn(page: Page, serverUrl: string, login: string): Promise<void> {
  await openLoginForm(page, serverUrl);
  await submitLogin(page, login);
  // The journal opens while the lessons still stream in; the tests read it once all is here.
  await expect(syncStatus(page)).toContainText('Синхронизировано в', { timeout: 120_000 });
  // A deputy who teaches nothing lands on «Школа»; these tests work in the journal.
  const landed = page.getByRole('grid').or(page.locator('.school-screen'));
  await expect(landed.first()).toBeVisible({ timeout: 90_000 });
  if (!(await page.getByRole('grid').isVisible())) {
    await page.evaluate(() => {
      location.hash = '#/journal';
    });
    // A deputy with no lessons of their own chooses the course (the tests then open one by hash).
    await expect(page.getByRole('grid').or(page.getByText('Выберите курс слева.'))).toBeVisible({
      timeout: 90_000,
    });
  }
}

export function syncStatus(page: Page) {
  return page.getByTestId('sync-status');
}

/**
 * The demo school is generated as of the end of the year, so every quarter is closed. As the
 * deputy would, reopen the quarters through the server's API so teachers can write marks.
 */
export async function reopenQuarters(serverUrl: string): Promise<number> {
  return setQuartersClosed(serverUrl, false);
}

/** Closes (or reopens) every quarter through the server's API, as the deputy; how many changed. */
export async function setQuartersClosed(serverUrl: string, closed: boolean): Promise<number> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'deputy', password: 'demo', deviceName: 'Проверка e2e' }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const pull = await fetch(`${serverUrl}/api/v1/sync/periods/pull?checkpoint=&limit=1000`, {
    headers,
  });
  const { documents } = (await pull.json()) as { documents: Record<string, unknown>[] };
  const at = `${String(Date.now()).padStart(15, '0')}-00000-e2e`;
  const rows = documents
    .filter((d) => d.closed !== closed && d.scheme === 'quarters')
    .map((d) => ({
      assumedMasterState: d,
      newDocumentState: {
        ...d,
        closed,
        stamps: { ...(d.stamps as object), closed: { at, by: 'staff-deputy' } },
      },
    }));
  const push = await fetch(`${serverUrl}/api/v1/sync/periods/push`, {
    method: 'POST',
    headers,
    body: JSON.stringify(rows),
  });
  const conflicts = (await push.json()) as unknown[];
  if (!push.ok || conflicts.length > 0) {
    throw new Error(
      `${closed ? 'closing' : 'reopening'} periods failed: ${push.status} ${JSON.stringify(conflicts)}`,
    );
  }
  return rows.length;
}

/** Two desktops in separate browser contexts, the teacher's (a) signed in to the journal grid. */
export async function teacherAndDeputyDesktops(
  browser: Browser,
  serverUrl: string,
): Promise<{ teacherCtx: BrowserContext; deputyCtx: BrowserContext; a: Page; b: Page }> {
  const teacherCtx = await browser.newContext();
  const deputyCtx = await browser.newContext();
  const a = await teacherCtx.newPage();
  const b = await deputyCtx.newPage();
  await signIn(a, serverUrl, 'teacher');
  return { teacherCtx, deputyCtx, a, b };
}

// Launches the real desktop app and checks the shell's promises: our window, window.journal
// exposed, no Node in the page. Skips, saying why, where no Electron binary exists.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalBridge } from '../../shared/bridge';
import { displayProblem, findElectronBinary } from '../../scripts/electron-binary';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = findElectronBinary();
const skipReason = binary.found ? displayProblem() : binary.reason;
if (skipReason) console.info(`[electron smoke] skipped: ${skipReason}`);

type PageWindow = { journal?: JournalBridge };

describe('Electron shell', () => {
  let app: ElectronApplication | undefined;

  beforeAll(async () => {
    if (skipReason || !binary.found) return;
    if (!existsSync(path.join(repoRoot, 'out/electron/main.js'))) {
      const { build } = await import('vite');
      for (const mode of ['main', 'preload']) {
        await build({
          root: repoRoot,
          configFile: path.join(repoRoot, 'vite.electron.config.ts'),
          mode,
          logLevel: 'warn',
        });
      }
    }
    app = await _electron.launch({
      executablePath: binary.executablePath,
      // Chromium refuses its sandbox as root (CI containers); the app's own sandbox: true stays.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot],
      cwd: repoRoot,
      env: { ...process.env, JOURNAL_SERVER_URL: 'http://127.0.0.1:9' },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it.skipIf(skipReason !== null)(
    `opens the journal window with a locked-down page${skipReason ? ` — skipped: ${skipReason}` : ''}`,
    async () => {
      if (!app) throw new Error('Electron did not start');
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');

      const title = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]?.getTitle(),
      );
      expect(title).toMatch(/журнал/i);
      expect(page.url()).toMatch(/^app:\/\/journal\//);

      const globals = await page.evaluate(() => ({
        journal: typeof (window as PageWindow).journal,
        methods: Object.keys((window as PageWindow).journal ?? {}).sort(),
        require: typeof (globalThis as Record<string, unknown>).require,
        process: typeof (globalThis as Record<string, unknown>).process,
        ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
      }));
      expect(globals).toEqual({
        journal: 'object',
        methods: [
          'getAppInfo',
          'openExternal',
          'openPdf',
          'protectSecret',
          'savePdf',
          'unprotectSecret',
        ],
        require: 'undefined',
        process: 'undefined',
        ipcRenderer: 'undefined',
      });

      const info = await page.evaluate(() => (window as PageWindow).journal!.getAppInfo());
      expect(info).toMatchObject({ runtime: 'electron', serverUrl: 'http://127.0.0.1:9' });

      const refused = await page.evaluate(() =>
        (window as PageWindow).journal!.openExternal({ url: 'javascript:alert(1)' }).then(
          () => 'opened',
          () => 'refused',
        ),
      );
      expect(refused).toBe('refused');
    },
    60_000,
  );
});

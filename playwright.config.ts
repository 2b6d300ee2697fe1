// End-to-end tests of the built renderer (out/renderer) in Debian's Chromium, served by vite preview.
// Build first: npm run build:renderer.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium';

// A port per checkout, the same in every worker process: two checkouts on one machine (a
// developer's and CI's clone) must not meet on one fixed port.
function portForCheckout(dir: string): number {
  let hash = 0;
  for (const ch of dir) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return 20_000 + (hash % 20_000);
}
const PORT = Number(process.env.E2E_PORT ?? portForCheckout(import.meta.dirname));

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'ru-RU',
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
    // The built journal registers its offline service worker; only served-csp.spec tests it, the
    // other specs see the network as they always did.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});

// Finds the Electron executable without require('electron'): that require downloads the binary
// when it is missing, which hangs or fails on machines without internet access.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary =
  { found: true; executablePath: string } | { found: false; reason: string };

export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { found: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const executablePath = path.join(override, relative ?? 'electron');
    return existsSync(executablePath)
      ? { found: true, executablePath }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${executablePath}` };
  }
  if (relative === null) {
    return {
      found: false,
      reason:
        'no Electron binary: the electron package was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 ' +
        '(no node_modules/electron/path.txt); set ELECTRON_OVERRIDE_DIST_PATH to a local Electron',
    };
  }
  const executablePath = path.join(packageDir, 'dist', relative);
  return existsSync(executablePath)
    ? { found: true, executablePath }
    : { found: false, reason: `no Electron binary at ${executablePath}` };
}

/** Electron on Linux needs an X or Wayland display (xvfb-run provides one). */
export function displayProblem(): string | null {
  if (process.platform !== 'linux') return null;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'no display on Linux: run the suite under xvfb-run';
}

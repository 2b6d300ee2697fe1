// Maps app://journal/... requests to files of the built renderer (out/renderer). Pure path logic
// plus one injected existence check, so it is unit-tested without Electron.
import path from 'node:path';
import { mimeTypeForExtension } from '../shared/mime-types';
import { APP_HOST, APP_SCHEME } from './security';

export function mimeTypeFor(filePath: string): string {
  return mimeTypeForExtension(path.extname(filePath));
}

export type AppFileResolution =
  { status: 200; filePath: string; mimeType: string } | { status: 400 | 403 | 404 };

/**
 * Resolves a request URL to a file inside rootDir. Paths without an extension that don't exist
 * fall back to index.html (client-side routes); a missing asset is a 404; anything that would
 * leave rootDir — `..`, encoded separators, another host — is refused.
 */
export function resolveAppFile(
  requestUrl: string,
  rootDir: string,
  fileExists: (filePath: string) => boolean,
): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { status: 403 };

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400 };
  }
  // The URL parser already folds "/../" but not "%2e%2e%2f"; after decoding, refuse any
  // traversal, backslash or NUL outright rather than trying to normalize it away.
  const segments = pathname.split('/');
  if (pathname.includes('\\') || pathname.includes('\0') || segments.includes('..')) {
    return { status: 403 };
  }

  const root = path.resolve(rootDir);
  const relative = segments.filter((segment) => segment !== '' && segment !== '.').join('/');
  const filePath = path.resolve(root, relative === '' ? 'index.html' : relative);
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { status: 403 };

  if (fileExists(filePath)) return { status: 200, filePath, mimeType: mimeTypeFor(filePath) };
  if (path.extname(filePath) === '') {
    const index = path.join(root, 'index.html');
    if (fileExists(index)) return { status: 200, filePath: index, mimeType: mimeTypeFor(index) };
  }
  return { status: 404 };
}

/**
 * Shown when out/renderer has not been built, so a developer (or the smoke test) still gets a
 * window that explains itself instead of a blank 404.
 */
export const RENDERER_MISSING_PAGE = `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><title>Классный журнал</title></head>
<body style="font-family: sans-serif; margin: 3em">
<h1>Классный журнал</h1>
<p>Интерфейс приложения не собран. Выполните сборку и перезапустите программу.</p>
</body>
</html>`;

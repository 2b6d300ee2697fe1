// Security rules of the main process as pure functions: no 'electron' import, so they are
// unit-tested in plain Node and main.ts only wires them to Electron's events.
import path from 'node:path';

// The CSP lives in shared/ (one policy for the Electron window and the server's browser copy).
export {
  buildContentSecurityPolicy,
  serverConnectSources,
} from '../shared/content-security-policy';

/** The renderer's origin. `journal` is a fixed host so 'self' in the CSP means exactly us. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'journal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** True for URLs served by our own app:// protocol. */
export function isAppUrl(value: string): boolean {
  const url = parseUrl(value);
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/**
 * The window may only (re)load our own pages; every other navigation — a dropped file,
 * a link without target, a redirect — is refused. External links go through the bridge.
 */
export function isAllowedNavigation(value: string): boolean {
  return isAppUrl(value);
}

/**
 * An IPC message is trusted only when it comes from one of our windows and from a frame
 * showing our app:// page (not an iframe with a blob: PDF, not a page navigated elsewhere).
 */
export function isTrustedSender(
  sender: {
    windowId: number | null;
    frameUrl: string | null | undefined;
    /** False for an iframe (even one showing our page): only the top frame may call the bridge. */
    isMainFrame?: boolean;
  },
  ourWindowIds: Iterable<number>,
): boolean {
  if (sender.windowId === null || !sender.frameUrl || sender.isMainFrame === false) return false;
  return [...ourWindowIds].includes(sender.windowId) && isAppUrl(sender.frameUrl);
}

/**
 * window.open and target=_blank links: never a new Electron window. A web link is handed to the
 * OS browser through `openExternal` (injected: shell.openExternal in main.ts); anything else —
 * javascript:, file:, data:, our own app:// pages — is dropped.
 */
export function handleWindowOpen(
  url: string,
  openExternal: (url: string) => void,
): { action: 'deny' } {
  const parsed = parseUrl(url);
  const web =
    parsed !== null &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === '';
  if (web) openExternal(parsed.href);
  return { action: 'deny' };
}

/** Permissions (camera, notifications, geolocation, …) are never granted; the app needs none. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

// Characters Windows forbids in file names, control characters, and path separators.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_FILE_NAME_CHARS = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const WINDOWS_RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_BASE_NAME_CHARS = 150;

/**
 * Turns a suggested document name ("Сводная ведомость 5А: I четверть") into a safe file name
 * that always ends in .pdf and can never point outside the chosen folder.
 */
export function sanitizePdfFileName(suggested: string): string {
  let base = suggested
    .normalize('NFC')
    .replace(FORBIDDEN_FILE_NAME_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim();
  base = base.replace(/\.pdf$/i, '');
  // Leading dots would hide the file or spell "..", trailing dots and spaces are stripped by Windows.
  base = base.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  base = base.slice(0, MAX_BASE_NAME_CHARS).trim();
  if (base === '' || WINDOWS_RESERVED_NAMES.test(base)) base = `Документ${base ? `_${base}` : ''}`;
  return `${base}.pdf`;
}

/**
 * Checks the path returned by the save dialog: it must be absolute and free of `..`; the name is
 * sanitized again and given the .pdf extension, since the user may have typed anything.
 * Returns null when the result is unusable.
 */
export function resolveSavePath(
  dialogPath: string | undefined,
  pathApi: path.PlatformPath = path,
): string | null {
  if (!dialogPath || dialogPath.includes('\0')) return null;
  if (!pathApi.isAbsolute(dialogPath)) return null;
  const segments = dialogPath.split(/[\\/]+/);
  if (segments.includes('..')) return null;
  const dir = pathApi.dirname(dialogPath);
  const name = sanitizePdfFileName(pathApi.basename(dialogPath));
  return pathApi.join(dir, name);
}

/** The default path offered by the save dialog: a sanitized name inside the user's folder. */
export function defaultSavePath(
  folder: string,
  suggestedName: string,
  pathApi: path.PlatformPath = path,
): string {
  return pathApi.join(folder, sanitizePdfFileName(suggestedName));
}

/**
 * A fresh file in our temp folder for "open in the system viewer"; the random part keeps two
 * documents with the same name from overwriting each other while a viewer holds the first.
 */
export function tempPdfPath(
  tempDir: string,
  name: string,
  randomId: string,
  pathApi: path.PlatformPath = path,
): string {
  const safeId = randomId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 16) || 'x';
  const fileName = sanitizePdfFileName(name).replace(/\.pdf$/, `-${safeId}.pdf`);
  return pathApi.join(tempDir, fileName);
}

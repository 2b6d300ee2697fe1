// Electron main process: one window on the app:// protocol, a locked-down session and the
// bridge handlers. It knows nothing of the journal itself; the renderer is the application.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BRIDGE_CHANNELS } from '../shared/bridge';
import { RENDERER_MISSING_PAGE, resolveAppFile } from './app-protocol';
import { checkServerUrl } from '../shared/server-url';
import { changedCertificateWarning, decideCertificate } from './certificate-pin';
import { resolveServerUrl } from './config';
import { readDesktopConfig, writeDesktopConfig } from './desktop-config';
import { createMainHandlers, dispatchBridgeCall, type IpcSender } from './ipc';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  buildContentSecurityPolicy,
  handleWindowOpen,
  isAllowedNavigation,
  isPermissionAllowed,
} from './security';

const PRODUCT_NAME = 'Классный журнал';
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preloadPath = path.join(here, 'preload.cjs');
const userDataDir = app.getPath('userData');
let desktopConfig = readDesktopConfig(userDataDir);
// http:// to another computer only when the school's administrator allowed it (docs/OPERATIONS.md).
const allowInsecureHttp =
  desktopConfig.allowInsecureHttp || process.argv.includes('--allow-insecure-http');
const launchUrl = resolveServerUrl(process.env, process.argv);
const launchCheck = launchUrl ? checkServerUrl(launchUrl, { allowInsecureHttp }) : null;
const serverUrl = launchCheck?.ok ? launchCheck.url : null;
const serverHost = serverUrl ? new URL(serverUrl).hostname.toLowerCase() : null;
if (serverHost && process.argv.includes('--forget-server-certificate')) {
  const { [serverHost]: _forgotten, ...rest } = desktopConfig.serverCertificates;
  desktopConfig = { ...desktopConfig, serverCertificates: rest };
  writeDesktopConfig(userDataDir, desktopConfig);
}
const contentSecurityPolicy = buildContentSecurityPolicy(serverUrl);
const warnedFingerprints = new Set<string>();
const ourWindowIds = new Set<number>();
// Documents opened in the system viewer; a day later nobody is reading them any more.
const TEMP_PDF_MAX_AGE_MS = 24 * 60 * 60 * 1000;

// Must happen before 'ready': standard + secure gives app:// an origin, IndexedDB and fetch.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);

// Two instances would fight over the same IndexedDB; the second one focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

function tempPdfDir(): string {
  return path.join(app.getPath('temp'), 'klassny-zhurnal-pdf');
}

async function start(): Promise<void> {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );
  appSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  // Every response gets the CSP, not only our own pages (defence in depth for anything loaded).
  appSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    });
  });
  protocol.handle(APP_SCHEME, serveAppRequest);
  // The school server's certificate: pinned on first use, refused if it changes (certificate-pin.ts).
  appSession.setCertificateVerifyProc((request, callback) => {
    const decision = decideCertificate(
      {
        hostname: request.hostname,
        fingerprint: request.certificate.fingerprint,
        verificationResult: request.verificationResult,
      },
      serverHost,
      desktopConfig.serverCertificates,
    );
    if (decision.verdict === 'chromium') return callback(-3);
    if (decision.verdict === 'accept') {
      if (decision.pinned) {
        desktopConfig = { ...desktopConfig, serverCertificates: decision.pins };
        writeDesktopConfig(userDataDir, desktopConfig);
      }
      return callback(0);
    }
    callback(-2);
    const key = `${request.hostname} ${decision.presented}`;
    if (!warnedFingerprints.has(key)) {
      warnedFingerprints.add(key);
      const warning = changedCertificateWarning(
        request.hostname,
        decision.expected,
        decision.presented,
      );
      void dialog.showMessageBox({ type: 'warning', buttons: ['Понятно'], ...warning });
    }
  });
  if (launchCheck && !launchCheck.ok) {
    void dialog.showMessageBox({
      type: 'warning',
      buttons: ['Понятно'],
      title: 'Адрес сервера школы не принят',
      message: 'Программа не будет подключаться к серверу по этому адресу.',
      detail: launchCheck.message,
    });
  }

  const handlers = createMainHandlers({
    appInfo: {
      version: app.getVersion(),
      platform: process.platform,
      runtime: 'electron',
      serverUrl,
      allowInsecureHttp,
    },
    safeStorage,
    documentsDir: app.getPath('documents'),
    tempDir: tempPdfDir(),
    showSaveDialog: async (defaultPath) => {
      const options: Electron.SaveDialogOptions = {
        title: 'Сохранить PDF',
        buttonLabel: 'Сохранить',
        defaultPath,
        filters: [{ name: 'Документ PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
    writeFile: async (filePath, bytes) => {
      await mkdir(path.dirname(filePath), { recursive: true });
      await writeFile(filePath, bytes);
    },
    openPath: (filePath) => shell.openPath(filePath),
    openExternal: (url) => shell.openExternal(url),
    randomId: () => randomUUID(),
  });

  for (const channel of BRIDGE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      try {
        return await dispatchBridgeCall(handlers, channel, senderOf(event), ourWindowIds, payload);
      } catch (error) {
        console.warn(`[bridge] ${channel}:`, error instanceof Error ? error.message : error);
        throw error;
      }
    });
  }

  Menu.setApplicationMenu(buildMenu());
  createWindow();
  void removeOldTempPdfs();
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const win = BrowserWindow.fromWebContents(event.sender);
  const frame = event.senderFrame;
  return {
    // A destroyed window (closing, crashed) is no longer ours to trust.
    windowId: win && !win.isDestroyed() ? win.id : null,
    frameUrl: frame?.url,
    isMainFrame: frame ? frame.parent === null : false,
  };
}

function isFile(filePath: string): boolean {
  try {
    return statSync(filePath).isFile();
  } catch {
    return false;
  }
}

async function serveAppRequest(request: Request): Promise<Response> {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
  };
  const resolved = resolveAppFile(request.url, rendererDir, isFile);
  if (resolved.status === 200) {
    const body = await readFile(resolved.filePath);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': resolved.mimeType },
    });
  }
  const isPageRequest = ['', '.html'].includes(path.extname(new URL(request.url).pathname));
  if (resolved.status === 404 && isPageRequest && !isFile(path.join(rendererDir, 'index.html'))) {
    return new Response(RENDERER_MISSING_PAGE, {
      status: 200,
      headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
    });
  }
  return new Response(null, { status: resolved.status, headers });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      // Chromium's built-in PDF viewer, for the preview of a generated document in an iframe.
      plugins: true,
    },
  });
  const windowId = win.id;
  ourWindowIds.add(windowId);
  win.on('closed', () => ourWindowIds.delete(windowId));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
}

function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) =>
    handleWindowOpen(url, (webUrl) => void shell.openExternal(webUrl)),
  );
  // CSP violations reach the main log (the renderer logs them to its console).
  contents.on('console-message', (event) => {
    if (event.message.startsWith('[csp]')) console.warn(event.message);
  });
  contents.on('context-menu', (_event, params) => {
    if (!params.isEditable && params.selectionText === '') return;
    const items: MenuItemConstructorOptions[] = params.isEditable
      ? [
          { role: 'cut', label: 'Вырезать' },
          { role: 'copy', label: 'Копировать' },
          { role: 'paste', label: 'Вставить' },
          { type: 'separator' },
          { role: 'selectAll', label: 'Выделить всё' },
        ]
      : [{ role: 'copy', label: 'Копировать' }];
    Menu.buildFromTemplate(items).popup();
  });
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: PRODUCT_NAME,
            submenu: [
              { role: 'about', label: 'О программе' },
              { type: 'separator' },
              { role: 'hide', label: 'Скрыть' },
              { role: 'quit', label: 'Выйти' },
            ] satisfies MenuItemConstructorOptions[],
          },
        ]
      : []),
    {
      label: 'Файл',
      submenu: [
        isMac ? { role: 'close', label: 'Закрыть окно' } : { role: 'quit', label: 'Выход' },
      ],
    },
    {
      label: 'Правка',
      submenu: [
        { role: 'undo', label: 'Отменить' },
        { role: 'redo', label: 'Повторить' },
        { type: 'separator' },
        { role: 'cut', label: 'Вырезать' },
        { role: 'copy', label: 'Копировать' },
        { role: 'paste', label: 'Вставить' },
        { role: 'selectAll', label: 'Выделить всё' },
      ],
    },
    {
      label: 'Вид',
      submenu: [
        { role: 'reload', label: 'Обновить' },
        { type: 'separator' },
        { role: 'zoomIn', label: 'Крупнее' },
        { role: 'zoomOut', label: 'Мельче' },
        { role: 'resetZoom', label: 'Обычный размер' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Во весь экран' },
        ...(app.isPackaged
          ? []
          : ([
              { type: 'separator' },
              { role: 'toggleDevTools', label: 'Инструменты разработчика' },
            ] satisfies MenuItemConstructorOptions[])),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

async function removeOldTempPdfs(): Promise<void> {
  const dir = tempPdfDir();
  try {
    for (const name of await readdir(dir)) {
      const filePath = path.join(dir, name);
      const info = await stat(filePath);
      if (Date.now() - info.mtimeMs > TEMP_PDF_MAX_AGE_MS) await rm(filePath, { force: true });
    }
  } catch {
    // No folder yet, or a viewer still holds a file: try again next launch.
  }
}

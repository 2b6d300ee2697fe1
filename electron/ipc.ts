// The main-process side of the bridge: sender check, channel allow-list and zod validation
// around handlers whose side effects (dialogs, files, shell) are injected by main.ts.
import {
  isBridgeChannel,
  parseBridgeRequest,
  parseBridgeResponse,
  type AppInfo,
  type BridgeChannel,
  type BridgeHandlers,
} from '../shared/bridge';
import { protectSecret, unprotectSecret, hasOsEncryption, type SafeStorageLike } from './secrets';
import { defaultSavePath, isTrustedSender, resolveSavePath, tempPdfPath } from './security';

/** Everything the handlers need from the outside world. */
export interface MainDeps {
  appInfo: Omit<AppInfo, 'osEncryption'>;
  safeStorage: SafeStorageLike;
  /** Folder the save dialog starts in (the user's Documents). */
  documentsDir: string;
  /** Our own folder for documents opened in the system viewer. */
  tempDir: string;
  /** Shows the native save dialog; resolves to the chosen path or undefined when cancelled. */
  showSaveDialog(defaultPath: string): Promise<string | undefined>;
  writeFile(filePath: string, bytes: Uint8Array): Promise<void>;
  /** Opens a file with its default app; resolves to an error message, '' on success. */
  openPath(filePath: string): Promise<string>;
  openExternal(url: string): Promise<void>;
  randomId(): string;
}

export function createMainHandlers(deps: MainDeps): BridgeHandlers {
  return {
    'app:info': async () => ({
      ...deps.appInfo,
      osEncryption: hasOsEncryption(deps.safeStorage, deps.appInfo.platform),
    }),
    'pdf:save': async ({ suggestedName, bytes }) => {
      const chosen = await deps.showSaveDialog(defaultSavePath(deps.documentsDir, suggestedName));
      if (chosen === undefined) return { status: 'cancelled' };
      const target = resolveSavePath(chosen);
      if (target === null) throw new Error('Недопустимый путь для сохранения файла');
      await deps.writeFile(target, bytes);
      return { status: 'saved', path: target };
    },
    'pdf:open': async ({ name, bytes }) => {
      const target = tempPdfPath(deps.tempDir, name, deps.randomId());
      await deps.writeFile(target, bytes);
      const error = await deps.openPath(target);
      return { opened: error === '' };
    },
    'secret:protect': async ({ plainText }) =>
      protectSecret(deps.safeStorage, deps.appInfo.platform, plainText),
    'secret:unprotect': async (secret) => ({
      plainText: unprotectSecret(deps.safeStorage, deps.appInfo.platform, secret),
    }),
    'link:open-external': async ({ url }) => {
      await deps.openExternal(url);
      return { opened: true };
    },
  };
}

/** Who sent an IPC message, as main.ts reads it from the event. */
export interface IpcSender {
  windowId: number | null;
  frameUrl: string | null | undefined;
  /** event.senderFrame is the window's top frame (not an iframe). */
  isMainFrame?: boolean;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`Запрос отклонён: недоверенный источник (${channel})`);
    this.name = 'UntrustedSenderError';
  }
}

/**
 * Runs one IPC call: refuses unknown channels and foreign senders, validates the request
 * before the handler sees it and the response before the renderer does.
 */
export async function dispatchBridgeCall(
  handlers: BridgeHandlers,
  channel: string,
  sender: IpcSender,
  ourWindowIds: Iterable<number>,
  payload: unknown,
): Promise<unknown> {
  if (!isBridgeChannel(channel)) throw new Error(`Неизвестный канал: ${channel}`);
  if (!isTrustedSender(sender, ourWindowIds)) throw new UntrustedSenderError(channel);
  return runHandler(handlers, channel, payload);
}

async function runHandler<C extends BridgeChannel>(
  handlers: BridgeHandlers,
  channel: C,
  payload: unknown,
): Promise<unknown> {
  const request = parseBridgeRequest(channel, payload);
  const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
  return parseBridgeResponse(channel, await handler(request));
}

// The JournalBridge for a plain browser (tests, teachers at home): downloads instead of a save
// dialog, a new tab instead of the system PDF viewer, and no OS protection for secrets.
import {
  createJournalBridge,
  invokeFromHandlers,
  type BridgeHandlers,
  type JournalBridge,
} from '../../shared/bridge';

/** The browser side effects, injectable so the implementation is tested without a DOM. */
export interface BrowserHost {
  /** Starts a download of `url` under `fileName`. */
  download(url: string, fileName: string): void;
  /** Opens `url` in a new tab; false when a popup blocker refused. */
  openTab(url: string, options: { noopener: boolean }): boolean;
  createObjectURL(blob: Blob): string;
  /** Frees a blob URL once the tab or download surely has its bytes. */
  revokeObjectURL(url: string, afterMs: number): void;
}

export interface BrowserBridgeOptions {
  version?: string;
  /** The school server this page talks to; usually the page's own origin. */
  serverUrl?: string | null;
  host?: BrowserHost;
}

const DOWNLOAD_URL_LIFETIME_MS = 60_000;
// A PDF tab may be reloaded by the user; keep its bytes reachable a while.
const TAB_URL_LIFETIME_MS = 10 * 60_000;

export function defaultBrowserHost(): BrowserHost {
  return {
    download(url, fileName) {
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.rel = 'noopener';
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
    },
    openTab(url, { noopener }) {
      // With noopener, window.open returns null even on success, so there is nothing to check.
      if (noopener) {
        window.open(url, '_blank', 'noopener,noreferrer');
        return true;
      }
      return window.open(url, '_blank') !== null;
    },
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url, afterMs) => {
      setTimeout(() => URL.revokeObjectURL(url), afterMs);
    },
  };
}

/** Browsers clean download names themselves; we only keep it readable and ending in .pdf. */
export function browserPdfFileName(suggested: string): string {
  // eslint-disable-next-line no-control-regex
  const base = suggested.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '_').replace(/\.pdf$/i, '');
  return `${base.trim() || 'Документ'}.pdf`;
}

function pdfBlob(bytes: Uint8Array): Blob {
  // Copy into a plain ArrayBuffer: the bytes may be a view on a shared or larger buffer.
  return new Blob([bytes.slice()], { type: 'application/pdf' });
}

export function createBrowserHandlers(options: BrowserBridgeOptions = {}): BridgeHandlers {
  const host = options.host ?? defaultBrowserHost();
  return {
    'app:info': async () => ({
      version: options.version ?? '0.0.0',
      platform: 'browser',
      runtime: 'browser',
      osEncryption: false,
      serverUrl: options.serverUrl ?? null,
    }),
    'pdf:save': async ({ suggestedName, bytes }) => {
      const fileName = browserPdfFileName(suggestedName);
      const url = host.createObjectURL(pdfBlob(bytes));
      host.download(url, fileName);
      host.revokeObjectURL(url, DOWNLOAD_URL_LIFETIME_MS);
      return { status: 'downloaded', fileName };
    },
    'pdf:open': async ({ bytes }) => {
      const url = host.createObjectURL(pdfBlob(bytes));
      const opened = host.openTab(url, { noopener: false });
      host.revokeObjectURL(url, opened ? TAB_URL_LIFETIME_MS : 0);
      return { opened };
    },
    'secret:protect': async ({ plainText }) => ({ value: plainText, osEncryption: false }),
    'secret:unprotect': async (secret) => {
      if (secret.osEncryption) {
        throw new Error('Этот секрет защищён системой другого компьютера и недоступен в браузере');
      }
      return { plainText: secret.value };
    },
    'link:open-external': async ({ url }) => ({
      opened: host.openTab(url, { noopener: true }),
    }),
  };
}

export function createBrowserBridge(options: BrowserBridgeOptions = {}): JournalBridge {
  return createJournalBridge(invokeFromHandlers(createBrowserHandlers(options)));
}

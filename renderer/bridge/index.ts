// The renderer's single entry to the host: window.journal in Electron, the browser bridge
// otherwise. Either way every request and response is checked against shared/bridge.ts.
import { createJournalBridge, invokeFromBridge, type JournalBridge } from '../../shared/bridge';
import { createBrowserBridge, type BrowserBridgeOptions } from './browser';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    journal?: JournalBridge;
  }
}

export type { JournalBridge } from '../../shared/bridge';
export { createBrowserBridge, type BrowserBridgeOptions } from './browser';

let current: JournalBridge | undefined;

/**
 * The bridge for this page. `options` only matter in a browser and on the first call.
 * window.journal is wrapped again so a preload bug can't hand the app unchecked data.
 */
export function getBridge(options: BrowserBridgeOptions = {}): JournalBridge {
  if (!current) {
    const electronBridge = typeof window === 'undefined' ? undefined : window.journal;
    current = electronBridge
      ? createJournalBridge(invokeFromBridge(electronBridge))
      : createBrowserBridge(options);
  }
  return current;
}

/** True when running inside the desktop app (a preload exposed window.journal). */
export function isDesktopApp(): boolean {
  return typeof window !== 'undefined' && window.journal !== undefined;
}

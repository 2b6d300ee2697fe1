// The browser copy keeps working offline: registers sw.js (renderer/offline/service-worker.ts)
// when the school server serves the page. Not in the Electron window (app://, files on disk) nor
// in the dev server; browsers offer service workers only to secure pages (https with a
// certificate they trust, or localhost).
export function registerOfflineCopy(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
    // Without it the journal works as before online; only the offline reload is missing.
    console.warn('[offline] service worker not registered', error);
  });
}

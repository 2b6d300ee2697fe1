// The browser copy's service worker (built to sw.js beside index.html by the `journal-offline`
// plugin of vite.config.ts): a teacher who cannot install the desktop app opens the journal from
// the school server, and reloads it with the network gone — the page comes from this cache and
// works on the local database as before. Only the app's own files are kept: the API, the e-diary
// and every other path go to the network untouched, so nothing a user may read is ever cached
// here. It imports nothing: it is compiled as one plain script.

/** The built files (relative to this script), filled in at build time. */
declare const __JOURNAL_PRECACHE__: string[];
/** One name per build, so a new build's files never mix with an older build's. */
declare const __JOURNAL_CACHE__: string;

interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  readonly location: Location;
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE_PREFIX = 'journal-shell-';
const cacheName = CACHE_PREFIX + __JOURNAL_CACHE__;
const scope = new URL(worker.registration.scope);
const indexUrl = new URL('index.html', scope).href;
const shellUrls = new Set(__JOURNAL_PRECACHE__.map((file) => new URL(file, scope).href));
shellUrls.add(indexUrl);

worker.addEventListener('install', (event) => {
  // Everything at once, so an offline reload never meets a file missing from the cache.
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll([...shellUrls])));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== cacheName)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

/** The page itself: the scope's root or index.html, whatever the hash route after it. */
function isAppPage(url: URL): boolean {
  return url.origin === scope.origin && (url.pathname === scope.pathname || url.href === indexUrl);
}

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate' && isAppPage(url)) {
    // The network first (a new build arrives at once); the kept page when there is none.
    event.respondWith(
      fetch(request).catch(async () => {
        const cached = await caches.match(indexUrl, { cacheName });
        return cached ?? Response.error();
      }),
    );
    return;
  }
  if (!shellUrls.has(url.href)) return;
  // The app's files are content-hashed: the kept copy is the right one.
  event.respondWith(
    caches.match(url.href, { cacheName }).then((cached) => cached ?? fetch(request)),
  );
});

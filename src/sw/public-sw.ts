/// <reference lib="webworker" />

/**
 * The family pages' service worker (device mode `public`; the service answers /sw.js with it
 * there). Small and written by hand, with no imports, so it loads as a classic script on old
 * phones. It is not the app's worker: it precaches only the few files every family page shares,
 * never the app, and keeps each page a family opens, so that
 * - a page read once opens again with no connection (a visits hall, a bus, a phone out of data);
 * - "Listen" works offline after its first use: the read-aloud engine (espeak-ng, ~0.7 MB) is
 *   fetched only when someone presses Listen (on a phone with no voice of its own), then kept.
 *
 * Pages: network first, so a family sees the latest words when online; the copy kept is used
 * only when the network fails. Hashed files under /assets/: from the cache first (their names
 * change when they do). Anything else of this site: network first, then the copy kept.
 * Nothing personal passes through here: the family pages have no sign-in and no /api/.
 * The build (src/build/public-pages.ts) writes in the list of shared files and a build id; a new
 * build makes a new worker, which drops the last build's caches (the speech engine is kept: its
 * files are replaced only when a new version of one is fetched).
 */

declare const self: ServiceWorkerGlobalScope;

const build = '%SPC_PUBLIC_BUILD%';
const shared: string[] = ['%SPC_PUBLIC_PRECACHE%'];

const pagesCache = `family-pages-${build}`;
const filesCache = `family-files-${build}`;
const speechCache = 'speech-engine';

const isSpeechFile = (url: URL) => url.pathname.startsWith('/assets/speech/');
/** A file's address without its content hash, e.g. /assets/speech/espeak-ng-en-cy.wasm. */
const fileKind = (url: string) => new URL(url).pathname.replace(/-[0-9a-f]{8}(\.\w+)$/, '$1');

async function keep(cacheName: string, request: Request, response: Response): Promise<void> {
  if (!response.ok || response.type !== 'basic') return;
  const cache = await caches.open(cacheName);
  await cache.put(request, response);
  if (cacheName !== speechCache) return;
  // A new version of a speech file replaces the old one.
  for (const key of await cache.keys()) if (key.url !== request.url && fileKind(key.url) === fileKind(request.url)) await cache.delete(key);
}

async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  try {
    const response = await fetch(request);
    await keep(cacheName, request, response.clone());
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  await keep(cacheName, request, response.clone());
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(filesCache);
      // Best effort: a file that fails now is fetched (and kept) when a page asks for it.
      await Promise.all(shared.map((path) => cache.add(path).catch(() => undefined)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== pagesCache && name !== filesCache && name !== speechCache) await caches.delete(name);
      await self.clients.claim();
      // The page this worker was installed from was fetched before it ran: keep it too.
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      await Promise.all(
        windows.map(async (client) => {
          const url = new URL(client.url);
          if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
          try {
            const request = new Request(url.origin + url.pathname);
            await keep(pagesCache, request, await fetch(request));
          } catch {
            // Offline just now: it is kept at the next visit.
          }
        }),
      );
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // /config.json (the device mode) is always asked of the service, never kept: a deployment that
  // changes mode is believed at once, as in the app's own worker.
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/sw.js' || url.pathname === '/config.json') return;
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, pagesCache));
  else if (isSpeechFile(url)) event.respondWith(cacheFirst(request, speechCache));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request, filesCache));
  else event.respondWith(networkFirst(request, filesCache));
});

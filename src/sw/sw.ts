/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// Everything the app needs to run is precached at install, so every page works offline
// after the first visit. Personal data lives in IndexedDB, never in these caches, and
// answers from /api/ are never cached here.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any page address loads the app shell, which then shows the right page (or "page not found").
// Not the Welsh public pages (/cy/...): those are prerendered by the service in public mode.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/staff(\/|$)/, /^\/cy(\/|$)/],
  }),
);

// Read-aloud's offline voice (espeak-ng, ~0.6 MB compressed, under /assets/speech/; see
// src/app/read-aloud/NOTES.md) is never precached: a family's phone fetches it only if
// someone presses "Listen" and the phone has no voice of its own. Once fetched it is kept here
// (its file names change with its content), so it works offline from then on. On in-cell tablets
// and kiosks it is fetched at install, so read-aloud works offline from the first day.
const speechCacheName = 'speech-engine';
/** A file's address without its content hash, e.g. /assets/speech/espeak-ng-en-cy.wasm. */
const speechFileKind = (url: string) => new URL(url).pathname.replace(/-[0-9a-f]{8}(\.\w+)$/, '$1');
const keepLatestSpeechFiles = {
  // When a new version of a file is stored, the old one goes.
  cacheDidUpdate: async ({ cacheName, request }: { cacheName: string; request: Request }) => {
    const cache = await caches.open(cacheName);
    for (const key of await cache.keys()) {
      if (key.url !== request.url && speechFileKind(key.url) === speechFileKind(request.url)) await cache.delete(key);
    }
  },
};
registerRoute(({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/speech/'), new CacheFirst({ cacheName: speechCacheName, plugins: [keepLatestSpeechFiles] }));

async function fetchSpeechEngineForDevice(): Promise<void> {
  const timeout = AbortSignal.timeout(120_000);
  const config = (await (await fetch('/config.json', { cache: 'no-store', signal: timeout })).json()) as { deviceMode?: string };
  if (config.deviceMode !== 'tablet' && config.deviceMode !== 'kiosk') return;
  const engine = (await (await fetch('/speech-engine.json', { cache: 'no-store', signal: timeout })).json()) as { glue: string; wasm: string };
  const cache = await caches.open(speechCacheName);
  for (const path of [engine.glue, engine.wasm]) {
    const url = new URL(path, self.location.origin).href;
    if (await cache.match(url)) continue;
    const response = await fetch(url, { signal: timeout });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(url, response);
    await keepLatestSpeechFiles.cacheDidUpdate({ cacheName: speechCacheName, request: new Request(url) });
  }
}
// Best effort: if it fails, the first "Listen" fetches it instead.
self.addEventListener('install', (event) => event.waitUntil(fetchSpeechEngineForDevice().catch(() => undefined)));

// A waiting update is applied only when the app asks, at a safe moment.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// Everything the app needs to run is precached at install, so every page works offline
// after the first visit. Personal data lives in IndexedDB, never in these caches, and
// answers from /api/ are never cached here.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any page address loads the app shell, which then shows the right page (or "page not found").
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/staff(\/|$)/],
  }),
);

// A waiting update is applied only when the app asks, at a safe moment.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

import { Workbox } from 'workbox-window';
import { createUpdates, type Updates } from './updates.ts';

/**
 * Registers the service worker (which makes every page work offline after the first visit) and
 * reports to `Updates` what the browser says. Our own small registration instead of the plugin's:
 * the plugin's reloads every open tab when the worker changes, whatever they hold. main.tsx loads
 * this module (and workbox-window) once the first page is up: registering is never urgent, the
 * worker installs in the background. `hadController` is read at start, before that.
 */
export function registerServiceWorker(hadController: boolean): Updates | null {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return null;
  const wb = new Workbox('/sw.js', { scope: '/' });
  const updates = createUpdates({
    hadController,
    skipWaiting: () => wb.messageSkipWaiting(),
    reload: () => window.location.reload(),
  });
  // "waiting" also comes for a worker that was already waiting when this page loaded, and for one
  // another tab found.
  wb.addEventListener('waiting', () => updates.workerWaiting());
  container.addEventListener('controllerchange', () => updates.controllerChanged());
  document.addEventListener('visibilitychange', () => updates.visibilityChanged(document.visibilityState === 'hidden'));
  void wb.register({ immediate: true }).catch(() => undefined); // offline first visit: nothing to do
  return updates;
}

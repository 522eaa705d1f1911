import type { SyncReason } from './scheduler.ts';

/**
 * Wires the browser's moments to sync: once at start, when the network comes back (`online`), and
 * when the app becomes visible again. (After each enqueue the engine asks by itself.) Returns a
 * function that removes the listeners.
 */
export function startSyncTriggers(options: {
  request: (reason: SyncReason) => void;
  onOnlineChange?: (online: boolean) => void;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}): () => void {
  const target = options.target ?? window;
  const doc = options.doc ?? document;
  const onOnline = () => {
    options.onOnlineChange?.(true);
    options.request('online');
  };
  const onOffline = () => options.onOnlineChange?.(false);
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') options.request('visible');
  };
  target.addEventListener('online', onOnline);
  target.addEventListener('offline', onOffline);
  doc.addEventListener('visibilitychange', onVisibility);
  options.request('start');
  return () => {
    target.removeEventListener('online', onOnline);
    target.removeEventListener('offline', onOffline);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}

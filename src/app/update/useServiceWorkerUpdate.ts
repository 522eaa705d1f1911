import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker (which makes every page work offline after the first visit)
 * and reports when a new version is waiting. Nothing is applied until the person says so.
 */
export function useServiceWorkerUpdate(): { updateReady: boolean; applyUpdate: () => void } {
  const {
    needRefresh: [updateReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });
  return { updateReady, applyUpdate: () => void updateServiceWorker(true) };
}

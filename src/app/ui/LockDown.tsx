import { useEffect } from 'react';
import { useSession } from '../session/session-context.ts';

/**
 * Locks the device down (lock-down.ts) except on families' devices (`public` mode). The lock-down
 * code is loaded just after the first page, to keep that page small.
 */
export function LockDown() {
  const { deviceMode } = useSession();
  const locked = deviceMode !== 'public';
  useEffect(() => {
    if (!locked) return undefined;
    let undo: (() => void) | undefined;
    let live = true;
    void import('./lock-down.ts').then(({ installLockDown }) => {
      if (live) undo = installLockDown(window);
    });
    return () => {
      live = false;
      undo?.();
    };
  }, [locked]);
  return null;
}

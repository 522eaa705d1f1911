import { useEffect } from 'react';
import { useSession } from '../session/session-context.ts';
import { installLockDown } from './lock-down.ts';

/** Locks the device down (lock-down.ts) except on families' devices (`public` mode). */
export function LockDown() {
  const { deviceMode } = useSession();
  const locked = deviceMode !== 'public';
  useEffect(() => (locked ? installLockDown(window) : undefined), [locked]);
  return null;
}

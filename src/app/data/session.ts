import { open, seal, type Sealed } from './crypto/seal.ts';

/**
 * An unlocked person: their id and their data key, in memory only. Locked = the key is gone:
 * `lock()` drops the only reference this module holds, and every read or write through the
 * session throws `LockedError` from then on. (A CryptoKey cannot be zeroed from script; it is
 * non-extractable, and once unreferenced it is collected.)
 */
export class LockedError extends Error {
  constructor() {
    super('The personal data store is locked.');
    this.name = 'LockedError';
  }
}

export type PersonSession = {
  readonly personId: string;
  readonly locked: boolean;
  /** The data key; throws LockedError when locked. */
  key(): CryptoKey;
  seal(value: unknown, table: string, id: string): Promise<Sealed>;
  open(sealed: Sealed, table: string, id: string): Promise<unknown>;
  lock(): void;
  /** Called once, when the session locks (to stop timers, clear screens). */
  onLock(listener: () => void): () => void;
};

export function createSession(personId: string, dataKey: CryptoKey): PersonSession {
  let key: CryptoKey | null = dataKey;
  const listeners = new Set<() => void>();
  const requireKey = (): CryptoKey => {
    if (!key) throw new LockedError();
    return key;
  };
  return {
    personId,
    get locked() {
      return key === null;
    },
    key: requireKey,
    seal: async (value, table, id) => seal(requireKey(), value, { personId, table, id }),
    open: async (sealed, table, id) => {
      const value = await open(requireKey(), sealed, { personId, table, id });
      // Locked while we were decrypting: do not hand the clear text out.
      requireKey();
      return value;
    },
    lock() {
      if (!key) return;
      key = null;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
    onLock(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

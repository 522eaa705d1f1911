/**
 * Who is signed in, so that nothing removes their data under them (src/app/data/forget-person.ts).
 * In this tab, a count per person; across tabs, a shared Web Lock per person while signed in
 * (when the browser has Web Locks). Small and free of Dexie: the first page loads it.
 */

/** Web Locks, as far as this module needs them. */
export type PersonLocks = {
  request<T>(name: string, options: { mode?: 'shared' | 'exclusive'; ifAvailable?: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
};

export function webLocks(): PersonLocks | undefined {
  const locks = (globalThis.navigator as (Navigator & { locks?: PersonLocks }) | undefined)?.locks;
  return locks && typeof locks.request === 'function' ? locks : undefined;
}

export function personLockName(personId: string): string {
  return `spc-person-${personId}`;
}

const heldHere = new Map<string, number>();

/** True while someone in this tab holds the person. */
export function isHeldHere(personId: string): boolean {
  return heldHere.has(personId);
}

/**
 * Marks a person as signed in, so their data is never removed under them. Returns the release,
 * to call once at sign-out (calling it again does nothing).
 */
export function holdPerson(personId: string): () => void {
  heldHere.set(personId, (heldHere.get(personId) ?? 0) + 1);
  let releaseLock = () => {};
  const locks = webLocks();
  if (locks) {
    const held = new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
    void locks.request(personLockName(personId), { mode: 'shared' }, () => held).catch(() => undefined);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (heldHere.get(personId) ?? 1) - 1;
    if (left > 0) heldHere.set(personId, left);
    else heldHere.delete(personId);
    releaseLock();
  };
}

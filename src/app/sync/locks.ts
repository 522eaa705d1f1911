/**
 * One flusher per person: a named exclusive lock. Web Locks (`navigator.locks`) when the browser
 * has them — they hold across tabs and are released if a tab dies — otherwise an in-memory
 * queue (one tab only, which is all a browser without Web Locks can promise).
 */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export type LockManagerLike = {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
};

export function flushLockName(personId: string): string {
  return `spc-flush-${personId}`;
}

const tails = new Map<string, Promise<unknown>>();

/** In-memory exclusive lock: tasks with the same name run one after another. */
export const memoryLock: LockRunner = <T>(name: string, task: () => Promise<T>): Promise<T> => {
  const previous = tails.get(name) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return run;
};

export function webLock(manager: LockManagerLike): LockRunner {
  return <T>(name: string, task: () => Promise<T>) => manager.request(name, () => task());
}

/** The best lock this environment has. */
export function defaultLock(): LockRunner {
  const manager = (globalThis.navigator as (Navigator & { locks?: LockManagerLike }) | undefined)?.locks;
  return manager && typeof manager.request === 'function' ? webLock(manager) : memoryLock;
}

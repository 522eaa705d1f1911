/**
 * One flusher per person: a named exclusive lock. Web Locks (`navigator.locks`) when the browser
 * has them — they hold across tabs and are released if a tab dies — otherwise an in-memory
 * queue (one tab only, which is all a browser without Web Locks can promise).
 *
 * The wait can be bounded: with `signal`, a task still waiting when it aborts never runs, and the
 * call rejects with an AbortError at once (the lock's holder is not disturbed).
 */
export type LockOptions = { signal?: AbortSignal };

export type LockRunner = <T>(name: string, task: () => Promise<T>, options?: LockOptions) => Promise<T>;

export type LockManagerLike = {
  request<T>(name: string, options: LockOptions, callback: (lock: unknown) => Promise<T>): Promise<T>;
};

export function flushLockName(personId: string): string {
  return `spc-flush-${personId}`;
}

const tails = new Map<string, Promise<unknown>>();

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The wait for the lock was given up.', 'AbortError');
}

/** In-memory exclusive lock: tasks with the same name run one after another. */
export const memoryLock: LockRunner = <T>(name: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> => {
  const { signal } = options;
  const previous = tails.get(name) ?? Promise.resolve();
  let started = false;
  const start = () => {
    // Given up while waiting: never run (the next in line goes on as soon as the holder is done).
    if (signal?.aborted) throw abortError(signal);
    started = true;
    return task();
  };
  const run = previous.then(start, start);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  if (!signal) return run;
  return new Promise<T>((resolve, reject) => {
    // As with Web Locks, the signal ends only the wait: a task that has the lock runs to its end.
    const onAbort = () => {
      if (!started) reject(abortError(signal));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
};

export function webLock(manager: LockManagerLike): LockRunner {
  return <T>(name: string, task: () => Promise<T>, options: LockOptions = {}) =>
    manager.request(name, options.signal ? { signal: options.signal } : {}, () => task());
}

/** The best lock this environment has. */
export function defaultLock(): LockRunner {
  const manager = (globalThis.navigator as (Navigator & { locks?: LockManagerLike }) | undefined)?.locks;
  return manager && typeof manager.request === 'function' ? webLock(manager) : memoryLock;
}

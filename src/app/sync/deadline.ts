/**
 * Time limits for work that must not hang (a request, a lock wait, a sign-out step). Plain
 * AbortController + setTimeout, so each timer is cleared as soon as the work is over.
 */
export type TimedSignal = {
  signal: AbortSignal;
  /** True when it ended because the time ran out (not because `outer` was aborted). */
  timedOut(): boolean;
  /** Stops the timer and lets go of `outer`. */
  clear(): void;
};

/** A signal that aborts after `ms`, or as soon as `outer` aborts. */
export function timeoutSignal(ms: number, outer?: AbortSignal | null): TimedSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onOuterAbort = () => controller.abort(outer?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The time ran out.', 'TimeoutError'));
  }, Math.max(0, ms));
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener('abort', onOuterAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    },
  };
}

/**
 * Runs `work` with a signal that aborts after `ms`, and settles by then whatever `work` does: with
 * its value, or with `fallback` if it fails or is still running (it is left to finish on its own,
 * and told to stop through the signal). `ms` ≤ 0 gives `fallback` at once.
 */
export async function within<T, F>(ms: number, work: (signal: AbortSignal) => Promise<T>, fallback: F): Promise<T | F> {
  if (ms <= 0) return fallback;
  const timed = timeoutSignal(ms);
  try {
    return await new Promise<T | F>((resolve) => {
      timed.signal.addEventListener('abort', () => resolve(fallback), { once: true });
      work(timed.signal).then(resolve, () => resolve(fallback));
    });
  } finally {
    timed.clear();
  }
}

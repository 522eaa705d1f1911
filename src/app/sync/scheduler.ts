import { defaultBackoff, retryDelay, type BackoffPolicy } from './backoff.ts';

/**
 * When to run a sync pass. Requests while a pass runs are folded into one more pass afterwards.
 * After a failure the next pass waits (full-jitter backoff, at least Retry-After), measured on a
 * MONOTONIC clock (`performance.now()`), so a wrong or changing device clock changes nothing.
 * A request during the wait does not jump it — except `online` after a network failure, since
 * the network is back; a Retry-After from the service is always honoured.
 */
export type SyncReason = 'start' | 'online' | 'visible' | 'enqueue' | 'retry' | 'signedIn' | 'manual';

export type PassOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; failure: 'network' | 'server' | 'refused'; retryAfterMs: number | null }
  | { kind: 'signInNeeded' }
  | { kind: 'aborted' };

export type Clock = {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
};

export const browserClock: Clock = {
  now: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type Scheduler = {
  request(reason: SyncReason): void;
  /** Resolves when no pass is running or pending right now. */
  idle(): Promise<void>;
  stop(): void;
  readonly failures: number;
};

export function createScheduler(options: {
  run: (signal: AbortSignal) => Promise<PassOutcome>;
  clock?: Clock;
  random?: () => number;
  policy?: BackoffPolicy;
  onOutcome?: (outcome: PassOutcome, nextDelayMs: number | null) => void;
}): Scheduler {
  const clock = options.clock ?? browserClock;
  const random = options.random ?? Math.random;
  const policy = options.policy ?? defaultBackoff;
  let failures = 0;
  let notBefore = 0;
  let waitIsServers = false;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const controller = new AbortController();

  const clearTimer = () => {
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
  };
  const arm = (ms: number) => {
    clearTimer();
    timer = clock.setTimer(() => {
      timer = null;
      request('retry');
    }, Math.max(0, ms));
  };

  async function loop(): Promise<void> {
    do {
      again = false;
      let outcome: PassOutcome;
      try {
        outcome = await options.run(controller.signal);
      } catch (_error) {
        outcome = { kind: 'retry', failure: 'server', retryAfterMs: null };
      }
      if (stopped) return;
      let delay: number | null = null;
      if (outcome.kind === 'retry') {
        delay = retryDelay(failures, outcome.retryAfterMs, random, policy);
        failures += 1;
        notBefore = clock.now() + delay;
        waitIsServers = outcome.retryAfterMs !== null || outcome.failure !== 'network';
        arm(delay);
      } else if (outcome.kind === 'done') {
        failures = 0;
        notBefore = 0;
      }
      options.onOutcome?.(outcome, delay);
      // After a failure the timer (or a sign-in) brings the next pass, not a queued request.
      if (outcome.kind !== 'done') again = false;
    } while (again && !stopped);
  }

  function request(reason: SyncReason): void {
    if (stopped) return;
    if (reason === 'online' && !waitIsServers) notBefore = 0;
    if (reason === 'signedIn') notBefore = 0;
    const wait = notBefore - clock.now();
    if (wait > 0) {
      if (timer === null) arm(wait);
      return;
    }
    clearTimer();
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => {
      running = null;
    });
  }

  return {
    request,
    async idle() {
      while (running) await running;
    },
    stop() {
      stopped = true;
      clearTimer();
      controller.abort();
    },
    get failures() {
      return failures;
    },
  };
}

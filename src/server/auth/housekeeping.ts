import type { Store } from '../store/store.ts';
import type { SignInLimits } from './sign-in-limits.ts';

/** How often the sweeper runs, and how many rows per table one run may delete at most. */
export type HousekeepingOptions = { intervalMs: number; batchSize: number };

export const defaultHousekeeping: HousekeepingOptions = { intervalMs: 60_000, batchSize: 1_000 };

/**
 * Sweeps what the sign-in tables no longer need (ended sign-ins and their tokens, forgotten
 * counters, expired known-device proofs, old alerts), then the change log's entries past
 * retention (src/domain/retention.ts), every `intervalMs`, at most `batchSize` rows per table each
 * time, so one run never holds the database for long. See `startSweeper`.
 */
export function startHousekeeping(options: {
  store: Store;
  now: () => Date;
  limits: SignInLimits;
  every: HousekeepingOptions;
  onError: (error: unknown) => void;
}): { stop(): Promise<void> } {
  return startSweeper({
    every: options.every,
    onError: options.onError,
    sweep: async (batchSize) => {
      await options.store.sweepSignInRecords(options.now().toISOString(), { batchSize, limits: options.limits });
      await options.store.sweepChangeLog(options.now().toISOString(), { batchSize });
    },
  });
}

/**
 * Runs `sweep(batchSize)` every `intervalMs`. Runs never overlap. The first run is one interval
 * after the start. The timer never keeps the process alive on its own; `stop` waits for a run in
 * progress.
 */
export function startSweeper(options: {
  every: HousekeepingOptions;
  sweep: (batchSize: number) => Promise<unknown>;
  onError: (error: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = options
      .sweep(options.every.batchSize)
      .then(() => undefined, options.onError)
      .finally(() => {
        running = null;
      });
  }, options.every.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

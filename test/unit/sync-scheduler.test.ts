import { describe, expect, it } from 'vitest';
import { createScheduler, type PassOutcome } from '../../src/app/sync/scheduler.ts';
import { manualClock } from './sync-harness.ts';

describe('scheduler', () => {
  it('folds requests made during a pass into one more pass', async () => {
    let release!: () => void;
    let runs = 0;
    const scheduler = createScheduler({
      clock: manualClock(),
      run: async () => {
        runs += 1;
        if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
        return { kind: 'done' };
      },
    });
    scheduler.request('start');
    scheduler.request('enqueue');
    scheduler.request('visible');
    scheduler.request('enqueue');
    release();
    await scheduler.idle();
    expect(runs).toBe(2);
  });

  it('backs off with growing ceilings, resets after success, and stop() aborts the pass', async () => {
    const clock = manualClock();
    const outcomes: PassOutcome[] = [
      { kind: 'retry', failure: 'server', retryAfterMs: null },
      { kind: 'retry', failure: 'server', retryAfterMs: null },
      { kind: 'done' },
    ];
    const delays: Array<number | null> = [];
    let signal: AbortSignal | null = null;
    const scheduler = createScheduler({
      clock,
      random: () => 0.999,
      run: async (s) => {
        signal = s;
        return outcomes.shift() ?? { kind: 'done' };
      },
      onOutcome: (_o, delay) => delays.push(delay),
    });
    scheduler.request('start');
    await scheduler.idle();
    clock.advance(999);
    await scheduler.idle();
    clock.advance(1_998);
    await scheduler.idle();
    expect(delays).toEqual([999, 1_998, null]);
    expect(scheduler.failures).toBe(0);
    scheduler.stop();
    expect((signal as AbortSignal | null)?.aborted).toBe(true);
    scheduler.request('manual');
    await scheduler.idle();
    expect(delays).toHaveLength(3);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../../src/app/sync/backoff.ts';
import { ageValues, createStatusStore, describeSync, initialSnapshot } from '../../src/app/sync/status.ts';
import { startSyncTriggers } from '../../src/app/sync/triggers.ts';

const day = 24 * 60 * 60_000;
const now = 1_800_000_000_000;

describe('sync indicator (keys and values, not words)', () => {
  it('up to date', () => {
    expect(describeSync({ ...initialSnapshot, lastSyncedAt: now - 60_000 }, now)).toEqual({ tone: 'ok', primary: { key: 'sync.upToDate' }, secondary: null });
  });
  it('saved on this device, with how many are waiting', () => {
    expect(describeSync({ ...initialSnapshot, online: false, waiting: 3, lastSyncedAt: now }, now).primary).toEqual({ key: 'sync.savedOnDevice', values: { count: 3 } });
  });
  it('sending', () => {
    expect(describeSync({ ...initialSnapshot, waiting: 2, sending: new Set(['x']) }, now).primary).toEqual({ key: 'sync.sending', values: { count: 2 } });
  });
  it('sign in again to send', () => {
    expect(describeSync({ ...initialSnapshot, waiting: 1, signInNeeded: true }, now)).toMatchObject({ tone: 'attention', primary: { key: 'sync.signInToSend', values: { count: 1 } } });
  });
  it('last updated 2 days ago', () => {
    expect(describeSync({ ...initialSnapshot, online: false, lastSyncedAt: now - 2 * day - 5 }, now).primary).toEqual({ key: 'sync.lastUpdated', values: { count: 2, unit: 'day' } });
  });
  it('never updated; rejected items as a second line', () => {
    expect(describeSync({ ...initialSnapshot, rejected: 1 }, now)).toEqual({
      tone: 'attention',
      primary: { key: 'sync.neverUpdated' },
      secondary: { key: 'sync.needsAttention', values: { count: 1 } },
    });
  });
  it('a device clock behind the last sync does not give a negative age', () => {
    expect(describeSync({ ...initialSnapshot, lastSyncedAt: now + 3 * day }, now).primary).toEqual({ key: 'sync.upToDate' });
    expect(ageValues(-5)).toEqual({ count: 1, unit: 'minute' });
    expect(ageValues(3 * 60 * 60_000)).toEqual({ count: 3, unit: 'hour' });
  });
  it('the store tells subscribers only about real changes', () => {
    const store = createStatusStore();
    const listener = vi.fn();
    const stop = store.subscribe(listener);
    store.update({ waiting: 2 });
    store.update({ waiting: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().waiting).toBe(2);
    stop();
    store.update({ waiting: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('backoff', () => {
  it('full jitter: anywhere from 0 up to the exponential ceiling, capped', () => {
    expect(fullJitterDelay(0, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, () => 0.5)).toBe(4_000);
    expect(fullJitterDelay(3, () => 0)).toBe(0);
    expect(fullJitterDelay(40, () => 0.999)).toBeLessThan(5 * 60_000);
  });
  it('never less than Retry-After', () => {
    expect(retryDelay(0, 30_000, () => 0.1)).toBe(30_000);
    expect(retryDelay(10, 1_000, () => 0.9)).toBeGreaterThan(1_000);
  });
  it('reads Retry-After as seconds or as an HTTP date against the response\'s Date', () => {
    expect(parseRetryAfter('7', null, 0)).toBe(7_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', 'Wed, 21 Oct 2015 07:28:00 GMT', 0)).toBe(30_000);
    // Without a Date header, the device clock (here days ahead) gives 0, never a negative wait.
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', null, Date.parse('2015-10-25T00:00:00Z'))).toBe(0);
    expect(parseRetryAfter('soon', null, 0)).toBeNull();
    expect(parseRetryAfter(null, null, 0)).toBeNull();
  });
});

describe('sync triggers', () => {
  it('asks at start, on online and on becoming visible; stops cleanly', () => {
    const target = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
    const reasons: string[] = [];
    const online: boolean[] = [];
    const stop = startSyncTriggers({ request: (r) => reasons.push(r), onOnlineChange: (o) => online.push(o), target, doc });
    target.dispatchEvent(new Event('offline'));
    target.dispatchEvent(new Event('online'));
    doc.dispatchEvent(new Event('visibilitychange'));
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    stop();
    target.dispatchEvent(new Event('online'));
    expect(reasons).toEqual(['start', 'online', 'visible']);
    expect(online).toEqual([false, true]);
  });
});

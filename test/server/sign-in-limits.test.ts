import { describe, expect, it } from 'vitest';
import { createKeyedLimit } from '../../src/server/auth/in-flight.ts';
import {
  accountWindow,
  defaultSignInLimits,
  delaySecondsAfter,
  describeWait,
  failuresStillCounted,
  pinStamp,
  signInKeys,
} from '../../src/server/auth/sign-in-limits.ts';

const limits = defaultSignInLimits;
const t0 = new Date('2026-03-01T10:00:00.000Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('sign-in limits: the figures', () => {
  it('per person and device: 4 free, then 30 s doubling to 15 minutes, forgotten after an hour', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 11, 40].map((n) => delaySecondsAfter(n, limits.pair))).toEqual([0, 30, 60, 120, 240, 480, 900, 900, 900]);
    const counter = { failures: 7, lastFailureAt: t0.toISOString() };
    expect(failuresStillCounted(counter, limits.pair, later(3600))).toBe(7);
    expect(failuresStillCounted(counter, limits.pair, later(3601))).toBe(0);
  });

  it('address cap: 49 different prison numbers cost nothing, the 50th slows the address', () => {
    expect(delaySecondsAfter(49, limits.address)).toBe(0);
    expect(delaySecondsAfter(50, limits.address)).toBe(30);
    expect(limits.address.forgetAfterSeconds).toBe(3600);
  });

  it('whole account: 10 wrong PINs in a day that starts at the first of them', () => {
    expect(limits.account).toEqual({ failuresPerWindow: 10, windowSeconds: 86_400 });
    const counter = { failures: 10, windowStartedAt: t0.toISOString() };
    expect(accountWindow(counter, limits.account, later(3600))).toEqual({ failures: 10, startedAt: t0.toISOString(), secondsLeft: 82_800 });
    expect(accountWindow(counter, limits.account, later(86_400))).toEqual({ failures: 0, startedAt: later(86_400).toISOString(), secondsLeft: 86_400 });
    expect(accountWindow(null, limits.account, t0).failures).toBe(0);
  });

  it('keeps known-device proofs 90 days after their last use', () => {
    expect(limits.knownDeviceSeconds).toBe(90 * 86_400);
  });

  it('says the wait in plain words', () => {
    expect([1, 29, 60, 61, 900].map(describeWait)).toEqual(['1 second', '29 seconds', '1 minute', '2 minutes', '15 minutes']);
  });
});

describe('sign-in keys', () => {
  it('counts one person on two devices apart, and the same device by its id from any address', () => {
    const kiosk = signInKeys({ prisonNumber: 'A1234BC', deviceId: 'kiosk-000000000000000001', address: '10.0.0.1' });
    const tablet = signInKeys({ prisonNumber: 'A1234BC', deviceId: 'tablet-00000000000000001', address: '10.0.0.1' });
    const kioskElsewhere = signInKeys({ prisonNumber: 'A1234BC', deviceId: 'kiosk-000000000000000001', address: '10.0.0.2' });
    expect(kiosk.pair).not.toBe(tablet.pair);
    expect(kiosk.account).toBe(tablet.account);
    expect(kiosk.pair).toBe(kioskElsewhere.pair);
    expect(kiosk.address).not.toBe(kioskElsewhere.address);
  });

  it('uses the address as the device when there is no device id, and never mixes the two up', () => {
    const byAddress = signInKeys({ prisonNumber: 'A1234BC', deviceId: undefined, address: '10.0.0.1' });
    const deviceNamedLikeAnAddress = signInKeys({ prisonNumber: 'A1234BC', deviceId: '10.0.0.1', address: '10.0.0.9' });
    expect(byAddress.device).toBe(byAddress.address);
    expect(deviceNamedLikeAnAddress.device).not.toBe(byAddress.device);
  });

  it('holds no prison number, device id or address in clear', () => {
    const keys = signInKeys({ prisonNumber: 'A1234BC', deviceId: 'kiosk-000000000000000001', address: '10.0.0.1' });
    for (const value of Object.values(keys)) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(Object.values(keys).filter((v) => v !== keys.address)).size).toBe(4);
    expect(pinStamp('scrypt$a')).not.toBe(pinStamp('scrypt$b'));
  });
});

describe('at most so many at once per key', () => {
  it('runs 2 at a time per key, in order, refusing none; other keys go straight through', async () => {
    const run = createKeyedLimit(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const task = (n: number) =>
      run('one', async () => {
        active += 1;
        most = Math.max(most, active);
        order.push(n);
        await new Promise<void>((resolve) => gates.push(resolve));
        active -= 1;
        return n;
      });
    const all = Promise.all([1, 2, 3, 4, 5].map(task));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([1, 2]);
    expect(await run('other', async () => 'not held up')).toBe('not held up');
    while (order.length < 5 || gates.length > 0) {
      gates.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('frees the slot when a task fails', async () => {
    const run = createKeyedLimit(1);
    await expect(run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await run('k', async () => 'next')).toBe('next');
  });
});

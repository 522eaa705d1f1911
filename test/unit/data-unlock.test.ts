import { afterEach, describe, expect, it } from 'vitest';
import { openDeviceDatabase, type DeviceDatabase } from '../../src/app/data/device-db.ts';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { isSealed } from '../../src/app/data/crypto/seal.ts';
import { pbkdf2Iterations } from '../../src/app/data/crypto/keys.ts';
import { LockedError } from '../../src/app/data/session.ts';
import {
  bucketFor,
  createUnlockThrottle,
  rememberPerson,
  rewrapAfterPinChange,
  unlockDelayMs,
  unlockOffline,
} from '../../src/app/data/unlock.ts';

const iterations = 1_000; // the real figure is checked once below; keep the rest fast
const countIterations = 1_000;
let device: DeviceDatabase;
afterEach(async () => {
  device?.close();
  await device?.delete();
});

function fakeMonotonic() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

async function remembered(pin = '1234', prisonNumber = 'A1234BC', personId = 'person-a') {
  const throttleClock = fakeMonotonic();
  const throttle = createUnlockThrottle(throttleClock.now);
  const r = await rememberPerson(device, { personId, prisonNumber, pin }, { iterations, countIterations, throttle });
  if (!r.ok) throw new Error('expected ok');
  return { session: r.session, throttle, throttleClock };
}

/** `count` made-up prison numbers whose 16-bit buckets are the same. */
async function numbersSharingABucket(count: number): Promise<string[]> {
  const seen = new Map<string, string[]>();
  for (let i = 0; ; i++) {
    const number = `K${String(i % 10_000).padStart(4, '0')}${String.fromCharCode(65 + Math.floor(i / 10_000))}A`;
    const bucket = await bucketFor(number);
    const same = [...(seen.get(bucket) ?? []), number];
    if (same.length === count) return same;
    seen.set(bucket, same);
  }
}

describe('personal data store: keys and offline unlock', () => {
  it('uses at least 600,000 PBKDF2 iterations by default', () => {
    expect(pbkdf2Iterations).toBeGreaterThanOrEqual(600_000);
  });

  it('unlocks offline with the same PIN after one online sign-in, and stores no clear text', async () => {
    device = openDeviceDatabase();
    const { session, throttle } = await remembered();
    const sealed = await session.seal({ details: 'I want to see my POM' }, 'submissions', 'x');
    expect(isSealed(sealed)).toBe(true);
    const stored = JSON.stringify(await device.people.toArray(), (_k, v: unknown) => v);
    expect(stored).not.toContain('A1234BC');
    expect(stored).not.toContain('1234"');
    session.lock();

    const again = await unlockOffline(device, { prisonNumber: 'a1234bc ', pin: '1234' }, { throttle });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.session.personId).toBe('person-a');
    expect(await again.session.open(sealed, 'submissions', 'x')).toEqual({ details: 'I want to see my POM' });
  });

  it('refuses a wrong PIN and, after 5 wrong PINs, makes each try wait longer (monotonic time)', async () => {
    device = openDeviceDatabase();
    const { throttle, throttleClock } = await remembered();
    for (let i = 1; i <= 4; i++) {
      expect(await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '0000' }, { throttle })).toEqual({ ok: false, reason: 'wrongPin', waitMs: 0 });
    }
    expect(await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '0000' }, { throttle })).toEqual({ ok: false, reason: 'wrongPin', waitMs: 30_000 });
    // Even the right PIN must wait.
    expect(await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' }, { throttle })).toMatchObject({ ok: false, reason: 'tooSoon' });
    throttleClock.advance(30_000);
    expect(await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '0000' }, { throttle })).toEqual({ ok: false, reason: 'wrongPin', waitMs: 60_000 });

    // A reload forgets the in-memory wait but not the count: the full wait starts again.
    const afterReload = createUnlockThrottle(throttleClock.now);
    expect(await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' }, { throttle: afterReload })).toEqual({ ok: false, reason: 'tooSoon', waitMs: 60_000 });
    throttleClock.advance(60_000);
    const ok = await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' }, { throttle: afterReload });
    expect(ok).toMatchObject({ ok: true });
    expect(await device.unlockFailures.count()).toBe(0);
  });

  it("counts wrong PINs per typed prison number: X's typos never make Y (same bucket, right PIN) wait", async () => {
    device = openDeviceDatabase();
    const [x, y, z] = (await numbersSharingABucket(3)) as [string, string, string];
    const clock = fakeMonotonic();
    const throttle = createUnlockThrottle(clock.now);
    for (const [number, personId] of [[x, 'person-x'], [y, 'person-y']] as const) {
      expect((await rememberPerson(device, { personId, prisonNumber: number, pin: '1234' }, { iterations, countIterations, throttle })).ok).toBe(true);
    }
    // X mistypes until X must wait; so does Z, who has never signed in here but shares the bucket.
    for (let i = 0; i < 6; i++) await unlockOffline(device, { prisonNumber: x, pin: '0000' }, { throttle, countIterations });
    for (let i = 0; i < 6; i++) await unlockOffline(device, { prisonNumber: z, pin: '0000' }, { throttle, countIterations });
    expect(await unlockOffline(device, { prisonNumber: x, pin: '1234' }, { throttle, countIterations })).toMatchObject({ ok: false, reason: 'tooSoon' });
    // Y, with the right PIN, gets in at once, also after a reload.
    const yNow = await unlockOffline(device, { prisonNumber: y, pin: '1234' }, { throttle, countIterations });
    expect(yNow.ok && yNow.session.personId).toBe('person-y');
    const afterReload = createUnlockThrottle(clock.now);
    expect((await unlockOffline(device, { prisonNumber: y, pin: '1234' }, { throttle: afterReload, countIterations })).ok).toBe(true);
    // Y's own typos count for Y: the 5th makes Y wait.
    for (let i = 1; i <= 4; i++) expect(await unlockOffline(device, { prisonNumber: y, pin: '0000' }, { throttle, countIterations })).toEqual({ ok: false, reason: 'wrongPin', waitMs: 0 });
    expect(await unlockOffline(device, { prisonNumber: y, pin: '0000' }, { throttle, countIterations })).toEqual({ ok: false, reason: 'wrongPin', waitMs: 30_000 });
    // X still waits, however the clock on the wall says.
    expect(await unlockOffline(device, { prisonNumber: x, pin: '1234' }, { throttle, countIterations })).toMatchObject({ ok: false, reason: 'tooSoon' });
  });

  it('keeps no prison number, nor a fast hash of one, for the wrong-PIN counts', async () => {
    device = openDeviceDatabase();
    const { throttle } = await remembered();
    for (let i = 0; i < 3; i++) await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '0000' }, { throttle, countIterations });
    const stored = JSON.stringify([await device.people.toArray(), await device.unlockFailures.toArray(), await device.settings.toArray()]);
    expect(stored).not.toContain('A1234BC');
    for (const text of ['A1234BC', 'spc-bucket-v1|A1234BC']) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
      const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(stored).not.toContain(hex);
      expect(stored).not.toContain(btoa(String.fromCharCode(...digest)).slice(0, 20));
    }
    expect(await device.unlockFailures.count()).toBe(1);
    // The right PIN clears it.
    expect((await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' }, { throttle, countIterations })).ok).toBe(true);
    expect(await device.unlockFailures.count()).toBe(0);
  });

  it('an online sign-in clears the offline count for that prison number', async () => {
    device = openDeviceDatabase();
    const { throttle } = await remembered();
    for (let i = 0; i < 5; i++) await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '0000' }, { throttle, countIterations });
    expect(await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' }, { throttle, countIterations })).toMatchObject({ reason: 'tooSoon' });
    await rememberPerson(device, { personId: 'person-a', prisonNumber: 'A1234BC', pin: '1234' }, { iterations, countIterations, throttle });
    expect((await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' }, { throttle, countIterations })).ok).toBe(true);
  });

  it('the wait grows and is capped at an hour', () => {
    expect([4, 5, 6, 7].map(unlockDelayMs)).toEqual([0, 30_000, 60_000, 120_000]);
    expect(unlockDelayMs(50)).toBe(3_600_000);
  });

  it('says "unknown" for someone who never signed in online here', async () => {
    device = openDeviceDatabase();
    await remembered();
    expect(await unlockOffline(device, { prisonNumber: 'Z9999ZZ', pin: '1234' })).toEqual({ ok: false, reason: 'unknown' });
  });

  it('buckets are 16-bit hints, not identifiers', async () => {
    expect(await bucketFor('A1234BC')).toMatch(/^[0-9a-f]{4}$/);
    expect(await bucketFor(' a1234bc')).toBe(await bucketFor('A1234BC'));
  });

  it('locked = cannot read: the key is gone and reads throw', async () => {
    device = openDeviceDatabase();
    const { session } = await remembered();
    const sealed = await session.seal('secret', 'plans', 'p1');
    let locked = false;
    session.onLock(() => (locked = true));
    session.lock();
    expect(locked).toBe(true);
    expect(session.locked).toBe(true);
    expect(() => session.key()).toThrow(LockedError);
    await expect(session.open(sealed, 'plans', 'p1')).rejects.toBeInstanceOf(LockedError);
    await expect(session.seal('x', 'plans', 'p2')).rejects.toBeInstanceOf(LockedError);
  });

  it('a sealed value does not open in another row, or under another person\'s key', async () => {
    device = openDeviceDatabase();
    const a = (await remembered('1111', 'A1234BC', 'person-a')).session;
    const b = (await remembered('2222', 'B1234BC', 'person-b')).session;
    const sealed = await a.seal('mine', 'plans', 'p1');
    await expect(a.open(sealed, 'plans', 'p2')).rejects.toThrow();
    await expect(b.open(sealed, 'plans', 'p1')).rejects.toThrow();
  });

  it('a later online sign-in re-uses the same data key; a changed PIN needs the old one once', async () => {
    device = openDeviceDatabase();
    const { session } = await remembered('1234');
    const sealed = await session.seal('kept', 'plans', 'p1');
    const same = await rememberPerson(device, { personId: 'person-a', prisonNumber: 'A1234BC', pin: '1234' }, { iterations });
    expect(same.ok && (await same.session.open(sealed, 'plans', 'p1'))).toBe('kept');

    expect(await rememberPerson(device, { personId: 'person-a', prisonNumber: 'A1234BC', pin: '9999' }, { iterations })).toEqual({ ok: false, reason: 'pinChanged' });
    expect(await rewrapAfterPinChange(device, { personId: 'person-a', prisonNumber: 'A1234BC', oldPin: '1234', newPin: '9999' }, { iterations })).toBe(true);
    const changed = await rememberPerson(device, { personId: 'person-a', prisonNumber: 'A1234BC', pin: '9999' }, { iterations });
    expect(changed.ok && (await changed.session.open(sealed, 'plans', 'p1'))).toBe('kept');
  });

  it('raises an old, lower iteration count at the next online sign-in', async () => {
    device = openDeviceDatabase();
    const r = await rememberPerson(device, { personId: 'person-a', prisonNumber: 'A1234BC', pin: '1234' }, { iterations: 1000 });
    expect(r.ok).toBe(true);
    await rememberPerson(device, { personId: 'person-a', prisonNumber: 'A1234BC', pin: '1234' }, { iterations: 2000 });
    expect((await device.people.get('person-a'))?.vault?.iterations).toBe(2000);
    const off = await unlockOffline(device, { prisonNumber: 'A1234BC', pin: '1234' });
    expect(off.ok).toBe(true);
  });

  it('person databases still open alongside (versions are additive)', async () => {
    const db = openPersonDatabase('person-a');
    await db.open();
    expect(db.verno).toBe(2);
    db.close();
    await db.delete();
  });
});

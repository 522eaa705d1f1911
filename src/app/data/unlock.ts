import type { DeviceDatabase, KnownPerson } from './device-db.ts';
import { fromBase64, toBase64 } from './crypto/bytes.ts';
import {
  createDataKey,
  deriveWrappingKey,
  needsRewrap,
  newSalt,
  pbkdf2Iterations,
  rewrapDataKey,
  secretFor,
  unwrapDataKey,
} from './crypto/keys.ts';
import { createSession, type PersonSession } from './session.ts';

/**
 * Unlocking a person's data on this device.
 *
 * - After an ONLINE sign-in (the service checked the PIN), `rememberPerson` creates or unwraps the
 *   person's data key and records it, wrapped, in the device database.
 * - OFFLINE, `unlockOffline` finds the candidates by the prison-number bucket and tries the PIN.
 *   Wrong PINs are counted per TYPED prison number (under a slow salted hash of it, see
 *   `typedNumberKey`), so one person's typos never make another person in the same bucket wait.
 *   After 5 wrong PINs in a row for a number each further try waits longer (30 s, 1 min, 2 min …
 *   up to 1 hour). The wait is measured with a monotonic clock, never the wall clock; a reload
 *   restarts the full wait (it can only make it longer), so changing the device clock or
 *   reloading does not help.
 */

export const freeUnlockAttempts = 5;
const firstDelayMs = 30_000;
const maxDelayMs = 60 * 60_000;

/** How long to wait before the next try, after `failed` wrong PINs in a row. */
export function unlockDelayMs(failed: number): number {
  if (failed < freeUnlockAttempts) return 0;
  return Math.min(maxDelayMs, firstDelayMs * 2 ** (failed - freeUnlockAttempts));
}

/**
 * PBKDF2 iterations for the key the wrong-PIN count of a typed prison number is kept under. Slow
 * enough that the device's storage gives no quick way back to the prison numbers typed here (a
 * fast hash of a 175-million-value number could be reversed in seconds), fast enough to add only
 * about 0.1 s on a desktop and 0.4 s on a low-end tablet to each offline unlock.
 */
export const countKeyIterations = 100_000;

/** Remembers, in memory and by monotonic time, when each typed prison number may next try a PIN. */
export type UnlockThrottle = { now: () => number; notBefore: Map<string, number> };

export function createUnlockThrottle(now: () => number = () => performance.now()): UnlockThrottle {
  return { now, notBefore: new Map() };
}

const defaultThrottle = createUnlockThrottle();

export type UnlockOptions = {
  /** PBKDF2 iterations for new wraps (tests pass a small figure; the app uses the default). */
  iterations?: number;
  /** PBKDF2 iterations for the wrong-PIN count's key (tests pass a small figure). */
  countIterations?: number;
  throttle?: UnlockThrottle;
  /** Wall clock, only for `lastUsedAt` (display). */
  wallClock?: () => Date;
};

/** A 16-bit, non-identifying hint from the prison number (thousands of numbers share each value). */
export async function bucketFor(prisonNumber: string): Promise<string> {
  const bytes = new TextEncoder().encode(`spc-bucket-v1|${prisonNumber.trim().toUpperCase()}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return ((digest[0]! << 8) | digest[1]!).toString(16).padStart(4, '0');
}

/** The salt for the wrong-PIN counts: random, made once per device. */
async function unlockCountSalt(device: DeviceDatabase): Promise<Uint8Array<ArrayBuffer>> {
  const text = await device.transaction('rw', device.settings, async () => {
    const known = await device.settings.get('unlockCountSalt');
    if (known) return known.value;
    const value = toBase64(newSalt());
    await device.settings.put({ key: 'unlockCountSalt', value });
    return value;
  });
  return fromBase64(text);
}

/**
 * The key a typed prison number's wrong-PIN count is kept under: PBKDF2-SHA-256 of the number
 * with this device's salt. It picks out the typed number without the PIN, and is slow to test
 * guesses against (see `countKeyIterations`); the number itself is never stored.
 */
async function typedNumberKey(device: DeviceDatabase, prisonNumber: string, options: UnlockOptions): Promise<string> {
  const salt = await unlockCountSalt(device);
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(`spc-unlock-count-v1|${prisonNumber.trim().toUpperCase()}`), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: options.countIterations ?? countKeyIterations },
    material,
    256,
  );
  return toBase64(new Uint8Array(bits));
}

/** After a right PIN (online or offline): this typed number's count starts again. */
async function clearFailures(device: DeviceDatabase, prisonNumber: string, options: UnlockOptions, known?: string): Promise<void> {
  const throttle = options.throttle ?? defaultThrottle;
  // Nothing counted on this device: no need to work out the key.
  if (known === undefined && (await device.unlockFailures.count()) === 0) return;
  const key = known ?? (await typedNumberKey(device, prisonNumber, options));
  await device.unlockFailures.delete(key);
  throttle.notBefore.delete(key);
}

export type RememberResult =
  | { ok: true; session: PersonSession }
  /** The PIN changed since this device last saw the person: their old data needs the old PIN once. */
  | { ok: false; reason: 'pinChanged' };

/** After an online sign-in: unwrap (or create) the person's data key and remember it here. */
export async function rememberPerson(
  device: DeviceDatabase,
  input: { personId: string; prisonNumber: string; pin: string },
  options: UnlockOptions = {},
): Promise<RememberResult> {
  const iterations = options.iterations ?? pbkdf2Iterations;
  const secret = secretFor(input.prisonNumber, input.pin);
  const bucket = await bucketFor(input.prisonNumber);
  const now = (options.wallClock ?? (() => new Date()))().toISOString();
  const known = await device.people.get(input.personId);

  if (known?.vault) {
    const kek = await deriveWrappingKey(secret, fromBase64(known.vault.salt), known.vault.iterations);
    let key: CryptoKey;
    try {
      key = await unwrapDataKey(known.vault.wrapped, kek, input.personId);
    } catch {
      return { ok: false, reason: 'pinChanged' };
    }
    let vault = known.vault;
    if (needsRewrap(known.vault.iterations) && iterations > known.vault.iterations) {
      const salt = newSalt();
      const newKek = await deriveWrappingKey(secret, salt, iterations);
      vault = { salt: toBase64(salt), iterations, wrapped: await rewrapDataKey(known.vault.wrapped, kek, newKek, input.personId) };
    }
    await device.people.put({ ...known, vault, bucket, lastUsedAt: now });
    await clearFailures(device, input.prisonNumber, options);
    return { ok: true, session: createSession(input.personId, key) };
  }

  const salt = newSalt();
  const kek = await deriveWrappingKey(secret, salt, iterations);
  const { key, wrapped } = await createDataKey(kek, input.personId);
  await device.people.put({ personId: input.personId, lastUsedAt: now, bucket, vault: { salt: toBase64(salt), iterations, wrapped } });
  await clearFailures(device, input.prisonNumber, options);
  return { ok: true, session: createSession(input.personId, key) };
}

/** After a PIN change elsewhere: the old PIN unwraps the key once, the new PIN wraps it from now on. */
export async function rewrapAfterPinChange(
  device: DeviceDatabase,
  input: { personId: string; prisonNumber: string; oldPin: string; newPin: string },
  options: UnlockOptions = {},
): Promise<boolean> {
  const known = await device.people.get(input.personId);
  if (!known?.vault) return false;
  const oldKek = await deriveWrappingKey(secretFor(input.prisonNumber, input.oldPin), fromBase64(known.vault.salt), known.vault.iterations);
  const salt = newSalt();
  const iterations = options.iterations ?? pbkdf2Iterations;
  const newKek = await deriveWrappingKey(secretFor(input.prisonNumber, input.newPin), salt, iterations);
  try {
    const wrapped = await rewrapDataKey(known.vault.wrapped, oldKek, newKek, input.personId);
    await device.people.put({ ...known, vault: { salt: toBase64(salt), iterations, wrapped } });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether this prison number and PIN open someone's data on this device, without counting a miss:
 * used before an online sign-in (sync/sign-in.ts, resume), where a miss goes on to the service,
 * which counts it. A hit is a right PIN: the typed number's count here starts again.
 */
export async function openHere(
  device: DeviceDatabase,
  input: { prisonNumber: string; pin: string },
  options: UnlockOptions = {},
): Promise<PersonSession | null> {
  const bucket = await bucketFor(input.prisonNumber);
  const candidates = (await device.people.where('bucket').equals(bucket).toArray()).filter(
    (p): p is KnownPerson & { vault: NonNullable<KnownPerson['vault']> } => p.vault !== undefined,
  );
  if (candidates.length === 0) return null;
  const secret = secretFor(input.prisonNumber, input.pin);
  for (const person of candidates) {
    const kek = await deriveWrappingKey(secret, fromBase64(person.vault.salt), person.vault.iterations);
    let dataKey: CryptoKey;
    try {
      dataKey = await unwrapDataKey(person.vault.wrapped, kek, person.personId);
    } catch {
      continue; // not this one (or a wrong PIN)
    }
    const lastUsedAt = (options.wallClock ?? (() => new Date()))().toISOString();
    await device.people.update(person.personId, { lastUsedAt });
    await clearFailures(device, input.prisonNumber, options);
    return createSession(person.personId, dataKey);
  }
  return null;
}

export type OfflineUnlockResult =
  | { ok: true; session: PersonSession }
  /** Nobody with this prison number has unlocked here before: sign in online once. */
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'wrongPin'; waitMs: number }
  | { ok: false; reason: 'tooSoon'; waitMs: number };

/** Offline unlock with the same prison number and PIN as the last online sign-in on this device. */
export async function unlockOffline(
  device: DeviceDatabase,
  input: { prisonNumber: string; pin: string },
  options: UnlockOptions = {},
): Promise<OfflineUnlockResult> {
  const throttle = options.throttle ?? defaultThrottle;
  const bucket = await bucketFor(input.prisonNumber);
  const candidates = (await device.people.where('bucket').equals(bucket).toArray()).filter(
    (p): p is KnownPerson & { vault: NonNullable<KnownPerson['vault']> } => p.vault !== undefined,
  );
  if (candidates.length === 0) return { ok: false, reason: 'unknown' };

  // Wait first: this typed number's own wait, if it has one.
  const key = await typedNumberKey(device, input.prisonNumber, options);
  const failed = (await device.unlockFailures.get(key))?.failed ?? 0;
  const now = throttle.now();
  let notBefore = throttle.notBefore.get(key);
  if (notBefore === undefined && failed >= freeUnlockAttempts) {
    // No memory of the wait (the app was reloaded): start the full wait again.
    notBefore = now + unlockDelayMs(failed);
    throttle.notBefore.set(key, notBefore);
  }
  if (notBefore !== undefined && notBefore > now) return { ok: false, reason: 'tooSoon', waitMs: notBefore - now };

  const secret = secretFor(input.prisonNumber, input.pin);
  for (const person of candidates) {
    const kek = await deriveWrappingKey(secret, fromBase64(person.vault.salt), person.vault.iterations);
    try {
      const dataKey = await unwrapDataKey(person.vault.wrapped, kek, person.personId);
      const lastUsedAt = (options.wallClock ?? (() => new Date()))().toISOString();
      await device.people.update(person.personId, { lastUsedAt });
      await clearFailures(device, input.prisonNumber, options, key);
      return { ok: true, session: createSession(person.personId, dataKey) };
    } catch {
      // Not this one (or a wrong PIN): try the next candidate.
    }
  }

  // Only this typed number's count goes up.
  const count = failed + 1;
  await device.unlockFailures.put({ key, failed: count });
  const delay = unlockDelayMs(count);
  if (delay > 0) throttle.notBefore.set(key, throttle.now() + delay);
  return { ok: false, reason: 'wrongPin', waitMs: delay };
}

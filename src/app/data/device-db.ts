import { Dexie, type EntityTable } from 'dexie';
import type { WrappedKey } from './crypto/keys.ts';

/**
 * The one small database every device has: who has personal data on this device, and for each of
 * them the wrapped data key that lets them unlock offline. It holds opaque ids, dates, salts, random
 * tokens and ciphertext only (bytes as base64 text: Dexie's update() does not clone typed arrays
 * reliably) — never names, prison numbers, or a fast hash of a prison number.
 */
export type KnownPerson = {
  /** Opaque id assigned by the service. */
  personId: string;
  /** When this person last unlocked their data here (ISO date-time, device clock, display only). */
  lastUsedAt: string;
  /**
   * A 16-bit hint derived from the prison number (see unlock.ts): it narrows offline unlock to a
   * few candidates without naming anyone (each value is shared by thousands of prison numbers).
   */
  bucket?: string;
  /** The data key, wrapped under a key derived from prison number + PIN. */
  vault?: { salt: string; iterations: number; wrapped: WrappedKey };
  /**
   * The service's known-device proof for this person on this device (a random token; see
   * src/domain/auth.ts). Sent with their sign-ins here so that someone guessing their PIN
   * elsewhere cannot keep them out of this device.
   */
  deviceProof?: string;
};

/** Small settings of the device itself: its own random id, the salt of the wrong-PIN counts. */
export type DeviceSetting = { key: 'deviceId' | 'unlockCountSalt'; value: string };

/**
 * Wrong offline PINs in a row for one TYPED prison number, so one person's typos never make
 * another wait. `key` is a slow salted hash of the typed number (see unlock.ts), never the number.
 */
export type UnlockFailures = { key: string; failed: number };

export const deviceDatabaseName = 'spc-device';

export type DeviceDatabase = Dexie & {
  people: EntityTable<KnownPerson, 'personId'>;
  settings: EntityTable<DeviceSetting, 'key'>;
  unlockFailures: EntityTable<UnlockFailures, 'key'>;
};

export function openDeviceDatabase(): DeviceDatabase {
  const db = new Dexie(deviceDatabaseName) as DeviceDatabase;
  db.version(1).stores({ people: 'personId, lastUsedAt' });
  db.version(2).stores({ people: 'personId, lastUsedAt, bucket' });
  // v3: wrong offline PINs are counted per typed prison number, no longer on each person's record
  // (that count was shared by everyone in a bucket); the old `failedUnlocks` field is left unread.
  db.version(3).stores({ people: 'personId, lastUsedAt, bucket', settings: 'key', unlockFailures: 'key' });
  return db;
}

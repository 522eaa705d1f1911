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
};

/**
 * The service's known-device proof for a person on this device (a random token; see
 * src/domain/auth.ts), sent with their sign-ins here so that someone guessing their PIN elsewhere
 * cannot keep them out of this device. Kept apart from `people` on purpose: a kiosk removes a
 * person's data once nothing of theirs waits (forget-person.ts), but keeps their proof (an opaque
 * id, the 16-bit hint and a token that means nothing without the service) until the service would
 * have let it lapse, so they are still known there next time.
 */
export type KnownDeviceProof = { personId: string; bucket: string; proof: string; savedAt: string };

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
  proofs: EntityTable<KnownDeviceProof, 'personId'>;
};

export function openDeviceDatabase(): DeviceDatabase {
  const db = new Dexie(deviceDatabaseName) as DeviceDatabase;
  db.version(1).stores({ people: 'personId, lastUsedAt' });
  db.version(2).stores({ people: 'personId, lastUsedAt, bucket' });
  // v3: wrong offline PINs are counted per typed prison number, no longer on each person's record
  // (that count was shared by everyone in a bucket); the old `failedUnlocks` field is left unread.
  db.version(3).stores({ people: 'personId, lastUsedAt, bucket', settings: 'key', unlockFailures: 'key' });
  // v4: known-device proofs in their own table, which outlives a kiosk's removal of a person's data.
  db.version(4)
    .stores({ people: 'personId, lastUsedAt, bucket', settings: 'key', unlockFailures: 'key', proofs: 'personId, bucket, savedAt' })
    .upgrade(async (tx) => {
      const savedAt = new Date().toISOString();
      await tx
        .table('people')
        .toCollection()
        .modify((person: KnownPerson & { deviceProof?: string }) => {
          if (person.deviceProof && person.bucket) void tx.table('proofs').put({ personId: person.personId, bucket: person.bucket, proof: person.deviceProof, savedAt });
          delete person.deviceProof;
        });
    });
  return db;
}

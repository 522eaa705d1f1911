import { Dexie, type EntityTable } from 'dexie';
import type { WrappedKey } from './crypto/keys.ts';

/**
 * The one small database every device has: who has personal data on this device, and for each of
 * them the wrapped data key that lets them unlock offline. It holds opaque ids, dates, salts and
 * ciphertext only (bytes as base64 text: Dexie's update() does not clone typed arrays reliably) — never names or prison numbers in clear.
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
  /** Wrong PINs in a row, offline. Reset by a right PIN or an online sign-in. */
  failedUnlocks?: number;
};

export const deviceDatabaseName = 'spc-device';

export type DeviceDatabase = Dexie & { people: EntityTable<KnownPerson, 'personId'> };

export function openDeviceDatabase(): DeviceDatabase {
  const db = new Dexie(deviceDatabaseName) as DeviceDatabase;
  db.version(1).stores({ people: 'personId, lastUsedAt' });
  db.version(2).stores({ people: 'personId, lastUsedAt, bucket' });
  return db;
}

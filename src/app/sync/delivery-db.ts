import { Dexie, type EntityTable } from 'dexie';
import { DeliveryKey } from '../../domain/delivery.ts';

/**
 * The app's own small database for kiosk delivery, apart from the person databases and from
 * `spc-device`. It holds nothing personal:
 * - `serviceKey`: the service's public key to seal items to (remembered for offline use);
 * - `kiosk`: this kiosk's device credential, after staff set it up (see courier.ts).
 * The device credential can only push sealed items the service checks (README, "Shared kiosks").
 */
export const deliveryDatabaseName = 'spc-delivery';

/** This kiosk, as enrolled by staff. */
export type KioskDevice = {
  deviceId: string;
  name: string;
  credential: string;
  enrolledAt: string;
  /** Set when the service refused the credential (staff stopped this kiosk). */
  stoppedAt?: string;
};

type SettingRow = { key: 'serviceKey'; value: DeliveryKey } | { key: 'kiosk'; value: KioskDevice };

export type DeliveryDatabase = Dexie & { settings: EntityTable<SettingRow, 'key'> };

export function openDeliveryDatabase(): DeliveryDatabase {
  const db = new Dexie(deliveryDatabaseName) as DeliveryDatabase;
  db.version(1).stores({ settings: 'key' });
  return db;
}

/** Opens the database for one piece of work and closes it again (nothing stays open between passes). */
export async function withDeliveryDatabase<T>(work: (db: DeliveryDatabase) => Promise<T>): Promise<T> {
  const db = openDeliveryDatabase();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

export async function readServiceKey(db: DeliveryDatabase): Promise<DeliveryKey | null> {
  const row = await db.settings.get('serviceKey');
  const parsed = DeliveryKey.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export async function saveServiceKey(db: DeliveryDatabase, key: DeliveryKey): Promise<void> {
  await db.settings.put({ key: 'serviceKey', value: key });
}

export async function readKioskDevice(db: DeliveryDatabase): Promise<KioskDevice | null> {
  const row = await db.settings.get('kiosk');
  return row?.key === 'kiosk' ? row.value : null;
}

export async function saveKioskDevice(db: DeliveryDatabase, device: KioskDevice): Promise<void> {
  await db.settings.put({ key: 'kiosk', value: device });
}

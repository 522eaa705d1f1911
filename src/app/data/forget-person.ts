import { Dexie } from 'dexie';
import type { DeviceDatabase } from './device-db.ts';
import { openPersonDatabase, personDatabaseName } from './person-db.ts';

/**
 * STAND-IN, to be replaced by the kiosk sign-out work's own `forgetPersonIfDelivered` (same name
 * and signature) when the two are merged. The courier calls it after delivering a signed-out
 * person's items. This version keeps the person's data while anything of theirs is still in the
 * outbox (waiting or turned down) or a draft is saved; otherwise it removes their database and
 * their entry in the device database. Returns whether it removed them.
 */
export async function forgetPersonIfDelivered(device: DeviceDatabase, personId: string): Promise<boolean> {
  const db = openPersonDatabase(personId);
  try {
    const [outbox, drafts] = await Promise.all([db.outbox.count(), db.meta.where('key').startsWith('draft.').count()]);
    if (outbox > 0 || drafts > 0) return false;
  } finally {
    db.close();
  }
  await Dexie.delete(personDatabaseName(personId));
  await device.people.delete(personId);
  return true;
}

import { Dexie } from 'dexie';
import type { DeviceDatabase } from './device-db.ts';
import { forgetLapsedProofs } from './known-device.ts';
import { openPersonDatabase, personDatabaseName } from './person-db.ts';
import { isHeldHere, personLockName, webLocks } from './person-hold.ts';

export { holdPerson } from './person-hold.ts';

/**
 * On a shared kiosk, a person's data stays only while something of theirs waits on it.
 *
 * The rule: a person's local data (their own database and their row in the device database) is
 * removed from a kiosk as soon as nothing of theirs waits here, that is when
 * - their outbox is empty: nothing waiting to send, nothing turned down by the service that they
 *   have not dealt with yet, nothing set aside (rows the caller knows reached the service some
 *   other way, `alreadyDelivered`, do not count), and
 * - they have no draft (a form they were part way through), and
 * - they are not signed in (here, or in another tab of this browser).
 * It is checked after sign-out's last send, at app start for every person on the kiosk, and by
 * whatever else delivers a person's items. Tablets are personal and keep their person's data.
 *
 * Only unsealed fields are read (outbox ids and states, meta keys), so no key is needed.
 */

export type ForgetOutcome =
  | { forgotten: true }
  | { forgotten: false; reason: 'signedIn' | 'waiting' | 'draft' };

export type ForgetOptions = {
  /** Outbox ids known to have reached the service by another way (they no longer keep the person here). */
  alreadyDelivered?: ReadonlySet<string>;
};

/** Runs `task` only if nobody holds the person (in this tab or, with Web Locks, any other). */
async function unlessHeld<T>(personId: string, task: () => Promise<T>, held: () => T): Promise<T> {
  if (isHeldHere(personId)) return held();
  const locks = webLocks();
  if (!locks) return task();
  return locks.request(personLockName(personId), { mode: 'exclusive', ifAvailable: true }, (lock) =>
    lock === null || isHeldHere(personId) ? Promise.resolve(held()) : task(),
  );
}

/** What still keeps the person here, if anything (reads only unsealed ids, states and keys). */
async function whatKeeps(personId: string, options: ForgetOptions): Promise<'waiting' | 'draft' | null> {
  const db = openPersonDatabase(personId);
  try {
    const delivered = options.alreadyDelivered ?? new Set<string>();
    // Anything in the outbox still matters to the person: waiting, turned down, or set aside.
    const keeping = await db.outbox.filter((row) => !(row.state === 'waiting' && delivered.has(row.id))).first();
    if (keeping) return 'waiting';
    if ((await db.meta.where('key').startsWith('draft.').count()) > 0) return 'draft';
    return null;
  } finally {
    db.close();
  }
}

/**
 * Removes the person's data from this device if nothing of theirs waits here (the rule above).
 * The person's database goes first, then their device row: if the power goes in between, the row
 * is left (and removed at the next start), never a database nobody can find.
 */
export async function forgetPersonIfDelivered(device: DeviceDatabase, personId: string, options: ForgetOptions = {}): Promise<ForgetOutcome> {
  return unlessHeld<ForgetOutcome>(
    personId,
    async () => {
      const keeps = await whatKeeps(personId, options);
      if (keeps) return { forgotten: false, reason: keeps };
      await Dexie.delete(personDatabaseName(personId));
      await device.people.delete(personId);
      return { forgotten: true };
    },
    () => ({ forgotten: false, reason: 'signedIn' }),
  );
}

/**
 * The person cannot remember the PIN their data here is sealed under (after staff reset it): at
 * their own choice, this device's copy of their data goes, whatever waits in it, since nothing in
 * it can be opened without that PIN. Their plan and replies come again from the service at the
 * next sign-in. Not while they are signed in here or in another tab. Returns whether it went.
 */
export async function forgetPersonAtTheirChoice(device: DeviceDatabase, personId: string): Promise<boolean> {
  return unlessHeld(
    personId,
    async () => {
      await Dexie.delete(personDatabaseName(personId));
      await device.people.delete(personId);
      return true;
    },
    () => false,
  );
}

/**
 * At app start on a kiosk: applies the rule to every person this device knows, and forgets
 * known-device proofs the service will have let lapse (the proofs outlive the rest on purpose:
 * device-db.ts).
 */
export async function forgetDeliveredPeople(device: DeviceDatabase): Promise<{ forgotten: string[]; kept: string[] }> {
  await forgetLapsedProofs(device);
  const forgotten: string[] = [];
  const kept: string[] = [];
  for (const personId of await device.people.toCollection().primaryKeys()) {
    const outcome = await forgetPersonIfDelivered(device, personId);
    (outcome.forgotten ? forgotten : kept).push(personId);
  }
  return { forgotten, kept };
}

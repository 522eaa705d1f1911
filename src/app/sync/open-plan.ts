import { Plan } from '../../domain/plan.ts';
import { isSealed } from '../data/crypto/seal.ts';
import type { StoredPlan } from '../data/person-db.ts';
import { LockedError, type PersonSession } from '../data/session.ts';

/**
 * Opens a plan row: decrypts it and checks it against the shared schema. Resolves to the plan, or
 * null when the row does not open or does not parse; rejects with `LockedError` when the session
 * locks (so the store check stops rather than taking every row for damaged).
 *
 * At sign-in the plan screen and the store check of the first sync pass both open the person's
 * plan, at about the same time, on the same slow main thread. The second to ask for a row with
 * exactly the same sealed bytes (id, IV and ciphertext compared in full) shares the first one's
 * result: the same bytes under the same key always open to the same plan, so nothing a check
 * would find is missed. Only the last row opened is kept, per session (gone with the session).
 */
type Opening = { id: string; iv: string; ct: string; plan: Promise<Plan | null> };

const lastOpened = new WeakMap<PersonSession, Opening>();

export function openPlanRow(session: PersonSession, row: StoredPlan): Promise<Plan | null> {
  if (session.locked) return Promise.reject(new LockedError()); // nothing opened before is handed out either
  // A damaged row may not even have the shape of a sealed value: it is opened (and refused) unshared.
  const sealed: unknown = row.sealed;
  const shareable = isSealed(sealed);
  const last = lastOpened.get(session);
  if (shareable && last && last.id === row.id && last.iv === sealed.iv && last.ct === sealed.ct) return last.plan;
  const plan = session.open(row.sealed, 'plans', row.id).then(
    (value) => {
      const parsed = Plan.safeParse(value);
      return parsed.success ? parsed.data : null;
    },
    (error: unknown) => {
      if (error instanceof LockedError) throw error;
      return null;
    },
  );
  if (!shareable) return plan;
  const opening: Opening = { id: row.id, iv: sealed.iv, ct: sealed.ct, plan };
  lastOpened.set(session, opening);
  plan.catch(() => {
    if (lastOpened.get(session) === opening) lastOpened.delete(session); // locked: nothing to share
  });
  return plan;
}

import { describe, expect, it, vi } from 'vitest';
import type { Sealed } from '../../src/app/data/crypto/seal.ts';
import type { StoredPlan } from '../../src/app/data/person-db.ts';
import { createSession, LockedError } from '../../src/app/data/session.ts';
import { openPlanRow } from '../../src/app/sync/open-plan.ts';
import { liferPlan } from '../component/plan-fixtures.ts';

/** A real session (AES-GCM key made here) whose `open` is counted. */
async function countedSession(personId = 'person-c') {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const session = createSession(personId, key);
  const open = vi.spyOn(session, 'open');
  return { session, open };
}

async function planRow(session: Awaited<ReturnType<typeof countedSession>>['session'], plan = liferPlan(session.personId)): Promise<StoredPlan> {
  return { id: plan.id, updatedAt: plan.updatedAt, sealed: await session.seal(plan, 'plans', plan.id) };
}

/** The same row with one character of its ciphertext changed (AES-GCM refuses it). */
function tampered(row: StoredPlan): StoredPlan {
  const ct = row.sealed.ct;
  const changed = ct.slice(0, 10) + (ct[10] === 'A' ? 'B' : 'A') + ct.slice(11);
  return { ...row, sealed: { ...row.sealed, ct: changed } };
}

describe('opening the sealed plan (shared by the plan screen and the store check)', () => {
  it('opens and checks a plan row once: a second open of exactly the same bytes shares the first', async () => {
    const { session, open } = await countedSession();
    const row = await planRow(session);
    const [screen, check] = await Promise.all([openPlanRow(session, row), openPlanRow(session, structuredClone(row))]);
    expect(screen?.id).toBe(row.id);
    expect(check).toBe(screen);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('opens the row again when its bytes are not the same (sealed again, or another row)', async () => {
    const { session, open } = await countedSession();
    const row = await planRow(session);
    await openPlanRow(session, row);
    const resealed = await planRow(session); // a fresh IV
    expect((await openPlanRow(session, resealed))?.id).toBe(row.id);
    const other = await planRow(session, liferPlan(session.personId, { id: 'plan-2' }));
    expect((await openPlanRow(session, other))?.id).toBe('plan-2');
    expect(open).toHaveBeenCalledTimes(3);
  });

  it('never hands out a good plan for a changed row, even just after the good one was opened', async () => {
    const { session } = await countedSession();
    const row = await planRow(session);
    expect(await openPlanRow(session, row)).not.toBeNull();
    expect(await openPlanRow(session, tampered(row))).toBeNull();
    expect(await openPlanRow(session, { ...row, sealed: { ...row.sealed, iv: row.sealed.iv.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } })).toBeNull();
    expect(await openPlanRow(session, { ...row, id: 'plan-moved' })).toBeNull(); // sealed for another row
  });

  it('gives null for a row that is not a sealed value, or whose contents are not a plan', async () => {
    const { session } = await countedSession();
    expect(await openPlanRow(session, { id: 'x', updatedAt: '2026-11-20T09:30:00Z', sealed: null as unknown as Sealed })).toBeNull();
    const notAPlan: StoredPlan = { id: 'x', updatedAt: '2026-11-20T09:30:00Z', sealed: await session.seal({ hello: 'there' }, 'plans', 'x') };
    expect(await openPlanRow(session, notAPlan)).toBeNull();
  });

  it('rejects with LockedError once the session is locked, and shares nothing after', async () => {
    const { session, open } = await countedSession();
    const row = await planRow(session);
    await openPlanRow(session, row);
    session.lock();
    await expect(openPlanRow(session, row)).rejects.toBeInstanceOf(LockedError); // opened before: not handed out now
    const fresh = await planRow((await countedSession()).session); // another session's row, unused
    await expect(openPlanRow(session, { ...fresh })).rejects.toBeInstanceOf(LockedError);
    await expect(openPlanRow(session, structuredClone(fresh))).rejects.toBeInstanceOf(LockedError);
    expect(open).toHaveBeenCalledTimes(1); // a locked session opens nothing
  });
});

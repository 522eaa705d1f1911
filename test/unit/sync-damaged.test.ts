import { afterEach, describe, expect, it } from 'vitest';
import type { Sealed } from '../../src/app/data/crypto/seal.ts';
import type { PersonDatabase } from '../../src/app/data/person-db.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { enqueue, listItems } from '../../src/app/sync/outbox.ts';
import { alice, application, manualClock, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

/** Ways a sealed value on disk can be spoilt: bytes changed, cut short, or the field gone. */
export const damage = {
  flipped: (sealed: Sealed): Sealed => ({ ...sealed, ct: (sealed.ct[0] === 'A' ? 'B' : 'A') + sealed.ct.slice(1) }),
  truncated: (sealed: Sealed): Sealed => ({ ...sealed, ct: sealed.ct.slice(0, 12) }),
  deleted: (): undefined => undefined,
} as const;
export type Damage = keyof typeof damage;

async function spoil(db: PersonDatabase, table: 'outbox' | 'submissions', id: string, how: Damage): Promise<void> {
  const row = await db.table(table).get(id);
  await db.table(table).put({ ...row, sealed: damage[how](row.sealed) });
}

async function aliceSync() {
  const signedIn = await w.signIn(alice);
  const sync = createPersonSync({ db: signedIn.db, session: signedIn.session, api: w.api, auth: signedIn.auth, pull: false, clock: manualClock() });
  return { ...signedIn, sync };
}

describe('outbox rows that can no longer be read', () => {
  it('are set aside and shown, and never block the others (changed, cut short, field gone)', async () => {
    w = world();
    const { db, session, sync } = await aliceSync();
    const items = Array.from({ length: 5 }, (_, i) => application(`item ${i}`));
    for (const item of items) await enqueue(db, session, item);
    const spoilt: Array<[number, Damage]> = [
      [0, 'flipped'],
      [2, 'truncated'],
      [3, 'deleted'],
    ];
    for (const [index, how] of spoilt) {
      await spoil(db, 'outbox', items[index]!.id, how);
      await spoil(db, 'submissions', items[index]!.id, how);
    }
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([items[1]!.id, items[4]!.id]);
    for (const [index] of spoilt) expect(await db.outbox.get(items[index]!.id)).toMatchObject({ state: 'unreadable' });
    const views = await listItems(db, session);
    expect(views.filter((v) => v.state === 'unreadable').map((v) => v.id).sort()).toEqual(spoilt.map(([i]) => items[i]!.id).sort());
    expect(sync.status.getSnapshot()).toMatchObject({ waiting: 0, rejected: 3 });
    // Later items still go.
    const later = application('later');
    await sync.enqueue(later);
    await sync.idle();
    expect(w.service.effectsFor(alice.personId).at(-1)).toBe(later.id);
    sync.stop();
  });

  it('an item that opens but is no longer a valid item is set aside too', async () => {
    w = world();
    const { db, session, sync } = await aliceSync();
    const items = [application('one'), application('two')];
    for (const item of items) await enqueue(db, session, item);
    const id = items[0]!.id;
    await db.outbox.update(id, { sealed: await session.seal({ kind: 'application', id, payload: 'not a payload' }, 'outbox', id) });
    await db.submissions.update(id, { sealed: await session.seal(null, 'submissions', id) });
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([items[1]!.id]);
    expect(await db.outbox.get(id)).toMatchObject({ state: 'unreadable' });
    sync.stop();
  });

  it('when only the outbox copy is spoilt, the saved submission mends it and it is sent, in order', async () => {
    w = world();
    const { db, session, sync } = await aliceSync();
    const items = Array.from({ length: 3 }, (_, i) => application(`item ${i}`));
    for (const item of items) await enqueue(db, session, item);
    await spoil(db, 'outbox', items[1]!.id, 'truncated');
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    expect((await listItems(db, session)).map((v) => v.state)).toEqual(['sent', 'sent', 'sent']);
    sync.stop();
  });
});

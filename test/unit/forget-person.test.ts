import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetDeliveredPeople, forgetPersonIfDelivered, holdPerson } from '../../src/app/data/forget-person.ts';
import { personDatabaseName } from '../../src/app/data/person-db.ts';
import { enqueue } from '../../src/app/sync/outbox.ts';
import { signIn, signOut, type SignedIn } from '../../src/app/sync/sign-in.ts';
import { alice, application, bob, iterations, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

const databaseExists = async (personId: string) => (await Dexie.getDatabaseNames()).includes(personDatabaseName(personId));

/**
 * Signs in online, runs `before` with the person's store open, then signs out (no sync engine)
 * with the network gone, so sign-out's last send leaves what was queued waiting.
 */
async function visit(who: typeof alice, before: (signedIn: SignedIn) => Promise<void> = async () => {}): Promise<void> {
  const signedIn = await w.signIn(who);
  await before(signedIn);
  w.service.setOnline(false);
  await signOut(signedIn, null, w.api);
  w.service.setOnline(true);
}

describe('forgetPersonIfDelivered (kiosk: data leaves once nothing waits)', () => {
  it('keeps a person with an item waiting to send', async () => {
    w = world();
    await visit(alice, (s) => enqueue(s.db, s.session, application()));
    expect(await forgetPersonIfDelivered(w.device, alice.personId)).toEqual({ forgotten: false, reason: 'waiting' });
    expect(await databaseExists(alice.personId)).toBe(true);
    expect(await w.device.people.get(alice.personId)).toBeDefined();
  });

  it('removes the person’s database and device row when nothing waits; they can sign in again online, not offline', async () => {
    w = world();
    await visit(alice);
    expect(await databaseExists(alice.personId)).toBe(true);
    expect(await forgetPersonIfDelivered(w.device, alice.personId)).toEqual({ forgotten: true });
    expect(await databaseExists(alice.personId)).toBe(false);
    expect(await w.device.people.get(alice.personId)).toBeUndefined();
    // Nothing of theirs is left to unlock offline…
    w.service.setOnline(false);
    expect(await signIn({ api: w.api, device: w.device, unlock: { iterations } }, alice)).toEqual({ ok: false, reason: 'needsConnection' });
    // …and online they start afresh.
    w.service.setOnline(true);
    expect((await w.signIn(alice)).mode).toBe('online');
  });

  it('keeps a person with a draft (what they were writing is never lost)', async () => {
    w = world();
    await visit(alice, async (s) => {
      await s.db.meta.put({ key: 'draft.application', value: await s.session.seal({ details: 'Half a thought' }, 'meta', 'draft.application') });
    });
    expect(await forgetPersonIfDelivered(w.device, alice.personId)).toEqual({ forgotten: false, reason: 'draft' });
    expect(await databaseExists(alice.personId)).toBe(true);
  });

  it('keeps a person whose item the service turned down, so they can see what to do', async () => {
    w = world();
    const item = application();
    await visit(alice, async (s) => {
      await enqueue(s.db, s.session, item);
      await s.db.outbox.update(item.id, { state: 'rejected' });
    });
    expect(await forgetPersonIfDelivered(w.device, alice.personId, { alreadyDelivered: new Set([item.id]) })).toEqual({ forgotten: false, reason: 'waiting' });
  });

  it('forgets a person whose waiting items are known to have reached the service another way', async () => {
    w = world();
    const item = application();
    await visit(alice, (s) => enqueue(s.db, s.session, item));
    expect(await forgetPersonIfDelivered(w.device, alice.personId, { alreadyDelivered: new Set(['someone-else']) })).toMatchObject({ forgotten: false });
    expect(await forgetPersonIfDelivered(w.device, alice.personId, { alreadyDelivered: new Set([item.id]) })).toEqual({ forgotten: true });
    expect(await databaseExists(alice.personId)).toBe(false);
  });

  it('never removes a person who is signed in; does once they have signed out', async () => {
    w = world();
    const signedIn = await w.signIn(alice);
    const release = holdPerson(alice.personId);
    expect(await forgetPersonIfDelivered(w.device, alice.personId)).toEqual({ forgotten: false, reason: 'signedIn' });
    expect(await w.device.people.get(alice.personId)).toBeDefined();
    await signOut(signedIn, null, w.api);
    release();
    release(); // twice is once
    expect(await forgetPersonIfDelivered(w.device, alice.personId)).toEqual({ forgotten: true });
  });

  it('at app start, applies the rule to everyone on the device', async () => {
    w = world();
    await visit(alice, (s) => enqueue(s.db, s.session, application()));
    await visit(bob);
    // A device row whose database was already removed (power cut between the two steps) goes too.
    await w.device.people.put({ personId: 'person-c', lastUsedAt: '2026-11-20T09:00:00Z' });
    const outcome = await forgetDeliveredPeople(w.device);
    expect(outcome.kept).toEqual([alice.personId]);
    expect(outcome.forgotten.sort()).toEqual([bob.personId, 'person-c']);
    expect(await databaseExists(bob.personId)).toBe(false);
    expect(await databaseExists('person-c')).toBe(false);
    expect((await w.device.people.toArray()).map((p) => p.personId)).toEqual([alice.personId]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { openPersonDatabase, personDatabaseName } from '../../src/app/data/person-db.ts';
import { unlockOffline } from '../../src/app/data/unlock.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { signIn, signOut } from '../../src/app/sync/sign-in.ts';
import { alice, application, bob, iterations, manualClock, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

const syncFor = (s: Awaited<ReturnType<typeof w.signIn>>) =>
  createPersonSync({ db: s.db, session: s.session, api: w.api, auth: s.auth, pull: false, clock: manualClock() });

describe('sign-in', () => {
  it('online first, then offline with the same PIN; a wrong PIN online is never tried offline', async () => {
    w = world();
    const online = await w.signIn(alice);
    expect(online).toMatchObject({ mode: 'online', displayName: 'Alice' });
    online.session.lock();
    expect(await signIn({ api: w.api, device: w.device, unlock: { iterations } }, { ...alice, pin: '000000' })).toEqual({ ok: false, reason: 'wrongPin' });
    w.service.setOnline(false);
    const offline = await w.signIn(alice);
    expect(offline.mode).toBe('offline');
    expect(offline.session.personId).toBe(alice.personId);
    expect(await signIn({ api: w.api, device: w.device, unlock: { iterations } }, bob)).toEqual({ ok: false, reason: 'needsConnection' });
  });

  it('429 on sign-in waits as the service says', async () => {
    w = world();
    w.service.fault({ kind: 'status', status: 429, retryAfter: '30' }, '/api/auth/sign-in');
    expect(await signIn({ api: w.api, device: w.device, unlock: { iterations } }, alice)).toEqual({ ok: false, reason: 'tooSoon', waitMs: 30_000 });
  });

  it('after an offline unlock, the first send signs in online with the PIN held for the session', async () => {
    w = world();
    const first = await w.signIn(alice);
    await signOut(first, null, w.api);
    w.service.setOnline(false);
    const offline = await w.signIn(alice);
    const sync = syncFor(offline);
    const item = application();
    await sync.enqueue(item);
    await sync.idle();
    w.service.setOnline(true);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    sync.stop();
  });
});

describe('shared kiosk', () => {
  it('A queues offline and signs out; B can neither see nor decrypt it; A\'s items are still delivered, once', async () => {
    w = world();
    // A signs in while the kiosk is online, then the network goes.
    const a = await w.signIn(alice);
    const syncA = syncFor(a);
    w.service.setOnline(false);
    const items = [application('A: please can I see my POM'), application('A: copy of my OASys')];
    for (const item of items) await syncA.enqueue(item);
    await syncA.idle();
    await signOut(a, syncA, w.api, { timeoutMs: 200 });
    expect(a.session.locked).toBe(true);
    expect(() => a.session.key()).toThrow();

    // B signs in on the same kiosk once the network is back.
    w.service.setOnline(true);
    const b = await w.signIn(bob);
    const syncB = syncFor(b);
    await syncB.enqueue(application('B: my own'));
    await syncB.idle();
    expect(w.service.effectsFor(alice.personId)).toEqual([]);
    expect(w.service.effectsFor(bob.personId)).toHaveLength(1);

    // B's store has nothing of A's; A's store holds ciphertext only, and B's key cannot open it.
    expect(b.db.name).toBe(personDatabaseName(bob.personId));
    expect(await b.db.outbox.count()).toBe(0);
    const aStore = openPersonDatabase(alice.personId);
    const rows = await aStore.outbox.toArray();
    expect(rows).toHaveLength(2);
    // The ciphertext itself is left out of the search: random base64 can spell "POM" by chance.
    const outsideCiphertext = (value: unknown) => JSON.stringify(value, (key, field: unknown) => (key === 'ct' || key === 'iv' ? '(sealed)' : field));
    expect(rows.every((row) => typeof row.sealed.ct === 'string' && row.sealed.ct.length > 0)).toBe(true);
    expect(outsideCiphertext(rows)).not.toMatch(/POM|OASys/);
    expect(outsideCiphertext(await aStore.submissions.toArray())).not.toMatch(/POM|OASys/);
    await expect(b.session.open(rows[0]!.sealed, 'outbox', rows[0]!.id)).rejects.toThrow();
    // B's PIN does not unlock A's key, even offline on this device.
    expect(await unlockOffline(w.device, { prisonNumber: alice.prisonNumber, pin: bob.pin })).toMatchObject({ ok: false, reason: 'wrongPin' });
    // The device database names no one.
    expect(JSON.stringify(await w.device.people.toArray())).not.toMatch(/A1234BC|B2345CD|Alice|Bob/);
    aStore.close();
    await signOut(b, syncB, w.api);

    // A's next sign-in on this kiosk delivers A's items, in order, exactly once.
    const a2 = await w.signIn(alice);
    const syncA2 = syncFor(a2);
    expect(await syncA2.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    expect(await a2.db.outbox.count()).toBe(0);
    expect((await syncA2.items()).map((v) => v.state)).toEqual(['sent', 'sent']);
    syncA2.stop();
  });

  it('sign-out sends what it can first, and ends the sign-in on the service', async () => {
    w = world();
    const a = await w.signIn(alice);
    const syncA = syncFor(a);
    w.service.setOnline(false);
    const item = application();
    await syncA.enqueue(item);
    await syncA.idle();
    w.service.setOnline(true);
    await signOut(a, syncA, w.api);
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    expect(w.service.calls.at(-1)).toMatchObject({ path: '/api/auth/sign-out', status: 204 });
    const store = openPersonDatabase(alice.personId);
    expect(await store.meta.get('refreshToken')).toBeUndefined();
    store.close();
    expect((await Dexie.getDatabaseNames()).sort()).toEqual(['spc-device', 'spc-person-person-a']);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { flushOutbox } from '../../src/app/sync/flusher.ts';
import { memoryLock, webLock, type LockManagerLike } from '../../src/app/sync/locks.ts';
import { enqueue, listItems } from '../../src/app/sync/outbox.ts';
import { alice, application, manualClock, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

async function aliceSync(opts: { clock?: ReturnType<typeof manualClock> } = {}) {
  const signedIn = await w.signIn(alice);
  const sync = createPersonSync({
    db: signedIn.db,
    session: signedIn.session,
    api: w.api,
    auth: signedIn.auth,
    pull: false,
    clock: opts.clock ?? manualClock(),
    random: () => 0.5,
  });
  return { ...signedIn, sync };
}

describe('outbox and flusher: faults', () => {
  it('writes the submission and its outbox row together, sealed, in order', async () => {
    w = world();
    const { db, session } = await aliceSync();
    w.service.setOnline(false);
    const items = [application('first'), application('second'), application('third')];
    for (const item of items) await enqueue(db, session, item);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.id)).toEqual(items.map((i) => i.id));
    expect(await db.submissions.count()).toBe(3);
    expect(JSON.stringify(await db.outbox.toArray())).not.toContain('first');
    expect(JSON.stringify(await db.submissions.toArray())).not.toContain('first');
    // The same item twice is one item.
    await enqueue(db, session, items[0]!);
    expect(await db.outbox.count()).toBe(3);
  });

  it('clears the form\'s draft in the same transaction as the item: both happen or neither', async () => {
    w = world();
    const { db, session } = await aliceSync();
    const draft = { key: 'draft.application', value: await session.seal({ details: 'words' }, 'meta', 'draft.application') };
    await db.meta.put(draft);
    // The write fails half-way (for example the disk is full): the draft must still be there.
    const failing = () => {
      throw new Error('disk full');
    };
    db.outbox.hook('creating', failing);
    await expect(enqueue(db, session, application('words'), { clearMeta: ['draft.application'] })).rejects.toThrow();
    db.outbox.hook('creating').unsubscribe(failing);
    expect(await db.meta.get('draft.application')).toBeDefined();
    expect(await db.submissions.count()).toBe(0);
    // It works: the item is saved and the draft is gone, together.
    await enqueue(db, session, application('words'), { clearMeta: ['draft.application'] });
    expect(await db.meta.get('draft.application')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('offline mid-submit: saved on the device, sent once the network is back', async () => {
    w = world();
    const { sync } = await aliceSync();
    w.service.setOnline(false);
    const item = application();
    await sync.enqueue(item);
    await sync.idle();
    expect(sync.status.getSnapshot()).toMatchObject({ waiting: 1, lastFailure: 'network', online: false });
    expect((await sync.items())[0]?.state).toBe('waiting');
    w.service.setOnline(true);
    sync.request('online');
    await sync.idle();
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    expect(sync.status.getSnapshot()).toMatchObject({ waiting: 0, lastFailure: null });
    expect((await sync.items())[0]?.state).toBe('sent');
    sync.stop();
  });

  it('the service applied a push but the answer was lost: the resend is a duplicate, one effect', async () => {
    w = world();
    const { sync } = await aliceSync();
    const item = application();
    w.service.fault({ kind: 'lostResponse' });
    await sync.enqueue(item);
    await sync.idle();
    expect(w.service.effects).toHaveLength(1);
    expect(sync.status.getSnapshot().waiting).toBe(1);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    expect(sync.status.getSnapshot().waiting).toBe(0);
    sync.stop();
  });

  it('two tabs flushing at once: one flusher at a time, each item sent once (in-memory lock)', async () => {
    w = world();
    const { db, session, auth } = await aliceSync();
    const items = Array.from({ length: 5 }, (_, i) => application(`item ${i}`));
    for (const item of items) await enqueue(db, session, item);
    const otherTab = openPersonDatabase(alice.personId);
    const run = (database: typeof db) =>
      memoryLock(`spc-flush-${alice.personId}`, () => flushOutbox({ db: database, session, api: w.api, auth, batchSize: 2 }));
    const [a, b] = await Promise.all([run(db), run(otherTab)]);
    otherTab.close();
    expect(w.service.maxConcurrentPushes).toBe(1);
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    expect([a, b]).toContainEqual({ kind: 'done', applied: 5, duplicate: 0, rejected: 0, held: 0 });
    expect(w.service.calls.filter((c) => c.path === '/api/sync/push')).toHaveLength(3);
  });

  it('two tabs with Web Locks: the lock is taken through navigator.locks', async () => {
    w = world();
    const { db, session, auth } = await aliceSync();
    for (let i = 0; i < 3; i++) await enqueue(db, session, application(`item ${i}`));
    const requested: string[] = [];
    const fakeLocks: LockManagerLike = {
      request: (name, options, callback) => {
        requested.push(name);
        return memoryLock(name, () => callback({ name }), options);
      },
    };
    const tab = (database: typeof db) =>
      createPersonSync({ db: database, session, api: w.api, auth, pull: false, lock: webLock(fakeLocks), clock: manualClock() });
    const otherDb = openPersonDatabase(alice.personId);
    const [t1, t2] = [tab(db), tab(otherDb)];
    await Promise.all([t1.syncNow(), t2.syncNow()]);
    otherDb.close();
    expect(requested).toEqual(['spc-flush-person-a', 'spc-flush-person-a']);
    expect(w.service.maxConcurrentPushes).toBe(1);
    expect(w.service.effects).toHaveLength(3);
    t1.stop();
    t2.stop();
  });

  it('500: kept, retried after a full-jitter backoff on the monotonic clock', async () => {
    w = world();
    const clock = manualClock();
    const { sync } = await aliceSync({ clock });
    w.service.fault({ kind: 'status', status: 500 });
    const item = application();
    await sync.enqueue(item);
    await sync.idle();
    expect(sync.status.getSnapshot()).toMatchObject({ waiting: 1, lastFailure: 'server' });
    expect(w.service.effects).toHaveLength(0);
    // random() = 0.5, first failure: wait 0.5 × 1 s.
    clock.advance(499);
    await sync.idle();
    expect(w.service.effects).toHaveLength(0);
    clock.advance(1);
    await sync.idle();
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    sync.stop();
  });

  it('503 with Retry-After (seconds), then (HTTP date, measured against the service\'s Date)', async () => {
    w = world();
    const clock = manualClock();
    const { sync } = await aliceSync({ clock });
    w.service.fault({ kind: 'status', status: 503, retryAfter: '120' });
    await sync.enqueue(application());
    await sync.idle();
    // An enqueue during the wait does not jump the queue.
    await sync.enqueue(application());
    await sync.idle();
    clock.advance(119_999);
    await sync.idle();
    expect(w.service.effects).toHaveLength(0);
    clock.advance(1);
    await sync.idle();
    expect(w.service.effects).toHaveLength(2);

    w.service.fault({ kind: 'status', status: 503, retryAfter: 'Wed, 21 Oct 2015 07:28:30 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    await sync.enqueue(application());
    await sync.idle();
    clock.advance(29_999);
    await sync.idle();
    expect(w.service.effects).toHaveLength(2);
    clock.advance(1);
    await sync.idle();
    expect(w.service.effects).toHaveLength(3);
    sync.stop();
  });

  it('429 is retried, and `online` does not skip the service\'s Retry-After', async () => {
    w = world();
    const clock = manualClock();
    const { sync } = await aliceSync({ clock });
    w.service.fault({ kind: 'status', status: 429, retryAfter: '10' });
    await sync.enqueue(application());
    await sync.idle();
    sync.request('online');
    await sync.idle();
    expect(w.service.effects).toHaveLength(0);
    clock.advance(10_000);
    await sync.idle();
    expect(w.service.effects).toHaveLength(1);
    sync.stop();
  });

  it('`online` after a network failure tries again at once', async () => {
    w = world();
    const clock = manualClock();
    const { sync } = await aliceSync({ clock });
    w.service.setOnline(false);
    await sync.enqueue(application());
    await sync.idle();
    w.service.setOnline(true);
    sync.request('online');
    await sync.idle();
    expect(w.service.effects).toHaveLength(1);
    sync.stop();
  });

  it('401: re-authenticates through the refresh token and keeps the queue; without it, asks to sign in', async () => {
    w = world();
    const { sync, db } = await aliceSync();
    w.service.expireAccessTokens();
    const first = application();
    await sync.enqueue(first);
    await sync.idle();
    expect(w.service.effectsFor(alice.personId)).toEqual([first.id]);
    expect(w.service.calls.map((c) => `${c.path} ${c.status}`)).toEqual(
      expect.arrayContaining(['/api/sync/push 401', '/api/auth/refresh 200', '/api/sync/push 200']),
    );

    // The sign-in has ended on the service: keep the queue, say "sign in again".
    w.service.expireAccessTokens();
    w.service.fault({ kind: 'status', status: 401 }, '/api/auth/refresh');
    const second = application();
    await sync.enqueue(second);
    await sync.idle();
    expect(sync.status.getSnapshot()).toMatchObject({ signInNeeded: true, waiting: 1 });
    expect(await db.outbox.count()).toBe(1);
    sync.stop();

    // Signing in again delivers it.
    const again = await w.signIn(alice);
    const sync2 = createPersonSync({ db: again.db, session: again.session, api: w.api, auth: again.auth, pull: false, clock: manualClock() });
    expect(await sync2.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([first.id, second.id]);
    sync2.stop();
  });

  it('one item rejected while the others apply: kept, marked, message shown, does not block', async () => {
    w = world({ reject: (item) => (item.kind === 'application' && item.payload.details.includes('BAD') ? { code: 'invalid', message: 'Please say which course.' } : null) });
    const { sync, db, session } = await aliceSync();
    const items = [application('one'), application('BAD two'), application('three')];
    for (const item of items) await enqueue(db, session, item);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([items[0]!.id, items[2]!.id]);
    const views = await listItems(db, session);
    expect(views.map((v) => v.state)).toEqual(['rejected', 'sent', 'sent']);
    expect(views[0]?.rejection).toEqual({ code: 'invalid', message: 'Please say which course.' });
    expect(sync.status.getSnapshot()).toMatchObject({ waiting: 0, rejected: 1 });
    // Later items still go, and the rejected one is never resent or dropped.
    const later = application('four');
    await sync.enqueue(later);
    await sync.idle();
    expect(w.service.effectsFor(alice.personId)).toEqual([items[0]!.id, items[2]!.id, later.id]);
    expect(await db.outbox.get(items[1]!.id)).toMatchObject({ state: 'rejected' });
    expect(JSON.stringify(await db.submissions.toArray())).not.toContain('Please say which course');
    sync.stop();
  });

  it('the tab closed mid-sync: abort half-way, reopen, flush again — nothing lost, nothing doubled', async () => {
    w = world();
    const { db, session, auth } = await aliceSync();
    const items = Array.from({ length: 6 }, (_, i) => application(`item ${i}`));
    for (const item of items) await enqueue(db, session, item);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const controller = new AbortController();
    // First batch goes through; the second is applied by the service while the tab dies.
    w.service.fault({ kind: 'hold', gate: Promise.resolve() });
    w.service.fault({ kind: 'hold', gate });
    const flushing = flushOutbox({ db, session, api: w.api, auth, batchSize: 2 }, controller.signal);
    // Wait until the service has applied the second batch (its answer is still held), however
    // slow the machine is; a fixed sleep here failed on a loaded machine.
    await vi.waitFor(() => expect(w.service.effects).toHaveLength(4), { timeout: 5_000, interval: 5 });
    controller.abort();
    release();
    expect(await flushing).toEqual({ kind: 'aborted' });
    db.close();
    expect(w.service.effects).toHaveLength(4);

    const reopened = openPersonDatabase(alice.personId);
    expect(await reopened.outbox.count()).toBe(4);
    const outcome = await flushOutbox({ db: reopened, session, api: w.api, auth, batchSize: 2 });
    expect(outcome).toEqual({ kind: 'done', applied: 2, duplicate: 2, rejected: 0, held: 0 });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    expect(await reopened.outbox.count()).toBe(0);
    reopened.close();
  });

  it('a device clock days wrong changes neither order nor delivery', async () => {
    w = world();
    const { sync, db, session } = await aliceSync();
    // Made "later" but with a clock 3 days behind, then one with a clock 5 days ahead.
    const items = [application('a', '2026-11-23T10:00:00Z'), application('b', '2026-11-20T10:00:00Z'), application('c', '2026-11-28T10:00:00Z')];
    for (const item of items) await enqueue(db, session, item);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    sync.stop();
  });

  it('nothing expires: an item waiting through many failures is still delivered', async () => {
    w = world();
    const clock = manualClock();
    const { sync } = await aliceSync({ clock });
    w.service.setOnline(false);
    const item = application();
    await sync.enqueue(item);
    for (let i = 0; i < 40; i++) {
      clock.advance(10 * 60_000);
      await sync.idle();
    }
    expect(sync.status.getSnapshot().waiting).toBe(1);
    w.service.setOnline(true);
    clock.advance(10 * 60_000);
    await sync.idle();
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    sync.stop();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Sealed } from '../../src/app/data/crypto/seal.ts';
import type { PersonDatabase } from '../../src/app/data/person-db.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { enqueue, listItems } from '../../src/app/sync/outbox.ts';
import { readCursor } from '../../src/app/sync/pull.ts';
import { readPlan, readReplies } from '../../src/app/sync/read.ts';
import type { Plan } from '../../src/domain/plan.ts';
import { alice, application, manualClock, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

/** Ways a sealed value on disk can be spoilt: bytes changed, cut short, or the field gone. */
const damage = {
  flipped: (sealed: Sealed): Sealed => ({ ...sealed, ct: (sealed.ct[0] === 'A' ? 'B' : 'A') + sealed.ct.slice(1) }),
  truncated: (sealed: Sealed): Sealed => ({ ...sealed, ct: sealed.ct.slice(0, 12) }),
  deleted: (): undefined => undefined,
} as const;
type Damage = keyof typeof damage;

async function spoil(db: PersonDatabase, table: 'outbox' | 'submissions' | 'plans' | 'replies', id: string, how: Damage): Promise<void> {
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

function plan(version: number): Plan {
  return {
    id: `plan-${alice.personId}`,
    personId: alice.personId,
    updatedAt: `2026-11-0${version}T09:00:00Z`,
    sentence: { type: 'determinate', sentencedOn: '2025-03-10', lengthMonths: 48 },
    keyDates: { releaseDate: '2027-03-09' },
    objectives: [],
    reviews: [],
    agreement: 'agreed',
  };
}
const replyId = '0190a1b2-0000-7000-8000-000000000001';
const reply = { applicationId: replyId, personId: alice.personId, status: 'answered' as const, messages: [{ id: 'm1', at: '2026-11-10T09:00:00Z', text: 'See you Tuesday' }], updatedAt: '2026-11-10T09:00:00Z' };

describe('a tampered or truncated local store', () => {
  /** Alice has pulled her plan and a reply, has one item waiting and a draft; then the store is spoilt. */
  async function pulledThenSpoilt(spoilIt: (db: PersonDatabase) => Promise<void>) {
    w = world();
    w.service.addChange(alice.personId, { entity: 'plan', data: plan(1) });
    w.service.addChange(alice.personId, { entity: 'applicationReply', data: reply });
    const first = await w.signIn(alice);
    const sync1 = createPersonSync({ db: first.db, session: first.session, api: w.api, auth: first.auth, clock: manualClock() });
    expect(await sync1.syncNow()).toEqual({ kind: 'done' });
    w.service.setOnline(false);
    const item = application('still waiting');
    await sync1.enqueue(item);
    await sync1.idle();
    await first.db.meta.put({ key: 'draft.application', value: await first.session.seal({ details: 'half written' }, 'meta', 'draft.application') });
    sync1.stop();
    await spoilIt(first.db);
    w.service.setOnline(true);
    // The next sign-in on this device.
    const again = await w.signIn(alice);
    const sync = createPersonSync({ db: again.db, session: again.session, api: w.api, auth: again.auth, clock: manualClock() });
    return { ...again, sync, item };
  }

  it.each(['flipped', 'truncated', 'deleted'] as const)('a plan row %s: dropped, fetched again from the start; what is still readable is kept', async (how) => {
    const { db, session, sync, item } = await pulledThenSpoilt((db) => spoil(db, 'plans', plan(1).id, how));
    const pullsBefore = w.service.calls.filter((c) => c.path === '/api/sync/pull').length;
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(await readPlan(db, session)).toEqual(plan(1));
    expect((await readReplies(db, session)).get(replyId)).toEqual(reply);
    expect(await readCursor(db)).toBe('2');
    expect(w.service.calls.filter((c) => c.path === '/api/sync/pull').length).toBeGreaterThan(pullsBefore);
    expect(sync.status.getSnapshot().storeDamage).toBe('fetchedAgain');
    // The waiting item and the draft were readable: kept, and the item was sent.
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    const draft = await db.meta.get('draft.application');
    expect(await session.open(draft!.value as Sealed, 'meta', 'draft.application')).toEqual({ details: 'half written' });
    sync.stop();
  });

  it('a reply row spoilt, and a plan row that lost a field the indexes use: both fetched again', async () => {
    const { db, session, sync } = await pulledThenSpoilt(async (db) => {
      await spoil(db, 'replies', replyId, 'flipped');
      const row = await db.plans.get(plan(1).id);
      await db.plans.put({ id: row!.id, sealed: row!.sealed } as typeof row & object);
    });
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(await readPlan(db, session)).toEqual(plan(1));
    expect((await readReplies(db, session)).get(replyId)).toEqual(reply);
    sync.stop();
  });

  it('a spoilt cursor means "from the start"; a spoilt draft, name and refresh token go; a readable draft stays', async () => {
    const { db, session, sync, item } = await pulledThenSpoilt(async (db) => {
      await db.meta.put({ key: 'cursor', value: 'not-a-cursor' });
      const draft = await db.meta.get('draft.application');
      await db.meta.put({ key: 'draft.questionnaire', value: draft!.value }); // sealed for another key: does not open
      await db.meta.put({ key: 'outboxSeq', value: 'seven' });
    });
    const spoiltToken = await db.meta.get('refreshToken');
    await db.meta.put({ key: 'session.displayName', value: damage.truncated(spoiltToken!.value as Sealed) });
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(await readCursor(db)).toBe('2');
    expect(await readPlan(db, session)).toEqual(plan(1));
    expect(await db.meta.get('draft.questionnaire')).toBeUndefined();
    expect(await db.meta.get('session.displayName')).toBeUndefined();
    expect(await db.meta.get('draft.application')).toBeDefined();
    expect(w.service.effectsFor(alice.personId)).toEqual([item.id]);
    // New items still come after the old ones.
    const later = application('later');
    await enqueue(db, session, later);
    expect((await db.outbox.get(later.id))!.seq).toBeGreaterThan(0);
    expect(sync.status.getSnapshot().storeDamage).toBe('fetchedAgain');
    sync.stop();
  });

  it('a spoilt waiting item is set aside at once, even offline, and the screen is told', async () => {
    const { db, sync, item } = await pulledThenSpoilt(async (db) => {
      const id = (await db.outbox.toArray())[0]!.id;
      await spoil(db, 'outbox', id, 'flipped');
      await spoil(db, 'submissions', id, 'deleted');
    });
    w.service.setOnline(false);
    await sync.syncNow();
    expect(await db.outbox.get(item.id)).toMatchObject({ state: 'unreadable' });
    expect(sync.status.getSnapshot()).toMatchObject({ storeDamage: 'kept', rejected: 1, waiting: 0 });
    sync.stop();
  });
});

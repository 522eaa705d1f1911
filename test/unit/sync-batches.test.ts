import { afterEach, describe, expect, it } from 'vitest';
import { questionsOf } from '../../src/domain/questionnaire.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { maxPushBatch, maxPushBytes, type OutboxItem } from '../../src/domain/sync.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { enqueue, listItems } from '../../src/app/sync/outbox.ts';
import { newClientId } from '../../src/app/sync/ids.ts';
import type { FakeServiceOptions } from './sync-fake-service.ts';
import { alice, application, manualClock, world } from './sync-harness.ts';

/** The service's body limit (src/server/app.ts `bodyLimitBytes`). */
const serviceBodyLimit = 256 * 1024;

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

/** A self-assessment with notes of 1,000 characters each (about 1 KB per answer) on its first `answers` questions. */
function questionnaire(answers: number): OutboxItem {
  const id = newClientId();
  const createdAt = '2026-11-23T10:00:00Z';
  // Every statement answered (the set requires them); notes on the first `answers` questions.
  const all = Object.fromEntries(
    questionsOf(saq1).map((question, i) => [
      question.id,
      { ...(question.kind === 'statement' ? { choice: 'notSure' as const } : {}), ...(i < answers ? { note: 'n'.repeat(1000) } : { note: 'ok' }) },
    ]),
  );
  return { id, kind: 'questionnaire', createdAt, payload: { id, questionSet: saq1.id, completedOn: '2026-11-23', answers: all, createdAt } };
}

async function setUp(options: FakeServiceOptions, sync: { maxPushBytes?: number } = {}) {
  w = world(options);
  const signedIn = await w.signIn(alice);
  const clock = manualClock();
  const engine = createPersonSync({ db: signedIn.db, session: signedIn.session, api: w.api, auth: signedIn.auth, pull: false, clock, random: () => 0.5, ...sync });
  return { ...signedIn, sync: engine, clock };
}

const pushes = () => w.service.calls.filter((c) => c.path === '/api/sync/push');

describe('outbox batches are capped by bytes', () => {
  it('stays below the service\'s body limit, with room to spare', () => {
    expect(maxPushBytes).toBeLessThanOrEqual(serviceBodyLimit - 32 * 1024);
    expect(maxPushBatch).toBeGreaterThan(1);
  });

  it('big items go in several pushes, each under the cap, all in order, none refused', async () => {
    const { db, session, sync } = await setUp({ maxBodyBytes: serviceBodyLimit });
    const items = Array.from({ length: 12 }, () => questionnaire(25));
    for (const item of items) await enqueue(db, session, item);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    expect(pushes().every((c) => c.status === 200)).toBe(true);
    expect(Math.max(...w.service.pushBodies)).toBeLessThanOrEqual(maxPushBytes);
    expect(pushes().length).toBeGreaterThan(1);
    sync.stop();
  });

  it('counts bytes, not characters (Welsh letters take two bytes)', async () => {
    const { db, session, sync } = await setUp({}, { maxPushBytes: 4000 });
    const items = Array.from({ length: 6 }, () => application('ŵ'.repeat(400)));
    for (const item of items) await enqueue(db, session, item);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    expect(Math.max(...w.service.pushBodies)).toBeLessThanOrEqual(4000);
    sync.stop();
  });

  it('an item too big to send even alone is turned down on the device, before sending; nothing is lost and the rest go', async () => {
    const { db, session, sync } = await setUp({}, { maxPushBytes: 700 });
    const items = [application('short one'), application('x'.repeat(500)), application('short two')];
    for (const item of items) await enqueue(db, session, item);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual([items[0]!.id, items[2]!.id]);
    // It was never sent at all.
    expect(w.service.pushBodies.every((bytes) => bytes <= 700)).toBe(true);
    const views = await listItems(db, session);
    expect(views.find((v) => v.id === items[1]!.id)).toMatchObject({ state: 'rejected', rejection: { code: 'tooBig' } });
    expect(await db.outbox.get(items[1]!.id)).toMatchObject({ state: 'rejected' });
    expect(sync.status.getSnapshot()).toMatchObject({ waiting: 0, rejected: 1 });
    sync.stop();
  });
});

describe('a push the service cannot take is split', () => {
  it('413: halves the batch down to one; one that still gets 413 is turned down on the device; the rest go, in order', async () => {
    const { db, session, sync } = await setUp({ maxBodyBytes: 1200 });
    const items = [
      ...Array.from({ length: 5 }, (_, i) => application(`small ${i}`)),
      application('€'.repeat(500)), // 1,500 bytes: more than the service takes in one body
      ...Array.from({ length: 4 }, (_, i) => application(`later ${i}`)),
    ];
    for (const item of items) await enqueue(db, session, item);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    const big = items[5]!;
    expect(w.service.effectsFor(alice.personId)).toEqual(items.filter((i) => i !== big).map((i) => i.id));
    expect(await db.outbox.get(big.id)).toMatchObject({ state: 'rejected' });
    expect((await listItems(db, session)).find((v) => v.id === big.id)).toMatchObject({ state: 'rejected', rejection: { code: 'tooBig' } });
    expect(pushes().filter((c) => c.status === 413).length).toBeGreaterThan(0);
    sync.stop();
  });

  it('repeated 5xx: narrows down to the one item the service cannot store; the others go, in order; it keeps waiting, and blocks nothing', async () => {
    const poison = (item: OutboxItem) => item.kind === 'application' && item.payload.details.startsWith('poison');
    const { db, session, sync, clock } = await setUp({ failsBatch: poison });
    const items = Array.from({ length: 10 }, (_, i) => application(i === 6 ? 'poison: the service fails on this one' : `item ${i}`));
    for (const item of items) await enqueue(db, session, item);
    // The first 500 could be a passing fault: wait and try again, as before.
    expect(await sync.syncNow()).toMatchObject({ kind: 'retry', failure: 'server' });
    expect(w.service.effects).toHaveLength(0);
    // The second: split until the item is found; everything else is delivered in one go.
    await sync.syncNow();
    expect(w.service.effectsFor(alice.personId)).toEqual(items.filter((i) => !poison(i)).map((i) => i.id));
    expect(await db.outbox.get(items[6]!.id)).toMatchObject({ state: 'waiting' });
    expect(sync.status.getSnapshot().waiting).toBe(1);

    // Later items are never held up by it either.
    const later = application('made afterwards');
    await sync.enqueue(later);
    clock.advance(10 * 60_000);
    await sync.idle();
    expect(w.service.effectsFor(alice.personId).at(-1)).toBe(later.id);
    expect(await db.outbox.get(items[6]!.id)).toMatchObject({ state: 'waiting' });
    sync.stop();
  });

  it('an outage is not taken for a bad item: few requests per pass, nothing set aside, all delivered in order afterwards', async () => {
    let down = true;
    const { db, session, sync } = await setUp({ failsBatch: () => down });
    const items = Array.from({ length: 40 }, (_, i) => application(`item ${i}`));
    for (const item of items) await enqueue(db, session, item);
    for (let pass = 0; pass < 4; pass++) await sync.syncNow();
    expect(pushes().length).toBeLessThanOrEqual(4 + 2 * Math.ceil(Math.log2(40)) + 4);
    expect(await db.outbox.where('state').equals('waiting').count()).toBe(40);
    down = false;
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    expect(w.service.effectsFor(alice.personId)).toEqual(items.map((i) => i.id));
    sync.stop();
  });
});

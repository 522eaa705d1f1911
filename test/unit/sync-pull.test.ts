import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Plan } from '../../src/domain/plan.ts';
import type { Change } from '../../src/domain/sync.ts';
import { openPersonDatabase } from '../../src/app/data/person-db.ts';
import { checkChanges, pullChanges, readCursor, readLastSyncedAt, readPlanRejectedAt } from '../../src/app/sync/pull.ts';
import { alice, bob, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

function plan(personId: string, version: number): Plan {
  return {
    id: `plan-${personId}`,
    personId,
    updatedAt: `2026-11-0${version}T09:00:00Z`,
    sentence: { type: 'determinate', sentencedOn: '2025-03-10', lengthMonths: 48 },
    keyDates: { releaseDate: '2027-03-09' },
    objectives: [],
    reviews: [],
    agreement: 'agreed',
  };
}

describe('pull', () => {
  it('applies pages and the server\'s cursor together, sealed, until there is no more', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    for (let v = 1; v <= 5; v++) w.service.addChange(alice.personId, { entity: 'plan', data: plan(alice.personId, v) });
    w.service.addChange(alice.personId, {
      entity: 'applicationReply',
      data: { applicationId: '0190a1b2-0000-7000-8000-000000000001', personId: alice.personId, status: 'answered', messages: [{ id: 'm1', at: '2026-11-10T09:00:00Z', text: 'See you Tuesday' }], updatedAt: '2026-11-10T09:00:00Z' },
    });
    const outcome = await pullChanges({ db, session, api: w.api, auth, limit: 2, wallClock: () => 1234 });
    expect(outcome).toEqual({ kind: 'done' });
    expect(await readCursor(db)).toBe('6');
    expect(await readLastSyncedAt(db)).toBe(1234);
    const stored = await db.plans.get(`plan-${alice.personId}`);
    expect(stored?.updatedAt).toBe('2026-11-05T09:00:00Z');
    expect(await session.open(stored!.sealed, 'plans', stored!.id)).toMatchObject({ updatedAt: '2026-11-05T09:00:00Z' });
    expect(JSON.stringify(await db.replies.toArray())).not.toContain('Tuesday');
    expect(w.service.calls.filter((c) => c.path === '/api/sync/pull')).toHaveLength(3);
  });

  it('a failure half-way keeps every page already applied, and carries on from its cursor', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    for (let v = 1; v <= 4; v++) w.service.addChange(alice.personId, { entity: 'plan', data: plan(alice.personId, v) });
    w.service.fault({ kind: 'hold', gate: Promise.resolve() }, '/api/sync/pull');
    w.service.fault({ kind: 'status', status: 503, retryAfter: '5' }, '/api/sync/pull');
    expect(await pullChanges({ db, session, api: w.api, auth, limit: 2 })).toEqual({ kind: 'retry', failure: 'server', retryAfterMs: 5000 });
    expect(await readCursor(db)).toBe('2');
    expect(await readLastSyncedAt(db)).toBeNull();
    expect(await pullChanges({ db, session, api: w.api, auth, limit: 2 })).toEqual({ kind: 'done' });
    expect(await readCursor(db)).toBe('4');
  });

  it('drops a page another tab applied first (cursor moved)', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.addChange(alice.personId, { entity: 'plan', data: plan(alice.personId, 1) });
    const other = openPersonDatabase(alice.personId);
    await Promise.all([pullChanges({ db, session, api: w.api, auth }), pullChanges({ db: other, session, api: w.api, auth })]);
    other.close();
    expect(await readCursor(db)).toBe('1');
    expect(await db.plans.count()).toBe(1);
  });

  it('never stores another person\'s data, whatever the service sends', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.addChange(alice.personId, { entity: 'plan', data: plan(bob.personId, 1) });
    expect(await pullChanges({ db, session, api: w.api, auth })).toMatchObject({ kind: 'retry', failure: 'refused' });
    expect(await db.plans.count()).toBe(0);
    expect(await readCursor(db)).toBeNull();
  });

  it('401 on pull: refresh, then carry on', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.addChange(alice.personId, { entity: 'plan', data: plan(alice.personId, 1) });
    w.service.expireAccessTokens();
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect(await db.plans.count()).toBe(1);
  });
});

describe('pull keeps only the newest plan', () => {
  const withId = (id: string, version: number): Plan => ({ ...plan(alice.personId, version), id });

  it('a plan that arrives later replaces every earlier plan row, in the same transaction as the cursor', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.addChange(alice.personId, { entity: 'plan', data: { ...withId('plan-old', 1), objectives: [] } });
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect((await db.plans.toArray()).map((p) => p.id)).toEqual(['plan-old']);

    w.service.addChange(alice.personId, { entity: 'plan', data: withId('plan-new', 2) });
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect((await db.plans.toArray()).map((p) => p.id)).toEqual(['plan-new']);
    expect(await readCursor(db)).toBe('2');
  });

  it('of several plans in one page, only the last one the service sent is kept', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.addChange(alice.personId, { entity: 'plan', data: withId('plan-a', 1) });
    w.service.addChange(alice.personId, { entity: 'plan', data: withId('plan-b', 3) });
    // The service's order decides, not the dates: the last change is the current plan.
    w.service.addChange(alice.personId, { entity: 'plan', data: withId('plan-c', 2) });
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect((await db.plans.toArray()).map((p) => p.id)).toEqual(['plan-c']);
  });
});

describe('a plan that fails its check', () => {
  const reply = (personId: string) => ({
    entity: 'applicationReply' as const,
    data: { applicationId: '0190a1b2-0000-7000-8000-000000000009', personId, status: 'answered' as const, messages: [], updatedAt: '2026-11-10T09:00:00Z' },
  });

  it('is turned away whole with its reason logged; the last good plan stays, the rest of the page is applied and the cursor moves on', async () => {
    w = world();
    const { db, session, auth } = await w.signIn(alice);
    w.service.addChange(alice.personId, { entity: 'plan', data: plan(alice.personId, 1) });
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect(await readPlanRejectedAt(db)).toBeNull();

    // A newer plan with a goal status this version does not know, and a reply after it.
    const broken = { ...plan(alice.personId, 2), objectives: [{ id: 'o1', area: 'finances', priority: 1, title: 'Secret goal words', measure: 'm', status: 'paused', dueBy: '2027-01-01', steps: [] }] };
    w.service.addChange(alice.personId, { entity: 'plan', data: broken } as unknown as Change);
    w.service.addChange(alice.personId, reply(alice.personId));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await pullChanges({ db, session, api: w.api, auth, wallClock: () => 5678 })).toEqual({ kind: 'done' });
      expect(warn).toHaveBeenCalledTimes(1);
      const logged = warn.mock.calls[0]!.join(' ');
      expect(logged).toMatch(/plan .*not used/);
      expect(logged).toContain('data.objectives.0.status');
      expect(logged).not.toContain('Secret goal words');
    } finally {
      warn.mockRestore();
    }
    expect(await readCursor(db)).toBe('3');
    expect(await readPlanRejectedAt(db)).toBe(5678);
    const rows = await db.plans.toArray();
    expect(rows.map((row) => row.updatedAt)).toEqual(['2026-11-01T09:00:00Z']);
    expect(await db.replies.count()).toBe(1);

    // The next good plan replaces it and clears the notice.
    w.service.addChange(alice.personId, { entity: 'plan', data: plan(alice.personId, 3) });
    expect(await pullChanges({ db, session, api: w.api, auth })).toEqual({ kind: 'done' });
    expect(await readPlanRejectedAt(db)).toBeNull();
    expect((await db.plans.toArray()).map((row) => row.updatedAt)).toEqual(['2026-11-03T09:00:00Z']);
  });

  it('keeps the page\'s last good plan when a bad one comes before it', () => {
    const good = { entity: 'plan', data: plan(alice.personId, 2) };
    const bad = { entity: 'plan', data: { ...plan(alice.personId, 1), agreement: 'maybe' } };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(checkChanges([bad, good])).toEqual({ changes: [good], lastPlanRejected: false });
      expect(checkChanges([good, bad]).lastPlanRejected).toBe(true);
      expect(checkChanges([reply(alice.personId)]).lastPlanRejected).toBeNull();
    } finally {
      warn.mockRestore();
    }
  });
});

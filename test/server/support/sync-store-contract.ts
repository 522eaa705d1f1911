/**
 * The storage contract for sign-in sessions, the sign-in limiter and push, run against every engine.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxItem } from '../../../src/domain/sync.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import type { AttemptPolicy } from '../../../src/server/auth/sign-in-limits.ts';
import { hashToken, newToken } from '../../../src/server/auth/tokens.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import { StoreNotFoundError, type Engine, type NewSession, type Store } from '../../../src/server/store/index.ts';
import { applicationItem, questionnaireItem, type ApplicationItem } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
/** An ISO time `seconds` after the start of each test's made-up day. */
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

const policy: AttemptPolicy = { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 120, forgetAfterSeconds: 3600 };

export function describeSyncStoreContract(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`sync store contract: ${engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const opened: Store[] = [];
    let cheapHash = '';

    async function reopen(): Promise<Store> {
      const next = await harness.open();
      opened.push(next);
      return next;
    }

    async function addPerson(prisonNumber: string): Promise<string> {
      const personId = newOpaqueId('p');
      await store.insertPerson({ personId, prisonNumber, displayName: 'Test Person', pinHash: cheapHash });
      await store.putPlan(samplePlan(personId));
      return personId;
    }

    /** A session from `at(0)`, its access token good for 900 s and the sign-in for 12 h. */
    function newSession(personId: string): { session: NewSession; access: string; refresh: string } {
      const access = newToken();
      const refresh = newToken();
      return {
        access,
        refresh,
        session: {
          sessionId: newOpaqueId('s'),
          personId,
          createdAt: at(0),
          expiresAt: at(12 * 3600),
          access: { hash: hashToken(access), expiresAt: at(900) },
          refresh: { hash: hashToken(refresh), expiresAt: at(12 * 3600) },
        },
      };
    }

    function nextPair(now: number) {
      const access = newToken();
      const refresh = newToken();
      return { access, refresh, next: { access: { hash: hashToken(access), expiresAt: at(now + 900) }, refreshHash: hashToken(refresh) } };
    }

    beforeAll(async () => {
      cheapHash = await hashPin('123456', { N: 1024, r: 8, p: 1 });
    });

    beforeEach(async () => {
      harness = await makeHarness();
      store = await reopen();
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
      await harness.dispose();
    });

    describe('sessions', () => {
      it('finds the person behind a live access token, and nothing for anything else', async () => {
        const personId = await addPerson('A1234BC');
        const { session, access, refresh } = newSession(personId);
        await store.createSession(session);
        expect(await store.findSession(hashToken(access), at(10))).toEqual({ sessionId: session.sessionId, personId });
        expect(await store.findSession(hashToken(refresh), at(10)), 'a refresh token is not an access token').toBeNull();
        expect(await store.findSession(hashToken(newToken()), at(10))).toBeNull();
        expect(await store.findSession(hashToken(access), at(900)), 'expired').toBeNull();
        expect((await store.getPersonById(personId))?.prisonNumber).toBe('A1234BC');
        expect(await store.getPersonById('nobody')).toBeNull();
      });

      it('ends a sign-in on revoke, by id or by either token', async () => {
        const personId = await addPerson('A1234BC');
        const first = newSession(personId);
        await store.createSession(first.session);
        expect(await store.revokeSession(first.session.sessionId, at(5))).toBe(true);
        expect(await store.revokeSession(first.session.sessionId, at(6))).toBe(false);
        expect(await store.findSession(hashToken(first.access), at(10))).toBeNull();

        const second = newSession(personId);
        await store.createSession(second.session);
        expect(await store.revokeSessionByToken(hashToken(second.refresh), at(5))).toBe(true);
        expect(await store.findSession(hashToken(second.access), at(10))).toBeNull();
        expect(await store.rotateRefreshToken(hashToken(second.refresh), nextPair(10).next, at(10))).toEqual({ status: 'invalid' });
        expect(await store.revokeSessionByToken(hashToken(newToken()), at(5))).toBe(false);
      });

      it('swaps a refresh token once; a second use ends the whole sign-in', async () => {
        const personId = await addPerson('A1234BC');
        const { session, refresh } = newSession(personId);
        await store.createSession(session);
        const pair = nextPair(600);
        const outcome = await store.rotateRefreshToken(hashToken(refresh), pair.next, at(600));
        expect(outcome).toEqual({
          status: 'rotated',
          sessionId: session.sessionId,
          personId,
          accessExpiresAt: at(1500),
          refreshExpiresAt: session.expiresAt,
        });
        expect(await store.findSession(hashToken(pair.access), at(1400))).toEqual({ sessionId: session.sessionId, personId });

        expect(await store.rotateRefreshToken(hashToken(refresh), nextPair(700).next, at(700))).toEqual({ status: 'reused' });
        expect(await store.findSession(hashToken(pair.access), at(701)), 'the family is revoked').toBeNull();
        expect(await store.rotateRefreshToken(hashToken(pair.refresh), nextPair(702).next, at(702))).toEqual({ status: 'invalid' });
      });

      it('never lets a refresh outlive the sign-in, and refuses unknown or expired tokens', async () => {
        const personId = await addPerson('A1234BC');
        const { session, refresh } = newSession(personId);
        await store.createSession(session);
        const late = 12 * 3600 - 100;
        const pair = nextPair(late);
        const outcome = await store.rotateRefreshToken(hashToken(refresh), pair.next, at(late));
        expect(outcome).toMatchObject({ status: 'rotated', accessExpiresAt: session.expiresAt, refreshExpiresAt: session.expiresAt });
        expect(await store.rotateRefreshToken(hashToken(pair.refresh), nextPair(12 * 3600).next, at(12 * 3600))).toEqual({ status: 'invalid' });
        expect(await store.rotateRefreshToken(hashToken(newToken()), nextPair(5).next, at(5))).toEqual({ status: 'invalid' });
      });

      it('lets only one of two refreshes at once win; the other ends the sign-in', async () => {
        const personId = await addPerson('A1234BC');
        const { session, refresh } = newSession(personId);
        await store.createSession(session);
        const pairs = [nextPair(60), nextPair(60)];
        const outcomes = await Promise.all(pairs.map((pair) => store.rotateRefreshToken(hashToken(refresh), pair.next, at(60))));
        expect(outcomes.map((o) => o.status).sort()).toEqual(['reused', 'rotated']);
        for (const pair of pairs) expect(await store.findSession(hashToken(pair.access), at(61))).toBeNull();
      });

      it('keeps sign-ins across a restart', async () => {
        const personId = await addPerson('A1234BC');
        const { session, access } = newSession(personId);
        await store.createSession(session);
        await store.close();
        const again = await reopen();
        expect(await again.findSession(hashToken(access), at(10))).toEqual({ sessionId: session.sessionId, personId });
      });
    });

    describe('sign-in attempts', () => {
      const key = 'k'.repeat(64);
      const other = 'o'.repeat(64);

      it('allows 5 tries, then makes each next try wait longer: 30 s, 60 s, 120 s, capped', async () => {
        for (let i = 1; i <= 5; i++) expect(await store.beginSignInAttempt([{ key, policy }], at(0))).toEqual({ allowed: true, failures: [i] });
        expect(await store.beginSignInAttempt([{ key, policy }], at(1))).toEqual({ allowed: false, retryAfterSeconds: 29 });
        expect(await store.beginSignInAttempt([{ key, policy }], at(30))).toEqual({ allowed: true, failures: [6] });
        expect(await store.beginSignInAttempt([{ key, policy }], at(31))).toEqual({ allowed: false, retryAfterSeconds: 59 });
        expect(await store.beginSignInAttempt([{ key, policy }], at(90))).toEqual({ allowed: true, failures: [7] });
        expect(await store.beginSignInAttempt([{ key, policy }], at(90))).toEqual({ allowed: false, retryAfterSeconds: 120 });
        expect(await store.beginSignInAttempt([{ key, policy }], at(210))).toEqual({ allowed: true, failures: [8] });
        expect(await store.beginSignInAttempt([{ key, policy }], at(210))).toEqual({ allowed: false, retryAfterSeconds: 120 });
      });

      it('clears on a right PIN, takes back one try for an address, and forgets after an hour', async () => {
        for (let i = 0; i < 4; i++) await store.beginSignInAttempt([{ key, policy }, { key: other, policy }], at(0));
        await store.settleSignInSuccess({ clear: [key], undo: [other] });
        expect(await store.beginSignInAttempt([{ key, policy }, { key: other, policy }], at(1))).toEqual({ allowed: true, failures: [1, 4] });
        expect(await store.beginSignInAttempt([{ key: other, policy }], at(2))).toEqual({ allowed: true, failures: [5] });
        expect((await store.beginSignInAttempt([{ key: other, policy }], at(3))).allowed).toBe(false);
        expect(await store.beginSignInAttempt([{ key: other, policy }], at(3 + 3601))).toEqual({ allowed: true, failures: [1] });
      });

      it('counts nothing when any key must wait', async () => {
        for (let i = 0; i < 5; i++) await store.beginSignInAttempt([{ key, policy }], at(0));
        expect(await store.beginSignInAttempt([{ key: other, policy }, { key, policy }], at(10))).toEqual({ allowed: false, retryAfterSeconds: 20 });
        expect(await store.beginSignInAttempt([{ key: other, policy }], at(10))).toEqual({ allowed: true, failures: [1] });
      });

      it('lets only 5 of many tries at once through', async () => {
        const starts = await Promise.all(Array.from({ length: 20 }, () => store.beginSignInAttempt([{ key, policy }], at(0))));
        expect(starts.filter((s) => s.allowed)).toHaveLength(5);
      });
    });

    describe('push', () => {
      it('applies an application and a questionnaire, with their effects', async () => {
        const personId = await addPerson('A1234BC');
        const application = applicationItem();
        const questionnaire = questionnaireItem();
        const results = await store.applyPush(personId, [application, questionnaire], at(0));
        expect(results).toEqual([
          { id: application.id, status: 'applied' },
          { id: questionnaire.id, status: 'applied' },
        ]);
        expect(await store.listApplications(personId)).toEqual([application.payload]);
        expect(await store.listQuestionnaires(personId)).toEqual([questionnaire.payload]);
        // The device learns from its next pull that the application has arrived.
        const page = await store.changesSince(personId, '0', 10);
        expect(page.entries.map((e) => e.change.entity)).toEqual(['plan', 'applicationReply']);
        expect(page.entries[1]!.change.data).toEqual({ applicationId: application.id, personId, status: 'new', updatedAt: at(0) });
      });

      it('has exactly one effect when an item is sent again (the answer was lost)', async () => {
        const personId = await addPerson('A1234BC');
        const items = [applicationItem(), questionnaireItem()];
        await store.applyPush(personId, items, at(0));
        const again = await store.applyPush(personId, items, at(5));
        expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
        expect(await store.listApplications(personId)).toHaveLength(1);
        expect(await store.listQuestionnaires(personId)).toHaveLength(1);
        expect((await store.changesSince(personId, '0', 10)).entries).toHaveLength(2);
      });

      it('compares what was sent: the same id with other content is a conflict, the same content in any key order a duplicate', async () => {
        const personId = await addPerson('A1234BC');
        const item = questionnaireItem();
        expect((await store.applyPush(personId, [item], at(0)))[0]!.status).toBe('applied');
        const reordered = { ...item, payload: { ...item.payload, answers: Object.fromEntries(Object.entries(item.payload.answers).reverse()) } };
        expect(await store.applyPush(personId, [reordered], at(1))).toEqual([{ id: item.id, status: 'duplicate' }]);
        const changed = { ...item, payload: { ...item.payload, completedOn: '2026-02-28' } };
        const [result] = await store.applyPush(personId, [changed], at(2));
        expect(result).toMatchObject({ id: item.id, status: 'rejected', code: 'conflict' });
        expect(await store.listQuestionnaires(personId)).toEqual([item.payload]);
      });

      it('still answers duplicate for an item recorded before digests were canonical', async () => {
        const personId = await addPerson('A1234BC');
        // As the push route hands items to the store: parsed by the shared schema.
        const item = OutboxItem.parse(applicationItem()) as ApplicationItem;
        await store.applyPush(personId, [item], at(0));
        const driver = harness.openDriver();
        try {
          // As the service wrote it before: the SHA-256 of the item's JSON in the schema's order.
          const legacy = `sha256:${createHash('sha256').update(JSON.stringify(item)).digest('hex')}`;
          expect(await driver.run('UPDATE processed_outbox SET payload = ? WHERE id = ?', [legacy, item.id])).toBe(1);
        } finally {
          await driver.close();
        }
        expect(await store.applyPush(personId, [item], at(1))).toEqual([{ id: item.id, status: 'duplicate' }]);
        const changed = { ...item, payload: { ...item.payload, details: 'Other words.' } };
        expect((await store.applyPush(personId, [changed], at(2)))[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
      });

      it('treats the same id twice in one batch as one effect', async () => {
        const personId = await addPerson('A1234BC');
        const item = applicationItem();
        expect((await store.applyPush(personId, [item, item], at(0))).map((r) => r.status)).toEqual(['applied', 'duplicate']);
        expect(await store.listApplications(personId)).toHaveLength(1);
      });

      it('has exactly one effect when two sends of one id arrive at once', async () => {
        const personId = await addPerson('A1234BC');
        const item = applicationItem();
        const results = await Promise.all([store.applyPush(personId, [item], at(0)), store.applyPush(personId, [item], at(0))]);
        expect(results.map((r) => r[0]!.status).sort()).toEqual(['applied', 'duplicate']);
        expect(await store.listApplications(personId)).toHaveLength(1);
        expect((await store.changesSince(personId, '0', 10)).entries).toHaveLength(2);
      });

      it.runIf(engine === 'postgres')('has exactly one effect when two servers get one id at once', async () => {
        const personId = await addPerson('A1234BC');
        const second = await reopen();
        for (let round = 0; round < 10; round++) {
          const item = round % 2 ? applicationItem(`Round ${round}`) : questionnaireItem();
          const results = await Promise.all([store.applyPush(personId, [item], at(round)), second.applyPush(personId, [item], at(round))]);
          expect(results.map((r) => r[0]!.status).sort()).toEqual(['applied', 'duplicate']);
        }
        expect(await store.listApplications(personId)).toHaveLength(5);
        expect(await store.listQuestionnaires(personId)).toHaveLength(5);
      });

      it("refuses someone else's id, changing nothing and telling nothing", async () => {
        const alex = await addPerson('A1234BC');
        const bo = await addPerson('B2345CD');
        const item = applicationItem('Alex writes this.');
        await store.applyPush(alex, [item], at(0));
        const [result] = await store.applyPush(bo, [{ ...item, payload: { ...item.payload, details: 'Bo writes this.' } }], at(1));
        expect(result).toMatchObject({ id: item.id, status: 'rejected', code: 'conflict' });
        expect(JSON.stringify(result)).not.toContain('Alex');
        expect(await store.listApplications(bo)).toEqual([]);
        expect(await store.listApplications(alex)).toEqual([item.payload]);
        expect((await store.changesSince(bo, '0', 10)).entries).toHaveLength(1);
      });

      it('refuses an application whose own id is taken, and records nothing for it', async () => {
        const personId = await addPerson('A1234BC');
        const first = applicationItem();
        await store.applyPush(personId, [first], at(0));
        const clash = { ...applicationItem(), payload: first.payload };
        const results = await store.applyPush(personId, [clash, clash], at(1));
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        expect(await store.listApplications(personId)).toHaveLength(1);
      });

      it('applies the rest of a batch around an item whose own id is taken, keeping no record of that item', async () => {
        const personId = await addPerson('A1234BC');
        const first = applicationItem('First');
        await store.applyPush(personId, [first], at(0));
        const clash = { ...applicationItem(), payload: first.payload };
        const [before, after] = [applicationItem('Before'), questionnaireItem()];
        const results = await store.applyPush(personId, [before, clash, after], at(1));
        expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
        // Sent again, the clash is still refused, never a false duplicate; the others are duplicates.
        const again = await store.applyPush(personId, [before, clash, after], at(2));
        expect(again.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
        expect((await store.listApplications(personId)).map((a) => a.details).sort()).toEqual(['Before', 'First']);
        expect(await store.listQuestionnaires(personId)).toHaveLength(1);
        expect((await store.changesSince(personId, '0', 10)).entries).toHaveLength(3);
      });

      it('applies the first of two items in one batch that carry one application, and refuses the second', async () => {
        const personId = await addPerson('A1234BC');
        const first = applicationItem('Mine first');
        const second = { ...applicationItem('Mine second'), payload: first.payload };
        const results = await store.applyPush(personId, [first, second], at(0));
        expect(results.map((r) => r.status)).toEqual(['applied', 'rejected']);
        // The refused one kept no record: sent again it is refused again, never a false duplicate.
        expect((await store.applyPush(personId, [second, first], at(1))).map((r) => r.status)).toEqual(['rejected', 'duplicate']);
        expect(await store.listApplications(personId)).toEqual([first.payload]);
        expect((await store.changesSince(personId, '0', 10)).entries).toHaveLength(2);
      });

      it("answers each item of a batch that mixes new items, resends and someone else's id", async () => {
        const alex = await addPerson('A1234BC');
        const bo = await addPerson('B2345CD');
        const alexs = applicationItem('Alex writes this.');
        await store.applyPush(alex, [alexs], at(0));
        const sent = applicationItem('Bo sent this before.');
        await store.applyPush(bo, [sent], at(1));
        const [one, two] = [applicationItem('Bo one'), questionnaireItem()];
        const results = await store.applyPush(bo, [one, alexs, sent, two, one], at(2));
        expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'duplicate', 'applied', 'duplicate']);
        expect(results.map((r) => r.id)).toEqual([one.id, alexs.id, sent.id, two.id, one.id]);
        expect((await store.listApplications(bo)).map((a) => a.details).sort()).toEqual(['Bo one', 'Bo sent this before.']);
        expect(await store.listApplications(alex)).toEqual([alexs.payload]);
        // Bo's replies arrive in the order sent, after Bo's plan.
        const page = await store.changesSince(bo, '0', 10);
        expect(page.entries.map((e) => (e.change.entity === 'applicationReply' ? e.change.data.applicationId : 'plan'))).toEqual([
          'plan',
          sent.payload.id,
          one.payload.id,
        ]);
      });

      it('keeps the order sent in the change log for a large batch', async () => {
        const personId = await addPerson('A1234BC');
        const items = Array.from({ length: 100 }, (_, i) => applicationItem(`Item ${i}`));
        const results = await store.applyPush(personId, items, at(0));
        expect(results.every((r) => r.status === 'applied')).toBe(true);
        const page = await store.changesSince(personId, '0', 200);
        const replies = page.entries.flatMap((e) => (e.change.entity === 'applicationReply' ? [e.change.data.applicationId] : []));
        expect(replies).toEqual(items.map((item) => item.payload.id));
      });

      it('does not deadlock when two people send batches with the same ids in opposite orders at once', async () => {
        const alex = await addPerson('A1234BC');
        const bo = await addPerson('B2345CD');
        for (let round = 0; round < 5; round++) {
          const items = Array.from({ length: 20 }, (_, i) => (i % 3 ? applicationItem(`Round ${round} item ${i}`) : questionnaireItem()));
          const [forAlex, forBo] = await Promise.all([store.applyPush(alex, items, at(round)), store.applyPush(bo, [...items].reverse(), at(round))]);
          // Each id goes to whoever got it first; the other is refused.
          const applied = [...forAlex, ...forBo].filter((r) => r.status === 'applied');
          expect(applied).toHaveLength(20);
          expect(new Set(applied.map((r) => r.id)).size).toBe(20);
        }
      });

      it('gives one effect per id when one person sends overlapping batches at once, in any order', async () => {
        const personId = await addPerson('A1234BC');
        const items = [applicationItem('One'), applicationItem('Two'), questionnaireItem()];
        const results = await Promise.all([
          store.applyPush(personId, items, at(0)),
          store.applyPush(personId, [...items].reverse(), at(0)),
        ]);
        expect(results.flat().filter((r) => r.status === 'applied')).toHaveLength(3);
        expect(results.flat().filter((r) => r.status === 'duplicate')).toHaveLength(3);
        expect(await store.listApplications(personId)).toHaveLength(2);
        expect((await store.changesSince(personId, '0', 10)).entries).toHaveLength(3);
      });

      it('keeps what was applied before a crash, and a resend finishes the rest', async () => {
        const personId = await addPerson('A1234BC');
        const items = [applicationItem('One'), questionnaireItem(), applicationItem('Three'), questionnaireItem()];
        await store.applyPush(personId, items.slice(0, 2), at(0));
        await store.close();
        const restarted = await reopen();
        const results = await restarted.applyPush(personId, items, at(10));
        expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied', 'applied']);
        expect(await restarted.listApplications(personId)).toHaveLength(2);
        expect(await restarted.listQuestionnaires(personId)).toHaveLength(2);
      });

      it("delivers only an application's newest status: an older reply is never pulled again", async () => {
        const personId = await addPerson('A1234BC');
        const [a, b] = [applicationItem('First'), applicationItem('Second')];
        await store.applyPush(personId, [a, b], at(0));
        const before = await store.changesSince(personId, '0', 10);
        expect(before.entries.map((e) => e.change.entity)).toEqual(['plan', 'applicationReply', 'applicationReply']);

        const working = await store.recordApplicationReply({ applicationId: a.payload.id, personId, status: 'inProgress', updatedAt: at(60) });
        const answered = await store.recordApplicationReply({
          applicationId: a.payload.id,
          personId,
          status: 'approved',
          reply: 'Your POM will see you on Tuesday.',
          updatedAt: at(120),
        });
        expect(Number(answered.cursor)).toBeGreaterThan(Number(working.cursor));
        expect(Number(working.cursor)).toBeGreaterThan(Number(before.cursor));

        // A new device, from 0: the plan, B's reply, and only the newest reply for A.
        const fresh = await store.changesSince(personId, '0', 10);
        const replies = fresh.entries.flatMap((e) => (e.change.entity === 'applicationReply' ? [e.change.data] : []));
        expect(replies).toEqual([
          { applicationId: b.payload.id, personId, status: 'new', updatedAt: at(0) },
          { applicationId: a.payload.id, personId, status: 'approved', reply: 'Your POM will see you on Tuesday.', updatedAt: at(120) },
        ]);
        expect(fresh.entries.map((e) => e.cursor).at(-1)).toBe(answered.cursor);

        // A device that had pulled before gets just the newest status.
        const later = await store.changesSince(personId, before.cursor, 10);
        expect(later.entries.map((e) => e.cursor)).toEqual([answered.cursor]);
      });

      it("refuses a reply to an application that is not that person's", async () => {
        const alex = await addPerson('A1234BC');
        const bo = await addPerson('B2345CD');
        const item = applicationItem();
        await store.applyPush(alex, [item], at(0));
        await expect(
          store.recordApplicationReply({ applicationId: item.payload.id, personId: bo, status: 'declined', updatedAt: at(5) }),
        ).rejects.toBeInstanceOf(StoreNotFoundError);
        expect((await store.changesSince(bo, '0', 10)).entries).toHaveLength(1);
        expect((await store.changesSince(alex, '0', 10)).entries.at(-1)?.change.data).toMatchObject({ status: 'new' });
      });

      it('refuses a push for someone who does not exist', async () => {
        await expect(store.applyPush('nobody', [applicationItem()], at(0))).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });
  });
}

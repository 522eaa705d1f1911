/**
 * The storage contract for sign-in sessions, the sign-in limiter and push, run against every engine.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxItem } from '../../../src/domain/sync.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { defaultSignInLimits, signInKeys, type SignInKeys, type SignInLimits } from '../../../src/server/auth/sign-in-limits.ts';
import { hashToken, newToken } from '../../../src/server/auth/tokens.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import {
  StoreNotFoundError,
  type Engine,
  type KnownDeviceClaim,
  type NewSession,
  type SignInStart,
  type SignInSuccess,
  type Store,
} from '../../../src/server/store/index.ts';
import { applicationItem, applicationOfType, everyApplicationType, questionnaireItem, uuidv7, type ApplicationItem } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
/** An ISO time `seconds` after the start of each test's made-up day. */
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

/** The service's limits, with a lower cap on waits and on addresses so the tests stay short. */
const limits: SignInLimits = {
  ...defaultSignInLimits,
  pair: { ...defaultSignInLimits.pair, maxDelaySeconds: 120 },
  address: { ...defaultSignInLimits.address, freeFailures: 5 },
};

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
        expect(await store.findSession(hashToken(access), at(10))).toEqual({ sessionId: session.sessionId, personId, mustChangePin: false });
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
        expect(await store.findSession(hashToken(pair.access), at(1400))).toEqual({ sessionId: session.sessionId, personId, mustChangePin: false });

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
        expect(await again.findSession(hashToken(access), at(10))).toEqual({ sessionId: session.sessionId, personId, mustChangePin: false });
      });
    });

    describe('sign-in attempts', () => {
      const kiosk = 'kiosk-0000000000000000001';
      const keysFor = (prisonNumber: string, deviceId: string | undefined = kiosk, address = '10.0.0.1') => signInKeys({ prisonNumber, deviceId, address });
      const attempt = (keys: SignInKeys, now: string, more: { personId?: string | null; claim?: KnownDeviceClaim | null } = {}) =>
        store.beginSignInAttempt({ keys, personId: more.personId ?? null, claim: more.claim ?? null, limits, now });
      const fail = (keys: SignInKeys, start: SignInStart, now: string, personId: string | null = null) =>
        store.settleSignInFailure({ keys, personId, accountFailures: start.allowed ? start.accountFailures : null, limits, now });
      const succeed = (keys: SignInKeys, start: SignInStart, personId: string, now: string, device: SignInSuccess['device'] = null) =>
        store.settleSignInSuccess({ keys, personId, pinStamp: 'stamp-1', accountCounted: start.allowed && start.accountFailures !== null, device, now });
      const rows = async () => ({
        pairs: await harness.countRows('sign_in_attempts'),
        accounts: await harness.countRows('sign_in_account_failures'),
        addresses: await harness.countRows('sign_in_address_failures'),
      });

      it('allows 5 tries on one person and device, then each next try waits longer: 30 s, 60 s, 120 s, capped', async () => {
        const keys = keysFor('A1234BC');
        for (let i = 1; i <= 5; i++) expect(await attempt(keys, at(0))).toMatchObject({ allowed: true, pairFailures: i, accountFailures: i });
        expect(await attempt(keys, at(1))).toEqual({ allowed: false, limit: 'pair', retryAfterSeconds: 29 });
        expect(await attempt(keys, at(30))).toMatchObject({ allowed: true, pairFailures: 6 });
        expect(await attempt(keys, at(31))).toEqual({ allowed: false, limit: 'pair', retryAfterSeconds: 59 });
        expect(await attempt(keys, at(90))).toMatchObject({ allowed: true, pairFailures: 7 });
        expect(await attempt(keys, at(90))).toEqual({ allowed: false, limit: 'pair', retryAfterSeconds: 120 });
        // Another device is a fresh count; the whole account has 7.
        expect(await attempt(keysFor('A1234BC', 'tablet-000000000000000001'), at(91))).toMatchObject({ allowed: true, pairFailures: 1, accountFailures: 8 });
        // Forgotten after an hour with no wrong PIN.
        expect(await attempt(keys, at(90 + 3601))).toMatchObject({ allowed: true, pairFailures: 1 });
      });

      it('writes no counter row for a try it refuses', async () => {
        const keys = keysFor('A1234BC');
        for (let i = 0; i < 5; i++) await attempt(keys, at(0));
        const before = await rows();
        expect(before).toEqual({ pairs: 1, accounts: 1, addresses: 0 });
        for (let i = 0; i < 10; i++) expect((await attempt(keys, at(1))).allowed).toBe(false);
        // Refused by the whole-account limit, on devices never seen: still no rows.
        for (let d = 0; d < 5; d++) await attempt(keysFor('A1234BC', `other-device-0000000000${d}`), at(2));
        const capped = await rows();
        for (let d = 5; d < 25; d++) expect(await attempt(keysFor('A1234BC', `other-device-000000000${d}`), at(3))).toMatchObject({ allowed: false, limit: 'account' });
        expect(await rows()).toEqual(capped);
      });

      it('a right PIN clears the person-and-device count, takes the try back off the account, and leaves the address alone', async () => {
        const personId = await addPerson('A1234BC');
        const keys = keysFor('A1234BC');
        for (let i = 0; i < 4; i++) await fail(keys, await attempt(keys, at(0), { personId }), at(0), personId);
        const right = await attempt(keys, at(1), { personId });
        expect(right).toMatchObject({ allowed: true, pairFailures: 5, accountFailures: 5 });
        await succeed(keys, right, personId, at(1));
        expect(await attempt(keys, at(2), { personId })).toMatchObject({ allowed: true, pairFailures: 1, accountFailures: 5 });
      });

      it('lets only 5 of many tries at once on one person and device through', async () => {
        const keys = keysFor('A1234BC');
        const starts = await Promise.all(Array.from({ length: 20 }, () => attempt(keys, at(0))));
        expect(starts.filter((s) => s.allowed)).toHaveLength(5);
      });

      it('lets only 10 of many tries at once on one prison number from 40 devices through, without a known device', async () => {
        const starts = await Promise.all(Array.from({ length: 40 }, (_, d) => attempt(keysFor('A1234BC', `device-${String(d).padStart(20, '0')}`), at(0))));
        expect(starts.filter((s) => s.allowed)).toHaveLength(10);
        expect(starts.filter((s) => !s.allowed).every((s) => !s.allowed && s.limit === 'account')).toBe(true);
      });

      it('never holds up different people trying at once from one address, and a right PIN leaves nothing behind', async () => {
        const people = await Promise.all(Array.from({ length: 60 }, (_, i) => addPerson(`Q${String(i).padStart(4, '0')}AA`)));
        const keys = people.map((_, i) => keysFor(`Q${String(i).padStart(4, '0')}AA`, `kiosk-${i % 6}-0000000000000000`));
        const runs = await Promise.all(
          people.map(async (personId, i) => {
            const start = await attempt(keys[i]!, at(0), { personId });
            if (start.allowed) await succeed(keys[i]!, start, personId, at(0));
            return start.allowed;
          }),
        );
        expect(runs.every(Boolean)).toBe(true);
        expect(await rows()).toEqual({ pairs: 0, accounts: 0, addresses: 0 });
      });

      it('runs attempts and both kinds of settle side by side on shared keys without deadlock', async () => {
        const people = await Promise.all(Array.from({ length: 10 }, (_, i) => addPerson(`R${String(i).padStart(4, '0')}AA`)));
        const tries = Array.from({ length: 200 }, (_, n) => ({ i: n % 10, device: `kiosk-${n % 4}-0000000000000000`, rightPin: n % 3 !== 0 }));
        const outcomes = await Promise.allSettled(
          tries.map(async ({ i, device, rightPin }) => {
            const keys = keysFor(`R${String(i).padStart(4, '0')}AA`, device);
            const start = await attempt(keys, at(0), { personId: people[i]! });
            if (!start.allowed) return start.limit;
            if (rightPin) await succeed(keys, start, people[i]!, at(0));
            else await fail(keys, start, at(0), people[i]!);
            return 'checked';
          }),
        );
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      });

      it('counts a known device only with its own person, device and PIN, until it expires; then it is held by nothing else', async () => {
        const personId = await addPerson('A1234BC');
        const keys = keysFor('A1234BC', 'tablet-000000000000000001');
        const proof = hashToken(newToken());
        const first = await attempt(keys, at(0), { personId });
        await succeed(keys, first, personId, at(0), { proofHash: proof, isNew: true, expiresAt: at(1000), resume: { hash: hashToken(newToken()), expiresAt: at(1000) } });
        const claim: KnownDeviceClaim = { personId, deviceKey: keys.device, proofHashes: [hashToken(newToken()), proof], pinStamp: 'stamp-1' };
        expect(await attempt(keys, at(1), { personId, claim })).toMatchObject({ allowed: true, accountFailures: null, knownDeviceProof: proof });
        for (const wrongClaim of [
          { ...claim, personId: 'someone-else' },
          { ...claim, deviceKey: keysFor('A1234BC').device },
          { ...claim, pinStamp: 'stamp-2' },
          { ...claim, proofHashes: [hashToken(newToken())] },
        ]) {
          expect(await attempt(keys, at(2), { personId, claim: wrongClaim })).toMatchObject({ allowed: true, knownDeviceProof: null });
        }
        expect(await attempt(keys, at(1000), { personId, claim })).toMatchObject({ allowed: true, knownDeviceProof: null });
      });

      it('ends every known-device proof of a person when their PIN changes', async () => {
        const personId = await addPerson('A1234BC');
        const keys = keysFor('A1234BC', 'tablet-000000000000000001');
        const proof = hashToken(newToken());
        await succeed(keys, await attempt(keys, at(0), { personId }), personId, at(0), { proofHash: proof, isNew: true, expiresAt: at(9000), resume: { hash: hashToken(newToken()), expiresAt: at(9000) } });
        expect(await harness.countRows('known_devices')).toBe(1);
        await store.changePin(personId, await hashPin('999999', { N: 1024, r: 8, p: 1 }));
        expect(await harness.countRows('known_devices')).toBe(0);
        await expect(store.changePin('nobody', cheapHash)).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('counts different prison numbers with a wrong PIN per address in the last hour; a right PIN takes its number off', async () => {
        const personId = await addPerson('A1234BC');
        let wait = { addressWaitSeconds: 0 };
        for (let i = 0; i < 4; i++) {
          const keys = keysFor(`Z${String(i).padStart(4, '0')}ZZ`, undefined, '10.9.9.9');
          wait = await fail(keys, await attempt(keys, at(i)), at(i));
        }
        expect(wait).toEqual({ addressWaitSeconds: 0 });
        // The same number again does not count twice.
        const again = keysFor('Z0000ZZ', undefined, '10.9.9.9');
        expect(await fail(again, await attempt(again, at(4)), at(4))).toEqual({ addressWaitSeconds: 0 });
        const alexKeys = keysFor('A1234BC', undefined, '10.9.9.9');
        expect(await fail(alexKeys, await attempt(alexKeys, at(5), { personId }), at(5), personId)).toEqual({ addressWaitSeconds: 30 });
        expect(await attempt(keysFor('Z9999ZZ', undefined, '10.9.9.9'), at(6))).toEqual({ allowed: false, limit: 'address', retryAfterSeconds: 29 });
        expect(await attempt(keysFor('Z9999ZZ', undefined, '10.9.9.8'), at(6))).toMatchObject({ allowed: true });
        // Alex gets it right after the wait: Alex's number leaves the count.
        const right = await attempt(alexKeys, at(35), { personId });
        await succeed(alexKeys, right, personId, at(35));
        expect(await attempt(keysFor('Z9999ZZ', undefined, '10.9.9.9'), at(36))).toMatchObject({ allowed: true });
        // Four numbers are left on this address's list.
        expect(await harness.countRows('sign_in_address_failures')).toBe(4);
      });

      it('records alerts: the whole-account limit reached, and an address over its cap, newest first', async () => {
        const personId = await addPerson('A1234BC');
        for (let d = 0; d < 12; d++) {
          const keys = keysFor('A1234BC', `device-${String(d).padStart(20, '0')}`, '10.6.6.6');
          const start = await attempt(keys, at(d), { personId });
          if (start.allowed) await fail(keys, start, at(d), personId);
        }
        for (let i = 0; i < 6; i++) {
          const keys = keysFor(`Z${String(i).padStart(4, '0')}ZZ`, undefined, '10.7.7.7');
          const start = await attempt(keys, at(100 + i));
          if (start.allowed) await fail(keys, start, at(100 + i));
        }
        const alerts = await store.listSignInAlerts();
        expect(alerts).toEqual([
          { kind: 'address', personId: null, addressHash: keysFor('x', undefined, '10.7.7.7').address, wrongPins: 5, refused: 1, firstSeenAt: at(104), lastSeenAt: at(105) },
          { kind: 'account', personId, addressHash: keysFor('x', undefined, '10.6.6.6').address, wrongPins: 10, refused: 2, firstSeenAt: at(9), lastSeenAt: at(11) },
        ]);
        expect(await store.listSignInAlerts({ since: at(100) })).toHaveLength(1);
        expect(await store.listSignInAlerts({ limit: 1 })).toHaveLength(1);
      });

      it('sweeps only what has expired, at most batchSize rows per table per call', async () => {
        const personId = await addPerson('A1234BC');
        const ended = newSession(personId);
        await store.createSession(ended.session);
        const live = newSession(personId);
        await store.createSession({ ...live.session, expiresAt: at(24 * 3600), refresh: { ...live.session.refresh, expiresAt: at(24 * 3600) } });
        for (let d = 0; d < 3; d++) {
          const keys = keysFor('A1234BC', `device-${String(d).padStart(20, '0')}`);
          await fail(keys, await attempt(keys, at(0), { personId }), at(0), personId);
        }
        const tablet = keysFor('A1234BC', 'tablet-000000000000000001', '10.0.0.2');
        await succeed(tablet, await attempt(tablet, at(0), { personId }), personId, at(0), { proofHash: hashToken(newToken()), isNew: true, expiresAt: at(2 * 24 * 3600), resume: { hash: hashToken(newToken()), expiresAt: at(2 * 24 * 3600) } });
        const none = { session_tokens: 0, sessions: 0, sign_in_attempts: 0, sign_in_account_failures: 0, sign_in_address_failures: 0, known_devices: 0, sign_in_alerts: 0 };

        expect(await store.sweepSignInRecords(at(60), { batchSize: 2, limits }), 'nothing has expired yet').toEqual(none);
        // An hour and a minute on: both access tokens, the per-device counters and the address list
        // are done with, two rows a table at a time.
        expect(await store.sweepSignInRecords(at(3660), { batchSize: 2, limits })).toEqual({ ...none, session_tokens: 2, sign_in_attempts: 2, sign_in_address_failures: 1 });
        expect(await store.sweepSignInRecords(at(3660), { batchSize: 2, limits })).toEqual({ ...none, sign_in_attempts: 1 });
        expect(await harness.countRows('session_tokens'), 'the refresh tokens stay').toBe(2);
        // 12 hours: the first sign-in has ended (its refresh token, then the sign-in itself).
        expect(await store.sweepSignInRecords(at(12 * 3600), { batchSize: 10, limits })).toEqual({ ...none, session_tokens: 1, sessions: 1 });
        expect(await store.rotateRefreshToken(hashToken(live.refresh), nextPair(12 * 3600).next, at(12 * 3600))).toMatchObject({ status: 'rotated' });
        // A day: the account counter and the second sign-in; two days: the known-device proof.
        expect(await store.sweepSignInRecords(at(24 * 3600), { batchSize: 10, limits })).toEqual({ ...none, sign_in_account_failures: 1, session_tokens: 3, sessions: 1 });
        expect(await store.sweepSignInRecords(at(2 * 24 * 3600), { batchSize: 10, limits })).toEqual({ ...none, known_devices: 1 });
        expect(await harness.countRows('sessions')).toBe(0);
        expect(await harness.countRows('session_tokens')).toBe(0);
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
        expect(page.entries[1]!.change.data).toEqual({ applicationId: application.id, personId, status: 'received', messages: [], updatedAt: at(0) });
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
          const item = round % 2 ? applicationOfType(round, `Round ${round}`) : questionnaireItem();
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
        // Of a type not open, so only its taken id is at fault.
        const clash = { ...applicationItem(), payload: { ...first.payload, type: 'other' as const } };
        const [before, after] = [applicationOfType(1, 'Before'), questionnaireItem()];
        const results = await store.applyPush(personId, [before, clash, after], at(1));
        expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
        expect(results[1]).toMatchObject({ code: 'conflict' });
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
        const sent = applicationOfType(1, 'Bo sent this before.');
        await store.applyPush(bo, [sent], at(1));
        const [one, two] = [applicationOfType(2, 'Bo one'), questionnaireItem()];
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
        // One of each type (all open at once), in a shuffled order, among 91 questionnaires.
        const applications = [4, 0, 8, 2, 6, 1, 7, 3, 5].map((n) => applicationOfType(n, `Item ${n}`));
        const items = Array.from({ length: 100 }, (_, i) => (i % 11 === 3 ? applications[(i - 3) / 11]! : questionnaireItem()));
        const results = await store.applyPush(personId, items, at(0));
        expect(results.every((r) => r.status === 'applied')).toBe(true);
        const page = await store.changesSince(personId, '0', 200);
        const replies = page.entries.flatMap((e) => (e.change.entity === 'applicationReply' ? [e.change.data.applicationId] : []));
        expect(replies).toEqual(applications.map((item) => item.payload.id));
      });

      it('does not deadlock when two people send batches with the same ids in opposite orders at once', async () => {
        for (let round = 0; round < 5; round++) {
          // Two new people each round, and each application of its own type (one open per type),
          // so only the ids decide who gets what.
          const alex = await addPerson(`A123${round}BC`);
          const bo = await addPerson(`B234${round}CD`);
          const items = Array.from({ length: 20 }, (_, i) => (i % 3 === 1 ? applicationOfType((i - 1) / 3, `Round ${round} item ${i}`) : questionnaireItem()));
          const [forAlex, forBo] = await Promise.all([store.applyPush(alex, items, at(round)), store.applyPush(bo, [...items].reverse(), at(round))]);
          // Each id goes to whoever got it first; the other is refused.
          const applied = [...forAlex, ...forBo].filter((r) => r.status === 'applied');
          expect(applied).toHaveLength(20);
          expect(new Set(applied.map((r) => r.id)).size).toBe(20);
        }
      });

      it('gives one effect per id when one person sends overlapping batches at once, in any order', async () => {
        const personId = await addPerson('A1234BC');
        const items = [applicationOfType(0, 'One'), applicationOfType(1, 'Two'), questionnaireItem()];
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
        const items = [applicationOfType(0, 'One'), questionnaireItem(), applicationOfType(1, 'Three'), questionnaireItem()];
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
        const [a, b] = [applicationOfType(0, 'First'), applicationOfType(1, 'Second')];
        await store.applyPush(personId, [a, b], at(0));
        const before = await store.changesSince(personId, '0', 10);
        expect(before.entries.map((e) => e.change.entity)).toEqual(['plan', 'applicationReply', 'applicationReply']);

        const working = await store.recordApplicationReply({ applicationId: a.payload.id, personId, status: 'beingLookedAt', messages: [], updatedAt: at(60) });
        const answered = await store.recordApplicationReply({
          applicationId: a.payload.id,
          personId,
          status: 'answered',
          messages: [{ id: 'm1', at: at(120), text: 'Your POM will see you on Tuesday.' }],
          updatedAt: at(120),
        });
        expect(Number(answered.cursor)).toBeGreaterThan(Number(working.cursor));
        expect(Number(working.cursor)).toBeGreaterThan(Number(before.cursor));

        // A new device, from 0 (soon after: src/domain/retention.ts): the plan, B's reply, and only the newest reply for A.
        const fresh = await store.changesSince(personId, '0', 10, at(180));
        const replies = fresh.entries.flatMap((e) => (e.change.entity === 'applicationReply' ? [e.change.data] : []));
        expect(replies).toEqual([
          { applicationId: b.payload.id, personId, status: 'received', messages: [], updatedAt: at(0) },
          {
            applicationId: a.payload.id,
            personId,
            status: 'answered',
            messages: [{ id: 'm1', at: at(120), text: 'Your POM will see you on Tuesday.' }],
            updatedAt: at(120),
          },
        ]);
        expect(fresh.entries.map((e) => e.cursor).at(-1)).toBe(answered.cursor);

        // A device that had pulled before gets just the newest status.
        const later = await store.changesSince(personId, before.cursor, 10, at(180));
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
        expect((await store.changesSince(alex, '0', 10)).entries.at(-1)?.change.data).toMatchObject({ status: 'received' });
      });

      it('refuses a push for someone who does not exist', async () => {
        await expect(store.applyPush('nobody', [applicationItem()], at(0))).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });

    describe('one open application per type', () => {
      const status = (results: readonly { status: string }[]) => results.map((r) => r.status);

      it('refuses a second application of a type that is still open, in plain words, and keeps no record of it', async () => {
        const personId = await addPerson('A1234BC');
        const first = applicationItem('First', undefined, 'seeMyPom');
        const second = applicationItem('Second', undefined, 'seeMyPom');
        expect(status(await store.applyPush(personId, [first], at(0)))).toEqual(['applied']);
        const [refused] = await store.applyPush(personId, [second], at(1));
        expect(refused).toMatchObject({ id: second.id, status: 'rejected', code: 'alreadyOpen' });
        expect(refused?.status === 'rejected' && refused.message).toMatch(/already .*open|waiting for an answer/i);
        expect(await store.listApplications(personId)).toEqual([first.payload]);
        // Sent again while the first is open: refused again, never a false duplicate.
        expect((await store.applyPush(personId, [second], at(2)))[0]).toMatchObject({ status: 'rejected', code: 'alreadyOpen' });
        // Only the first application reached the change log.
        const replies = (await store.changesSince(personId, '0', 10)).entries.filter((e) => e.change.entity === 'applicationReply');
        expect(replies).toHaveLength(1);
      });

      it('still answers the resend of the open one as a duplicate', async () => {
        const personId = await addPerson('A1234BC');
        const first = applicationItem('First');
        await store.applyPush(personId, [first], at(0));
        expect(await store.applyPush(personId, [first], at(5))).toEqual([{ id: first.id, status: 'duplicate' }]);
      });

      it('applies the first of two of one type in one batch and refuses the second; other types go on', async () => {
        const personId = await addPerson('A1234BC');
        const items = [
          applicationItem('Pom one', undefined, 'seeMyPom'),
          applicationItem('Course', undefined, 'askAboutCourse'),
          applicationItem('Pom two', undefined, 'seeMyPom'),
          questionnaireItem(),
        ];
        const results = await store.applyPush(personId, items, at(0));
        expect(status(results)).toEqual(['applied', 'applied', 'rejected', 'applied']);
        expect(results[2]).toMatchObject({ code: 'alreadyOpen' });
        expect((await store.listApplications(personId)).map((a) => a.details).sort()).toEqual(['Course', 'Pom one']);
      });

      it('takes a new one of the type once the open one is answered, declined or closed', async () => {
        const personId = await addPerson('A1234BC');
        let open = applicationItem('Open', undefined, 'copyOfOasys');
        await store.applyPush(personId, [open], at(0));
        for (const [n, next] of (['answered', 'declined', 'closed'] as const).entries()) {
          await store.recordApplicationReply({
            applicationId: open.payload.id,
            personId,
            status: next,
            ...(next === 'declined' ? { declineReason: 'alreadyAsked' as const } : {}),
            messages: [{ id: `m${n}`, at: at(10 + n), text: 'Done.' }],
            updatedAt: at(10 + n),
          });
          const again = applicationItem(`After ${next}`, undefined, 'copyOfOasys');
          expect(status(await store.applyPush(personId, [again], at(20 + n))), next).toEqual(['applied']);
          open = again;
        }
        // Being looked at is still open.
        await store.recordApplicationReply({ applicationId: open.payload.id, personId, status: 'beingLookedAt', updatedAt: at(40) });
        expect((await store.applyPush(personId, [applicationItem('Too soon', undefined, 'copyOfOasys')], at(41)))[0]).toMatchObject({
          code: 'alreadyOpen',
        });
      });

      it('applies exactly one of two of one type sent at once', async () => {
        const personId = await addPerson('A1234BC');
        for (let round = 0; round < 5; round++) {
          const type = everyApplicationType[round]!;
          const [a, b] = [applicationItem(`A ${round}`, undefined, type), applicationItem(`B ${round}`, undefined, type)];
          const results = await Promise.all([store.applyPush(personId, [a], at(round)), store.applyPush(personId, [b], at(round))]);
          expect(results.map((r) => r[0]!.status).sort(), type).toEqual(['applied', 'rejected']);
          expect(results.flat().find((r) => r.status === 'rejected')).toMatchObject({ code: 'alreadyOpen' });
        }
        expect(await store.listApplications(personId)).toHaveLength(5);
      });

      it.runIf(engine === 'postgres')('applies exactly one of two of one type sent at once to two servers', async () => {
        const personId = await addPerson('A1234BC');
        const second = await reopen();
        for (let round = 0; round < 5; round++) {
          const type = everyApplicationType[round]!;
          const [a, b] = [applicationItem(`A ${round}`, undefined, type), applicationItem(`B ${round}`, undefined, type)];
          const results = await Promise.all([store.applyPush(personId, [a], at(round)), second.applyPush(personId, [b], at(round))]);
          expect(results.map((r) => r[0]!.status).sort(), type).toEqual(['applied', 'rejected']);
        }
        expect(await store.listApplications(personId)).toHaveLength(5);
      });

      it("is per person: someone else's open application of the type changes nothing", async () => {
        const alex = await addPerson('A1234BC');
        const bo = await addPerson('B2345CD');
        await store.applyPush(alex, [applicationItem('Alex', undefined, 'seeMyPom')], at(0));
        expect(status(await store.applyPush(bo, [applicationItem('Bo', undefined, 'seeMyPom')], at(1)))).toEqual(['applied']);
      });

      it('keeps the structured fields, the one it replaces and its reference', async () => {
        const personId = await addPerson('A1234BC');
        const earlier = uuidv7();
        const item = applicationItem('My last review was a long time ago', undefined, 'reviewMyOasys');
        const sent = { ...item, payload: { ...item.payload, fields: { reason: 'looksLate', lastReviewOn: '2024-04-01' }, replaces: earlier } };
        expect(status(await store.applyPush(personId, [sent], at(0)))).toEqual(['applied']);
        expect(await store.listApplications(personId)).toEqual([sent.payload]);
      });
    });
  });
}

/**
 * The staff side of the store (prisons, accounts, sign-ins, waits, the inbox, the audit trail),
 * written once and run against every engine.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationType } from '../../../src/domain/application.ts';
import type { ApplicationAction } from '../../../src/domain/staff.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import { staffAttemptKeys, staffSignInPolicy } from '../../../src/server/staff/sign-in-waits.ts';
import type { AuditActor, NewStaffAccount, StaffSessionRecord } from '../../../src/server/staff/staff-store.ts';
import { applyMigrations, loadMigrations } from '../../../src/server/store/migrations.ts';
import { StoreConflictError, StoreNotFoundError, type Engine, type Store } from '../../../src/server/store/index.ts';
import { applicationItem, applicationOfType, questionnaireItem, uuidv7 } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const addressHash = 'a'.repeat(64);

export function describeStaffStoreContract(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`staff store contract: ${engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const opened: Store[] = [];
    let cheapHash = '';

    async function reopen(): Promise<Store> {
      const next = await harness.open();
      opened.push(next);
      return next;
    }

    async function addPerson(prisonNumber: string, prisonId: string | null = 'NTH'): Promise<string> {
      const personId = newOpaqueId('p');
      await store.insertPerson({ personId, prisonNumber, displayName: `Person ${prisonNumber}`, pinHash: cheapHash, prisonId });
      await store.putPlan(samplePlan(personId));
      return personId;
    }

    function account(username: string, overrides: Partial<NewStaffAccount> = {}): NewStaffAccount {
      return {
        staffId: newOpaqueId('st'),
        username,
        displayName: `Staff ${username}`,
        role: 'omu',
        prisonId: 'NTH',
        passwordHash: cheapHash,
        mustChangePassword: false,
        createdAt: at(0),
        ...overrides,
      };
    }

    function actor(member: { staffId: string; prisonId: string }, seconds = 0): AuditActor {
      return { staffId: member.staffId, prisonId: member.prisonId, addressHash, at: at(seconds) };
    }

    async function change(member: NewStaffAccount, applicationId: string, action: ApplicationAction, seconds = 60) {
      return store.staff.changeApplication({ applicationId, prisonId: member.prisonId, action, messageId: newOpaqueId('m'), actor: actor(member, seconds) });
    }

    beforeAll(async () => {
      cheapHash = await hashPin('correct horse battery', { N: 1024, r: 8, p: 1 });
    });

    beforeEach(async () => {
      harness = await makeHarness();
      store = await reopen();
      await store.staff.putPrisons([
        { prisonId: 'NTH', name: 'HMP North' },
        { prisonId: 'STH', name: 'HMP South' },
      ]);
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
      await harness.dispose();
    });

    describe('prisons and people', () => {
      it('keeps each person in a prison, and refuses a prison that does not exist', async () => {
        const personId = await addPerson('A1234BC', 'NTH');
        expect((await store.getPersonById(personId))?.prisonId).toBe('NTH');
        expect((await store.getPerson('A1234BC'))?.prisonId).toBe('NTH');
        await expect(
          store.insertPerson({ personId: newOpaqueId('p'), prisonNumber: 'B2345CD', displayName: 'B', pinHash: cheapHash, prisonId: 'ZZZ' }),
        ).rejects.toBeInstanceOf(StoreNotFoundError);
        // Someone added with no prison yet.
        const none = await addPerson('C3456DE', null);
        expect((await store.getPersonById(none))?.prisonId).toBeNull();
      });

      it('renames a prison put again, and finds each by id', async () => {
        await store.staff.putPrisons([{ prisonId: 'nth', name: 'HMP Northfell' }]);
        expect(await store.staff.getPrison('NTH')).toEqual({ prisonId: 'NTH', name: 'HMP Northfell' });
        expect(await store.staff.getPrison('XYZ')).toBeNull();
      });
    });

    describe('accounts', () => {
      it('adds accounts, one per username whatever its case, and lists only a prison\'s own', async () => {
        const omu = await store.staff.insertAccount(account('omu.north'), null);
        expect(omu).toMatchObject({ username: 'omu.north', role: 'omu', prisonId: 'NTH', disabledAt: null, mustChangePassword: false });
        await expect(store.staff.insertAccount(account('OMU.North'), null)).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.staff.insertAccount(account('nobody.here', { prisonId: 'ZZZ' }), null)).rejects.toBeInstanceOf(StoreNotFoundError);
        await store.staff.insertAccount(account('omu.south', { prisonId: 'STH' }), null);
        expect((await store.staff.listAccounts('NTH')).map((a) => a.username)).toEqual(['omu.north']);
        expect((await store.staff.getAccountByUsername(' OMU.NORTH '))?.staffId).toBe(omu.staffId);
        expect((await store.staff.getAccount(omu.staffId))?.passwordHash).toBe(cheapHash);
      });

      it('refuses anything but a scrypt hash as a password hash', async () => {
        await expect(store.staff.insertAccount(account('plain.text', { passwordHash: 'hunter2hunter2' }), null)).rejects.toThrow();
      });

      it('seeds accounts only when there are none at all', async () => {
        expect(await store.staff.seedAccountsIfNone([account('first.one')])).toBe(true);
        expect(await store.staff.seedAccountsIfNone([account('second.one')])).toBe(false);
        expect((await store.staff.listAccounts('NTH')).map((a) => a.username)).toEqual(['first.one']);
      });

      it('switches an account off, ending its sign-ins, and on again; never one of another prison', async () => {
        const admin = await store.staff.insertAccount(account('admin.north', { role: 'admin' }), null);
        const member = await store.staff.insertAccount(account('pom.north', { role: 'pom' }), null);
        const south = await store.staff.insertAccount(account('omu.south', { prisonId: 'STH' }), null);
        await store.staff.createSession({ sessionHash: 'h'.repeat(64), staffId: member.staffId, createdAt: at(0), lastSeenAt: at(0), expiresAt: at(3600) }, actor(member));
        const off = await store.staff.setAccountDisabled({ staffId: member.staffId, prisonId: 'NTH', disabled: true, actor: actor(admin, 5) });
        expect(off?.disabledAt).toBe(at(5));
        expect(await store.staff.findSession('h'.repeat(64), at(10), 1200)).toBeNull();
        const on = await store.staff.setAccountDisabled({ staffId: member.staffId, prisonId: 'NTH', disabled: false, actor: actor(admin, 20) });
        expect(on?.disabledAt).toBeNull();
        // The old sign-in stays ended.
        expect(await store.staff.findSession('h'.repeat(64), at(25), 1200)).toBeNull();
        expect(await store.staff.setAccountDisabled({ staffId: south.staffId, prisonId: 'NTH', disabled: true, actor: actor(admin, 30) })).toBeNull();
        expect((await store.staff.getAccount(south.staffId))?.disabledAt).toBeNull();
        const trail = await store.staff.listAudit({ prisonId: 'NTH', staffId: admin.staffId, limit: 10 });
        expect(trail?.entries.map((e) => [e.action, e.entityId])).toEqual([
          ['enableAccount', member.staffId],
          ['disableAccount', member.staffId],
        ]);
      });
    });

    describe('sessions', () => {
      const session = (staffId: string, hash: string, created = 0): StaffSessionRecord => ({
        sessionHash: hash,
        staffId,
        createdAt: at(created),
        lastSeenAt: at(created),
        expiresAt: at(created + 10 * 3600),
      });

      it('finds a live sign-in and ends it after the idle time, while each use keeps it going', async () => {
        const member = await store.staff.insertAccount(account('omu.north'), null);
        await store.staff.createSession(session(member.staffId, '1'.repeat(64)), actor(member));
        for (let minute = 10; minute <= 60; minute += 10) {
          expect((await store.staff.findSession('1'.repeat(64), at(minute * 60), 20 * 60))?.account.staffId, `minute ${minute}`).toBe(member.staffId);
        }
        // 20 minutes with no request: ended.
        expect(await store.staff.findSession('1'.repeat(64), at(81 * 60), 20 * 60)).toBeNull();
        expect(await store.staff.findSession('unknown', at(0), 20 * 60)).toBeNull();
      });

      it('ends a sign-in at its lifetime however busy, and at sign-out (audited once)', async () => {
        const member = await store.staff.insertAccount(account('omu.north'), null);
        await store.staff.createSession(session(member.staffId, '2'.repeat(64)), actor(member));
        // Used every 15 minutes for 10 hours: it ends at the 10th hour all the same.
        for (let quarter = 1; quarter < 40; quarter++) expect(await store.staff.findSession('2'.repeat(64), at(quarter * 900), 20 * 60)).not.toBeNull();
        expect(await store.staff.findSession('2'.repeat(64), at(10 * 3600), 20 * 60)).toBeNull();
        await store.staff.createSession(session(member.staffId, '3'.repeat(64)), actor(member));
        expect(await store.staff.endSession('3'.repeat(64), actor(member, 5))).toBe(true);
        expect(await store.staff.endSession('3'.repeat(64), actor(member, 6))).toBe(false);
        expect(await store.staff.findSession('3'.repeat(64), at(7), 20 * 60)).toBeNull();
        const trail = await store.staff.listAudit({ prisonId: 'NTH', staffId: member.staffId, limit: 10 });
        expect(trail?.entries.map((e) => e.action)).toEqual(['signOut', 'signIn', 'signIn']);
      });

      it('a new password ends every other sign-in of the member and keeps this one', async () => {
        const member = await store.staff.insertAccount(account('omu.north', { mustChangePassword: true }), null);
        await store.staff.createSession(session(member.staffId, '4'.repeat(64)), actor(member));
        await store.staff.createSession(session(member.staffId, '5'.repeat(64)), actor(member));
        const next = await hashPin('a new long password', { N: 1024, r: 8, p: 1 });
        await store.staff.changePassword({ staffId: member.staffId, passwordHash: next, keepSessionHash: '4'.repeat(64), actor: actor(member, 5) });
        expect(await store.staff.findSession('4'.repeat(64), at(6), 1200)).not.toBeNull();
        expect(await store.staff.findSession('5'.repeat(64), at(6), 1200)).toBeNull();
        expect(await store.staff.getAccount(member.staffId)).toMatchObject({ passwordHash: next, mustChangePassword: false });
        await expect(
          store.staff.changePassword({ staffId: 'st_nobody', passwordHash: next, keepSessionHash: 'x', actor: actor(member, 7) }),
        ).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });

    describe('waits after wrong passwords', () => {
      const policy = staffSignInPolicy;

      it('allows 5 tries for a username at an address, then each waits longer, never for ever', async () => {
        const keys = staffAttemptKeys('omu.north', '10.0.0.1');
        for (let i = 0; i < 5; i++) expect(await store.staff.beginSignIn(keys, policy, at(i))).toEqual({ allowed: true });
        expect(await store.staff.beginSignIn(keys, policy, at(5))).toEqual({ allowed: false, retryAfterSeconds: 29 });
        expect(await store.staff.beginSignIn(keys, policy, at(34))).toEqual({ allowed: true });
        expect(await store.staff.beginSignIn(keys, policy, at(35))).toEqual({ allowed: false, retryAfterSeconds: 59 });
        // However many, the wait is at most 15 minutes, and an hour after the last wrong one it is forgotten.
        let now = 100;
        for (let i = 0; i < 12; i++) {
          const start = await store.staff.beginSignIn(keys, policy, at(now));
          now += start.allowed ? 1 : start.retryAfterSeconds;
          if (!start.allowed) expect(start.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
        }
        expect(await store.staff.beginSignIn(keys, policy, at(now + 3601))).toEqual({ allowed: true });
      });

      it('writes nothing for a try it refuses', async () => {
        const keys = staffAttemptKeys('omu.north', '10.0.0.1');
        for (let i = 0; i < 5; i++) await store.staff.beginSignIn(keys, policy, at(0));
        const before = await harness.countRows('staff_sign_in_attempts');
        for (let i = 0; i < 20; i++) expect((await store.staff.beginSignIn(keys, policy, at(1))).allowed).toBe(false);
        expect(await harness.countRows('staff_sign_in_attempts')).toBe(before);
      });

      it('a right password clears the username at this address and takes its try back elsewhere', async () => {
        const keys = staffAttemptKeys('omu.north', '10.0.0.1');
        for (let i = 0; i < 4; i++) await store.staff.beginSignIn(keys, policy, at(i));
        await store.staff.beginSignIn(keys, policy, at(4));
        await store.staff.settleSignInSuccess(keys);
        for (let i = 0; i < 5; i++) expect((await store.staff.beginSignIn(keys, policy, at(10 + i))).allowed).toBe(true);
      });

      it('lets only 5 of 20 tries at once for one username at one address through', async () => {
        const keys = staffAttemptKeys('omu.north', '10.0.0.1');
        const starts = await Promise.all(Array.from({ length: 20 }, () => store.staff.beginSignIn(keys, policy, at(0))));
        expect(starts.filter((s) => s.allowed)).toHaveLength(5);
      });

      it('slows a username guessed at from many addresses to at most 5 minutes a try, and never holds up the owner longer', async () => {
        for (let i = 0; i < 20; i++) expect((await store.staff.beginSignIn(staffAttemptKeys('omu.north', `10.9.0.${i}`), policy, at(i))).allowed).toBe(true);
        const owner = staffAttemptKeys('omu.north', '10.0.0.1');
        const held = await store.staff.beginSignIn(owner, policy, at(20));
        expect(held).toEqual({ allowed: false, retryAfterSeconds: 29 });
        let waited = 0;
        let now = 20;
        for (let round = 0; round < 10; round++) {
          const start = await store.staff.beginSignIn(staffAttemptKeys('omu.north', `10.8.0.${round}`), policy, at(now));
          if (start.allowed) now += 1;
          else {
            waited = Math.max(waited, start.retryAfterSeconds);
            now += start.retryAfterSeconds;
          }
        }
        expect(waited).toBeLessThanOrEqual(5 * 60);
        expect((await store.staff.beginSignIn(owner, policy, at(now + 5 * 60))).allowed).toBe(true);
      });

      it('sweeps counters an hour quiet, and ended sign-ins, never what still counts', async () => {
        const member = await store.staff.insertAccount(account('omu.north'), null);
        await store.staff.beginSignIn(staffAttemptKeys('old.one', '10.0.0.1'), policy, at(0));
        await store.staff.beginSignIn(staffAttemptKeys('new.one', '10.0.0.2'), policy, at(3000));
        await store.staff.createSession({ sessionHash: '6'.repeat(64), staffId: member.staffId, createdAt: at(0), lastSeenAt: at(0), expiresAt: at(36000) }, actor(member));
        await store.staff.createSession({ sessionHash: '7'.repeat(64), staffId: member.staffId, createdAt: at(3000), lastSeenAt: at(3000), expiresAt: at(39000) }, actor(member));
        const swept = await store.staff.sweep(at(3700), { batchSize: 100, idleSeconds: 1200, forgetAfterSeconds: 3600 });
        expect(swept).toEqual({ staff_sessions: 1, staff_sign_in_attempts: 3 });
        expect(await harness.countRows('staff_sign_in_attempts')).toBe(3);
        expect(await store.staff.findSession('7'.repeat(64), at(3700), 1200)).not.toBeNull();
      });
    });

    describe('the inbox', () => {
      let north: NewStaffAccount;
      let south: NewStaffAccount;

      beforeEach(async () => {
        north = account('omu.north');
        south = account('omu.south', { prisonId: 'STH' });
        await store.staff.insertAccount(north, null);
        await store.staff.insertAccount(south, null);
      });

      it('lists applications of the prison only, oldest first, by status, type and age, a page at a time', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const bo = await addPerson('B2345CD', 'NTH');
        const cy = await addPerson('C3456DE', 'STH');
        const sent: Array<{ id: string; receivedAt: string }> = [];
        for (let i = 0; i < 6; i++) {
          const item = applicationOfType(i, `Alex ${i}`);
          await store.applyPush(i % 2 ? bo : alex, [item], at(i * 86400));
          sent.push({ id: item.id, receivedAt: at(i * 86400) });
        }
        await store.applyPush(cy, [applicationItem('South')], at(0));

        const all = await store.staff.listApplications({ prisonId: 'NTH', limit: 10 });
        expect(all.items.map((a) => a.id)).toEqual(sent.map((s) => s.id));
        expect(all.next).toBeNull();
        expect(all.items[0]).toMatchObject({ status: 'received', messageCount: 0, person: { prisonNumber: 'A1234BC', prisonId: 'NTH', displayName: 'Person A1234BC' } });
        expect(all.items[0]!.reference).toMatch(/^OMU-[0-9A-Z]{4}$/);

        const pages: string[][] = [];
        let after: { at: string; id: string } | undefined;
        for (;;) {
          const page = await store.staff.listApplications({ prisonId: 'NTH', limit: 4, after });
          pages.push(page.items.map((a) => a.id));
          if (!page.next) break;
          after = page.next;
        }
        expect(pages.map((p) => p.length)).toEqual([4, 2]);
        expect(pages.flat()).toEqual(sent.map((s) => s.id));

        expect((await store.staff.listApplications({ prisonId: 'NTH', types: ['seeMyPom', 'reviewMyOasys'], limit: 10 })).items.map((a) => a.type)).toEqual([
          'seeMyPom',
          'reviewMyOasys',
        ]);
        expect((await store.staff.listApplications({ prisonId: 'NTH', receivedBefore: at(2 * 86400), limit: 10 })).items).toHaveLength(3);
        await change(north, sent[0]!.id, { kind: 'close' });
        expect((await store.staff.listApplications({ prisonId: 'NTH', statuses: ['received', 'beingLookedAt'], limit: 10 })).items).toHaveLength(5);
        expect((await store.staff.listApplications({ prisonId: 'STH', limit: 10 })).items.map((a) => a.person.prisonNumber)).toEqual(['C3456DE']);
      });

      it('lists what waits (the inbox page) in order a page at a time, through ties in time, with every filter; what is answered leaves it', async () => {
        const people = [await addPerson('A1234BC', 'NTH'), await addPerson('B2345CD', 'NTH'), await addPerson('D4567EF', 'NTH')];
        const south = await addPerson('C3456DE', 'STH');
        // Four of each person's, in two pushes each: the two of a push have the same received time.
        const sent: Array<{ id: string; type: string; receivedAt: string }> = [];
        for (const [p, personId] of people.entries()) {
          for (const round of [0, 1]) {
            const items = [applicationOfType(2 * round), applicationOfType(2 * round + 1)];
            const receivedAt = at(round * 3600 + (p % 2) * 60); // people 0 and 2 at the same times
            await store.applyPush(personId, items, receivedAt);
            for (const item of items) sent.push({ id: item.id, type: item.payload.type, receivedAt });
          }
        }
        await store.applyPush(south, [applicationOfType(0)], at(0));
        const byTimeThenId = (a: { id: string; receivedAt: string }, b: { id: string; receivedAt: string }) =>
          a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1;
        const waiting = ['received', 'beingLookedAt'] as const;
        const walk = async (filter: Omit<Parameters<Store['staff']['listApplications']>[0], 'after' | 'prisonId' | 'limit'>) => {
          const ids: string[] = [];
          let after: { at: string; id: string } | undefined;
          for (let pages = 0; pages < 20; pages++) {
            const page = await store.staff.listApplications({ prisonId: 'NTH', limit: 2, after, ...filter });
            ids.push(...page.items.map((a) => a.id));
            expect(page.items.every((a) => a.person.prisonId === 'NTH')).toBe(true);
            if (!page.next) return ids;
            after = page.next;
          }
          throw new Error('The pages did not end.');
        };

        expect(await walk({ statuses: waiting })).toEqual([...sent].sort(byTimeThenId).map((s) => s.id));
        expect(await walk({ statuses: ['received'] })).toHaveLength(12);
        const twoTypes = [...sent].filter((s) => s.type === sent[0]!.type || s.type === sent[3]!.type).sort(byTimeThenId);
        expect(await walk({ statuses: waiting, types: [sent[0]!.type, sent[3]!.type] as ApplicationType[] })).toEqual(twoTypes.map((s) => s.id));
        expect(await walk({ statuses: waiting, receivedBefore: at(60) })).toEqual(sent.filter((s) => s.receivedAt <= at(60)).sort(byTimeThenId).map((s) => s.id));

        // Looked at: still waiting. Closed or answered: gone from the page, still in the full list.
        const [first, second, third] = [...sent].sort(byTimeThenId);
        expect((await change(north, first!.id, { kind: 'status', status: 'beingLookedAt' })).ok).toBe(true);
        expect((await change(north, second!.id, { kind: 'close' })).ok).toBe(true);
        expect((await change(north, third!.id, { kind: 'reply', text: 'Yes, on Monday.', status: 'answered' })).ok).toBe(true);
        const after = await walk({ statuses: waiting });
        expect(after).toEqual([...sent].sort(byTimeThenId).map((s) => s.id).filter((id) => id !== second!.id && id !== third!.id));
        expect(await walk({ statuses: ['beingLookedAt'] })).toEqual([first!.id]);
        expect(await walk({})).toHaveLength(12);
      });

      it('opens an application with everything the person sent; prison B sees nothing of prison A, by id too', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const item = applicationItem('Can I see my POM about my course?', undefined, 'questionAboutMyPlan');
        const sent = { ...item, payload: { ...item.payload, fields: { objectiveId: 'objective-1' }, replaces: uuidv7() } };
        await store.applyPush(alex, [sent], at(0));
        const opened = await store.staff.getApplication(item.id, 'NTH');
        expect(opened).toMatchObject({
          id: item.id,
          type: 'questionAboutMyPlan',
          fields: { objectiveId: 'objective-1' },
          details: 'Can I see my POM about my course?',
          replaces: sent.payload.replaces,
          status: 'received',
          declineReason: null,
          messages: [],
          person: { personId: alex, prisonNumber: 'A1234BC', prisonId: 'NTH' },
        });
        expect(await store.staff.getApplication(item.id, 'STH')).toBeNull();
        expect((await store.staff.listApplications({ prisonId: 'STH', limit: 100 })).items).toEqual([]);
        expect(await change(south, item.id, { kind: 'reply', text: 'Not yours to answer.', status: 'answered' })).toEqual({ ok: false, code: 'notFound' });
        expect((await store.changesSince(alex, '0', 10)).entries.at(-1)?.change.data).toMatchObject({ status: 'received', messages: [] });
      });

      it("records each action as the application's one current reply, which the device pulls, and audits it", async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const item = applicationItem('Please can I see my POM?');
        await store.applyPush(alex, [item], at(0));
        const { cursor: before } = await store.changesSince(alex, '0', 10);

        const looking = await change(north, item.id, { kind: 'status', status: 'beingLookedAt' }, 60);
        expect(looking).toMatchObject({ ok: true, application: { status: 'beingLookedAt' } });
        const holding = await change(north, item.id, { kind: 'reply', text: 'We are looking into it.', status: 'beingLookedAt' }, 120);
        const answered = await change(north, item.id, { kind: 'reply', text: 'Your POM will see you on Tuesday.', status: 'answered' }, 180);
        expect(answered.ok && answered.application).toMatchObject({
          status: 'answered',
          messageCount: 2,
          messages: [
            { at: at(120), text: 'We are looking into it.' },
            { at: at(180), text: 'Your POM will see you on Tuesday.' },
          ],
        });
        expect(holding.ok && answered.ok && Number(answered.cursor) > Number(holding.cursor)).toBe(true);

        // A new device (soon after: src/domain/retention.ts) gets only the newest reply, with the whole thread.
        const replies = (await store.changesSince(alex, '0', 10, at(400))).entries.filter((e) => e.change.entity === 'applicationReply');
        expect(replies.map((e) => e.change.data)).toEqual([
          {
            applicationId: item.id,
            personId: alex,
            status: 'answered',
            messages: answered.ok ? answered.application.messages : [],
            updatedAt: at(180),
          },
        ]);
        // A device that pulled before gets just that one.
        expect((await store.changesSince(alex, before, 10, at(400))).entries).toHaveLength(1);

        const declined = await change(north, item.id, { kind: 'decline', reason: 'notForOmu', text: 'Please ask healthcare.' }, 240);
        expect(declined.ok && declined.application).toMatchObject({ status: 'declined', declineReason: 'notForOmu', messageCount: 3 });
        expect((await store.changesSince(alex, '0', 10, at(400))).entries.at(-1)?.change.data).toMatchObject({ status: 'declined', declineReason: 'notForOmu' });
        const closed = await change(north, item.id, { kind: 'close' }, 300);
        expect(closed.ok && closed.application).toMatchObject({ status: 'closed', declineReason: null, messageCount: 3 });

        const trail = await store.staff.listAudit({ prisonId: 'NTH', personId: alex, limit: 10 });
        expect(trail?.entries.map((e) => [e.action, e.staffId, e.entityId, e.details])).toEqual([
          ['close', north.staffId, item.id, { status: 'closed' }],
          ['decline', north.staffId, item.id, { status: 'declined', reason: 'notForOmu' }],
          ['reply', north.staffId, item.id, { status: 'answered' }],
          ['reply', north.staffId, item.id, { status: 'beingLookedAt' }],
          ['changeStatus', north.staffId, item.id, { status: 'beingLookedAt' }],
        ]);
        // The words staff wrote are in the thread, never in the audit trail.
        expect(JSON.stringify(trail)).not.toContain('Tuesday');
      });

      it('records nothing for an action that changes nothing', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const item = applicationItem();
        await store.applyPush(alex, [item], at(0));
        const again = await change(north, item.id, { kind: 'status', status: 'received' });
        expect(again).toMatchObject({ ok: true, cursor: null, application: { status: 'received' } });
        expect((await store.staff.listAudit({ prisonId: 'NTH', personId: alex, limit: 10 }))?.entries).toEqual([]);
      });

      it('keeps both of two replies written at once', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const item = applicationItem();
        await store.applyPush(alex, [item], at(0));
        const texts = Array.from({ length: 8 }, (_, i) => `Reply ${i}`);
        const results = await Promise.all(texts.map((text) => change(north, item.id, { kind: 'reply', text, status: 'beingLookedAt' })));
        expect(results.every((r) => r.ok)).toBe(true);
        const opened = await store.staff.getApplication(item.id, 'NTH');
        expect(opened?.messages.map((m) => m.text).sort()).toEqual(texts);
        const pulled = (await store.changesSince(alex, '0', 10)).entries.filter((e) => e.change.entity === 'applicationReply');
        expect(pulled).toHaveLength(1);
        expect(pulled[0]!.change.entity === 'applicationReply' && pulled[0]!.change.data.messages).toHaveLength(8);
      });

      it('will not open a finished application again while the person has another of that type open', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const first = applicationItem('First', undefined, 'askAboutCourse');
        await store.applyPush(alex, [first], at(0));
        await change(north, first.id, { kind: 'close', text: 'Done.' });
        const second = applicationItem('Second', undefined, 'askAboutCourse');
        expect((await store.applyPush(alex, [second], at(100)))[0]!.status).toBe('applied');
        expect(await change(north, first.id, { kind: 'status', status: 'beingLookedAt' }, 200)).toEqual({ ok: false, code: 'alreadyOpen' });
        expect(await change(north, first.id, { kind: 'reply', text: 'More.', status: 'beingLookedAt' }, 200)).toEqual({ ok: false, code: 'alreadyOpen' });
        // Answered staying answered is fine.
        expect((await change(north, first.id, { kind: 'reply', text: 'More words.', status: 'answered' }, 210)).ok).toBe(true);
        await change(north, second.id, { kind: 'close' }, 300);
        expect(await change(north, first.id, { kind: 'status', status: 'beingLookedAt' }, 400)).toMatchObject({ ok: true });
      });

      it('stops a thread at 50 messages, with a code', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const item = applicationItem();
        await store.applyPush(alex, [item], at(0));
        for (let i = 0; i < 50; i++) expect((await change(north, item.id, { kind: 'reply', text: `Message ${i}`, status: 'beingLookedAt' }, i)).ok).toBe(true);
        expect(await change(north, item.id, { kind: 'reply', text: 'One too many', status: 'answered' }, 60)).toEqual({ ok: false, code: 'threadFull' });
        expect(await change(north, item.id, { kind: 'close' }, 61)).toMatchObject({ ok: true, application: { status: 'closed', messageCount: 50 } });
      });

      it('marks older questionnaires of a person replaced by the newest, also when an older one arrives later', async () => {
        const alex = await addPerson('A1234BC', 'NTH');
        const bo = await addPerson('B2345CD', 'STH');
        const dated = (createdAt: string) => {
          const q = questionnaireItem();
          return { ...q, createdAt, payload: { ...q.payload, createdAt } };
        };
        const march = dated('2026-03-01T09:00:00.000Z');
        const april = dated('2026-04-01T09:00:00.000Z');
        const february = dated('2026-02-01T09:00:00.000Z');
        await store.applyPush(alex, [march], at(0));
        await store.applyPush(alex, [april], at(10));
        await store.applyPush(alex, [february], at(20));
        await store.applyPush(bo, [questionnaireItem()], at(30));

        const current = await store.staff.listQuestionnaires({ prisonId: 'NTH', state: 'current', limit: 10 });
        expect(current.items.map((q) => q.id)).toEqual([april.id]);
        const replaced = await store.staff.listQuestionnaires({ prisonId: 'NTH', state: 'replaced', limit: 10 });
        expect(replaced.items.map((q) => [q.id, q.replacedBy])).toEqual([
          [march.id, april.id],
          [february.id, april.id],
        ]);
        const opened = await store.staff.getQuestionnaire(april.id, 'NTH');
        expect(opened).toMatchObject({ answers: april.payload.answers, answerCount: Object.keys(april.payload.answers).length, person: { prisonNumber: 'A1234BC' }, completedOn: '2026-03-01' });
        expect(await store.staff.getQuestionnaire(april.id, 'STH')).toBeNull();
        expect((await store.staff.listQuestionnaires({ prisonId: 'STH', state: 'all', limit: 10 })).items).toHaveLength(1);
      });
    });

    describe('the audit trail', () => {
      it("shows one person's or one member's trail, newest first, a page at a time, only to their own prison", async () => {
        const member = await store.staff.insertAccount(account('omu.north'), null);
        const alex = await addPerson('A1234BC', 'NTH');
        for (let i = 0; i < 5; i++) {
          await store.staff.recordAudit({ ...actor(member, i), action: 'viewApplication', personId: alex, entity: 'application', entityId: `a${i}`, details: {} });
        }
        const first = await store.staff.listAudit({ prisonId: 'NTH', personId: alex, limit: 3 });
        expect(first?.entries.map((e) => e.entityId)).toEqual(['a4', 'a3', 'a2']);
        const second = await store.staff.listAudit({ prisonId: 'NTH', personId: alex, limit: 3, before: first!.next! });
        expect(second?.entries.map((e) => e.entityId)).toEqual(['a1', 'a0']);
        expect(second?.next).toBeNull();
        expect((await store.staff.listAudit({ prisonId: 'NTH', staffId: member.staffId, limit: 10 }))?.entries).toHaveLength(5);
        expect(await store.staff.listAudit({ prisonId: 'STH', personId: alex, limit: 10 })).toBeNull();
        expect(await store.staff.listAudit({ prisonId: 'STH', staffId: member.staffId, limit: 10 })).toBeNull();
        expect(first?.entries[0]).toMatchObject({ at: at(4), staffId: member.staffId, prisonId: 'NTH', addressHash });
      });

      it('refuses a line it could not read back', async () => {
        await expect(
          store.staff.recordAudit({ at: at(0), staffId: null, action: 'madeUp' as 'signIn', prisonId: null, personId: null, entity: null, entityId: null, details: {}, addressHash }),
        ).rejects.toThrow();
        expect(await harness.countRows('audit_log')).toBe(0);
      });
    });

    it('migration 007 brings older data along: statuses, references, replaced questionnaires, people without a prison', async () => {
      const old = await makeHarness();
      const driver = old.openDriver();
      try {
        const all = await loadMigrations();
        await applyMigrations(driver, all.filter((m) => m.version < 7));
        await driver.run("INSERT INTO people (person_id, prison_number, display_name, pin_hash, created_at) VALUES ('p_a', 'A1111AA', 'A', 'scrypt$x', '2026-01-01T00:00:00.000Z')");
        const [one, two] = [uuidv7(), uuidv7()];
        for (const id of [one, two]) {
          await driver.run(
            "INSERT INTO applications (id, person_id, type, details, status, reply, created_at, received_at, updated_at) VALUES (?, 'p_a', 'seeMyPom', 'Hello', 'new', NULL, ?, ?, ?)",
            [id, at(0), at(0), at(0)],
          );
        }
        for (const [id, created] of [
          ['q-old', at(0)],
          ['q-new', at(60)],
        ]) {
          await driver.run(
            "INSERT INTO questionnaires (id, person_id, question_set, completed_on, answers, created_at, received_at) VALUES (?, 'p_a', 'saq', '2026-03-01', '{}', ?, ?)",
            [id!, created!, created!],
          );
        }
      } finally {
        await driver.close();
      }
      const upgraded = await old.open();
      try {
        expect((await upgraded.getPersonById('p_a'))?.prisonId ?? null).toBeNull();
        const check = old.openDriver();
        try {
          const apps = await check.all<{ status: string; reference: string; id: string }>('SELECT id, status, reference FROM applications ORDER BY id');
          expect(apps.map((a) => a.status)).toEqual(['received', 'received']);
          expect(apps.every((a) => /^OMU-[0-9A-Z]{4}$/.test(a.reference))).toBe(true);
          const qs = await check.all<{ id: string; replaced_by: string | null }>('SELECT id, replaced_by FROM questionnaires ORDER BY id');
          expect(qs).toEqual([
            { id: 'q-new', replaced_by: null },
            { id: 'q-old', replaced_by: 'q-new' },
          ]);
        } finally {
          await check.close();
        }
      } finally {
        await upgraded.close();
        await old.dispose();
      }
    });
  });
}

/**
 * The change log's retention rule (src/domain/retention.ts), on every engine, with the clock moved
 * by hand: a first pull after a year of history costs what it costs after one window of it; open
 * applications always stay; entries past retention leave pull at once and the table after the
 * sweep; a device part-way through the log goes on as before; the migration fills in old entries.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../../src/domain/auth.ts';
import type { ApplicationStatus } from '../../../src/domain/application.ts';
import { PullResponse, type Change } from '../../../src/domain/sync.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import { applicationOfType } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const day = 86_400_000;
/** Day 0 of each person's made-up history. */
const start = Date.parse('2025-12-01T09:00:00.000Z');
const onDay = (n: number) => new Date(start + n * day).toISOString();
const cheap = { N: 1024, r: 8, p: 1 };
const answer = 'We have looked at this. Your POM will see you this week.';

type Pulled = { entries: number; bytes: number; applications: string[]; cursor: string; changes: Change[]; restarted: boolean };

/** The bytes of changes as a pull's body carries them. */
const bytesOf = (changes: readonly Change[]) => Buffer.byteLength(JSON.stringify(changes));
/** The type of the `n`th application of a steady history: never `other` (the 9th), which the open one uses. */
const steadyType = (n: number) => n % 8;
const openType = 8;

export function describeChangeLogRetention(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`change log retention: ${engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    let pinHash = '';

    beforeAll(async () => {
      pinHash = await hashPin('135790', cheap);
    });

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
    });

    afterEach(async () => {
      await store.close();
      await harness.dispose();
    });

    async function addPerson(prisonNumber: string): Promise<string> {
      const personId = newOpaqueId('p');
      await store.insertPerson({ personId, prisonNumber, displayName: 'Test Person', pinHash });
      await store.putPlan(samplePlan(personId));
      return personId;
    }

    /** Sent on day `sent`; staff finish it on day `finished` with `status` (and words, when answered). */
    async function application(personId: string, n: number, sent: number, finished: number | null, status: ApplicationStatus = 'answered'): Promise<string> {
      const item = applicationOfType(n, 'Please can I see my POM about my course.');
      const [result] = await store.applyPush(personId, [item], onDay(sent));
      expect(result?.status).toBe('applied');
      if (finished !== null) await reply(personId, item.id, status, finished);
      return item.id;
    }

    async function reply(personId: string, applicationId: string, status: ApplicationStatus, onDayN: number): Promise<void> {
      const at = onDay(onDayN);
      await store.recordApplicationReply({
        applicationId,
        personId,
        status,
        messages: status === 'answered' ? [{ id: `m_${applicationId.slice(-12)}`, at, text: answer }] : [],
        updatedAt: at,
      });
    }

    /** Everything a device starting from `cursor` gets on day `onDayN`, page by page. */
    async function pullAll(personId: string, onDayN: number, cursor = '0'): Promise<Pulled> {
      const changes: Change[] = [];
      let restarted = false;
      for (;;) {
        const page = await store.changesSince(personId, cursor, 5, onDay(onDayN));
        if (page.restart) {
          // The whole current state, in one page: what the device held before is replaced.
          expect(page.hasMore).toBe(false);
          changes.length = 0;
          restarted = true;
        }
        changes.push(...page.entries.map((entry) => entry.change));
        expect(Number(page.cursor), 'cursors only grow').toBeGreaterThanOrEqual(Number(cursor));
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      return {
        entries: changes.length,
        bytes: bytesOf(changes),
        applications: changes.flatMap((change) => (change.entity === 'applicationReply' ? [change.data.applicationId] : [])),
        cursor,
        changes,
        restarted,
      };
    }

    /** Two applications a month (every 15 days from day `from` while answered by day `to`), each answered 3 days after it was sent. */
    async function steadyHistory(personId: string, from: number, to: number): Promise<Map<number, string>> {
      const sent = new Map<number, string>();
      let n = 0;
      for (let d = from; d + 3 <= to; d += 15) sent.set(d, await application(personId, steadyType(n++), d, d + 3));
      return sent;
    }

    /** The ids of those answered in the 90 days up to day `today`. */
    const answeredInWindow = (history: Map<number, string>, today: number) =>
      [...history].filter(([sentOn]) => sentOn + 3 >= today - 90 && sentOn + 3 <= today).map(([, id]) => id);

    it('gives a first pull after a year of history the same entries and bytes as after one window of it, plus the open ones', async () => {
      const year = await addPerson('A1234BC');
      const recent = await addPerson('B2345CD');
      // Half a year: 12 applications, 2 a month, each answered 3 days after. One more, sent on
      // day 165, is never answered.
      const firstHalf = await steadyHistory(year, 0, 180);
      const stillOpen = await application(year, openType, 165, null);
      const halfYear = await pullAll(year, 180);
      // The second half year the same way: 25 answered in all (days 0, 15, … 360).
      const secondHalf = await steadyHistory(year, 180, 365);
      expect(firstHalf.size + secondHalf.size).toBe(25);
      const yearPull = await pullAll(year, 365);
      // Someone who came 100 days ago, with the same steady history since.
      await steadyHistory(recent, 240, 365);
      const recentPull = await pullAll(recent, 365);

      // The plan, the 6 answered in the last 90 days, and the open one, however old.
      expect(yearPull.applications.sort()).toEqual([...answeredInWindow(secondHalf, 365), stillOpen].sort());
      expect(answeredInWindow(secondHalf, 365)).toHaveLength(6);
      expect(halfYear.applications.sort()).toEqual([...answeredInWindow(firstHalf, 180), stillOpen].sort());
      expect({ halfYear: halfYear.entries, year: yearPull.entries, recent: recentPull.entries }).toEqual({ halfYear: 8, year: 8, recent: 7 });
      // The same bytes but for the open one (the same words, ids of the same length).
      const withoutOpen = (pulled: Pulled) => bytesOf(pulled.changes.filter((c) => !(c.entity === 'applicationReply' && c.data.applicationId === stillOpen)));
      expect(Math.abs(withoutOpen(yearPull) - recentPull.bytes)).toBeLessThanOrEqual(recentPull.bytes * 0.01);
      expect(Math.abs(yearPull.bytes - halfYear.bytes)).toBeLessThanOrEqual(halfYear.bytes * 0.01);
      console.info(`first pull (${engine}): half a year ${halfYear.entries} entries ${halfYear.bytes} B; a year ${yearPull.entries} entries ${yearPull.bytes} B; 100 days ${recentPull.entries} entries ${recentPull.bytes} B`);
    });

    it('keeps an open application whatever its age, and lets a finished one go 90 days after its last change', async () => {
      const personId = await addPerson('A1234BC');
      const open = await application(personId, 0, 0, null);
      const looking = await application(personId, 1, 0, null);
      await reply(personId, looking, 'beingLookedAt', 2);
      const declined = await application(personId, 2, 0, 10, 'declined');
      const closed = await application(personId, 3, 0, 10, 'closed');
      const answered = await application(personId, 4, 0, 10);
      expect((await pullAll(personId, 100)).applications.sort(), 'exactly 90 days after: still there').toEqual([open, looking, declined, closed, answered].sort());
      expect((await pullAll(personId, 101)).applications.sort(), 'past 90 days: only the open ones').toEqual([open, looking].sort());
      expect((await pullAll(personId, 1000)).applications.sort()).toEqual([open, looking].sort());
    });

    it('deletes entries past retention in the sweep, a batch at a time, oldest first, and nothing else', async () => {
      const personId = await addPerson('A1234BC');
      const today = 365;
      await steadyHistory(personId, 0, today);
      await application(personId, openType, today - 200, null);
      const before = await pullAll(personId, today);
      expect(await harness.countRows('change_log')).toBe(1 + 25 + 1);

      const batches: number[] = [];
      for (;;) {
        const { change_log: deleted } = await store.sweepChangeLog(onDay(today), { batchSize: 5 });
        batches.push(deleted ?? 0);
        if (!deleted) break;
      }
      expect(batches).toEqual([5, 5, 5, 4, 0]);
      expect(await harness.countRows('change_log'), 'the plan, 6 answered in the window, 1 open').toBe(8);
      expect(await pullAll(personId, today)).toEqual(before);
      // On a later day the next ones go: the oldest in the window first.
      expect((await store.sweepChangeLog(onDay(today + 16), { batchSize: 100 })).change_log).toBe(1);
      expect(await harness.countRows('change_log')).toBe(7);
    });

    it('a device part-way through the log goes on from its cursor: cursors only grow, the gaps do not matter', async () => {
      const personId = await addPerson('A1234BC');
      const first = await steadyHistory(personId, 0, 365);
      const open = await application(personId, openType, 165, null);
      const fresh = await pullAll(personId, 365);
      expect(fresh.restarted, 'a first pull never starts again').toBe(false);
      expect(fresh.applications.sort()).toEqual([...answeredInWindow(first, 365), open].sort());
      // 40 days more: applications sent and answered, those answered before day 315 swept.
      const later = new Map<number, string>();
      for (let d = 370, n = 0; d + 3 <= 405; d += 15) later.set(d, await application(personId, steadyType(n++), d, d + 3));
      expect((await store.sweepChangeLog(onDay(405), { batchSize: 1000 })).change_log).toBeGreaterThan(0);

      const caughtUp = await pullAll(personId, 405, fresh.cursor);
      expect(caughtUp.restarted, 'nothing it had not had went').toBe(false);
      expect(Number(caughtUp.cursor)).toBeGreaterThan(Number(fresh.cursor));
      expect(caughtUp.applications.sort(), 'only what is new since its cursor').toEqual([...later.values()].sort());
      // A cursor that points into a gap (an entry since deleted) works the same.
      const gap = Number(fresh.cursor) + 1;
      expect((await pullAll(personId, 405, String(gap))).applications.sort()).toEqual([...later.values()].sort());
      // And asking again from the end gives nothing new.
      expect((await pullAll(personId, 405, caughtUp.cursor)).entries).toBe(0);
    });

    it('sends a device whose cursor is older than something let go the whole current state again, once', async () => {
      const personId = await addPerson('A1234BC');
      // The device pulls on day 20, while the application sent on day 15 is still open there.
      await steadyHistory(personId, 0, 15);
      const heldOpen = await application(personId, 1, 15, null);
      const early = await pullAll(personId, 20);
      expect(early.applications).toContain(heldOpen);
      // Staff answer it on day 25; the device does not pull again until day 200.
      await reply(personId, heldOpen, 'answered', 25);
      const later = await steadyHistory(personId, 120, 200);
      const open = await application(personId, openType, 190, null);
      for (const sweep of [false, true]) {
        if (sweep) await store.sweepChangeLog(onDay(200), { batchSize: 1000 });
        const back = await pullAll(personId, 200, early.cursor);
        expect(back.restarted, sweep ? 'after the sweep' : 'before the sweep').toBe(true);
        // The plan and everything current: the device learns that the one it held open is gone.
        expect(back.applications.sort()).toEqual([...answeredInWindow(later, 200), open].sort());
        expect(back.entries).toBe(1 + answeredInWindow(later, 200).length + 1);
        expect(back.applications).not.toContain(heldOpen);
        const again = await pullAll(personId, 200, back.cursor);
        expect({ restarted: again.restarted, entries: again.entries }, 'once only').toEqual({ restarted: false, entries: 0 });
      }
    });

    it('delivers again a finished application that staff open again, and counts its 90 days from its new end', async () => {
      const personId = await addPerson('A1234BC');
      const id = await application(personId, 0, 0, 3);
      await store.sweepChangeLog(onDay(200), { batchSize: 100 });
      expect((await pullAll(personId, 200)).applications).toEqual([]);
      await reply(personId, id, 'beingLookedAt', 200);
      expect((await pullAll(personId, 500)).applications, 'open again: stays').toEqual([id]);
      await reply(personId, id, 'answered', 500);
      expect((await pullAll(personId, 590)).applications).toEqual([id]);
      expect((await pullAll(personId, 591)).applications).toEqual([]);
      expect((await store.sweepChangeLog(onDay(590), { batchSize: 100 })).change_log).toBe(0);
      expect((await store.sweepChangeLog(onDay(591), { batchSize: 100 })).change_log).toBe(1);
    });

    it('fills in when finished applications already in the log were finished (migration 009)', async () => {
      const personId = await addPerson('A1234BC');
      const answered = await application(personId, 0, 0, 3);
      const open = await application(personId, 1, 0, null);
      const reopened = await application(personId, 2, 0, 3);
      await reply(personId, reopened, 'beingLookedAt', 5);
      await store.close();
      // The log as it was before 009: no closed_at, no retired_seq.
      const old = harness.openDriver();
      await old.exec('DROP INDEX change_log_past_retention');
      await old.exec('ALTER TABLE change_log DROP COLUMN closed_at');
      await old.exec('ALTER TABLE people DROP COLUMN retired_seq');
      await old.run('DELETE FROM schema_migrations WHERE version = 9');
      await old.close();
      store = await harness.open();
      expect((await pullAll(personId, 10)).applications.sort()).toEqual([answered, open, reopened].sort());
      expect((await pullAll(personId, 100)).applications.sort(), 'answered on day 3: past retention on day 100').toEqual([open, reopened].sort());
      expect((await store.sweepChangeLog(onDay(100), { batchSize: 10 })).change_log).toBe(1);
    });

    describe('over HTTP, with the service clock moved', () => {
      let distDir = '';
      let removeDist: () => Promise<void> = async () => undefined;
      let clockMs = start;
      const servers: FastifyInstance[] = [];

      beforeAll(async () => {
        const dist = await makeFixtureDist();
        distDir = dist.dir;
        removeDist = dist.remove;
      });
      afterEach(async () => {
        for (const server of servers.splice(0)) await server.close();
      });
      afterAll(async () => removeDist());

      it('pull leaves out what is past retention at once, and the housekeeping sweep then deletes it', async () => {
        clockMs = start;
        const app = await buildServer({
          store,
          distDir,
          deviceMode: 'tablet',
          now: () => new Date(clockMs),
          pinHashParams: cheap,
          signInHousekeeping: false,
        });
        servers.push(app);
        const personId = await addPerson('A1234BC');
        const pull = async (cursor = '0') => {
          const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: 'A1234BC', pin: '135790' } });
          const { accessToken } = SignInResponse.parse(signIn.json());
          const res = await app.inject({ method: 'GET', url: `/api/sync/pull?cursor=${cursor}`, headers: { authorization: `Bearer ${accessToken}` } });
          expect(res.statusCode).toBe(200);
          const body = PullResponse.parse(res.json());
          return { ...body, ids: body.changes.flatMap((c) => (c.entity === 'applicationReply' ? [c.data.applicationId] : [])) };
        };
        const answered = await application(personId, 0, 0, null);
        clockMs = start + 1 * day;
        const early = await pull();
        expect(early.ids).toEqual([answered]);
        await reply(personId, answered, 'answered', 3);
        const open = await application(personId, 1, 0, null);
        clockMs = start + 93 * day;
        expect((await pull()).ids.sort(), 'day 93: answered 90 days ago, still there').toEqual([answered, open].sort());
        clockMs = start + 94 * day;
        expect((await pull()).ids, 'day 94: past retention, left out before any sweep').toEqual([open]);
        // The device that pulled on day 1 held it as received: it gets everything again, once.
        const back = await pull(early.cursor);
        expect({ restart: back.restart, ids: back.ids, hasMore: back.hasMore }).toEqual({ restart: true, ids: [open], hasMore: false });
        expect((await pull(back.cursor)).restart).toBeUndefined();
        expect(await harness.countRows('change_log')).toBe(3);

        const sweeping = await buildServer({
          store,
          distDir,
          deviceMode: 'tablet',
          now: () => new Date(clockMs),
          pinHashParams: cheap,
          signInHousekeeping: { intervalMs: 10, batchSize: 1 },
        });
        servers.push(sweeping);
        await sweeping.ready();
        const until = Date.now() + 10_000;
        while ((await harness.countRows('change_log')) > 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await harness.countRows('change_log'), 'the plan and the open application').toBe(2);
        expect((await pull()).ids).toEqual([open]);
        expect((await pull(early.cursor)).restart, 'after the sweep too').toBe(true);
      });
    });
  });
}

/**
 * The storage contract, written once and run against every engine.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Plan } from '../../../src/domain/plan.ts';
import { PlanRecord, toShareablePlan } from '../../../src/domain/plan-record.ts';
import { hashPin, verifyPin } from '../../../src/server/auth/pin-hash.ts';
import { demoSignIns, seedDemoData } from '../../../src/server/demo/index.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import {
  StoreConflictError,
  StoreNotFoundError,
  type Engine,
  type NewPerson,
  type Store,
} from '../../../src/server/store/index.ts';
import { applicationOfType } from './outbox.ts';
import { samplePlan } from './plans.ts';
import { applyMigrations, loadMigrations } from '../../../src/server/store/migrations.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

export function describeStoreContract(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`store contract: ${engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    const opened: Store[] = [];
    let cheapHash = '';

    /** Opens the same data again, as a restarted server would. */
    async function reopen(): Promise<Store> {
      const next = await harness.open();
      opened.push(next);
      return next;
    }

    async function addPerson(prisonNumber: string, displayName = 'Test Person'): Promise<NewPerson> {
      const person = { personId: newOpaqueId('p'), prisonNumber, displayName, pinHash: cheapHash };
      await store.insertPerson(person);
      return person;
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

    it('uses the expected engine and answers a ping', async () => {
      expect(store.engine).toBe(engine);
      await expect(store.ping()).resolves.toBeUndefined();
      expect(await store.isEmpty()).toBe(true);
    });

    describe('migrations', () => {
      it('are recorded, and applying them again does nothing', async () => {
        expect(await store.migrate()).toEqual({ applied: [] });
      });

      // Two servers starting at once on one database. (The embedded engine has one server per file.)
      it.runIf(engine === 'postgres')('take turns when two servers start at once, and load the demo once', async () => {
        const shared = await makeHarness();
        try {
          const stores = await Promise.all([shared.open(), shared.open(), shared.open()]);
          try {
            const results = await Promise.all(stores.map((each) => seedDemoData(each)));
            expect(results.filter((r) => r.seeded)).toHaveLength(1);
            expect(await stores[0]!.getPerson(demoSignIns[0]!.prisonNumber)).not.toBeNull();
          } finally {
            for (const each of stores) await each.close();
          }
        } finally {
          await shared.dispose();
        }
      });

      it('are not applied again when the database is opened a second time, and data survives', async () => {
        const person = await addPerson('A1111AA');
        await store.close();
        const again = await reopen();
        expect(await again.migrate()).toEqual({ applied: [] });
        expect((await again.getPerson('A1111AA'))?.personId).toBe(person.personId);
      });
      it('003 removes change-log entries that newer ones had already replaced, and keeps the rest', async () => {
        const old = await makeHarness();
        const driver = old.openDriver();
        try {
          const all = await loadMigrations();
          await applyMigrations(driver, all.filter((m) => m.version <= 2));
          await driver.run("INSERT INTO people (person_id, prison_number, display_name, pin_hash, created_at) VALUES ('p_a', 'A1111AA', 'A', 'scrypt$x', 't')");
          await driver.run("INSERT INTO people (person_id, prison_number, display_name, pin_hash, created_at) VALUES ('p_b', 'B1111BB', 'B', 'scrypt$x', 't')");
          const log = (person: string, entity: string, entityId: string, shareable: number, data: string) =>
            driver.run('INSERT INTO change_log (person_id, entity, entity_id, shareable, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?)', [
              person, entity, entityId, shareable, data, 't',
            ]);
          await log('p_a', 'plan', 'plan_1', 1, 'a plan v1 (with the hidden objective)');
          await log('p_a', 'applicationReply', 'app_1', 1, 'a app_1 new');
          await log('p_a', 'plan', 'plan_1', 1, 'a plan v2');
          await log('p_a', 'plan', 'plan_1', 0, 'a plan v3 draft');
          await log('p_a', 'applicationReply', 'app_2', 1, 'a app_2 new');
          await log('p_a', 'applicationReply', 'app_1', 1, 'a app_1 approved');
          await log('p_a', 'plan', 'plan_1', 0, 'a plan v4 draft');
          await log('p_b', 'plan', 'plan_b', 1, 'b plan v1');
          expect(await applyMigrations(driver, all)).toContain('003_pull_current_state');
          const rows = await driver.all<{ data: string }>('SELECT data FROM change_log ORDER BY seq');
          expect(rows.map((r) => r.data)).toEqual(['a plan v2', 'a app_2 new', 'a app_1 approved', 'a plan v4 draft', 'b plan v1']);
        } finally {
          await driver.close();
          await old.dispose();
        }
      });
    });

    describe('demo data', () => {
      it('loads into an empty database once, and not on later starts', async () => {
        expect(await seedDemoData(store)).toEqual({ seeded: true });
        expect(await store.isEmpty()).toBe(false);
        expect(await seedDemoData(store)).toEqual({ seeded: false });
        await store.close();
        const again = await reopen();
        expect(await seedDemoData(again)).toEqual({ seeded: false });
        for (const signIn of demoSignIns) {
          const person = await again.getPerson(signIn.prisonNumber);
          expect(person?.displayName).toBe(signIn.name);
          const { entries } = await again.changesSince(person!.personId, '0', 100);
          expect(entries).toHaveLength(1);
        }
      });

      it('is not loaded when someone is already there', async () => {
        await addPerson('A1111AA');
        expect(await seedDemoData(store)).toEqual({ seeded: false });
        expect(await store.getPerson(demoSignIns[0]!.prisonNumber)).toBeNull();
      });

      it('covers four different sentences, each plan valid and SMART', async () => {
        await seedDemoData(store, { now: new Date('2026-03-10T09:00:00Z') });
        expect(demoSignIns.length).toBeGreaterThanOrEqual(4);
        const records: PlanRecord[] = [];
        for (const signIn of demoSignIns) {
          const person = await store.getPerson(signIn.prisonNumber);
          const record = await store.getPlan(person!.personId);
          expect(record).not.toBeNull();
          records.push(PlanRecord.parse(record));
          expect(() => Plan.parse(toShareablePlan(record!))).not.toThrow();
          const priorities = record!.objectives.map((objective) => objective.priority);
          expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
          expect(new Set(priorities).size).toBe(priorities.length);
          for (const objective of record!.objectives) {
            expect(objective.measure.length).toBeGreaterThan(0);
            expect(objective.dueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(objective.steps.length).toBeGreaterThan(0);
          }
          expect(record!.reviews.length).toBeGreaterThan(0);
          // Dates are worked out from the day of loading, so the demo stays current.
          expect(record!.sentence.sentencedOn < '2026-03-10').toBe(true);
          const ahead = record!.keyDates.releaseDate ?? record!.keyDates.paroleEligibilityDate;
          expect(ahead && ahead > '2026-03-10').toBe(true);
          for (const review of record!.reviews) expect(review.on <= '2026-03-10').toBe(true);
        }
        const determinate = (months: (n: number) => boolean) =>
          records.filter((r) => r.sentence.type === 'determinate' && months(r.sentence.lengthMonths ?? 0));
        expect(determinate((n) => n === 48)).toHaveLength(1);
        expect(determinate((n) => n < 12)).toHaveLength(1);
        const indeterminate = records.filter((r) => r.sentence.type === 'indeterminate');
        expect(indeterminate).toHaveLength(1);
        expect(indeterminate[0]!.sentence.tariffMonths).toBeGreaterThan(0);
        expect(indeterminate[0]!.keyDates.paroleEligibilityDate).toBeDefined();
        expect(records.filter((r) => r.mappa?.level === 2)).toHaveLength(1);

        const objectives = records.flatMap((r) => r.objectives);
        const steps = objectives.flatMap((o) => o.steps);
        expect(objectives.some((o) => o.outsideControl)).toBe(true);
        expect(new Set(steps.map((s) => s.actor)).size).toBeGreaterThanOrEqual(5);
        expect(new Set(steps.map((s) => s.status)).size).toBe(5);
        expect(new Set(records.map((r) => r.agreement)).size).toBeGreaterThanOrEqual(3);
      });

      it('never lets an item marked not shareable reach the change log', async () => {
        await seedDemoData(store);
        let withheld = 0;
        for (const signIn of demoSignIns) {
          const person = await store.getPerson(signIn.prisonNumber);
          const record = (await store.getPlan(person!.personId))!;
          const hiddenIds = [
            ...record.objectives.filter((o) => !o.shareable).map((o) => o.id),
            ...record.objectives.flatMap((o) => o.steps).filter((s) => !s.shareable).map((s) => s.id),
            ...record.reviews.filter((r) => !r.shareable).map((r) => r.id),
          ];
          withheld += hiddenIds.length;
          const { entries } = await store.changesSince(person!.personId, '0', 100);
          const sent = JSON.stringify(entries);
          for (const id of hiddenIds) expect(sent).not.toContain(`"${id}"`);
          expect(sent).not.toContain('shareable');
        }
        expect(withheld).toBeGreaterThanOrEqual(2);
      });

      it('stores PINs only as hashes that verify the right PIN and reject a wrong one', async () => {
        await seedDemoData(store);
        for (const signIn of demoSignIns) {
          const person = await store.getPerson(signIn.prisonNumber);
          expect(person!.pinHash).toMatch(/^scrypt\$N=\d+,r=\d+,p=\d+\$/);
          expect(await verifyPin(signIn.pin, person!.pinHash)).toBe(true);
          expect(await verifyPin(signIn.pin === '000000' ? '111111' : '000000', person!.pinHash)).toBe(false);
        }
      });
    });

    describe('people', () => {
      it('finds a person by prison number, whatever the case', async () => {
        const person = await addPerson('B2222BB', 'Sam Test');
        const found = await store.getPerson(' b2222bb ');
        expect(found).toMatchObject({ personId: person.personId, prisonNumber: 'B2222BB', displayName: 'Sam Test' });
        expect(await store.getPerson('B9999BB')).toBeNull();
        expect(await store.getPerson('not a number')).toBeNull();
      });

      it('refuses a second person with the same prison number', async () => {
        await addPerson('C3333CC');
        await expect(addPerson('C3333CC')).rejects.toBeInstanceOf(StoreConflictError);
      });
    });

    describe('plans and the change log', () => {
      it('round-trips a plan exactly as staff hold it', async () => {
        const person = await addPerson('D4444DD');
        const plan = samplePlan(person.personId);
        await store.putPlan(plan);
        expect(await store.getPlan(person.personId)).toEqual(plan);
        expect(await store.getPlan('nobody')).toBeNull();
      });

      it('refuses a plan for someone who does not exist', async () => {
        await expect(store.putPlan(samplePlan('nobody'))).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('sends only shareable items, numbering objectives again with no gaps', async () => {
        const person = await addPerson('E5555EE');
        await store.putPlan(samplePlan(person.personId));
        const { entries } = await store.changesSince(person.personId, '0', 10);
        expect(entries).toHaveLength(1);
        const change = entries[0]!.change;
        expect(change.entity).toBe('plan');
        const plan = Plan.parse(change.data);
        expect(plan.objectives.map((o) => [o.id, o.priority])).toEqual([
          ['objective-1', 1],
          ['objective-3', 2],
        ]);
        expect(plan.objectives[0]!.steps.map((s) => s.id)).toEqual(['objective-1-step-1']);
        expect(plan.reviews.map((r) => r.id)).toEqual(['review-1']);
        expect(await store.getShareablePlan(person.personId)).toEqual(plan);
      });

      it('never pulls a plan version that is not shareable', async () => {
        const person = await addPerson('F6666FF');
        const shared = await store.putPlan(samplePlan(person.personId, { agreement: 'agreed' }));
        const draft = await store.putPlan(samplePlan(person.personId, { agreement: 'notAskedYet', shareable: false }));
        expect(BigInt(draft.cursor)).toBeGreaterThan(BigInt(shared.cursor));
        const page = await store.changesSince(person.personId, '0', 10);
        expect(page.entries.map((e) => e.cursor)).toEqual([shared.cursor]);
        expect((await store.getPlan(person.personId))?.agreement).toBe('notAskedYet');
        expect((await store.getShareablePlan(person.personId))?.agreement).toBe('agreed');
      });

      it('gives each person only their own changes, in growing cursor order, a page at a time', async () => {
        const alex = await addPerson('G7777GG');
        const bo = await addPerson('H8888HH');
        const alexCursors = [(await store.putPlan(samplePlan(alex.personId))).cursor];
        await store.putPlan(samplePlan(bo.personId));
        for (let i = 0; i < 4; i++) {
          await store.applyPush(alex.personId, [applicationOfType(i, `Alex ${i}`)], '2026-02-01T10:00:00.000Z');
          await store.applyPush(bo.personId, [applicationOfType(i, `Bo ${i}`)], '2026-02-01T10:00:00.000Z');
        }

        const seen: string[] = [];
        let cursor = '0';
        const pages: boolean[] = [];
        for (;;) {
          const page = await store.changesSince(alex.personId, cursor, 2);
          for (const entry of page.entries) {
            expect(entry.change.data.personId).toBe(alex.personId);
            seen.push(entry.cursor);
          }
          pages.push(page.hasMore);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        expect(pages).toEqual([true, true, false]);
        expect(seen).toHaveLength(5);
        expect(seen[0]).toBe(alexCursors[0]);
        const asNumbers = seen.map(Number);
        expect(asNumbers).toEqual([...asNumbers].sort((a, b) => a - b));
        expect(new Set(asNumbers).size).toBe(asNumbers.length);

        // Nothing new: the cursor stays where it was.
        expect(await store.changesSince(alex.personId, cursor, 2)).toEqual({ entries: [], cursor, hasMore: false });
        expect((await store.changesSince('nobody', '0', 10)).entries).toEqual([]);
      });

      it('keeps cursors unique and in order when many plans are saved at once, and pulls only the last', async () => {
        const person = await addPerson('J9999JJ');
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            store.putPlan(samplePlan(person.personId, { updatedAt: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00.000Z` })),
          ),
        );
        const cursors = results.map((r) => r.cursor);
        expect(new Set(cursors).size).toBe(12);
        const newest = [...cursors].sort((a, b) => Number(a) - Number(b)).at(-1)!;
        const page = await store.changesSince(person.personId, '0', 100);
        expect(page.entries.map((e) => e.cursor)).toEqual([newest]);
        // The plan pulled is the one staff hold now.
        expect(page.entries[0]!.change.data).toEqual(toShareablePlan((await store.getPlan(person.personId))!));
      });
    });

    describe('pull delivers current state', () => {
      /** Every change a device starting at `cursor` receives, page by page (small pages, to cross every boundary). */
      async function pullAll(personId: string, cursor = '0') {
        const received: Array<{ cursor: string; text: string; change: unknown }> = [];
        let at = cursor;
        for (;;) {
          const page = await store.changesSince(personId, at, 1);
          for (const entry of page.entries) received.push({ cursor: entry.cursor, text: JSON.stringify(entry.change), change: entry.change });
          expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(at));
          at = page.cursor;
          if (!page.hasMore) return { received, cursor: at };
        }
      }

      const secret = 'Talk about the family visit';
      function withObjective(personId: string, shareable: boolean, updatedAt: string): PlanRecord {
        const plan = samplePlan(personId, { updatedAt });
        return {
          ...plan,
          objectives: [
            ...plan.objectives,
            {
              id: 'objective-family',
              area: 'relationshipsCommunity',
              priority: 4,
              title: secret,
              measure: 'You have talked it through with your POM.',
              status: 'active',
              dueBy: '2026-09-01',
              shareable,
              steps: [],
            },
          ],
        };
      }

      it('never sends an objective hidden later to a new device, on any page', async () => {
        const person = await addPerson('K1111KK');
        const shared = await store.putPlan(withObjective(person.personId, true, '2026-01-10T10:00:00.000Z'));
        const hidden = await store.putPlan(withObjective(person.personId, false, '2026-01-11T10:00:00.000Z'));
        expect(Number(hidden.cursor)).toBeGreaterThan(Number(shared.cursor));

        const fresh = await pullAll(person.personId);
        for (const { text } of fresh.received) {
          expect(text).not.toContain(secret);
          expect(text).not.toContain('objective-family');
        }
        expect(fresh.received.map((r) => r.cursor)).toEqual([hidden.cursor]);
        expect(fresh.received[0]!.change).toMatchObject({ entity: 'plan', data: { updatedAt: '2026-01-11T10:00:00.000Z' } });
        expect(fresh.cursor).toBe(hidden.cursor);
      });

      it('gives a device part way through (its cursor between two versions) the newest version', async () => {
        const person = await addPerson('K2222KK');
        const first = await store.putPlan(withObjective(person.personId, true, '2026-01-10T10:00:00.000Z'));
        const deviceCursor = (await pullAll(person.personId)).cursor;
        expect(deviceCursor).toBe(first.cursor);
        const second = await store.putPlan(withObjective(person.personId, false, '2026-01-11T10:00:00.000Z'));
        const later = await pullAll(person.personId, deviceCursor);
        expect(later.received.map((r) => r.cursor)).toEqual([second.cursor]);
        expect(later.received[0]!.text).not.toContain(secret);
        expect(Number(later.cursor)).toBeGreaterThan(Number(deviceCursor));
        // A device that was already past the first version is not sent anything older.
        const third = await store.putPlan(withObjective(person.personId, false, '2026-01-12T10:00:00.000Z'));
        expect((await pullAll(person.personId, later.cursor)).received.map((r) => r.cursor)).toEqual([third.cursor]);
      });

      it('keeps the last shared version for new devices while a newer version is not shareable (a draft)', async () => {
        const person = await addPerson('K3333KK');
        await store.putPlan(samplePlan(person.personId, { updatedAt: '2026-01-10T10:00:00.000Z', agreement: 'notAgreed' }));
        const shared = await store.putPlan(samplePlan(person.personId, { updatedAt: '2026-01-11T10:00:00.000Z', agreement: 'agreed' }));
        await store.putPlan(samplePlan(person.personId, { updatedAt: '2026-01-12T10:00:00.000Z', shareable: false }));
        await store.putPlan(samplePlan(person.personId, { updatedAt: '2026-01-13T10:00:00.000Z', shareable: false }));
        expect((await pullAll(person.personId)).received.map((r) => r.cursor)).toEqual([shared.cursor]);
        expect((await store.getShareablePlan(person.personId))?.updatedAt).toBe('2026-01-11T10:00:00.000Z');
        // The draft is then shared: it replaces everything before it.
        const published = await store.putPlan(samplePlan(person.personId, { updatedAt: '2026-01-14T10:00:00.000Z' }));
        expect((await pullAll(person.personId)).received.map((r) => r.cursor)).toEqual([published.cursor]);
      });

      it("never touches another person's plan", async () => {
        const alex = await addPerson('K4444KK');
        const bo = await addPerson('K5555KK');
        const bos = await store.putPlan(samplePlan(bo.personId));
        await store.putPlan(samplePlan(alex.personId));
        await store.putPlan(samplePlan(alex.personId, { updatedAt: '2026-02-01T10:00:00.000Z' }));
        expect((await pullAll(bo.personId)).received.map((r) => r.cursor)).toEqual([bos.cursor]);
      });
    });

    it('fails to ping once closed', async () => {
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });
  });
}

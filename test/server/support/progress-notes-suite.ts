/**
 * Progress notes ("what I have done" on a goal or a step): stored exactly once by the push path,
 * kept for the person's POM, on every engine; through the store and over HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../../src/domain/auth.ts';
import { progressNoteMaxLength } from '../../../src/domain/progress-note.ts';
import { currentSchemaVersion, PushResponse } from '../../../src/domain/sync.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import { applicationItem, progressNoteItem } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const at = (seconds: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + seconds * 1000).toISOString();

export function describeProgressNotes(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`progress notes: ${engine}`, () => {
    let harness: StoreHarness;
    let store: Store;
    let second: Store | null = null;
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let pinHash = '';

    beforeAll(async () => {
      const dist = await makeFixtureDist();
      distDir = dist.dir;
      removeDist = dist.remove;
      pinHash = await hashPin('482913', { N: 1024, r: 8, p: 1 });
    });
    afterAll(async () => {
      await removeDist();
    });
    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
    });
    afterEach(async () => {
      await second?.close();
      second = null;
      await store.close();
      await harness.dispose();
    });

    async function addPerson(prisonNumber: string): Promise<string> {
      const personId = newOpaqueId('p');
      await store.insertPerson({ personId, prisonNumber, displayName: 'Test Person', pinHash });
      await store.putPlan(samplePlan(personId));
      return personId;
    }

    it('stores a note on a goal and a note on a step, for the POM, oldest first and by goal', async () => {
      const personId = await addPerson('A1234BC');
      const onGoal = progressNoteItem('I finished the first part.');
      const onStep = progressNoteItem('I went to class all week.', { stepId: 'objective-1-step-1' });
      const elsewhere = progressNoteItem('I wrote to the housing team.', { objectiveId: 'objective-2' });
      expect(await store.applyPush(personId, [onGoal, onStep, elsewhere], at(0))).toEqual([
        { id: onGoal.id, status: 'applied' },
        { id: onStep.id, status: 'applied' },
        { id: elsewhere.id, status: 'applied' },
      ]);
      expect(await store.listProgressNotes(personId)).toEqual([onGoal.payload, onStep.payload, elsewhere.payload].sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(await store.listProgressNotes(personId, { objectiveId: 'objective-2' })).toEqual([elsewhere.payload]);
      // A note tells the device nothing new: nothing is added to what it pulls.
      expect((await store.changesSince(personId, '0', 10)).entries.map((e) => e.change.entity)).toEqual(['plan']);
    });

    it('has exactly one effect when a note is sent again, twice in one batch, or twice at once', async () => {
      const personId = await addPerson('A1234BC');
      const note = progressNoteItem();
      await store.applyPush(personId, [note], at(0));
      expect(await store.applyPush(personId, [note], at(5))).toEqual([{ id: note.id, status: 'duplicate' }]);
      const twice = progressNoteItem('Sent twice in one go.');
      expect((await store.applyPush(personId, [twice, twice], at(6))).map((r) => r.status)).toEqual(['applied', 'duplicate']);
      const atOnce = progressNoteItem('Sent from two tabs at once.');
      second = await harness.open();
      const results = await Promise.all([store.applyPush(personId, [atOnce], at(7)), second.applyPush(personId, [atOnce], at(7))]);
      expect(results.map((r) => r[0]!.status).sort()).toEqual(['applied', 'duplicate']);
      expect(await store.listProgressNotes(personId)).toHaveLength(3);
      expect(await harness.countRows('progress_notes')).toBe(3);
    });

    it('refuses the same id with other words, and a note whose own id is taken, changing nothing', async () => {
      const personId = await addPerson('A1234BC');
      const note = progressNoteItem('The first words.');
      await store.applyPush(personId, [note], at(0));
      const [changed] = await store.applyPush(personId, [{ ...note, payload: { ...note.payload, text: 'Other words.' } }], at(1));
      expect(changed).toMatchObject({ id: note.id, status: 'rejected', code: 'conflict' });
      // A new outbox id carrying a note id already stored: refused, and its resend is never a false duplicate.
      const reused = { ...progressNoteItem('Copied note.'), payload: note.payload };
      expect((await store.applyPush(personId, [reused], at(2)))[0]).toMatchObject({ id: reused.id, status: 'rejected', code: 'conflict' });
      expect((await store.applyPush(personId, [reused], at(3)))[0]).toMatchObject({ status: 'rejected', code: 'conflict' });
      expect(await store.listProgressNotes(personId)).toEqual([note.payload]);
    });

    it("keeps one person's notes from another's", async () => {
      const alex = await addPerson('A1234BC');
      const bo = await addPerson('B2345CD');
      const note = progressNoteItem('Alex did this.');
      await store.applyPush(alex, [note], at(0));
      const [result] = await store.applyPush(bo, [note], at(1));
      expect(result).toMatchObject({ status: 'rejected', code: 'conflict' });
      expect(JSON.stringify(result)).not.toContain('Alex');
      expect(await store.listProgressNotes(bo)).toEqual([]);
      expect(await store.listProgressNotes(alex)).toEqual([note.payload]);
    });

    it('is applied in one batch with an application, and survives a restart', async () => {
      const personId = await addPerson('A1234BC');
      const note = progressNoteItem();
      const application = applicationItem();
      expect((await store.applyPush(personId, [application, note], at(0))).map((r) => r.status)).toEqual(['applied', 'applied']);
      await store.close();
      store = await harness.open();
      expect(await store.listProgressNotes(personId)).toEqual([note.payload]);
      expect(await store.listApplications(personId)).toEqual([application.payload]);
      expect(await store.applyPush(personId, [note], at(9))).toEqual([{ id: note.id, status: 'duplicate' }]);
    });

    describe('over HTTP', () => {
      let app: FastifyInstance;
      let token = '';
      let personId = '';
      beforeEach(async () => {
        personId = await addPerson('A1234BC');
        app = await buildServer({ store, distDir, deviceMode: 'tablet' });
        await app.ready();
        const signedIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: 'A1234BC', pin: '482913' } });
        token = SignInResponse.parse(signedIn.json()).accessToken;
      });
      afterEach(async () => {
        await app.close();
      });
      const push = (items: unknown[]) =>
        app.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { schemaVersion: currentSchemaVersion, items } });

      it('a note sent twice is stored once; an empty or too long one is refused alone, in plain words', async () => {
        const note = progressNoteItem();
        const empty = progressNoteItem('   ');
        const long = progressNoteItem('a'.repeat(progressNoteMaxLength + 1));
        const first = PushResponse.parse((await push([note, empty, long])).json());
        expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected']);
        expect(first.results[1]).toMatchObject({ code: 'invalid', message: expect.stringMatching(/empty/) });
        expect(first.results[2]).toMatchObject({ code: 'invalid', message: expect.stringMatching(/too long/) });
        const again = PushResponse.parse((await push([note])).json());
        expect(again.results).toEqual([{ id: note.id, status: 'duplicate' }]);
        expect(await store.listProgressNotes(personId)).toEqual([note.payload]);
      });

      it('a note of exactly 500 characters, in Welsh, is stored as written', async () => {
        const text = 'ŵ'.repeat(progressNoteMaxLength);
        const note = progressNoteItem(text);
        expect(PushResponse.parse((await push([note])).json()).results).toEqual([{ id: note.id, status: 'applied' }]);
        expect((await store.listProgressNotes(personId))[0]?.text).toBe(text);
      });
    });
  });
}

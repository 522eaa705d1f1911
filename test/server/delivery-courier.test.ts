/**
 * The kiosk's courier against the real service: the app's own sign-in, sealer, outbox and courier
 * (Dexie on fake-indexeddb) talking HTTP to a real listening service, on each engine. What the
 * service holds is read from its store.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationType } from '../../src/domain/application.ts';
import type { OutboxItem } from '../../src/domain/sync.ts';
import { openDeviceDatabase, type DeviceDatabase } from '../../src/app/data/device-db.ts';
import { openPersonDatabase, personDatabaseName } from '../../src/app/data/person-db.ts';
import { createApiClient, type ApiClient } from '../../src/app/sync/api-client.ts';
import { deliverWaiting } from '../../src/app/sync/courier.ts';
import { enrolKiosk, readKioskStatus } from '../../src/app/sync/delivery-enrol.ts';
import { createDeliverySealer, deliverySecretMetaKey } from '../../src/app/sync/delivery-sealer.ts';
import { createPersonSync, type PersonSync } from '../../src/app/sync/engine.ts';
import { newClientId } from '../../src/app/sync/ids.ts';
import { signIn, signOut, type SignedIn } from '../../src/app/sync/sign-in.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { runDeviceCli } from '../../src/server/delivery/cli.ts';
import type { Engine, Store } from '../../src/server/store/index.ts';
import { manualClock } from '../unit/sync-harness.ts';
import { describeOnEngine } from './support/engines.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import type { HarnessFactory, StoreHarness } from './support/store-harness.ts';

const alex = { personId: 'p_alex', prisonNumber: 'A1234BC', pin: '482913', displayName: 'Alex' };
const bo = { personId: 'p_bo', prisonNumber: 'B2345CD', pin: '735102', displayName: 'Bo' };
const iterations = 1_000;

/** One open application per type: items meant to be applied side by side are of different types. */
function application(details: string, type: ApplicationType = 'copyOfOasys'): OutboxItem {
  const id = newClientId();
  const createdAt = new Date().toISOString();
  return { id, kind: 'application', createdAt, payload: { id, createdAt, type, details } };
}

function describeCourier(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`the kiosk courier: ${engine}`, () => {
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let harness: StoreHarness;
    let store: Store;
    let server: FastifyInstance;
    let api: ApiClient;
    let device: DeviceDatabase;
    let offline = false;
    let serviceOffsetMs = 0;
    const hashes = { alex: '', bo: '' };
    const open: Array<{ close(): void }> = [];

    beforeAll(async () => {
      const dist = await makeFixtureDist();
      distDir = dist.dir;
      removeDist = dist.remove;
      hashes.alex = await hashPin(alex.pin, { N: 1024, r: 8, p: 1 });
      hashes.bo = await hashPin(bo.pin, { N: 1024, r: 8, p: 1 });
    });

    beforeEach(async () => {
      offline = false;
      serviceOffsetMs = 0;
      harness = await makeHarness();
      store = await harness.open();
      await store.insertPerson({ ...alex, pinHash: hashes.alex });
      await store.insertPerson({ ...bo, pinHash: hashes.bo });
      server = await buildServer({ store, distDir, deviceMode: 'kiosk', now: () => new Date(Date.now() + serviceOffsetMs) });
      await server.listen({ host: '127.0.0.1', port: 0 });
      const address = server.server.address();
      if (address === null || typeof address === 'string') throw new Error('no address');
      const baseUrl = `http://127.0.0.1:${address.port}`;
      api = createApiClient({
        baseUrl,
        fetch: async (input, init) => {
          if (offline) throw new TypeError('Failed to fetch');
          return fetch(input, init);
        },
      });
      device = openDeviceDatabase();
      open.push(device);
    });

    afterEach(async () => {
      for (const db of open.splice(0)) db.close();
      for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
      const closing = server.close();
      server.server.closeAllConnections();
      await closing;
      await store.close();
      await harness.dispose();
    });

    afterAll(async () => {
      await removeDist();
    });

    async function signInAs(who: typeof alex): Promise<SignedIn & { sync: PersonSync }> {
      const result = await signIn({ api, device, unlock: { iterations } }, who);
      if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
      open.push(result.db);
      const sealer = createDeliverySealer({ api, db: result.db, session: result.session, auth: result.auth });
      await sealer.ready();
      const sync = createPersonSync({ db: result.db, session: result.session, api, auth: result.auth, pull: false, clock: manualClock(), sealForDelivery: sealer.seal });
      return { ...result, sync };
    }

    async function setUpKiosk(name = 'Wing B kiosk 2'): Promise<string> {
      const lines: string[] = [];
      await runDeviceCli(['enrol', name], { store, now: () => new Date(), print: (line) => lines.push(line) });
      const code = lines.join('\n').match(/Set-up code: ([0-9A-Z-]+)/)![1]!;
      expect(await enrolKiosk(api, code)).toEqual({ ok: true, name });
      return (await store.delivery.listDevices()).at(-1)!.deviceId;
    }

    const courier = (currentPersonId: string | null) => deliverWaiting({ api, device, currentPersonId: () => currentPersonId });

    it("A queues offline and signs out, never to return: the kiosk delivers it once, as A's; B never sees it", async () => {
      await setUpKiosk();
      const a = await signInAs(alex);
      offline = true;
      const words = 'Please can I have a copy of my OASys? I am moving to another prison.';
      const item = application(words);
      await a.sync.enqueue(item);
      await a.sync.idle();
      // The row holds the envelope; neither it nor anything else in the row shows the words.
      const row = await a.db.outbox.get(item.id);
      expect(row?.envelope).toMatchObject({ id: item.id, personId: alex.personId });
      expect(JSON.stringify(row)).not.toContain('OASys');
      await signOut(a, a.sync, api, { timeoutMs: 200 });
      expect(a.session.locked).toBe(true);

      // The network comes back; B signs in on the kiosk; the courier runs for everyone but B.
      offline = false;
      const b = await signInAs(bo);
      expect(await courier(bo.personId)).toEqual({ kind: 'done', delivered: 1, forgotten: [alex.personId] });
      expect((await store.listApplications(alex.personId)).map((x) => [x.id, x.details])).toEqual([[item.id, words]]);
      expect(await store.listApplications(bo.personId)).toEqual([]);

      // A's data has left the kiosk (nothing of theirs waits); B's store never had any of it.
      expect(await Dexie.getDatabaseNames()).not.toContain(personDatabaseName(alex.personId));
      expect(await device.people.get(alex.personId)).toBeUndefined();
      expect(await b.db.outbox.count()).toBe(0);
      expect(await b.db.submissions.count()).toBe(0);

      // Another pass sends nothing more; the service still holds exactly one.
      expect(await courier(null)).toEqual({ kind: 'done', delivered: 0, forgotten: [] });
      expect(await store.listApplications(alex.personId)).toHaveLength(1);
    });

    it('marks the submission sent when A is still known here, and A\'s own later send is a duplicate', async () => {
      await setUpKiosk();
      const a = await signInAs(alex);
      offline = true;
      const item = application('first');
      await a.sync.enqueue(item);
      await a.db.meta.put({ key: 'draft.application', value: await a.session.seal({ type: 'other', details: 'half written' }, 'meta', 'draft.application') }); // a saved draft keeps A's data here
      await signOut(a, a.sync, api, { timeoutMs: 200 });
      offline = false;
      expect(await courier(null)).toEqual({ kind: 'done', delivered: 1, forgotten: [] });
      const db = openPersonDatabase(alex.personId);
      open.push(db);
      expect(await db.outbox.count()).toBe(0);
      expect((await db.submissions.get(item.id))?.state).toBe('sent');
      db.close();

      // Had A's own flusher sent it as well, the service answers duplicate.
      const again = await signInAs(alex);
      const token = again.auth.accessToken()!;
      const pushed = await api.push(token, [item]);
      expect(pushed.ok && pushed.value.results).toEqual([{ id: item.id, status: 'duplicate' }]);
      expect(await store.listApplications(alex.personId)).toHaveLength(1);
    });

    it('never sends for whoever is signed in on this screen; a kiosk stopped by staff sends nothing and keeps everything', async () => {
      const kioskId = await setUpKiosk();
      const a = await signInAs(alex);
      offline = true;
      const items = [application('one'), application('two', 'seeMyPom')];
      for (const item of items) await a.sync.enqueue(item);
      // Let A's own send, started by the enqueue, fail while offline; otherwise, on a slow machine,
      // it reached the service after the network came back and the test saw A's own delivery.
      await a.sync.idle();
      offline = false;
      // A is still signed in here: their own flusher sends, never the courier.
      expect(await courier(alex.personId)).toEqual({ kind: 'done', delivered: 0, forgotten: [] });
      expect(await store.listApplications(alex.personId)).toEqual([]);
      offline = true;
      await signOut(a, a.sync, api, { timeoutMs: 200 });
      offline = false;

      // Staff stop this kiosk: the service answers 401, the courier stops and keeps the rows.
      await runDeviceCli(['revoke', kioskId], { store, now: () => new Date(), print: () => undefined });
      expect(await courier(null)).toEqual({ kind: 'stopped' });
      expect(await readKioskStatus()).toEqual({ state: 'stopped', name: 'Wing B kiosk 2' });
      expect(await courier(null)).toEqual({ kind: 'stopped' });
      expect(await store.listApplications(alex.personId)).toEqual([]);
      const db = openPersonDatabase(alex.personId);
      open.push(db);
      expect(await db.outbox.count()).toBe(2);
      db.close();

      // Set up again, it delivers both, in order.
      await setUpKiosk('Wing B kiosk 2 (again)');
      expect(await readKioskStatus()).toEqual({ state: 'setUp', name: 'Wing B kiosk 2 (again)' });
      expect(await courier(null)).toMatchObject({ kind: 'done', delivered: 2 });
      expect((await store.listApplications(alex.personId)).map((x) => x.details).sort()).toEqual(['one', 'two']);
    });

    it('uses the secret kept sealed from an earlier online sign-in when A signs in offline', async () => {
      await setUpKiosk();
      const first = await signInAs(alex);
      const stored = await first.db.meta.get(deliverySecretMetaKey);
      expect(stored?.value).toMatchObject({ v: 1, iv: expect.any(String), ct: expect.any(String) });
      await signOut(first, first.sync, api);

      offline = true;
      const later = await signInAs(alex);
      expect(later.mode).toBe('offline');
      const item = application('written offline');
      await later.sync.enqueue(item);
      expect((await later.db.outbox.get(item.id))?.envelope?.id).toBe(item.id);
      await signOut(later, later.sync, api, { timeoutMs: 200 });

      offline = false;
      expect(await courier(null)).toMatchObject({ kind: 'done', delivered: 1 });
      expect((await store.listApplications(alex.personId)).map((x) => x.details)).toEqual(['written offline']);
    });

    it('leaves an item the service will no longer take for its owner, who sends it at their next sign-in: once', async () => {
      await setUpKiosk();
      const a = await signInAs(alex);
      offline = true;
      const item = application('written before the kiosk went offline for weeks');
      await a.sync.enqueue(item);
      await signOut(a, a.sync, api, { timeoutMs: 200 });
      offline = false;
      serviceOffsetMs = 15 * 24 * 3600 * 1000; // 15 days later
      expect(await courier(null)).toEqual({ kind: 'done', delivered: 0, forgotten: [] });
      const db = openPersonDatabase(alex.personId);
      open.push(db);
      const row = await db.outbox.get(item.id);
      expect(row).toMatchObject({ state: 'waiting' });
      expect(row?.envelope).toBeUndefined(); // not tried again by the courier
      db.close();
      expect(await store.listApplications(alex.personId)).toEqual([]);

      const back = await signInAs(alex);
      expect(await back.sync.syncNow()).toEqual({ kind: 'done' });
      expect((await store.listApplications(alex.personId)).map((x) => x.id)).toEqual([item.id]);
    });

    it('does nothing on a kiosk staff have not set up', async () => {
      const a = await signInAs(alex);
      offline = true;
      await a.sync.enqueue(application('waits'));
      await signOut(a, a.sync, api, { timeoutMs: 200 });
      offline = false;
      expect(await courier(null)).toEqual({ kind: 'notSetUp' });
      expect(await readKioskStatus()).toEqual({ state: 'notSetUp' });
      expect(await store.listApplications(alex.personId)).toEqual([]);
    });
  });
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'the kiosk courier', (makeHarness) => describeCourier(engine, makeHarness));
}

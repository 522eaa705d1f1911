/** Shared set-up for the sync-*.test.ts files (not a test file itself). */
import { Dexie } from 'dexie';
import type { OutboxItem } from '../../src/domain/sync.ts';
import { openDeviceDatabase, type DeviceDatabase } from '../../src/app/data/device-db.ts';
import { createApiClient } from '../../src/app/sync/api-client.ts';
import { newClientId } from '../../src/app/sync/ids.ts';
import type { Clock } from '../../src/app/sync/scheduler.ts';
import { signIn, type SignedIn } from '../../src/app/sync/sign-in.ts';
import { createFakeService, type FakeService } from './sync-fake-service.ts';

export const iterations = 1_000; // real figure: 600,000 (checked in data-unlock.test.ts)

export const alice = { personId: 'person-a', prisonNumber: 'A1234BC', pin: '123456', displayName: 'Alice' };
export const bob = { personId: 'person-b', prisonNumber: 'B2345CD', pin: '654321', displayName: 'Bob' };

export function application(details = 'Please can I see my POM', createdAt = '2026-11-23T10:00:00Z'): OutboxItem {
  const id = newClientId();
  return { id, kind: 'application', createdAt, payload: { id, createdAt, type: 'seeMyPom', details } };
}

export function world(options: Parameters<typeof createFakeService>[0] = {}) {
  const service: FakeService = createFakeService(options);
  service.addPerson(alice);
  service.addPerson(bob);
  const api = createApiClient({ fetch: service.fetch });
  const device: DeviceDatabase = openDeviceDatabase();
  const open: Array<{ close(): void }> = [device];
  return {
    service,
    api,
    device,
    async signIn(who: { prisonNumber: string; pin: string }): Promise<SignedIn> {
      const result = await signIn({ api, device, unlock: { iterations } }, who);
      if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
      open.push(result.db);
      return result;
    },
    /** Close this database too at the end. */
    track<T extends { close(): void }>(db: T): T {
      open.push(db);
      return db;
    },
    async dispose() {
      for (const db of open) db.close();
      for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
    },
  };
}

/** A monotonic clock you move by hand; timers fire when you advance past them. */
export function manualClock(start = 0): Clock & { advance(ms: number): void; pending(): number } {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimer(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimer(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.callback();
        }
      }
    },
    pending: () => timers.size,
  };
}

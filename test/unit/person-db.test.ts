import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { openDeviceDatabase } from '../../src/app/data/device-db.ts';
import { openPersonDatabase, personDatabaseName } from '../../src/app/data/person-db.ts';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('on-device databases', () => {
  it('keeps each person in their own database', async () => {
    const a = openPersonDatabase('person-a');
    const b = openPersonDatabase('person-b');
    opened.push(a, b);
    await a.outbox.add({ id: '0190a1b2-0000-7000-8000-000000000001', seq: 1, kind: 'application', createdAt: '2026-11-23T10:00:00Z', state: 'waiting', attempts: 0, sealed: { v: 1, iv: 'aXY=', ct: 'Y3Q=' } });
    expect(await a.outbox.count()).toBe(1);
    expect(await b.outbox.count()).toBe(0);
    expect(a.name).not.toBe(b.name);
    expect(a.verno).toBe(2);
  });

  it('upgrades a version-1 database: outbox rows get a sequence in their old order', async () => {
    const name = personDatabaseName('person-old');
    const old = new Dexie(name);
    old.version(1).stores({ plans: 'id, updatedAt', submissions: 'id, kind, createdAt', outbox: 'id, state, createdAt', meta: 'key' });
    await old.table('outbox').bulkAdd([
      { id: 'b', kind: 'application', createdAt: '2026-01-02T00:00:00Z', state: 'sending', attempts: 1, sealed: null },
      { id: 'a', kind: 'application', createdAt: '2026-01-01T00:00:00Z', state: 'waiting', attempts: 0, sealed: null },
    ]);
    old.close();
    const db = openPersonDatabase('person-old');
    opened.push(db);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.id, r.seq, r.state])).toEqual([['a', 1, 'waiting'], ['b', 2, 'waiting']]);
    expect((await db.meta.get('outboxSeq'))?.value).toBe(2);
  });

  it('refuses a person id that is not opaque', () => {
    expect(() => personDatabaseName('A1234BC/../x')).toThrow();
    expect(() => personDatabaseName('')).toThrow();
  });

  it('lists who has data on this device', async () => {
    const device = openDeviceDatabase();
    opened.push(device);
    await device.people.put({ personId: 'person-a', lastUsedAt: '2026-11-23T10:00:00Z' });
    expect(await device.people.get('person-a')).toEqual({ personId: 'person-a', lastUsedAt: '2026-11-23T10:00:00Z' });
  });
});

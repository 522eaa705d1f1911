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
    await a.outbox.add({ id: '0190a1b2-0000-7000-8000-000000000001', kind: 'application', createdAt: '2026-11-23T10:00:00Z', state: 'waiting', attempts: 0, sealed: 'x' });
    expect(await a.outbox.count()).toBe(1);
    expect(await b.outbox.count()).toBe(0);
    expect(a.name).not.toBe(b.name);
    expect(a.verno).toBe(1);
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

import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openPersonDatabase, type PersonDatabase } from '../../src/app/data/person-db.ts';
import { flushOutbox } from '../../src/app/sync/flusher.ts';
import { memoryLock } from '../../src/app/sync/locks.ts';
import { enqueue } from '../../src/app/sync/outbox.ts';
import type { Fault } from './sync-fake-service.ts';
import { alice, application, bob, world } from './sync-harness.ts';

/**
 * Random sequences of enqueue / flush / crash / lost answers / network and server failures /
 * concurrent flushes, for two people on one device. After the network heals and a final flush:
 * nothing lost, at most one effect per id, order kept per person.
 */
type Who = 'a' | 'b';
type Step =
  | { t: 'enqueue'; who: Who }
  | { t: 'flush'; who: Who; batch: number }
  | { t: 'crash'; who: Who; ticks: number; batch: number }
  | { t: 'concurrent'; who: Who; batch: number }
  | { t: 'fault'; fault: 'offline' | 'lost' | '500' | '503' | '429' }
  | { t: 'network'; online: boolean };

const who = fc.constantFrom<Who>('a', 'b');
const batch = fc.integer({ min: 1, max: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('enqueue' as const), who }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('flush' as const), who, batch }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('crash' as const), who, ticks: fc.integer({ min: 0, max: 6 }), batch }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('concurrent' as const), who, batch }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('fault' as const), fault: fc.constantFrom('offline', 'lost', '500', '503', '429') as fc.Arbitrary<'offline' | 'lost' | '500' | '503' | '429'> }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('network' as const), online: fc.boolean() }) },
);

const toFault = (f: 'offline' | 'lost' | '500' | '503' | '429'): Fault =>
  f === 'offline' ? { kind: 'offline' } : f === 'lost' ? { kind: 'lostResponse' } : { kind: 'status', status: Number(f), ...(f === '500' ? {} : { retryAfter: '1' }) };

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let w: ReturnType<typeof world> | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

describe('randomized sync (fast-check)', () => {
  it('nothing lost, at most one effect per id, order kept per person', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        w = world();
        const people = { a: await w.signIn(alice), b: await w.signIn(bob) };
        const dbs: Record<Who, PersonDatabase> = { a: people.a.db, b: people.b.db };
        const made: Record<Who, string[]> = { a: [], b: [] };
        const lock = (p: Who, run: () => Promise<unknown>) => memoryLock(`spc-flush-${people[p].session.personId}`, run);
        const flush = (p: Who, db: PersonDatabase, batchSize: number, signal?: AbortSignal) =>
          lock(p, () => flushOutbox({ db, session: people[p].session, api: w!.api, auth: people[p].auth, batchSize }, signal));

        for (const s of steps) {
          switch (s.t) {
            case 'enqueue': {
              const item = application(`${s.who} ${made[s.who].length}`);
              made[s.who].push(item.id);
              await enqueue(dbs[s.who], people[s.who].session, item);
              break;
            }
            case 'flush':
              await flush(s.who, dbs[s.who], s.batch);
              break;
            case 'concurrent': {
              const other = w.track(openPersonDatabase(people[s.who].session.personId));
              await Promise.all([flush(s.who, dbs[s.who], s.batch), flush(s.who, other, s.batch)]);
              other.close();
              break;
            }
            case 'crash': {
              const controller = new AbortController();
              const running = flush(s.who, dbs[s.who], s.batch, controller.signal).catch(() => undefined);
              for (let i = 0; i < s.ticks; i++) await tick();
              controller.abort();
              dbs[s.who].close(); // the tab is gone
              await running;
              dbs[s.who] = w.track(openPersonDatabase(people[s.who].session.personId));
              break;
            }
            case 'fault':
              w.service.fault(toFault(s.fault));
              break;
            case 'network':
              w.service.setOnline(s.online);
              break;
          }
          // Never more than one effect per id, at any point.
          const ids = w.service.effects.map((e) => e.id);
          expect(new Set(ids).size).toBe(ids.length);
        }

        // Heal, then deliver.
        w.service.setOnline(true);
        w.service.clearFaults();
        for (const p of ['a', 'b'] as const) {
          expect(await flush(p, dbs[p], 3)).toMatchObject({ kind: 'done' });
          expect(await dbs[p].outbox.count()).toBe(0);
        }
        expect(w.service.effectsFor(alice.personId)).toEqual(made.a);
        expect(w.service.effectsFor(bob.personId)).toEqual(made.b);
        await w.dispose();
        w = undefined;
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

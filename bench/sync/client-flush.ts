/**
 * The real client code in Node: Dexie over fake-indexeddb, WebCrypto from Node, the app's api
 * client on Node's fetch. Signs one person in (online, against the real service), queues
 * `items` items with `enqueue` (one application of each type, then questionnaires: a person may
 * have one open application per type), then times `flushOutbox` sending them all.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { openDeviceDatabase } from '../../src/app/data/device-db.ts';
import { createApiClient } from '../../src/app/sync/api-client.ts';
import { flushOutbox } from '../../src/app/sync/flusher.ts';
import { countOutbox, enqueue } from '../../src/app/sync/outbox.ts';
import { pullChanges } from '../../src/app/sync/pull.ts';
import { signIn } from '../../src/app/sync/sign-in.ts';
import { applicationItem, applicationTypes, questionnaireItem } from './load.ts';
import type { BenchPerson } from './protocol.ts';

/** PBKDF2 iterations for the bench's device key (the app uses 600,000: ~0.5 s once per unlock, not what is measured). */
export const benchPbkdf2Iterations = 1_000;

export type ClientFlushFigures = {
  items: number;
  enqueueMs: number;
  flushMs: number;
  itemsPerSecond: number;
  applied: number;
  duplicate: number;
  rejected: number;
  waitingAfter: number;
  pullMs: number;
  pulledReplies: number;
  pbkdf2Iterations: number;
};

export async function clientFlush(baseUrl: string, person: BenchPerson, items: number): Promise<ClientFlushFigures> {
  const api = createApiClient({ baseUrl });
  const device = openDeviceDatabase();
  const signedIn = await signIn({ api, device, unlock: { iterations: benchPbkdf2Iterations } }, { prisonNumber: person.prisonNumber, pin: person.pin });
  if (!signedIn.ok) throw new Error(`client sign-in failed: ${signedIn.reason}`);
  const { db, session, auth } = signedIn;
  try {
    const t0 = performance.now();
    for (let i = 0; i < items; i++) await enqueue(db, session, i < applicationTypes.length ? applicationItem(i) : questionnaireItem(i));
    const enqueueMs = performance.now() - t0;
    if ((await countOutbox(db)).waiting !== items) throw new Error('the outbox does not hold every item');

    const t1 = performance.now();
    const outcome = await flushOutbox({ db, session, api, auth });
    const flushMs = performance.now() - t1;
    if (outcome.kind !== 'done') throw new Error(`flush ended with ${JSON.stringify(outcome)}`);
    const waitingAfter = (await countOutbox(db)).waiting;

    // For information: the pull that follows in a real pass brings back a reply per application.
    const t2 = performance.now();
    const pulled = await pullChanges({ db, session, api, auth });
    const pullMs = performance.now() - t2;
    if (pulled.kind !== 'done') throw new Error(`pull ended with ${JSON.stringify(pulled)}`);
    const pulledReplies = await db.replies.count();

    return {
      items,
      enqueueMs,
      flushMs,
      itemsPerSecond: items / (flushMs / 1000),
      applied: outcome.applied,
      duplicate: outcome.duplicate,
      rejected: outcome.rejected,
      waitingAfter,
      pullMs,
      pulledReplies,
      pbkdf2Iterations: benchPbkdf2Iterations,
    };
  } finally {
    session.lock();
    db.close();
    device.close();
    for (const name of await Dexie.getDatabaseNames()) await Dexie.delete(name);
  }
}

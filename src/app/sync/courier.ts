import { maxPushBatch, type PushResult } from '../../domain/sync.ts';
import type { DeviceDatabase } from '../data/device-db.ts';
import { forgetPersonIfDelivered } from '../data/forget-person.ts';
import { openPersonDatabase, type OutboxRow, type PersonDatabase } from '../data/person-db.ts';
import type { ApiClient } from './api-client.ts';
import { deliveryApi } from './delivery-api.ts';
import { readKioskDevice, saveKioskDevice, withDeliveryDatabase, type KioskDevice } from './delivery-db.ts';
import { defaultLock, flushLockName, type LockRunner } from './locks.ts';
import { browserClock, createScheduler, type Clock, type PassOutcome, type SyncReason } from './scheduler.ts';
import { startSyncTriggers } from './triggers.ts';

/**
 * The courier: on a kiosk set up by staff, it delivers what signed-out people left waiting,
 * without them and without their keys. For every person known on this device except the one
 * signed in on this screen (their own flusher sends), it pushes the sealed envelopes kept in
 * their waiting outbox rows with the kiosk's device credential. The service opens each one,
 * checks it was written by that person while signed in, and applies it once, as theirs.
 *
 * - applied / duplicate: the row leaves the outbox and the submission is `sent` (both plain
 *   state fields: no key needed), in one transaction;
 * - rejected: the envelope is dropped from the row, which stays waiting; the person's own next
 *   sign-in sends it the usual way (and hears about any real problem with it then). An item the
 *   courier cannot send never holds back the others;
 * - 401: staff have stopped this kiosk; the courier stops until it is set up again;
 * - no answer, 408, 429, 5xx: stop and try again later (backoff, Retry-After), keeping everything.
 * It works under each person's flush lock, so it never sends at the same time as their flusher.
 * After delivering for someone it asks `forgetPersonIfDelivered` whether their data can go.
 */

export type CourierDeps = {
  api: ApiClient;
  device: DeviceDatabase;
  /** Who is signed in on this screen now, if anyone. */
  currentPersonId: () => string | null;
  lock?: LockRunner;
  /** Envelopes per push (at most maxPushBatch). */
  batchSize?: number;
  /** The rule for removing a person's local data once nothing of theirs waits. */
  forget?: (device: DeviceDatabase, personId: string) => Promise<{ forgotten: boolean }>;
};

export type CourierOutcome =
  | { kind: 'done'; delivered: number; forgotten: string[] }
  /** No device credential: staff have not set this kiosk up. */
  | { kind: 'notSetUp' }
  /** The service refused the credential (now or earlier): staff stopped this kiosk. */
  | { kind: 'stopped' }
  | { kind: 'retry'; failure: 'network' | 'server' | 'refused'; retryAfterMs: number | null }
  | { kind: 'aborted' };

/** Below the service's 512 KB limit for a delivery push, with room for the JSON around the envelopes. */
const maxBatchChars = 384 * 1024;

type PersonOutcome = { kind: 'done'; delivered: number } | Exclude<CourierOutcome, { kind: 'done' | 'notSetUp' }>;

function withEnvelope(row: OutboxRow): row is OutboxRow & { envelope: NonNullable<OutboxRow['envelope']> } {
  return row.state === 'waiting' && row.envelope !== undefined;
}

/** As many rows from the front as fit in one push. */
function fitting(rows: OutboxRow[]): OutboxRow[] {
  let chars = 0;
  const out: OutboxRow[] = [];
  for (const row of rows) {
    chars += JSON.stringify(row.envelope).length + 1;
    if (chars > maxBatchChars) break;
    out.push(row);
  }
  return out;
}

async function dropEnvelopes(db: PersonDatabase, ids: string[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .where('id')
      .anyOf(ids)
      .modify((row) => {
        delete row.envelope;
      });
  });
}

/** Records the service's answers; returns how many left the outbox. */
async function recordResults(db: PersonDatabase, results: PushResult[]): Promise<number> {
  let delivered = 0;
  await db.transaction('rw', [db.outbox, db.submissions], async () => {
    for (const result of results) {
      const row = await db.outbox.get(result.id);
      if (!row) continue; // sent meanwhile by the person's own flusher in another tab
      if (result.status === 'rejected') {
        delete row.envelope;
        await db.outbox.put(row);
      } else {
        await db.outbox.delete(result.id);
        await db.submissions.update(result.id, { state: 'sent' });
        delivered += 1;
      }
    }
  });
  return delivered;
}

async function markStopped(kiosk: KioskDevice): Promise<void> {
  await withDeliveryDatabase((db) => saveKioskDevice(db, { ...kiosk, stoppedAt: new Date().toISOString() }));
}

async function deliverFor(personId: string, kiosk: KioskDevice, deps: CourierDeps, signal?: AbortSignal): Promise<PersonOutcome> {
  const api = deliveryApi(deps.api);
  let limit = Math.min(deps.batchSize ?? maxPushBatch, maxPushBatch);
  let delivered = 0;
  const db = openPersonDatabase(personId);
  try {
    for (;;) {
      if (signal?.aborted) return { kind: 'aborted' };
      if (deps.currentPersonId() === personId) break; // they signed in meanwhile: their flusher sends
      const rows = await db.outbox.orderBy('seq').filter(withEnvelope).limit(limit).toArray();
      if (rows.length === 0) break;
      const batch = fitting(rows);
      if (batch.length === 0) {
        // One envelope too big for any push: it waits for the person's own sign-in instead.
        await dropEnvelopes(db, [rows[0]!.id]);
        continue;
      }
      const response = await api.push(kiosk.credential, batch.map((row) => row.envelope!), signal);
      if (!response.ok) {
        if (response.kind === 'unauthorized') {
          await markStopped(kiosk);
          return { kind: 'stopped' };
        }
        if (response.kind === 'network') return response.aborted ? { kind: 'aborted' } : { kind: 'retry', failure: 'network', retryAfterMs: null };
        if (response.kind === 'refused' && response.status === 413) {
          if (batch.length > 1) limit = Math.max(1, Math.floor(batch.length / 2));
          else await dropEnvelopes(db, [batch[0]!.id]);
          continue;
        }
        if (response.kind === 'retry') return { kind: 'retry', failure: 'server', retryAfterMs: response.retryAfterMs };
        return { kind: 'retry', failure: 'refused', retryAfterMs: response.retryAfterMs };
      }
      const sent = new Set(batch.map((row) => row.id));
      const results = response.value.results.filter((result) => sent.has(result.id));
      delivered += await recordResults(db, results);
      // The service did not answer for some: keep them and try again later.
      if (results.length < batch.length) return { kind: 'retry', failure: 'server', retryAfterMs: null };
    }
    return { kind: 'done', delivered };
  } finally {
    db.close();
  }
}

/** One pass over everyone known on this device. */
export async function deliverWaiting(deps: CourierDeps, signal?: AbortSignal): Promise<CourierOutcome> {
  const kiosk = await withDeliveryDatabase(readKioskDevice);
  if (!kiosk) return { kind: 'notSetUp' };
  if (kiosk.stoppedAt) return { kind: 'stopped' };
  const lock = deps.lock ?? defaultLock();
  const forget = deps.forget ?? forgetPersonIfDelivered;
  let delivered = 0;
  const forgotten: string[] = [];
  const people = await deps.device.people.toArray();
  for (const { personId } of people) {
    if (signal?.aborted) return { kind: 'aborted' };
    if (deps.currentPersonId() === personId) continue;
    const outcome = await lock(flushLockName(personId), async (): Promise<PersonOutcome> => {
      const done = await deliverFor(personId, kiosk, deps, signal);
      if (done.kind === 'done' && done.delivered > 0 && deps.currentPersonId() !== personId) {
        if ((await forget(deps.device, personId)).forgotten) forgotten.push(personId);
      }
      return done;
    });
    if (outcome.kind !== 'done') return outcome;
    delivered += outcome.delivered;
  }
  return { kind: 'done', delivered, forgotten };
}

function asPass(outcome: CourierOutcome): PassOutcome {
  if (outcome.kind === 'retry' || outcome.kind === 'aborted') return outcome;
  return { kind: 'done' };
}

export type Courier = {
  request(reason: SyncReason): void;
  /** Resolves when no pass is running or pending (tests). */
  idle(): Promise<void>;
  stop(): void;
};

/**
 * Runs the courier on a kiosk: at start, when the network comes back, when the app is shown
 * again, every `intervalMs`, and whenever asked (after a sign-out). Backs off like the flusher.
 */
export function startCourier(deps: CourierDeps & { clock?: Clock; intervalMs?: number }): Courier {
  const clock = deps.clock ?? browserClock;
  const scheduler = createScheduler({ run: async (signal) => asPass(await deliverWaiting(deps, signal)), clock });
  const stopTriggers = startSyncTriggers({ request: (reason) => scheduler.request(reason) });
  const interval = setInterval(() => scheduler.request('manual'), deps.intervalMs ?? 60_000);
  return {
    request: (reason) => scheduler.request(reason),
    idle: () => scheduler.idle(),
    stop() {
      clearInterval(interval);
      stopTriggers();
      scheduler.stop();
    },
  };
}

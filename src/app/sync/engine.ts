import type { DeliveryEnvelope } from '../../domain/delivery.ts';
import type { OutboxItem } from '../../domain/sync.ts';
import type { PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import type { ApiClient } from './api-client.ts';
import type { BackoffPolicy } from './backoff.ts';
import { createFlushMemory, flushOutbox, type AuthHandle, type FlushOutcome } from './flusher.ts';
import { defaultLock, flushLockName, type LockRunner } from './locks.ts';
import { countOutbox, enqueue, listItems, type EnqueueOptions, type ItemView } from './outbox.ts';
import { pullChanges, readLastSyncedAt } from './pull.ts';
import { createScheduler, type Clock, type PassOutcome, type SyncReason } from './scheduler.ts';
import { createStatusStore, type StatusStore } from './status.ts';
import { checkStore } from './store-check.ts';

/**
 * Sync for one unlocked person: a pass = flush the outbox, then pull, both under the person's
 * flush lock (one flusher per person across tabs). Passes are scheduled by scheduler.ts; the
 * status store feeds the indicator. Locking the session stops everything.
 */
export type PersonSync = {
  /** Save a submission and its outbox row (one transaction, with `options`' writes), then ask for a pass. */
  enqueue(item: OutboxItem, options?: EnqueueOptions): Promise<void>;
  request(reason: SyncReason): void;
  /** Run one pass now (tests, sign-out) and wait for it. */
  syncNow(signal?: AbortSignal): Promise<PassOutcome>;
  /** Wait for scheduled passes to settle. */
  idle(): Promise<void>;
  status: StatusStore;
  items(): Promise<ItemView[]>;
  /** A screen found a plan or reply row that does not open: check the store again, soon. */
  reportDamage(): void;
  stop(): void;
};

export function createPersonSync(options: {
  db: PersonDatabase;
  session: PersonSession;
  api: ApiClient;
  auth: AuthHandle;
  lock?: LockRunner;
  clock?: Clock;
  random?: () => number;
  policy?: BackoffPolicy;
  pullLimit?: number;
  wallClock?: () => number;
  /** Skip the pull half (tests of the outbox alone). */
  pull?: boolean;
  /** The most bytes in one push (tests; default and ceiling `maxPushBytes`). */
  maxPushBytes?: number;
  /** On a kiosk: seals each item for delivery without the person (sync/delivery-sealer.ts). */
  sealForDelivery?: (item: OutboxItem) => Promise<DeliveryEnvelope | undefined>;
}): PersonSync {
  const { db, session, api, auth } = options;
  const lock = options.lock ?? defaultLock();
  const status = createStatusStore();
  // What the flusher learns about the service (batch sizes, items it fails on), pass to pass.
  const memory = createFlushMemory(options.maxPushBytes ? { maxBytes: options.maxPushBytes } : {});
  // The store is checked once per session, at the first pass (and again when a screen finds damage).
  let storeChecked = false;

  const checkOnce = async () => {
    if (storeChecked) return;
    const found = await checkStore(db, session);
    storeChecked = true;
    if (found.refetch) status.update({ storeDamage: 'fetchingAgain' });
    else if (found.lostLocal > 0 && status.getSnapshot().storeDamage === 'none') status.update({ storeDamage: 'kept' });
  };

  const refreshCounts = async () => {
    const [counts, lastSyncedAt] = await Promise.all([countOutbox(db), readLastSyncedAt(db)]);
    status.update({ ...counts, lastSyncedAt });
  };

  async function pass(signal?: AbortSignal): Promise<PassOutcome> {
    if (session.locked || signal?.aborted) return { kind: 'aborted' };
    // A stop (sign-out, lock) also ends the wait for the lock, e.g. while another tab holds it.
    const underLock = async (): Promise<PassOutcome> => {
      await checkOnce();
      const flushed: FlushOutcome = await flushOutbox(
        { db, session, api, auth, memory, ...(options.maxPushBytes ? { maxBytes: options.maxPushBytes } : {}), onSending: (ids) => status.update({ sending: ids }) },
        signal,
      );
      if (flushed.kind !== 'done') return flushed;
      const pulled: PassOutcome =
        options.pull === false
          ? { kind: 'done' }
          : await pullChanges({ db, session, api, auth, ...(options.pullLimit ? { limit: options.pullLimit } : {}), ...(options.wallClock ? { wallClock: options.wallClock } : {}) }, signal);
      if (pulled.kind === 'done' && options.pull !== false && status.getSnapshot().storeDamage === 'fetchingAgain') status.update({ storeDamage: 'fetchedAgain' });
      // An item the service keeps failing on (`flushed.held`) is tried again at the next pass (a new
      // item, the network back, the screen shown again): it never slows the others down.
      return pulled;
    };
    try {
      return await lock(flushLockName(session.personId), underLock, signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted || session.locked) return { kind: 'aborted' };
      throw error;
    }
  }

  const record = async (outcome: PassOutcome) => {
    status.update({
      signInNeeded: outcome.kind === 'signInNeeded',
      lastFailure: outcome.kind === 'retry' ? outcome.failure : outcome.kind === 'done' ? null : status.getSnapshot().lastFailure,
      ...(outcome.kind === 'retry' && outcome.failure === 'network' ? { online: false } : outcome.kind === 'done' ? { online: true } : {}),
    });
    if (!session.locked) await refreshCounts().catch(() => undefined);
  };

  const scheduler = createScheduler({
    run: async (signal) => {
      const outcome = await pass(signal);
      await record(outcome);
      return outcome;
    },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const unsubscribe = session.onLock(() => scheduler.stop());
  void refreshCounts().catch(() => undefined);

  return {
    async enqueue(item, enqueueOptions) {
      await enqueue(db, session, item, { ...enqueueOptions, envelope: await options.sealForDelivery?.(item) });
      await refreshCounts();
      scheduler.request('enqueue');
    },
    request: (reason) => scheduler.request(reason),
    async syncNow(signal) {
      const outcome = await pass(signal);
      await record(outcome);
      return outcome;
    },
    idle: () => scheduler.idle(),
    status,
    items: () => listItems(db, session, status.getSnapshot().sending),
    reportDamage() {
      storeChecked = false;
      scheduler.request('manual');
    },
    stop() {
      unsubscribe();
      scheduler.stop();
    },
  };
}

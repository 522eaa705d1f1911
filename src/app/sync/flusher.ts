import { maxPushBatch, maxPushBytes, type OutboxItem } from '../../domain/sync.ts';
import type { PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import type { ApiClient } from './api-client.ts';
import { pushBytes, takeBatch, tooBigAlone } from './batches.ts';
import { applyResults, markAttempt, openRows, rejectOnDevice, setAsideUnreadable, waitingRows } from './outbox.ts';

/**
 * One pass over a person's outbox: oldest first, in batches of at most `maxPushBatch` items and
 * `maxPushBytes` bytes, until it is empty or something stops us. The caller holds the person's
 * flush lock (see engine.ts). No single item can hold the others up:
 *
 * - applied / duplicate → the row leaves the outbox (a resend of something the service already
 *   has comes back `duplicate`: still exactly one effect);
 * - rejected → the row stays, marked, and the rest go on;
 * - a row that no longer opens or parses → set aside (`unreadable`), shown, the rest go on;
 * - an item too big to send even alone → turned down on the device before sending (`tooBig`);
 * - 413 → the batch is halved (by bytes) and sent again at once, down to one item; one item that
 *   still gets 413 is turned down on the device (`tooBig`);
 * - a first 5xx → stop and retry later (it may pass); a **repeated** 5xx → halve the batch (by
 *   count) and go on at once, down to the one item the service fails on: that item waits, is sent
 *   alone from then on (then the others go on without it), and never holds up the rest; an
 *   outage (a 5xx again right after, on another item) stops the pass instead;
 * - network, 408, 429, unreadable 200 → stop, keep everything, retry later (the scheduler waits
 *   with backoff and honours Retry-After); the order is kept because we always restart from the
 *   oldest waiting row;
 * - 401 → ask `reauthenticate` once; if it cannot, stop and keep the queue.
 */
export type AuthHandle = {
  /** The current access token, or null when there is none (e.g. after an offline unlock). */
  accessToken(): string | null;
  /** Get a new access token (refresh, or sign in again). */
  reauthenticate(): Promise<'ok' | 'signInNeeded' | 'unreachable'>;
};

/** Why a pass stopped before it could talk to the service. */
export type NoToken = { kind: 'signInNeeded' } | { kind: 'retry'; failure: 'network'; retryAfterMs: null };

/**
 * The access token to use now. With none in memory (e.g. after an offline unlock), gets one
 * first (refresh, or sign in again); `fresh` says a new one was fetched, so a 401 on it means the
 * person must sign in again rather than retry. Shared by the flusher and the pull.
 */
export async function currentToken(auth: AuthHandle): Promise<{ token: string; fresh: boolean } | NoToken> {
  const token = auth.accessToken();
  if (token !== null) return { token, fresh: false };
  const outcome = await auth.reauthenticate();
  if (outcome === 'signInNeeded') return { kind: 'signInNeeded' };
  if (outcome !== 'ok') return { kind: 'retry', failure: 'network', retryAfterMs: null };
  const renewed = auth.accessToken();
  return renewed === null ? { kind: 'signInNeeded' } : { token: renewed, fresh: true };
}

export type FlushOutcome =
  /** `held`: items the service keeps failing on (5xx alone); still waiting, tried at the next pass. */
  | { kind: 'done'; applied: number; duplicate: number; rejected: number; held: number }
  | { kind: 'retry'; failure: 'network' | 'server' | 'refused'; retryAfterMs: number | null }
  | { kind: 'signInNeeded' }
  | { kind: 'aborted' };

/**
 * What the flusher learnt about the service, kept from one pass to the next (in memory, per
 * person): how big a batch it takes, and which items it fails on.
 */
export type FlushMemory = {
  /** Most items per batch now: halved while looking for an item the service fails on. */
  maxItems: number;
  /** Most bytes per push now: halved by a 413, and kept so. */
  maxBytes: number;
  /** The last push got a 5xx and nothing has gone through since. */
  serverFailed: boolean;
  /** Halving after repeated 5xx, until one item is left. */
  narrowing: boolean;
  /** Items that got a 5xx when sent alone: they go alone, after the others. */
  suspects: Set<string>;
};

export function createFlushMemory(limits: { maxItems?: number; maxBytes?: number } = {}): FlushMemory {
  return {
    maxItems: Math.min(limits.maxItems ?? maxPushBatch, maxPushBatch),
    maxBytes: Math.min(limits.maxBytes ?? maxPushBytes, maxPushBytes),
    serverFailed: false,
    narrowing: false,
    suspects: new Set(),
  };
}

export type FlushDeps = {
  db: PersonDatabase;
  session: PersonSession;
  api: ApiClient;
  auth: AuthHandle;
  batchSize?: number;
  /** The most bytes in one push (default `maxPushBytes`; never more). */
  maxBytes?: number;
  /** What earlier passes learnt (the engine keeps one per person). */
  memory?: FlushMemory;
  /** Told which ids are on the wire right now (for the per-item "sending" state). */
  onSending?: (ids: ReadonlySet<string>) => void;
};

export async function flushOutbox(deps: FlushDeps, signal?: AbortSignal): Promise<FlushOutcome> {
  const { db, session, api, auth } = deps;
  const fullItems = Math.min(deps.batchSize ?? maxPushBatch, maxPushBatch);
  const fullBytes = Math.min(deps.maxBytes ?? maxPushBytes, maxPushBytes);
  const memory = deps.memory ?? createFlushMemory({ maxItems: fullItems, maxBytes: fullBytes });
  const totals = { applied: 0, duplicate: 0, rejected: 0 };
  /** Items the service failed on alone in this pass: they wait for a later pass. */
  const held = new Set<string>();
  /** Since the last push that went through, an item was held (so a next 5xx looks like an outage). */
  let heldSinceSuccess = false;
  let reauthenticated = false;
  const sending = (ids: string[]) => deps.onSending?.(new Set(ids));

  try {
    for (;;) {
      if (signal?.aborted) return { kind: 'aborted' };
      const rows = await waitingRows(db, memory.maxItems, held);
      if (rows.length === 0) return { kind: 'done', ...totals, held: held.size };
      const opened = await openRows(db, session, rows);
      if (opened.unreadable.length) {
        await setAsideUnreadable(db, opened.unreadable);
        continue;
      }
      const tooBig = opened.items.filter((item) => tooBigAlone(item, fullBytes)).map((item) => item.id);
      if (tooBig.length) {
        await rejectOnDevice(db, tooBig, 'tooBig');
        totals.rejected += tooBig.length;
        continue;
      }
      const items = takeBatch(opened.items, { maxItems: memory.maxItems, maxBytes: memory.maxBytes, alone: memory.suspects });

      const current = await currentToken(auth);
      if ('kind' in current) return current;
      const { token } = current;
      if (current.fresh) reauthenticated = true;

      if (signal?.aborted) return { kind: 'aborted' };
      const ids = items.map((item) => item.id);
      await markAttempt(db, ids);
      sending(ids);
      const response = await api.push(token, items, signal);
      sending([]);

      if (!response.ok) {
        if (response.kind === 'network') return response.aborted ? { kind: 'aborted' } : { kind: 'retry', failure: 'network', retryAfterMs: null };
        if (response.kind === 'refused' && response.status === 413) {
          // Too big for the service: send less at once; one item alone that is still too big never goes.
          if (items.length === 1) {
            await rejectOnDevice(db, ids, 'tooBig');
            totals.rejected += 1;
          } else {
            memory.maxBytes = Math.max(1, Math.floor(pushBytes(items) / 2));
          }
          continue;
        }
        if (response.kind === 'retry' && response.status >= 500) {
          const next = onServerFailure(memory, items, heldSinceSuccess);
          if (next === 'stop') return { kind: 'retry', failure: 'server', retryAfterMs: response.retryAfterMs };
          if (next === 'hold') {
            held.add(items[0]!.id);
            heldSinceSuccess = true;
          }
          continue;
        }
        if (response.kind === 'retry') return { kind: 'retry', failure: 'server', retryAfterMs: response.retryAfterMs };
        if (response.kind === 'refused') return { kind: 'retry', failure: 'refused', retryAfterMs: response.retryAfterMs };
        // 401
        if (reauthenticated) return { kind: 'signInNeeded' };
        const outcome = await auth.reauthenticate();
        if (outcome === 'signInNeeded') return { kind: 'signInNeeded' };
        if (outcome === 'unreachable') return { kind: 'retry', failure: 'network', retryAfterMs: null };
        reauthenticated = true;
        continue;
      }

      const sent = new Set(ids);
      const results = response.value.results.filter((result) => sent.has(result.id));
      await applyResults(db, session, results);
      for (const result of results) totals[result.status] += 1;
      onSuccess(memory, results.map((result) => result.id), fullItems);
      heldSinceSuccess = false;
      if (results.length < items.length) {
        // The service did not answer for some items: keep them and try again later, in order.
        return { kind: 'retry', failure: 'server', retryAfterMs: null };
      }
    }
  } finally {
    sending([]);
  }
}

/**
 * A 5xx for this batch: what next? `stop` (wait and retry later), `split` (halve, go on at once),
 * or `hold` (this one item is what the service fails on: keep it, go on with the others).
 */
function onServerFailure(memory: FlushMemory, items: OutboxItem[], heldSinceSuccess: boolean): 'stop' | 'split' | 'hold' {
  const alone = items.length === 1;
  const suspect = alone && memory.suspects.has(items[0]!.id);
  const repeated = memory.serverFailed || memory.narrowing;
  memory.serverFailed = true;
  // Nothing has gone through since the last item was held, and this is not a known suspect:
  // the service itself is failing. Stop, back off.
  if (heldSinceSuccess && !suspect) return 'stop';
  if (suspect) return 'hold';
  if (!repeated) return 'stop'; // the first 5xx may pass by itself
  if (alone) {
    memory.suspects.add(items[0]!.id);
    memory.narrowing = false;
    return 'hold';
  }
  memory.narrowing = true;
  memory.maxItems = Math.ceil(items.length / 2);
  return 'split';
}

/**
 * A push went through: the service works; grow back towards full batches unless still narrowing.
 * A byte cap learnt from a 413 is kept (the service, or something on the way, said so).
 */
function onSuccess(memory: FlushMemory, answered: string[], fullItems: number): void {
  memory.serverFailed = false;
  for (const id of answered) memory.suspects.delete(id);
  if (!memory.narrowing) memory.maxItems = Math.min(fullItems, memory.maxItems * 2);
}

import { maxPushBatch } from '../../domain/sync.ts';
import type { PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import type { ApiClient } from './api-client.ts';
import { applyResults, markAttempt, openRows, waitingRows } from './outbox.ts';

/**
 * One pass over a person's outbox: oldest first, in batches of at most `maxPushBatch`, until it is
 * empty or something stops us. The caller holds the person's flush lock (see engine.ts).
 *
 * - applied / duplicate → the row leaves the outbox (a resend of something the service already
 *   has comes back `duplicate`: still exactly one effect);
 * - rejected → the row stays, marked, and the rest go on;
 * - network, 408, 429, 5xx, unreadable 200 → stop, keep everything, retry later (the scheduler
 *   waits with backoff and honours Retry-After); the order is kept because we always restart from
 *   the oldest waiting row;
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
  | { kind: 'done'; applied: number; duplicate: number; rejected: number }
  | { kind: 'retry'; failure: 'network' | 'server' | 'refused'; retryAfterMs: number | null }
  | { kind: 'signInNeeded' }
  | { kind: 'aborted' };

export type FlushDeps = {
  db: PersonDatabase;
  session: PersonSession;
  api: ApiClient;
  auth: AuthHandle;
  batchSize?: number;
  /** Told which ids are on the wire right now (for the per-item "sending" state). */
  onSending?: (ids: ReadonlySet<string>) => void;
};

export async function flushOutbox(deps: FlushDeps, signal?: AbortSignal): Promise<FlushOutcome> {
  const { db, session, api, auth } = deps;
  const batchSize = Math.min(deps.batchSize ?? maxPushBatch, maxPushBatch);
  const totals = { applied: 0, duplicate: 0, rejected: 0 };
  let reauthenticated = false;
  const sending = (ids: string[]) => deps.onSending?.(new Set(ids));

  try {
    for (;;) {
      if (signal?.aborted) return { kind: 'aborted' };
      const rows = await waitingRows(db, batchSize);
      if (rows.length === 0) return { kind: 'done', ...totals };
      const items = await openRows(session, rows);

      const current = await currentToken(auth);
      if ('kind' in current) return current;
      const { token } = current;
      if (current.fresh) reauthenticated = true;

      if (signal?.aborted) return { kind: 'aborted' };
      await markAttempt(db, items.map((item) => item.id));
      sending(items.map((item) => item.id));
      const response = await api.push(token, items, signal);
      sending([]);

      if (!response.ok) {
        if (response.kind === 'network') return response.aborted ? { kind: 'aborted' } : { kind: 'retry', failure: 'network', retryAfterMs: null };
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

      const sent = new Set(items.map((item) => item.id));
      const results = response.value.results.filter((result) => sent.has(result.id));
      await applyResults(db, session, results);
      for (const result of results) totals[result.status] += 1;
      if (results.length < items.length) {
        // The service did not answer for some items: keep them and try again later, in order.
        return { kind: 'retry', failure: 'server', retryAfterMs: null };
      }
    }
  } finally {
    sending([]);
  }
}

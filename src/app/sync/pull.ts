import type { Change } from '../../domain/sync.ts';
import { metaKeys, type PersonDatabase, type StoredPlan, type StoredReply } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import type { ApiClient } from './api-client.ts';
import { type AuthHandle, currentToken } from './flusher.ts';
import type { PassOutcome } from './scheduler.ts';

/**
 * Pull: pages of changes since the service's cursor. Each page is sealed first (outside any
 * transaction), then the page AND its new cursor are written in ONE Dexie transaction, so a crash
 * leaves either the old state or the new one. The cursor is the service's, never a clock.
 * If another tab moved the cursor meanwhile, the page is dropped and we go on from the new cursor.
 * The device keeps only the person's current plan: a page that brings a plan removes every earlier
 * plan row in that same transaction (so a goal staff later marked not shareable never lingers).
 */
export const defaultPullLimit = 100;

export async function readCursor(db: PersonDatabase): Promise<string | null> {
  const value = (await db.meta.get(metaKeys.cursor))?.value;
  return typeof value === 'string' ? value : null;
}

/** When the last pull finished, by the device clock — for "Last updated …" only. */
export async function readLastSyncedAt(db: PersonDatabase): Promise<number | null> {
  const value = (await db.meta.get(metaKeys.lastSyncedAt))?.value;
  return typeof value === 'number' ? value : null;
}

export async function pullChanges(
  deps: { db: PersonDatabase; session: PersonSession; api: ApiClient; auth: AuthHandle; limit?: number; wallClock?: () => number },
  signal?: AbortSignal,
): Promise<PassOutcome> {
  const { db, session, api, auth } = deps;
  const limit = deps.limit ?? defaultPullLimit;
  let reauthenticated = false;
  for (;;) {
    if (signal?.aborted) return { kind: 'aborted' };
    const cursor = await readCursor(db);
    const current = await currentToken(auth);
    if ('kind' in current) return current;
    const { token } = current;
    if (current.fresh) reauthenticated = true;
    const response = await api.pull(token, cursor, limit, signal);
    if (!response.ok) {
      if (response.kind === 'network') return response.aborted ? { kind: 'aborted' } : { kind: 'retry', failure: 'network', retryAfterMs: null };
      if (response.kind === 'retry') return { kind: 'retry', failure: 'server', retryAfterMs: response.retryAfterMs };
      if (response.kind === 'refused') return { kind: 'retry', failure: 'refused', retryAfterMs: response.retryAfterMs };
      if (reauthenticated) return { kind: 'signInNeeded' };
      const outcome = await auth.reauthenticate();
      if (outcome !== 'ok') return outcome === 'signInNeeded' ? { kind: 'signInNeeded' } : { kind: 'retry', failure: 'network', retryAfterMs: null };
      reauthenticated = true;
      continue;
    }
    const page = response.value;
    // Never store someone else's data, whatever the service sends.
    if (page.changes.some((change) => change.data.personId !== session.personId)) {
      return { kind: 'retry', failure: 'refused', retryAfterMs: null };
    }
    const sealed = await sealChanges(session, page.changes);
    if (signal?.aborted) return { kind: 'aborted' };
    const wallNow = (deps.wallClock ?? Date.now)();
    await db.transaction('rw', [db.plans, db.replies, db.meta], async () => {
      if ((await readCursor(db)) !== cursor) return; // another tab applied it already
      if (sealed.plan) {
        // The device keeps only the person's current plan: earlier versions go in this same transaction.
        await db.plans.clear();
        await db.plans.put(sealed.plan);
      }
      if (sealed.replies.length) await db.replies.bulkPut(sealed.replies);
      await db.meta.put({ key: metaKeys.cursor, value: page.cursor });
      if (!page.hasMore) await db.meta.put({ key: metaKeys.lastSyncedAt, value: wallNow });
    });
    if (!page.hasMore) return { kind: 'done' };
  }
}

async function sealChanges(session: PersonSession, changes: Change[]): Promise<{ plan: StoredPlan | null; replies: StoredReply[] }> {
  // The service's order decides: the last plan in the page is the current one (whatever its id or
  // date), and of several changes to one reply the last wins.
  let plan: StoredPlan | null = null;
  const replies = new Map<string, StoredReply>();
  for (const change of changes) {
    if (change.entity === 'plan') {
      const { id, updatedAt } = change.data;
      plan = { id, updatedAt, sealed: await session.seal(change.data, 'plans', id) };
    } else {
      const { applicationId, updatedAt } = change.data;
      replies.set(applicationId, { applicationId, updatedAt, sealed: await session.seal(change.data, 'replies', applicationId) });
    }
  }
  return { plan, replies: [...replies.values()] };
}

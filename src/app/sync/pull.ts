import { isPastRetentionFrom, replyRetentionStart } from '../../domain/retention.ts';
import { Change } from '../../domain/sync.ts';
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
 * Each change is checked against the shared schema on its own. A plan that fails is turned away
 * whole (never stored half-read), its reason is logged (field paths and issue codes, none of its
 * words), and `plan.rejectedAt` is set so the screen can say the plan shown is the last good one;
 * the next good plan clears it. The cursor moves on either way: a bad change cannot stop sync.
 *
 * Retention (src/domain/retention.ts): the device keeps no longer than a new device would get.
 * After each page, finished applications whose last change is over 90 days before the newest time
 * the service has sent (the newest reply's: the service's clock, never the device's) leave the
 * device, reply and sent copy together. A page marked `restart` is the whole current state (the
 * device's cursor was older than something the service let go): the replies held are replaced by
 * it, and sent applications not in it are let go too.
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
    if (page.changes.some((change) => personIdOf(change) !== session.personId)) {
      return { kind: 'retry', failure: 'refused', retryAfterMs: null };
    }
    const { changes, lastPlanRejected } = checkChanges(page.changes);
    const sealed = await sealChanges(session, changes);
    if (signal?.aborted) return { kind: 'aborted' };
    const wallNow = (deps.wallClock ?? Date.now)();
    await db.transaction('rw', [db.plans, db.replies, db.submissions, db.meta], async () => {
      if ((await readCursor(db)) !== cursor) return; // another tab applied it already
      if (sealed.plan) {
        // The device keeps only the person's current plan: earlier versions go in this same transaction.
        await db.plans.clear();
        await db.plans.put(sealed.plan);
      }
      if (page.restart) await db.replies.clear();
      if (sealed.replies.length) await db.replies.bulkPut(sealed.replies);
      await letGoPastRetention(db, page.restart === true);
      // The newest plan in the page decides: turned away → say so; a good one → all is well again.
      if (lastPlanRejected === true) await db.meta.put({ key: metaKeys.planRejectedAt, value: wallNow });
      else if (lastPlanRejected === false) await db.meta.delete(metaKeys.planRejectedAt);
      await db.meta.put({ key: metaKeys.cursor, value: page.cursor });
      if (!page.hasMore) await db.meta.put({ key: metaKeys.lastSyncedAt, value: wallNow });
    });
    if (!page.hasMore) return { kind: 'done' };
  }
}

/** The person a change is about, as sent (before it is checked); undefined when it has none. */
function personIdOf(change: unknown): unknown {
  const data = (change as { data?: unknown } | null)?.data;
  return data && typeof data === 'object' ? (data as { personId?: unknown }).personId : undefined;
}

/**
 * The changes that pass the shared schema, in order. `lastPlanRejected` says what became of the
 * page's last plan (true: turned away; false: good; null: the page had none).
 */
export function checkChanges(raw: readonly unknown[]): { changes: Change[]; lastPlanRejected: boolean | null } {
  const changes: Change[] = [];
  let lastPlanRejected: boolean | null = null;
  for (const item of raw) {
    const parsed = Change.safeParse(item);
    const isPlan = (item as { entity?: unknown } | null)?.entity === 'plan';
    if (parsed.success) {
      changes.push(parsed.data);
      if (isPlan) lastPlanRejected = false;
      continue;
    }
    if (isPlan) lastPlanRejected = true;
    // Where and what, never the words: the plan is personal.
    const where = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(change)'}: ${issue.code}`);
    console.warn(`A ${isPlan ? 'plan' : 'change'} from the service failed its check and was not used.`, where.join('; '));
  }
  return { changes, lastPlanRejected };
}

/**
 * Inside the pull's transaction: lets go of the replies past retention and the sent copies of
 * those applications. "Now" is the newest reply's `updatedAt`, a time on the service's clock (so
 * a wrong device clock, or a plan dated ahead by a connected system, can never make the device
 * drop what the service still sends; with no new reply, nothing new needs room either). After a restart page, every sent
 * application whose reply is not held is let go too: the service no longer has it in its log.
 */
async function letGoPastRetention(db: PersonDatabase, restarted: boolean): Promise<void> {
  const replies = await db.replies.toArray();
  const times = replies.map((row) => Date.parse(row.updatedAt)).filter(Number.isFinite);
  if (times.length === 0) return;
  const serviceNow = new Date(Math.max(...times));
  const gone = replies.filter((row) => isPastRetentionFrom(row.closedAt ?? null, serviceNow)).map((row) => row.applicationId);
  if (gone.length) await db.replies.bulkDelete(gone);
  const held = new Set(replies.map((row) => row.applicationId).filter((id) => !gone.includes(id)));
  const sent = await db.submissions.where('kind').equals('application').filter((row) => row.state === 'sent').toArray();
  const letGo = sent.filter((row) => (restarted ? !held.has(row.id) : gone.includes(row.id))).map((row) => row.id);
  if (letGo.length) await db.submissions.bulkDelete(letGo);
}

/** When the newest plan from the service was turned away (device time), or null. */
export async function readPlanRejectedAt(db: PersonDatabase): Promise<number | null> {
  const value = (await db.meta.get(metaKeys.planRejectedAt))?.value;
  return typeof value === 'number' ? value : null;
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
      const closedAt = replyRetentionStart(change.data);
      replies.set(applicationId, { applicationId, updatedAt, closedAt, sealed: await session.seal(change.data, 'replies', applicationId) });
    }
  }
  return { plan, replies: [...replies.values()] };
}

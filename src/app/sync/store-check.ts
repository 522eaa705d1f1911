import { ApplicationReply } from '../../domain/application.ts';
import { Cursor, maxPushBatch } from '../../domain/sync.ts';
import type { Sealed } from '../data/crypto/seal.ts';
import { draftKeyPrefix, metaKeys, type PersonDatabase } from '../data/person-db.ts';
import { LockedError, type PersonSession } from '../data/session.ts';
import { openPlanRow } from './open-plan.ts';
import { openRows, setAsideUnreadable, waitingRows } from './outbox.ts';

/**
 * Checks a person's store for rows that no longer open (AES-GCM refuses changed or cut-short
 * bytes) or no longer parse — a tampered, truncated or half-written local database — and mends
 * what it can without losing anything still readable:
 *
 * - plan and replies come from the service: unreadable rows are dropped and the cursor is reset in
 *   the same transaction, so the next pull fetches everything again from the start;
 * - the cursor and the other sync figures are checked too (a bad cursor also means "from the start");
 * - outbox rows are mended from the submission's copy, or set aside as `unreadable` (shown);
 * - unreadable drafts, name and refresh token are removed (they can never be read again); readable
 *   ones are kept.
 *
 * Reads and writes only rows; sealing happens outside transactions. Throws `LockedError` if the
 * session locks meanwhile.
 */
export type StoreCheck = {
  /** Plan or reply rows dropped (or a bad cursor): everything is being fetched again. */
  refetch: boolean;
  /** Rows of the person's own (outbox items, drafts, …) that could not be read. */
  lostLocal: number;
};

export const nothingFound: StoreCheck = { refetch: false, lostLocal: 0 };

export function foundDamage(check: StoreCheck): boolean {
  return check.refetch || check.lostLocal > 0;
}

async function opens(session: PersonSession, sealed: unknown, table: string, id: string): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: await session.open(sealed as Sealed, table, id) };
  } catch (error) {
    if (error instanceof LockedError) throw error;
    return { ok: false };
  }
}

async function badPlans(db: PersonDatabase, session: PersonSession): Promise<string[]> {
  const bad: string[] = [];
  for (const row of await db.plans.toArray()) {
    const plan = await openPlanRow(session, row); // shared with a plan screen opening the same row
    // The row's own fields must agree with what is sealed (they are what the indexes use).
    if (!plan || plan.id !== row.id || plan.personId !== session.personId || plan.updatedAt !== row.updatedAt) bad.push(row.id);
  }
  return bad;
}

async function badReplies(db: PersonDatabase, session: PersonSession): Promise<string[]> {
  const bad: string[] = [];
  for (const row of await db.replies.toArray()) {
    const opened = await opens(session, row.sealed, 'replies', row.applicationId);
    const reply = opened.ok ? ApplicationReply.safeParse(opened.value) : null;
    if (
      !reply?.success ||
      reply.data.applicationId !== row.applicationId ||
      reply.data.personId !== session.personId ||
      reply.data.updatedAt !== row.updatedAt
    ) {
      bad.push(row.applicationId);
    }
  }
  return bad;
}

/** Sealed `meta` values that must open (to a string, for the name and the refresh token; drafts and the replies read may be anything). */
async function badMeta(db: PersonDatabase, session: PersonSession): Promise<{ sealed: string[]; cursorBad: boolean; figuresBad: string[] }> {
  const sealed: string[] = [];
  const figuresBad: string[] = [];
  let cursorBad = false;
  for (const row of await db.meta.toArray()) {
    const { key, value } = row;
    if (key === metaKeys.cursor) cursorBad = !Cursor.safeParse(value).success;
    else if (key === metaKeys.outboxSeq || key === metaKeys.lastSyncedAt) {
      if (typeof value !== 'number' || !Number.isFinite(value)) figuresBad.push(key);
    } else if (key === metaKeys.refreshToken || key === metaKeys.displayName || key === metaKeys.repliesSeen || key.startsWith(draftKeyPrefix)) {
      const opened = await opens(session, value, 'meta', key);
      const wantsText = key === metaKeys.refreshToken || key === metaKeys.displayName;
      if (!opened.ok || (wantsText && typeof opened.value !== 'string')) sealed.push(key);
    }
  }
  return { sealed, cursorBad, figuresBad };
}

export async function checkStore(db: PersonDatabase, session: PersonSession): Promise<StoreCheck> {
  const [plans, replies, meta] = [await badPlans(db, session), await badReplies(db, session), await badMeta(db, session)];
  const refetch = plans.length > 0 || replies.length > 0 || meta.cursorBad;
  await db.transaction('rw', [db.plans, db.replies, db.meta], async () => {
    if (refetch) {
      await db.plans.bulkDelete(plans);
      await db.replies.bulkDelete(replies);
      await db.meta.bulkDelete([metaKeys.cursor, metaKeys.lastSyncedAt]);
    }
    // A bad order counter can go: enqueue also counts on from the highest row's number.
    await db.meta.bulkDelete([...meta.sealed, ...meta.figuresBad]);
  });

  // Waiting outbox rows: mend from the submission's copy, or set aside (never sent half-read).
  let lostItems = 0;
  const seen = new Set<string>();
  for (;;) {
    const rows = await waitingRows(db, maxPushBatch, seen);
    if (rows.length === 0) break;
    for (const row of rows) seen.add(row.id);
    const { unreadable } = await openRows(db, session, rows);
    await setAsideUnreadable(db, unreadable);
    lostItems += unreadable.length;
  }
  // What the person made and cannot get back: outbox items and drafts (a name or a token is not that).
  return { refetch, lostLocal: lostItems + meta.sealed.filter((key) => key.startsWith(draftKeyPrefix)).length };
}

import type { DeliveryEnvelope } from '../../domain/delivery.ts';
import { maxPushBatch, maxPushBytes, OutboxItem, type PushResult } from '../../domain/sync.ts';
import { metaKeys, type OutboxRow, type PersonDatabase, type StoredSubmission, type SubmissionState } from '../data/person-db.ts';
import { LockedError, type PersonSession } from '../data/session.ts';
import { takeBatch, tooBigAlone } from './batches.ts';

/**
 * The outbox: what the person made, waiting to be sent. All sealing happens BEFORE a Dexie
 * transaction opens (awaiting WebCrypto inside one would commit it early); each transaction then
 * only reads and writes rows.
 */

/** What else the enqueue transaction does, so that it happens together with the save or not at all. */
export type EnqueueOptions = {
  /** `meta` keys to delete in the same transaction (the draft of the form that made the item). */
  clearMeta?: readonly string[];
  /** On a kiosk: the item sealed for delivery without the person, kept in the same row. */
  envelope?: DeliveryEnvelope | undefined;
};

/**
 * Saves a submission and its outbox row in ONE transaction, with the next per-person sequence
 * number. The item's id (UUIDv7, minted once by the caller) is the idempotency key. The form's
 * draft is cleared in that same transaction (`clearMeta`): a reload can never leave both the saved
 * item and the words that made it, ready to be sent a second time. On a kiosk, `envelope` (the
 * item sealed for delivery without the person) goes into the same row.
 */
export async function enqueue(db: PersonDatabase, session: PersonSession, item: OutboxItem, options: EnqueueOptions = {}): Promise<void> {
  const valid = OutboxItem.parse(item);
  const clearMeta = [...(options.clearMeta ?? [])];
  const [forSubmission, forOutbox] = await Promise.all([
    session.seal(valid, 'submissions', valid.id),
    session.seal(valid, 'outbox', valid.id),
  ]);
  await db.transaction('rw', [db.submissions, db.outbox, db.meta], async () => {
    if (clearMeta.length) await db.meta.bulkDelete(clearMeta);
    if (await db.outbox.get(valid.id)) return; // the same item twice is one item
    // Counts on from the highest of the counter and the newest row (a lost or spoilt counter
    // must never put a new item before older ones).
    const last = (await db.meta.get(metaKeys.outboxSeq))?.value;
    const highest = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
    const seq = Math.max(typeof last === 'number' && Number.isFinite(last) ? last : 0, highest) + 1;
    await db.meta.put({ key: metaKeys.outboxSeq, value: seq });
    await db.submissions.put({ id: valid.id, kind: valid.kind, createdAt: valid.createdAt, state: 'waiting', sealed: forSubmission });
    const { envelope } = options;
    const delivery = envelope?.id === valid.id && envelope.personId === session.personId ? { envelope } : {};
    await db.outbox.add({ id: valid.id, seq, kind: valid.kind, createdAt: valid.createdAt, state: 'waiting', attempts: 0, sealed: forOutbox, ...delivery });
  });
}

/**
 * The oldest waiting rows, in the person's order (rejected and unreadable rows are skipped, never
 * removed; so are the ids in `skip`).
 */
export async function waitingRows(db: PersonDatabase, limit: number, skip: ReadonlySet<string> = new Set()): Promise<OutboxRow[]> {
  return db.outbox
    .orderBy('seq')
    .filter((row) => row.state === 'waiting' && !skip.has(row.id))
    .limit(limit)
    .toArray();
}

/** Opens and checks one sealed copy of an item; null when it does not open or parse. Locked: throws. */
async function openCopy(session: PersonSession, sealed: unknown, table: 'outbox' | 'submissions', id: string): Promise<OutboxItem | null> {
  try {
    const parsed = OutboxItem.safeParse(await session.open(sealed as OutboxRow['sealed'], table, id));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch (error) {
    if (error instanceof LockedError) throw error;
    return null; // tampered, truncated or missing: AES-GCM refuses it, or it is not JSON
  }
}

/**
 * Opens waiting rows for sending. A row whose outbox copy no longer opens (or parses) is mended
 * from the submission's own sealed copy when that one still opens; if neither does, the row is
 * `unreadable`: set aside by the caller, never blocking the others.
 */
export async function openRows(db: PersonDatabase, session: PersonSession, rows: OutboxRow[]): Promise<{ items: OutboxItem[]; unreadable: string[] }> {
  const items: OutboxItem[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const item = (await openCopy(session, row.sealed, 'outbox', row.id)) ?? (await mendFromSubmission(db, session, row.id));
    if (item) items.push(item);
    else unreadable.push(row.id);
  }
  return { items, unreadable };
}

async function mendFromSubmission(db: PersonDatabase, session: PersonSession, id: string): Promise<OutboxItem | null> {
  const submission = await db.submissions.get(id);
  const item = submission ? await openCopy(session, submission.sealed, 'submissions', id) : null;
  if (!item) return null;
  const sealed = await session.seal(item, 'outbox', id);
  await db.outbox.update(id, { sealed });
  return item;
}

/** Sets aside rows that can no longer be read: shown to the person, skipped by every flush. */
export async function setAsideUnreadable(db: PersonDatabase, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', [db.submissions, db.outbox], async () => {
    for (const id of ids) {
      await db.outbox.update(id, { state: 'unreadable' });
      await db.submissions.update(id, { state: 'unreadable' });
    }
  });
}

/** Why the device itself turned an item down (it never reached the service). */
export type DeviceRejection = 'tooBig';

/** Turns items down on the device (kept, shown with the device's own words; nothing is lost). */
export async function rejectOnDevice(db: PersonDatabase, ids: readonly string[], code: DeviceRejection): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', [db.submissions, db.outbox], async () => {
    for (const id of ids) {
      if (!(await db.outbox.get(id))) continue;
      await db.outbox.update(id, { state: 'rejected' });
      await db.submissions.update(id, { state: 'rejected', rejection: { code } });
    }
  });
}

/** Counts attempts before a send (so a crash mid-send still leaves a trace). */
export async function markAttempt(db: PersonDatabase, ids: string[]): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    for (const id of ids) await db.outbox.where('id').equals(id).modify((row) => void (row.attempts += 1));
  });
}

/**
 * Records the service's answers. applied/duplicate: the row leaves the outbox and the submission
 * is `sent`. rejected: the row stays, marked, with the message sealed for the person. An id the
 * service did not answer for stays waiting.
 */
export async function applyResults(db: PersonDatabase, session: PersonSession, results: PushResult[]): Promise<void> {
  const sealedMessages = new Map<string, Awaited<ReturnType<PersonSession['seal']>>>();
  for (const result of results) {
    if (result.status === 'rejected') sealedMessages.set(result.id, await session.seal(result.message, 'rejections', result.id));
  }
  await db.transaction('rw', [db.submissions, db.outbox], async () => {
    for (const result of results) {
      const row = await db.outbox.get(result.id);
      if (!row) continue; // already recorded (another tab, or a resend)
      if (result.status === 'rejected') {
        await db.outbox.update(result.id, { state: 'rejected' });
        await db.submissions.update(result.id, {
          state: 'rejected',
          rejection: { code: result.code, message: sealedMessages.get(result.id)! },
        });
      } else {
        await markSentInTransaction(db, result.id);
      }
    }
  });
}

async function markSentInTransaction(db: PersonDatabase, id: string): Promise<void> {
  await db.outbox.delete(id);
  await db.submissions.update(id, { state: 'sent' });
}

/**
 * Records that the service has these items (applied or duplicate). Needs no key, so it also works
 * for the last send at sign-out, after the key has left memory.
 */
export async function markSent(db: PersonDatabase, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', [db.submissions, db.outbox], async () => {
    for (const id of ids) if (await db.outbox.get(id)) await markSentInTransaction(db, id);
  });
}

/**
 * The oldest waiting items, opened, for a send that must happen without the key (sign-out reads
 * them first, then drops the key). Rows that do not open are left for the next sign-in.
 */
export async function readForLastSend(db: PersonDatabase, session: PersonSession): Promise<OutboxItem[]> {
  const rows = await waitingRows(db, maxPushBatch);
  const opened: OutboxItem[] = [];
  for (const row of rows) {
    const item = await openCopy(session, row.sealed, 'outbox', row.id);
    if (item && !tooBigAlone(item, maxPushBytes)) opened.push(item);
  }
  return takeBatch(opened, { maxItems: maxPushBatch, maxBytes: maxPushBytes });
}

/** `rejected` counts every row that needs the person: turned down, or set aside as unreadable. */
export type OutboxCounts = { waiting: number; rejected: number };

export async function countOutbox(db: PersonDatabase): Promise<OutboxCounts> {
  const [waiting, rejected] = await Promise.all([
    db.outbox.where('state').equals('waiting').count(),
    db.outbox.where('state').anyOf('rejected', 'unreadable').count(),
  ]);
  return { waiting, rejected };
}

/** What the person sees for each thing they made. `sending` comes from the flusher, in memory. */
export type ItemState = 'waiting' | 'sending' | 'sent' | 'rejected' | 'unreadable';

export type ItemView = {
  id: string;
  kind: StoredSubmission['kind'];
  createdAt: string;
  state: ItemState;
  /** `message` is the service's words; none for a device rejection, or when it no longer opens. */
  rejection?: { code: string; message?: string };
};

export async function listItems(db: PersonDatabase, session: PersonSession, sending: ReadonlySet<string> = new Set()): Promise<ItemView[]> {
  const rows = await db.submissions.toArray();
  const seqs = new Map((await db.outbox.toArray()).map((row) => [row.id, row.seq]));
  const views = await Promise.all(
    rows.map(async (row): Promise<ItemView> => {
      const state: ItemState = row.state === 'waiting' && sending.has(row.id) ? 'sending' : (row.state satisfies SubmissionState);
      const view: ItemView = { id: row.id, kind: row.kind, createdAt: row.createdAt, state };
      if (row.rejection) {
        const sealed = row.rejection.message;
        const message = sealed ? await session.open(sealed, 'rejections', row.id).catch((error: unknown) => rethrowLocked(error)) : null;
        view.rejection = { code: String(row.rejection.code), ...(typeof message === 'string' ? { message } : {}) };
      }
      return view;
    }),
  );
  // Outbox order (sequence) first, then the rest by id (UUIDv7: creation order on this device).
  return views.sort((a, b) => (seqs.get(a.id) ?? Infinity) - (seqs.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function rethrowLocked(error: unknown): null {
  if (error instanceof LockedError) throw error;
  return null;
}

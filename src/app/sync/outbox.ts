import type { DeliveryEnvelope } from '../../domain/delivery.ts';
import { OutboxItem, type PushResult } from '../../domain/sync.ts';
import { metaKeys, type OutboxRow, type PersonDatabase, type StoredSubmission, type SubmissionState } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';

/**
 * The outbox: what the person made, waiting to be sent. All sealing happens BEFORE a Dexie
 * transaction opens (awaiting WebCrypto inside one would commit it early); each transaction then
 * only reads and writes rows.
 */

/**
 * Saves a submission and its outbox row in ONE transaction, with the next per-person sequence
 * number. The item's id (UUIDv7, minted once by the caller) is the idempotency key. On a kiosk,
 * `envelope` (the item sealed for delivery without the person) goes into the same row.
 */
export async function enqueue(db: PersonDatabase, session: PersonSession, item: OutboxItem, envelope?: DeliveryEnvelope): Promise<void> {
  const valid = OutboxItem.parse(item);
  const [forSubmission, forOutbox] = await Promise.all([
    session.seal(valid, 'submissions', valid.id),
    session.seal(valid, 'outbox', valid.id),
  ]);
  await db.transaction('rw', [db.submissions, db.outbox, db.meta], async () => {
    if (await db.outbox.get(valid.id)) return; // the same item twice is one item
    const last = (await db.meta.get(metaKeys.outboxSeq))?.value;
    const seq = (typeof last === 'number' ? last : 0) + 1;
    await db.meta.put({ key: metaKeys.outboxSeq, value: seq });
    await db.submissions.put({ id: valid.id, kind: valid.kind, createdAt: valid.createdAt, state: 'waiting', sealed: forSubmission });
    const delivery = envelope?.id === valid.id && envelope.personId === session.personId ? { envelope } : {};
    await db.outbox.add({ id: valid.id, seq, kind: valid.kind, createdAt: valid.createdAt, state: 'waiting', attempts: 0, sealed: forOutbox, ...delivery });
  });
}

/** The oldest waiting rows, in the person's order (rejected rows are skipped, never removed). */
export async function waitingRows(db: PersonDatabase, limit: number): Promise<OutboxRow[]> {
  return db.outbox
    .orderBy('seq')
    .filter((row) => row.state === 'waiting')
    .limit(limit)
    .toArray();
}

export async function openRows(session: PersonSession, rows: OutboxRow[]): Promise<OutboxItem[]> {
  return Promise.all(rows.map(async (row) => OutboxItem.parse(await session.open(row.sealed, 'outbox', row.id))));
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
        await db.outbox.delete(result.id);
        await db.submissions.update(result.id, { state: 'sent' });
      }
    }
  });
}

export type OutboxCounts = { waiting: number; rejected: number };

export async function countOutbox(db: PersonDatabase): Promise<OutboxCounts> {
  const [waiting, rejected] = await Promise.all([
    db.outbox.where('state').equals('waiting').count(),
    db.outbox.where('state').equals('rejected').count(),
  ]);
  return { waiting, rejected };
}

/** What the person sees for each thing they made. `sending` comes from the flusher, in memory. */
export type ItemState = 'waiting' | 'sending' | 'sent' | 'rejected';

export type ItemView = {
  id: string;
  kind: StoredSubmission['kind'];
  createdAt: string;
  state: ItemState;
  rejection?: { code: string; message: string };
};

export async function listItems(db: PersonDatabase, session: PersonSession, sending: ReadonlySet<string> = new Set()): Promise<ItemView[]> {
  const rows = await db.submissions.toArray();
  const seqs = new Map((await db.outbox.toArray()).map((row) => [row.id, row.seq]));
  const views = await Promise.all(
    rows.map(async (row): Promise<ItemView> => {
      const state: ItemState = row.state === 'waiting' && sending.has(row.id) ? 'sending' : (row.state satisfies SubmissionState);
      const view: ItemView = { id: row.id, kind: row.kind, createdAt: row.createdAt, state };
      if (row.rejection) {
        view.rejection = { code: row.rejection.code, message: String(await session.open(row.rejection.message, 'rejections', row.id)) };
      }
      return view;
    }),
  );
  // Outbox order (sequence) first, then the rest by id (UUIDv7: creation order on this device).
  return views.sort((a, b) => (seqs.get(a.id) ?? Infinity) - (seqs.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

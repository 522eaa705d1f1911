import { Dexie, type EntityTable } from 'dexie';
import type { DeliveryEnvelope } from '../../domain/delivery.ts';
import type { Sealed } from './crypto/seal.ts';
import { metaKeys } from './meta-keys.ts';

/**
 * One database per person, so people sharing a kiosk never share a store. Indexes hold only
 * opaque ids, dates and a sequence number; personal content is kept in `sealed` fields (AES-GCM
 * under the person's data key, see crypto/) and is never indexed.
 *
 * Versions: each change to the stores is a new `db.version(n)` below, never an edit to an old one.
 */

export type SubmissionKind = 'application' | 'questionnaire' | 'progressNote';

/** The person's plan, as last pulled from the service (read-only on the device). */
export type StoredPlan = { id: string; updatedAt: string; sealed: Sealed };

/**
 * Staff's reply to an application, as last pulled from the service. `closedAt`: when its retention
 * started (src/domain/retention.ts: its last change, once finished; null while open), so the device
 * can let it go when the service does without opening it. Absent on rows stored before it was kept.
 */
export type StoredReply = { applicationId: string; updatedAt: string; closedAt?: string | null; sealed: Sealed };

/**
 * Where a submission is: waiting to go, accepted by the service, turned down (by the service, or
 * by the device when it is too big to send), or set aside because it can no longer be read here.
 */
export type SubmissionState = 'waiting' | 'sent' | 'rejected' | 'unreadable';

/** Something the person made on the device (an application, questionnaire answers, a progress note). */
export type StoredSubmission = {
  id: string;
  kind: SubmissionKind;
  /** Device time, for display only: nothing orders or expires by it. */
  createdAt: string;
  state: SubmissionState;
  sealed: Sealed;
  /**
   * Set when it was turned down. The service's message is for the person, so it is sealed too; a
   * rejection made on the device (`tooBig`) has no message: the screen says it in its own words.
   */
  rejection?: { code: string; message?: Sealed };
};

/**
 * One thing waiting to be sent. Its id is minted once and is the idempotency key. `seq` is a
 * per-person counter taken in the same transaction as the row: it, not a clock, keeps the order.
 * Rows leave the outbox only when the service has them (applied or duplicate); a rejected row
 * stays, marked, and is skipped, and so does a row that no longer opens or parses (`unreadable`).
 * Nothing expires.
 */
export type OutboxRow = {
  id: string;
  seq: number;
  kind: SubmissionKind;
  createdAt: string;
  state: 'waiting' | 'rejected' | 'unreadable';
  attempts: number;
  sealed: Sealed;
  /**
   * On a kiosk: the same item sealed to the service, so the kiosk can deliver it after the person
   * has signed out (sync/courier.ts). Not indexed; absent when it could not be made.
   */
  envelope?: DeliveryEnvelope;
};

/** Small facts: the service's cursor, the outbox counter, the sealed refresh token, name and drafts. */
export type MetaRow = { key: string; value: unknown };

export type PersonDatabase = Dexie & {
  plans: EntityTable<StoredPlan, 'id'>;
  replies: EntityTable<StoredReply, 'applicationId'>;
  submissions: EntityTable<StoredSubmission, 'id'>;
  outbox: EntityTable<OutboxRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

// The `meta` keys live in a module of their own, without Dexie, so the first page can use them.
export { draftKeyPrefix, draftMetaKey, metaKeys } from './meta-keys.ts';

const opaqueId = /^[A-Za-z0-9_-]{1,64}$/;

export function personDatabaseName(personId: string): string {
  if (!opaqueId.test(personId)) throw new Error('A person id must be an opaque id.');
  return `spc-person-${personId}`;
}

export function openPersonDatabase(personId: string): PersonDatabase {
  const db = new Dexie(personDatabaseName(personId)) as PersonDatabase;
  db.version(1).stores({
    plans: 'id, updatedAt',
    submissions: 'id, kind, createdAt',
    outbox: 'id, state, createdAt',
    meta: 'key',
  });
  // v2: order by a per-person sequence (not a clock); replies from staff.
  db.version(2)
    .stores({
      plans: 'id, updatedAt',
      replies: 'applicationId, updatedAt',
      submissions: 'id, kind, createdAt',
      outbox: 'id, state, createdAt, seq',
      meta: 'key',
    })
    .upgrade(async (tx) => {
      const rows = await tx.table('outbox').orderBy('createdAt').toArray();
      let seq = 0;
      for (const row of rows as Array<Record<string, unknown>>) {
        seq += 1;
        await tx.table('outbox').update(row.id, { seq, state: row.state === 'rejected' ? 'rejected' : 'waiting' });
      }
      await tx.table('meta').put({ key: metaKeys.outboxSeq, value: seq });
      await tx.table('submissions').toCollection().modify((s: Record<string, unknown>) => {
        s.state ??= 'waiting';
      });
    });
  return db;
}

import { hash } from 'node:crypto';
import { applicationReference, openApplicationStatuses, type ApplicationReply } from '../../domain/application.ts';
import type { OutboxItem, PushResult } from '../../domain/sync.ts';
import { canonicalJson } from '../sync/canonical-json.ts';
import { pushMessages, rejected } from '../sync/push-messages.ts';
import type { SqlExecutor, SqlValue } from './sql-driver.ts';
import { StoreNotFoundError } from './store.ts';

type ApplicationItem = Extract<OutboxItem, { kind: 'application' }>;
type QuestionnaireItem = Extract<OutboxItem, { kind: 'questionnaire' }>;
type ProgressNoteItem = Extract<OutboxItem, { kind: 'progressNote' }>;

const placeholderLists = new Map<string, string>();

/** `(?, ?, ?), (?, ?, ?)`: the placeholders of a multi-row VALUES list (kept: a batch has at most 100 rows). */
function valuesList(rows: number, columns: number): string {
  const key = `${rows}x${columns}`;
  let list = placeholderLists.get(key);
  if (list === undefined) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    list = Array.from({ length: rows }, () => row).join(', ');
    placeholderLists.set(key, list);
  }
  return list;
}

/** `(?, ?, ?)`: the placeholders of an IN list. */
function inList(count: number): string {
  return valuesList(1, count);
}

/** A copy sorted by `key`, keeping the original order among equal keys. */
function sortedBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, key: key(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map((entry) => entry.item);
}

/**
 * What `processed_outbox.payload` keeps of an item: a SHA-256 of its canonical JSON (keys sorted),
 * so a resend of the same content matches whatever order its keys came in.
 */
function digestOf(item: OutboxItem): string {
  return `${canonicalPrefix}${hash('sha256', canonicalJson(item))}`;
}
const canonicalPrefix = 'canonical-sha256:';

/**
 * True when `stored` is the digest of this very item. Rows written before digests were canonical
 * start `sha256:` and hold a SHA-256 of the item's JSON in the order the schema gave it.
 */
function sameContent(stored: string, item: OutboxItem, digest: string): boolean {
  if (stored.startsWith(canonicalPrefix)) return stored === digest;
  return stored === `sha256:${hash('sha256', JSON.stringify(item))}`;
}

/**
 * Inserts the rows (sorted by key), skipping any whose key is taken; returns the keys it inserted.
 * Rows go in key order so that two transactions that share keys always wait for each other in the
 * same order, and can never deadlock. Of two rows with one key in the list, the first inserts.
 */
async function insertNew(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<{ key: string; values: readonly SqlValue[] }>,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const ordered = sortedBy(rows, (row) => row.key);
  const returned = await tx.all<{ id: string }>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${valuesList(ordered.length, columns.length)}
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    ordered.flatMap((row) => row.values),
  );
  return new Set(returned.map((row) => row.id));
}

/** Points every older questionnaire of the person at the newest one (a newer one replaces them). */
async function markReplacedQuestionnaires(tx: SqlExecutor, personId: string): Promise<void> {
  const newest = await tx.all<{ id: string }>('SELECT id FROM questionnaires WHERE person_id = ? ORDER BY created_at DESC, id DESC LIMIT 1', [personId]);
  const newestId = newest[0]?.id;
  if (!newestId) return;
  await tx.run(
    `UPDATE questionnaires SET replaced_by = ? WHERE person_id = ? AND id <> ? AND (replaced_by IS NULL OR replaced_by <> ?)`,
    [newestId, personId, newestId, newestId],
  );
}

/**
 * Applies one push batch inside the caller's transaction, with one statement per table rather than
 * several per item. The rules are those of one item at a time, in the order sent:
 * - each item's processed-id record is written in this transaction with its effect, so both
 *   commit or neither does;
 * - an id this person already sent with the same content is a `duplicate`; with other content it
 *   is `rejected` (conflict: it is not a resend); someone else's id is `rejected` (conflict),
 *   telling nothing about it;
 * - an item whose application, questionnaire or progress-note id is taken is `rejected` (conflict) and keeps no
 *   processed-id record, so its resend is never a false `duplicate`; the rest of the batch goes on;
 * - an id that comes twice in the batch is answered, the second time, as a resend of the first
 *   (or, with other content, `rejected` conflict);
 * - one open application per type: an application whose type the person already has open (on the
 *   service, or earlier in this batch) is `rejected` (alreadyOpen) and keeps no processed-id record,
 *   so it is judged again if it is ever sent again. The person's row is locked first, so two pushes
 *   at once take turns and the second sees the first's application;
 * - a questionnaire replaces the person's older ones (`replaced_by` names the newest).
 * Ids arrive lower-cased (the shared `ClientId` schema), so the same id in capitals is the same item.
 */
export async function applyPushBatch(tx: SqlExecutor, personId: string, items: readonly OutboxItem[], now: string): Promise<PushResult[]> {
  // Locks the person's row first (and checks they exist): two pushes for one person take turns from
  // here, so their changes commit in cursor order and they cannot deadlock on each other's ids.
  const found = await tx.run('UPDATE people SET change_count = change_count WHERE person_id = ?', [personId]);
  if (found === 0) throw new StoreNotFoundError('There is no person with this id.');

  const digests = items.map(digestOf);
  const firsts = new Map<string, { item: OutboxItem; digest: string }>();
  items.forEach((item, i) => {
    if (!firsts.has(item.id)) firsts.set(item.id, { item, digest: digests[i]! });
  });
  const unique = [...firsts.values()].map((first) => first.item);
  const outcome = new Map<string, PushResult>();

  // 1. The processed-id records. The primary key decides: of two sends of one id at once, only one
  //    inserts. On PostgreSQL the second waits until the first commits (then skips) or rolls back.
  const recorded = await insertNew(
    tx,
    'processed_outbox',
    ['id', 'person_id', 'kind', 'payload', 'received_at'],
    unique.map((item) => ({ key: item.id, values: [item.id, personId, item.kind, firsts.get(item.id)!.digest, now] })),
  );
  const seenBefore = unique.filter((item) => !recorded.has(item.id));
  if (seenBefore.length > 0) {
    const rows = await tx.all<{ id: string; person_id: string; payload: string }>(
      `SELECT id, person_id, payload FROM processed_outbox WHERE id IN ${inList(seenBefore.length)}`,
      seenBefore.map((item) => item.id),
    );
    const earlier = new Map(rows.map((row) => [row.id, row]));
    for (const item of seenBefore) {
      const row = earlier.get(item.id);
      const result: PushResult =
        row?.person_id !== personId
          ? rejected(item.id, 'conflict', pushMessages.idInUse)
          : sameContent(row.payload, item, firsts.get(item.id)!.digest)
            ? { id: item.id, status: 'duplicate' }
            : rejected(item.id, 'conflict', pushMessages.changedAfterSending);
      outcome.set(item.id, result);
    }
  }
  const fresh = unique.filter((item) => recorded.has(item.id));

  // 2. One open application per type: the person's open types on the service, then this batch's, in the order sent.
  const refused: string[] = [];
  const freshApplications = fresh.filter((item): item is ApplicationItem => item.kind === 'application');
  const applications: ApplicationItem[] = [];
  if (freshApplications.length > 0) {
    const open = await tx.all<{ type: string }>(
      `SELECT DISTINCT type FROM applications WHERE person_id = ? AND status IN ${inList(openApplicationStatuses.length)}`,
      [personId, ...openApplicationStatuses],
    );
    const openTypes = new Set(open.map((row) => row.type));
    for (const item of freshApplications) {
      if (openTypes.has(item.payload.type)) {
        refused.push(item.id);
        outcome.set(item.id, rejected(item.id, 'alreadyOpen', pushMessages.alreadyOpen));
      } else {
        openTypes.add(item.payload.type);
        applications.push(item);
      }
    }
  }

  // 3. The effects. Of two fresh items carrying one application (or questionnaire, or progress
  //    note) id, the first wins.
  const questionnaires = fresh.filter((item): item is QuestionnaireItem => item.kind === 'questionnaire');
  const addedApplications = await insertNew(
    tx,
    'applications',
    ['id', 'person_id', 'type', 'fields', 'details', 'replaces', 'reference', 'status', 'reply', 'created_at', 'received_at', 'updated_at'],
    applications.map(({ payload: a }) => ({
      key: a.id,
      values: [
        a.id,
        personId,
        a.type,
        a.fields ? JSON.stringify(a.fields) : null,
        a.details,
        a.replaces ?? null,
        applicationReference(a.id),
        'received',
        null,
        a.createdAt,
        now,
        now,
      ],
    })),
  );
  const addedQuestionnaires = await insertNew(
    tx,
    'questionnaires',
    ['id', 'person_id', 'question_set', 'completed_on', 'answers', 'created_at', 'received_at'],
    questionnaires.map(({ payload: q }) => ({
      key: q.id,
      values: [q.id, personId, q.questionSet, q.completedOn, JSON.stringify(q.answers), q.createdAt, now],
    })),
  );
  const progressNotes = fresh.filter((item): item is ProgressNoteItem => item.kind === 'progressNote');
  const addedProgressNotes = await insertNew(
    tx,
    'progress_notes',
    ['id', 'person_id', 'objective_id', 'step_id', 'text', 'created_at', 'received_at'],
    progressNotes.map(({ payload: p }) => ({ key: p.id, values: [p.id, personId, p.objectiveId, p.stepId ?? null, p.text, p.createdAt, now] })),
  );
  const claimed = new Set<string>();
  const wins = (added: Set<string>, effectId: string, kind: string) => {
    const key = `${kind}:${effectId}`;
    if (!added.has(effectId) || claimed.has(key)) return false;
    claimed.add(key);
    return true;
  };
  const appliedApplications: ApplicationItem[] = [];
  let questionnaireAdded = false;
  for (const item of fresh) {
    if (outcome.has(item.id)) continue;
    const won =
      item.kind === 'application'
        ? wins(addedApplications, item.payload.id, item.kind)
        : item.kind === 'questionnaire'
          ? wins(addedQuestionnaires, item.payload.id, item.kind)
          : wins(addedProgressNotes, item.payload.id, item.kind);
    if (won) {
      outcome.set(item.id, { id: item.id, status: 'applied' });
      if (item.kind === 'application') appliedApplications.push(item);
      else questionnaireAdded = true;
    } else {
      refused.push(item.id);
      outcome.set(item.id, rejected(item.id, 'conflict', pushMessages.idInUse));
    }
  }
  // Refused (the effect's own id was taken, or its type is open): take back those processed-id
  // records (their only write).
  if (refused.length > 0) await tx.run(`DELETE FROM processed_outbox WHERE id IN ${inList(refused.length)}`, refused);

  // 4. The newest questionnaire replaces the person's older ones (by when the person made them).
  if (questionnaireAdded) await markReplacedQuestionnaires(tx, personId);

  // 5. The device learns from its next pull that each application has arrived, with status "received";
  //    the replies go into the change log in the order sent.
  if (appliedApplications.length > 0) {
    await tx.run('UPDATE people SET change_count = change_count + ? WHERE person_id = ?', [appliedApplications.length, personId]);
    const recordedAt = new Date().toISOString();
    await tx.run(
      `INSERT INTO change_log (person_id, entity, entity_id, shareable, data, recorded_at) VALUES ${valuesList(appliedApplications.length, 6)}`,
      appliedApplications.flatMap(({ payload: a }) => {
        const reply: ApplicationReply = { applicationId: a.id, personId, status: 'received', messages: [], updatedAt: now };
        return [personId, 'applicationReply', a.id, 1, JSON.stringify(reply), recordedAt];
      }),
    );
  }

  // 6. One answer per item sent, in order. A repeat of an id in this batch is a resend of its first
  //    when its content is the same, and a conflict when it is not.
  const answered = new Set<string>();
  return items.map((item, i) => {
    const first = outcome.get(item.id)!;
    if (!answered.has(item.id)) {
      answered.add(item.id);
      return first;
    }
    if (digests[i] !== firsts.get(item.id)!.digest) return rejected(item.id, 'conflict', pushMessages.changedAfterSending);
    return first.status === 'rejected' ? first : { id: item.id, status: 'duplicate' };
  });
}

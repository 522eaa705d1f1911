import { Application, ApplicationReply, type ApplicationReplyInput } from '../../domain/application.ts';
import { ProgressNote } from '../../domain/progress-note.ts';
import { QuestionnaireAnswers } from '../../domain/questionnaire.ts';
import { Plan } from '../../domain/plan.ts';
import { PlanRecord, toShareablePlan } from '../../domain/plan-record.ts';
import { PrisonNumber } from '../../domain/ids.ts';
import { replyRetentionStart, retentionCutoff } from '../../domain/retention.ts';
import { Change, Cursor } from '../../domain/sync.ts';
import { createDeliveryStore } from '../delivery/delivery-store.ts';
import { createStaffStore, fillApplicationReferences } from '../staff/staff-store.ts';
import { applyPushBatch } from './push-batch.ts';
import { createSignInRecords } from './sign-in-records.ts';
import { applyMigrations, loadMigrations, schemaLockId } from './migrations.ts';
import type { SqlDriver, SqlExecutor } from './sql-driver.ts';
import type { SavedPlanVersion } from '../staff/staff-store.ts';
import { nameKey } from './name-key.ts';
import {
  NewPerson,
  PersonRecord,
  StoreConflictError,
  StoreNotFoundError,
  type ChangePage,
  type RefreshOutcome,
  type SeedEntry,
  type Store,
} from './store.ts';

function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

/** The most changes one page may hold, whatever the caller asks for. */
export const maxChangesPerPage = 500;

type PersonRow = {
  person_id: string;
  prison_number: string;
  display_name: string;
  pin_hash: string;
  prison_id: string | null;
  must_change_pin: number | string;
  created_at: string;
};

const personColumns = 'person_id, prison_number, display_name, pin_hash, prison_id, must_change_pin, created_at';

type ChangeRow = { seq: number | string; entity: string; data: string };

function personFromRow(row: PersonRow): PersonRecord {
  return PersonRecord.parse({
    personId: row.person_id,
    prisonNumber: row.prison_number,
    displayName: row.display_name,
    pinHash: row.pin_hash,
    prisonId: row.prison_id,
    mustChangePin: Number(row.must_change_pin) === 1,
    createdAt: row.created_at,
  });
}

function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** Fills in the caseload's sort name of people added before migration 008. */
async function fillNameKeys(driver: SqlDriver): Promise<void> {
  const rows = await driver.all<{ person_id: string; display_name: string }>('SELECT person_id, display_name FROM people WHERE name_key IS NULL');
  for (const row of rows) await driver.run('UPDATE people SET name_key = ? WHERE person_id = ?', [nameKey(row.display_name), row.person_id]);
}

/** The store, written once in portable SQL on top of either engine's driver. */
export function createSqlStore(driver: SqlDriver): Store {
  async function lockSchema(tx: SqlExecutor): Promise<void> {
    if (driver.dialect.exclusiveLockSql) await tx.all(driver.dialect.exclusiveLockSql, [schemaLockId]);
  }

  async function insertPersonWith(tx: SqlExecutor, input: NewPerson): Promise<PersonRecord> {
    const person = PersonRecord.parse({ ...NewPerson.parse(input), createdAt: new Date().toISOString() });
    try {
      await tx.run(
        `INSERT INTO people (${personColumns}, enrolled_at, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          person.personId,
          person.prisonNumber,
          person.displayName,
          person.pinHash,
          person.prisonId,
          toFlag(person.mustChangePin),
          person.createdAt,
          person.createdAt,
          nameKey(person.displayName),
        ],
      );
    } catch (error) {
      if (driver.isUniqueViolation(error)) {
        throw new StoreConflictError('Someone with this person id or prison number already exists.', { cause: error });
      }
      if (driver.isForeignKeyViolation(error)) throw new StoreNotFoundError('There is no prison with this id.', { cause: error });
      throw error;
    }
    return person;
  }

  /**
   * Appends one change, and deletes the earlier entries it replaces, so that pull delivers current
   * state: a device starting from cursor 0 never gets an old version (for example one that held an
   * objective staff have since marked not shareable). Updating the person's row first makes this
   * person's changes take turns and commit in cursor order; the delete runs after it, so it sees
   * every earlier entry, also one committed by a change that was waiting at the same moment.
   * - a shareable plan replaces every earlier plan entry of the person; an unshareable one (a
   *   draft, never pulled) only earlier drafts, so the last shared version stays for new devices;
   * - an application reply replaces the earlier reply for the same application.
   * `closedAt` is when the entry's retention starts counting (src/domain/retention.ts): null for
   * an entry that stays (a plan, an open application).
   */
  async function recordChange(
    tx: SqlExecutor,
    change: { personId: string; entity: Change['entity']; entityId: string; shareable: boolean; data: unknown; closedAt: string | null },
  ): Promise<Cursor> {
    const updated = await tx.run('UPDATE people SET change_count = change_count + 1 WHERE person_id = ?', [change.personId]);
    if (updated === 0) throw new StoreNotFoundError('There is no person with this id.');
    const rows = await tx.all<{ seq: number | string }>(
      'INSERT INTO change_log (person_id, entity, entity_id, shareable, data, recorded_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq',
      [change.personId, change.entity, change.entityId, toFlag(change.shareable), JSON.stringify(change.data), new Date().toISOString(), change.closedAt],
    );
    const seq = Number(rows[0]?.seq);
    if (change.entity === 'plan') {
      await tx.run(
        `DELETE FROM change_log WHERE person_id = ? AND entity = 'plan' AND seq < ?${change.shareable ? '' : ' AND shareable = 0'}`,
        [change.personId, seq],
      );
    } else {
      await tx.run('DELETE FROM change_log WHERE person_id = ? AND entity = ? AND entity_id = ? AND seq < ?', [
        change.personId,
        change.entity,
        change.entityId,
        seq,
      ]);
    }
    return Cursor.parse(String(seq));
  }

  /**
   * Staff's answer to an application: its status, decline reason and thread are stored, and the
   * new `ApplicationReply` goes into the change log in place of the earlier one. The staff store
   * calls this inside its own transactions (with the audit entry), so there is one way to write it.
   */
  async function recordApplicationReplyWith(tx: SqlExecutor, input: ApplicationReplyInput): Promise<Cursor> {
    const reply = ApplicationReply.parse(input);
    const changed = await tx.run(
      'UPDATE applications SET status = ?, decline_reason = ?, reply = ?, updated_at = ? WHERE id = ? AND person_id = ?',
      [
        reply.status,
        reply.status === 'declined' ? (reply.declineReason ?? null) : null,
        reply.messages.length > 0 ? JSON.stringify(reply.messages) : null,
        reply.updatedAt,
        reply.applicationId,
        reply.personId,
      ],
    );
    if (changed === 0) throw new StoreNotFoundError('This person has no application with this id.');
    return recordChange(tx, {
      personId: reply.personId,
      entity: 'applicationReply',
      entityId: reply.applicationId,
      shareable: true,
      data: reply,
      closedAt: replyRetentionStart(reply),
    });
  }

  /**
   * The one writer of a plan version: the change log (what the device pulls), the current plan,
   * and the version kept in `plan_versions`. Without `saved`, the service itself saves the next
   * version (demo data); staff and connected systems give the version and who they are.
   */
  async function putPlanWith(tx: SqlExecutor, input: PlanRecord, saved?: SavedPlanVersion): Promise<Cursor> {
    const record = PlanRecord.parse(input);
    // Only what the person may see goes into the change log.
    const visible = toShareablePlan(record);
    const cursor = await recordChange(tx, {
      personId: record.personId,
      entity: 'plan',
      entityId: record.id,
      shareable: record.shareable,
      data: visible,
      closedAt: null,
    });
    await tx.run(
      `INSERT INTO plans (person_id, plan_id, document, shareable, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET plan_id = excluded.plan_id, document = excluded.document,
         shareable = excluded.shareable, updated_at = excluded.updated_at`,
      [record.personId, record.id, JSON.stringify(record), toFlag(record.shareable), record.updatedAt],
    );
    // recordChange has locked the person's row, so the newest version read here stays the newest.
    const version = saved?.version ?? Number((await tx.all<{ v: number | string | null }>('SELECT MAX(version) AS v FROM plan_versions WHERE person_id = ?', [record.personId]))[0]?.v ?? 0) + 1;
    const author = saved?.author ?? { kind: 'service' as const };
    await tx.run(
      `INSERT INTO plan_versions (person_id, version, saved_at, saved_by_kind, saved_by_id, saved_by_name, document) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        record.personId,
        version,
        record.updatedAt,
        author.kind,
        author.kind === 'staff' ? author.staffId : author.kind === 'system' ? author.systemId : null,
        author.kind === 'staff' ? author.displayName : author.kind === 'system' ? author.name : null,
        JSON.stringify(record),
      ],
    );
    return cursor;
  }

  return {
    engine: driver.engine,
    delivery: createDeliveryStore(driver),
    staff: createStaffStore(driver, { recordApplicationReply: recordApplicationReplyWith, putPlan: putPlanWith, insertPerson: insertPersonWith }),

    async migrate(options = {}) {
      const applied = await applyMigrations(driver, await loadMigrations(), options.onRetry ? { onRetry: options.onRetry } : {});
      await fillApplicationReferences(driver);
      await fillNameKeys(driver);
      return { applied };
    },

    close: () => driver.close(),

    poolUse: () => driver.poolUse?.() ?? null,
    async ping() {
      await driver.all('SELECT 1 AS ok');
    },

    async isEmpty() {
      const rows = await driver.all('SELECT person_id FROM people LIMIT 1');
      return rows.length === 0;
    },

    async seedIfEmpty(entries: readonly SeedEntry[]) {
      return driver.transaction(async (tx) => {
        // Two servers starting at once must not both load the data.
        await lockSchema(tx);
        const anyone = await tx.all('SELECT person_id FROM people LIMIT 1');
        if (anyone.length > 0) return false;
        for (const entry of entries) {
          await insertPersonWith(tx, entry.person);
          await putPlanWith(tx, entry.plan);
        }
        return true;
      });
    },

    insertPerson: (person) => driver.transaction((tx) => insertPersonWith(tx, person)),

    async getPerson(prisonNumber) {
      const parsed = PrisonNumber.safeParse(prisonNumber);
      if (!parsed.success) return null;
      const rows = await driver.all<PersonRow>(
        `SELECT ${personColumns} FROM people WHERE prison_number = ?`,
        [parsed.data],
      );
      return rows[0] ? personFromRow(rows[0]) : null;
    },

    async getPersonById(personId) {
      const rows = await driver.all<PersonRow>(
        `SELECT ${personColumns} FROM people WHERE person_id = ?`,
        [personId],
      );
      return rows[0] ? personFromRow(rows[0]) : null;
    },

    async putPlan(plan) {
      return { cursor: await driver.transaction((tx) => putPlanWith(tx, plan)) };
    },

    async recordApplicationReply(input) {
      return { cursor: await driver.transaction((tx) => recordApplicationReplyWith(tx, input)) };
    },

    async getPlan(personId) {
      const rows = await driver.all<{ document: string }>('SELECT document FROM plans WHERE person_id = ?', [personId]);
      return rows[0] ? PlanRecord.parse(JSON.parse(rows[0].document)) : null;
    },

    async getShareablePlan(personId) {
      const rows = await driver.all<{ data: string }>(
        `SELECT data FROM change_log WHERE person_id = ? AND entity = 'plan' AND shareable = 1 ORDER BY seq DESC LIMIT 1`,
        [personId],
      );
      return rows[0] ? Plan.parse(JSON.parse(rows[0].data)) : null;
    },

    async changesSince(personId, cursor, limit, now = new Date().toISOString()) {
      const after = Number(Cursor.parse(cursor));
      const cutoff = retentionCutoff(now);
      const asked = Math.min(Math.max(Math.trunc(limit), 1), maxChangesPerPage);
      // One extra row tells us whether there is another page. Entries past retention are left out
      // at once (the sweep deletes them later): the walk is the same index range, by person and seq.
      const read = (from: number, size: number) =>
        driver.all<ChangeRow>(
          `SELECT seq, entity, data FROM change_log
           WHERE person_id = ? AND shareable = 1 AND seq > ? AND (closed_at IS NULL OR closed_at >= ?)
           ORDER BY seq LIMIT ?`,
          [personId, from, cutoff, size + 1],
        );
      // The highest cursor retention has let go: deleted by the sweep, or past retention now.
      const [retired] = await driver.all<{ swept: number | string | null; due: number | string | null }>(
        `SELECT p.retired_seq AS swept, (SELECT MAX(c.seq) FROM change_log c WHERE c.person_id = p.person_id AND c.closed_at < ?) AS due
         FROM people p WHERE p.person_id = ?`,
        [cutoff, personId],
      );
      const retiredThrough = Math.max(Number(retired?.swept ?? 0), Number(retired?.due ?? 0));
      let pageSize = asked;
      let rows: ChangeRow[];
      let restart = false;
      if (after > 0 && after < retiredThrough) {
        // The device may hold an application as it was before staff finished it, and that end has
        // gone: send the whole current state again, in one page (it is small: src/domain/retention.ts).
        rows = await read(0, maxChangesPerPage);
        restart = rows.length <= maxChangesPerPage;
        if (restart) pageSize = maxChangesPerPage;
        else rows = await read(after, asked); // too much for one page (never in practice): go on as before
      } else {
        rows = await read(after, asked);
      }
      const page = rows.slice(0, pageSize);
      const entries = page.map((row) => ({
        cursor: Cursor.parse(String(row.seq)),
        change: Change.parse({ entity: row.entity, data: JSON.parse(row.data) }),
      }));
      const hasMore = rows.length > pageSize;
      const last = Number(entries.at(-1)?.cursor ?? (restart ? 0 : after));
      // On the last page, past every entry let go, so the next pull does not ask to start again.
      const next = hasMore ? last : Math.max(last, retiredThrough, restart ? 0 : after);
      return { entries, cursor: Cursor.parse(String(next)), hasMore, ...(restart ? { restart: true as const } : {}) } satisfies ChangePage;
    },

    async createSession(session) {
      await driver.transaction(async (tx) => {
        await tx.run('INSERT INTO sessions (session_id, person_id, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, NULL)', [
          session.sessionId,
          session.personId,
          session.createdAt,
          session.expiresAt,
        ]);
        // Both tokens in one statement: one round trip fewer on every sign-in.
        await tx.run(
          'INSERT INTO session_tokens (token_hash, session_id, kind, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL), (?, ?, ?, ?, ?, NULL)',
          [
            ...[session.access.hash, session.sessionId, 'access', session.createdAt, earlier(session.access.expiresAt, session.expiresAt)],
            ...[session.refresh.hash, session.sessionId, 'refresh', session.createdAt, earlier(session.refresh.expiresAt, session.expiresAt)],
          ],
        );
      });
    },

    async findSession(accessTokenHash, now) {
      // By the token alone, and the times checked here: with `expires_at > ?` in the statement,
      // PostgreSQL may start from the sweeps' expiry indexes when its statistics still say every
      // sign-in has ended (after a night), and then read every live sign-in on every request
      // (src/server/NOTES.md, "Hot queries and indexes").
      const rows = await driver.all<{
        session_id: string;
        person_id: string;
        must_change_pin: number | string;
        token_expires_at: string;
        session_expires_at: string;
        revoked_at: string | null;
      }>(
        `SELECT s.session_id, s.person_id, p.must_change_pin, t.expires_at AS token_expires_at, s.expires_at AS session_expires_at, s.revoked_at
         FROM session_tokens t JOIN sessions s ON s.session_id = t.session_id
         JOIN people p ON p.person_id = s.person_id
         WHERE t.token_hash = ? AND t.kind = 'access'`,
        [accessTokenHash],
      );
      const row = rows[0];
      if (!row || row.revoked_at !== null || row.token_expires_at <= now || row.session_expires_at <= now) return null;
      return { sessionId: row.session_id, personId: row.person_id, mustChangePin: Number(row.must_change_pin) === 1 };
    },

    async rotateRefreshToken(refreshTokenHash, next, now) {
      return driver.transaction(async (tx): Promise<RefreshOutcome> => {
        const rows = await tx.all<{ session_id: string; person_id: string; token_expires_at: string; revoked_at: string | null; session_expires_at: string }>(
          `SELECT t.session_id, s.person_id, t.expires_at AS token_expires_at, s.revoked_at, s.expires_at AS session_expires_at
           FROM session_tokens t JOIN sessions s ON s.session_id = t.session_id
           WHERE t.token_hash = ? AND t.kind = 'refresh'`,
          [refreshTokenHash],
        );
        const found = rows[0];
        if (!found || found.revoked_at !== null || found.token_expires_at <= now || found.session_expires_at <= now) {
          return { status: 'invalid' };
        }
        // Only one use wins, even when two arrive at once (the second waits for the first's row lock).
        const marked = await tx.run('UPDATE session_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [now, refreshTokenHash]);
        if (marked === 0) {
          await tx.run('UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL', [now, found.session_id]);
          return { status: 'reused' };
        }
        // Tidy up: tokens of this sign-in that can no longer be used for anything.
        await tx.run('DELETE FROM session_tokens WHERE session_id = ? AND expires_at <= ?', [found.session_id, now]);
        const accessExpiresAt = earlier(next.access.expiresAt, found.session_expires_at);
        const refreshExpiresAt = found.session_expires_at;
        const insertToken = 'INSERT INTO session_tokens (token_hash, session_id, kind, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)';
        await tx.run(insertToken, [next.access.hash, found.session_id, 'access', now, accessExpiresAt]);
        await tx.run(insertToken, [next.refreshHash, found.session_id, 'refresh', now, refreshExpiresAt]);
        return { status: 'rotated', sessionId: found.session_id, personId: found.person_id, accessExpiresAt, refreshExpiresAt };
      });
    },

    async revokeSession(sessionId, now) {
      const changed = await driver.run('UPDATE sessions SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL', [now, sessionId]);
      return changed > 0;
    },

    async revokeSessionByToken(tokenHash, now) {
      const changed = await driver.run(
        `UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL
         AND session_id = (SELECT session_id FROM session_tokens WHERE token_hash = ?)`,
        [now, tokenHash],
      );
      return changed > 0;
    },

    async changePin(personId, pinHash) {
      await driver.transaction(async (tx) => {
        const checked = PersonRecord.shape.pinHash.parse(pinHash);
        const changed = await tx.run('UPDATE people SET pin_hash = ? WHERE person_id = ?', [checked, personId]);
        if (changed === 0) throw new StoreNotFoundError('There is no person with this id.');
        await tx.run('DELETE FROM known_devices WHERE person_id = ?', [personId]);
      });
    },

    async setOwnPin(personId, pinHash, now) {
      await driver.transaction(async (tx) => {
        const checked = PersonRecord.shape.pinHash.parse(pinHash);
        const changed = await tx.run('UPDATE people SET pin_hash = ?, must_change_pin = 0 WHERE person_id = ?', [checked, personId]);
        if (changed === 0) throw new StoreNotFoundError('There is no person with this id.');
        await tx.run('DELETE FROM known_devices WHERE person_id = ?', [personId]);
        await tx.run('UPDATE sessions SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL', [now, personId]);
      });
    },

    ...createSignInRecords(driver),

    async sweepChangeLog(now, { batchSize }) {
      const batch = Math.max(1, Math.trunc(batchSize));
      // Only entries pull already leaves out, so deleting them changes no answer. Each person's
      // retired_seq is raised first, in person order (people rows before change_log rows, as
      // every writer of the log takes them, and two sweeps at once in the same order), so pull can
      // still tell a device whose cursor is older than what went. A reply recorded meanwhile for
      // the same application deletes the same row at most (the second delete finds nothing).
      return driver.transaction(async (tx) => {
        const due = await tx.all<{ seq: number | string; person_id: string }>(
          'SELECT seq, person_id FROM change_log WHERE closed_at < ? ORDER BY closed_at LIMIT ?',
          [retentionCutoff(now), batch],
        );
        if (due.length === 0) return { change_log: 0 };
        const highest = new Map<string, number>();
        for (const row of due) highest.set(row.person_id, Math.max(highest.get(row.person_id) ?? 0, Number(row.seq)));
        for (const [personId, seq] of [...highest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          await tx.run('UPDATE people SET retired_seq = ? WHERE person_id = ? AND retired_seq < ?', [seq, personId, seq]);
        }
        const seqs = due.map((row) => Number(row.seq));
        const deleted = await tx.run(`DELETE FROM change_log WHERE seq IN (${seqs.map(() => '?').join(', ')})`, seqs);
        return { change_log: deleted };
      });
    },

    async applyPush(personId, items, now) {
      // One transaction for the whole batch (one commit, not one per item).
      return driver.transaction((tx) => applyPushBatch(tx, personId, items, now));
    },

    async listApplications(personId) {
      const rows = await driver.all<{ id: string; type: string; fields: string | null; details: string; replaces: string | null; created_at: string }>(
        'SELECT id, type, fields, details, replaces, created_at FROM applications WHERE person_id = ? ORDER BY created_at, id',
        [personId],
      );
      return rows.map((row) =>
        Application.parse({
          id: row.id,
          type: row.type,
          ...(row.fields !== null ? { fields: JSON.parse(row.fields) } : {}),
          details: row.details,
          ...(row.replaces !== null ? { replaces: row.replaces } : {}),
          createdAt: row.created_at,
        }),
      );
    },

    async listQuestionnaires(personId) {
      const rows = await driver.all<{ id: string; question_set: string; completed_on: string; answers: string; created_at: string }>(
        'SELECT id, question_set, completed_on, answers, created_at FROM questionnaires WHERE person_id = ? ORDER BY created_at, id',
        [personId],
      );
      return rows.map((row) =>
        QuestionnaireAnswers.parse({
          id: row.id,
          questionSet: row.question_set,
          completedOn: row.completed_on,
          answers: JSON.parse(row.answers),
          createdAt: row.created_at,
        }),
      );
    },

    async listProgressNotes(personId, options = {}) {
      const rows = await driver.all<{ id: string; objective_id: string; step_id: string | null; text: string; created_at: string }>(
        `SELECT id, objective_id, step_id, text, created_at FROM progress_notes WHERE person_id = ?${options.objectiveId === undefined ? '' : ' AND objective_id = ?'}
         ORDER BY created_at, id`,
        options.objectiveId === undefined ? [personId] : [personId, options.objectiveId],
      );
      return rows.map((row) =>
        ProgressNote.parse({
          id: row.id,
          objectiveId: row.objective_id,
          ...(row.step_id === null ? {} : { stepId: row.step_id }),
          text: row.text,
          createdAt: row.created_at,
        }),
      );
    },
  };
}

import { ApplicationMessage, applicationReference, openApplicationStatuses } from '../../domain/application.ts';
import { StaffApplicationDetail, StaffQuestionnaireDetail, type StaffApplicationSummary, type StaffQuestionnaireSummary } from '../../domain/staff.ts';
import type { SqlDriver, SqlExecutor, SqlValue } from '../store/sql-driver.ts';
import { nextState } from './application-changes.ts';
import type { InsertAudit } from './audit-records.ts';
import type { ListPosition, Page, StaffStore, StaffStoreDeps } from './staff-store.ts';

type InboxRecords = Pick<StaffStore, 'listApplications' | 'getApplication' | 'changeApplication' | 'listQuestionnaires' | 'getQuestionnaire'>;

type PersonColumns = { person_id: string; prison_number: string; display_name: string; prison_id: string };

type ApplicationRow = PersonColumns & {
  id: string;
  type: string;
  fields: string | null;
  details: string;
  replaces: string | null;
  reference: string | null;
  status: string;
  decline_reason: string | null;
  reply: string | null;
  created_at: string;
  received_at: string;
  updated_at: string;
};

type QuestionnaireRow = PersonColumns & {
  id: string;
  question_set: string;
  completed_on: string;
  answers: string;
  created_at: string;
  received_at: string;
  replaced_by: string | null;
};

const personSelect = 'p.person_id, p.prison_number, p.display_name, p.prison_id';
const applicationSelect = `SELECT a.id, a.type, a.fields, a.details, a.replaces, a.reference, a.status, a.decline_reason, a.reply,
  a.created_at, a.received_at, a.updated_at, ${personSelect}
  FROM applications a JOIN people p ON p.person_id = a.person_id`;
const questionnaireSelect = `SELECT q.id, q.question_set, q.completed_on, q.answers, q.created_at, q.received_at, q.replaced_by, ${personSelect}
  FROM questionnaires q JOIN people p ON p.person_id = q.person_id`;

function placeholders(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}

function personOf(row: PersonColumns) {
  return { personId: row.person_id, prisonNumber: row.prison_number, displayName: row.display_name, prisonId: row.prison_id };
}

function messagesOf(row: ApplicationRow): ApplicationMessage[] {
  return row.reply === null ? [] : ApplicationMessage.array().parse(JSON.parse(row.reply));
}

function applicationFromRow(row: ApplicationRow): StaffApplicationDetail {
  const messages = messagesOf(row);
  return StaffApplicationDetail.parse({
    id: row.id,
    reference: row.reference ?? applicationReference(row.id),
    type: row.type,
    status: row.status,
    declineReason: row.decline_reason,
    person: personOf(row),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    messageCount: messages.length,
    fields: row.fields === null ? {} : JSON.parse(row.fields),
    details: row.details,
    replaces: row.replaces,
    messages,
  });
}

function summaryOf(detail: StaffApplicationDetail): StaffApplicationSummary {
  const { fields: _fields, details: _details, replaces: _replaces, messages: _messages, ...summary } = detail;
  return summary;
}

function questionnaireFromRow(row: QuestionnaireRow): StaffQuestionnaireDetail {
  const answers = JSON.parse(row.answers) as Record<string, unknown>;
  return StaffQuestionnaireDetail.parse({
    id: row.id,
    questionSet: row.question_set,
    completedOn: row.completed_on,
    person: personOf(row),
    createdAt: row.created_at,
    receivedAt: row.received_at,
    replacedBy: row.replaced_by,
    answerCount: Object.keys(answers).length,
    answers,
  });
}

/**
 * The statuses of `applications_open_by_received` (migration 011), written out as the index's own
 * predicate: a statement that says it word for word may use the index whatever its values are.
 */
const openStatusesSql = `(${openApplicationStatuses.map((status) => `'${status}'`).join(', ')})`;

/** True when a list asks for waiting applications only: the staff inbox's usual page. */
function onlyOpen(statuses: readonly string[] | undefined): boolean {
  return !!statuses?.length && statuses.every((status) => (openApplicationStatuses as readonly string[]).includes(status));
}

/**
 * The inbox's page of waiting applications, on PostgreSQL: for each of the prison's people, the
 * keys of their oldest waiting applications (`applications_open_by_received`, a few a person),
 * then the page's rows only. Written with LATERAL so the planner cannot turn the next page into a
 * scan of every prison's waiting rows (it cannot know they are all recent). SQLite has no
 * LATERAL: it runs the plain statement, with the index's predicate added (one box's estate).
 */
function openPageSql(filter: { prisonId: string; statuses: readonly string[]; types?: readonly string[] | undefined; receivedBefore?: string | undefined; after?: ListPosition | undefined; limit: number }) {
  const where = ['a.person_id = p.person_id', `a.status IN ${openStatusesSql}`, `a.status IN ${placeholders(filter.statuses.length)}`];
  const params: SqlValue[] = [...filter.statuses];
  if (filter.types?.length) {
    where.push(`a.type IN ${placeholders(filter.types.length)}`);
    params.push(...filter.types);
  }
  if (filter.receivedBefore !== undefined) {
    where.push('a.received_at <= ?');
    params.push(filter.receivedBefore);
  }
  if (filter.after) {
    where.push('(a.received_at, a.id) > (?, ?)');
    params.push(filter.after.at, filter.after.id);
  }
  const sql = `WITH page AS (
    SELECT w.id FROM people p CROSS JOIN LATERAL (
      SELECT a.id, a.received_at FROM applications a WHERE ${where.join(' AND ')} ORDER BY a.received_at, a.id LIMIT ?
    ) w WHERE p.prison_id = ? ORDER BY w.received_at, w.id LIMIT ?)
  ${applicationSelect} JOIN page ON page.id = a.id ORDER BY a.received_at, a.id`;
  return { sql, params: [...params, filter.limit + 1, filter.prisonId, filter.limit + 1] };
}

/** `received_at` then id, after the given position: one page of a list, oldest first. */
function pageWhere(alias: string, filter: { prisonId: string; receivedBefore?: string | undefined; after?: ListPosition | undefined }) {
  const where = ['p.prison_id = ?'];
  const params: SqlValue[] = [filter.prisonId];
  if (filter.receivedBefore !== undefined) {
    where.push(`${alias}.received_at <= ?`);
    params.push(filter.receivedBefore);
  }
  if (filter.after) {
    where.push(`(${alias}.received_at > ? OR (${alias}.received_at = ? AND ${alias}.id > ?))`);
    params.push(filter.after.at, filter.after.at, filter.after.id);
  }
  return { where, params };
}

function pageOf<Row extends { received_at: string; id: string }, T>(rows: Row[], limit: number, read: (row: Row) => T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return { items: kept.map(read), next: rows.length > limit && last ? { at: last.received_at, id: last.id } : null };
}

export function createInboxRecords(driver: SqlDriver, deps: StaffStoreDeps & { insertAudit: InsertAudit }): InboxRecords {
  async function applicationIn(tx: SqlExecutor, applicationId: string, prisonId: string): Promise<ApplicationRow | null> {
    const rows = await tx.all<ApplicationRow>(`${applicationSelect} WHERE a.id = ? AND p.prison_id = ?`, [applicationId, prisonId]);
    return rows[0] ?? null;
  }

  return {
    async listApplications(filter) {
      const open = onlyOpen(filter.statuses);
      if (open && driver.engine === 'postgres') {
        const { sql, params } = openPageSql({ ...filter, statuses: filter.statuses! });
        const rows = await driver.all<ApplicationRow>(sql, params);
        return pageOf(rows, filter.limit, (row) => summaryOf(applicationFromRow(row)));
      }
      const { where, params } = pageWhere('a', filter);
      if (open) where.push(`a.status IN ${openStatusesSql}`);
      if (filter.statuses?.length) {
        where.push(`a.status IN ${placeholders(filter.statuses.length)}`);
        params.push(...filter.statuses);
      }
      if (filter.types?.length) {
        where.push(`a.type IN ${placeholders(filter.types.length)}`);
        params.push(...filter.types);
      }
      const rows = await driver.all<ApplicationRow>(`${applicationSelect} WHERE ${where.join(' AND ')} ORDER BY a.received_at, a.id LIMIT ?`, [
        ...params,
        filter.limit + 1,
      ]);
      return pageOf(rows, filter.limit, (row) => summaryOf(applicationFromRow(row)));
    },

    async getApplication(applicationId, prisonId) {
      const row = await applicationIn(driver, applicationId, prisonId);
      return row ? applicationFromRow(row) : null;
    },

    async changeApplication({ applicationId, prisonId, action, messageId, actor }) {
      return driver.transaction(async (tx) => {
        const found = await applicationIn(tx, applicationId, prisonId);
        if (!found) return { ok: false, code: 'notFound' } as const;
        // The person's row first: their pushes and every change to their applications take turns,
        // so the state read next is the latest, and "one open per type" cannot be raced.
        await tx.run('UPDATE people SET change_count = change_count WHERE person_id = ?', [found.person_id]);
        const row = (await applicationIn(tx, applicationId, prisonId))!;
        const current = applicationFromRow(row);
        const outcome = nextState(current, action, { id: messageId, at: actor.at });
        if (!outcome.ok) return { ok: false, code: outcome.refusal } as const;
        if (!outcome.changed) return { ok: true, application: current, cursor: null } as const;
        if (outcome.reopens) {
          const open = await tx.all(
            `SELECT id FROM applications WHERE person_id = ? AND type = ? AND id <> ? AND status IN ${placeholders(openApplicationStatuses.length)} LIMIT 1`,
            [row.person_id, row.type, row.id, ...openApplicationStatuses],
          );
          if (open.length > 0) return { ok: false, code: 'alreadyOpen' } as const;
        }
        const { next } = outcome;
        const cursor = await deps.recordApplicationReply(tx, {
          applicationId: row.id,
          personId: row.person_id,
          status: next.status,
          ...(next.declineReason ? { declineReason: next.declineReason } : {}),
          messages: [...next.messages],
          updatedAt: actor.at,
        });
        await deps.insertAudit(tx, {
          at: actor.at,
          staffId: actor.staffId,
          action: action.kind === 'status' ? 'changeStatus' : action.kind,
          prisonId: actor.prisonId,
          personId: row.person_id,
          entity: 'application',
          entityId: row.id,
          details: { status: next.status, ...(next.declineReason ? { reason: next.declineReason } : {}) },
          addressHash: actor.addressHash,
        });
        return { ok: true, application: applicationFromRow((await applicationIn(tx, applicationId, prisonId))!), cursor } as const;
      });
    },

    async listQuestionnaires(filter) {
      const { where, params } = pageWhere('q', filter);
      if (filter.state === 'current') where.push('q.replaced_by IS NULL');
      if (filter.state === 'replaced') where.push('q.replaced_by IS NOT NULL');
      if (filter.questionSet !== undefined) {
        where.push('q.question_set = ?');
        params.push(filter.questionSet);
      }
      const rows = await driver.all<QuestionnaireRow>(`${questionnaireSelect} WHERE ${where.join(' AND ')} ORDER BY q.received_at, q.id LIMIT ?`, [
        ...params,
        filter.limit + 1,
      ]);
      return pageOf(rows, filter.limit, (row): StaffQuestionnaireSummary => {
        const { answers: _answers, ...summary } = questionnaireFromRow(row);
        return summary;
      });
    },

    async getQuestionnaire(questionnaireId, prisonId) {
      const rows = await driver.all<QuestionnaireRow>(`${questionnaireSelect} WHERE q.id = ? AND p.prison_id = ?`, [questionnaireId, prisonId]);
      return rows[0] ? questionnaireFromRow(rows[0]) : null;
    },
  };
}

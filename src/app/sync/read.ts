import { Application, ApplicationReply } from '../../domain/application.ts';
import type { Plan } from '../../domain/plan.ts';
import { ProgressNote } from '../../domain/progress-note.ts';
import type { QuestionnaireAnswers } from '../../domain/questionnaire.ts';
import { OutboxItem } from '../../domain/sync.ts';
import type { PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import { openPlanRow } from './open-plan.ts';

/**
 * Reading the person's own sealed data for screens. Each read opens (decrypts) rows with the
 * person's key and checks them against the shared schema; a row that does not open or does not
 * parse is left out rather than shown half-read, and `onUnreadable` is told (the plan and replies
 * can be fetched again from the service: see store-check.ts).
 */
type ReadOptions = { onUnreadable?: () => void };

/** The person's plan as last pulled (the newest one if, unusually, there are several). */
export async function readPlan(db: PersonDatabase, session: PersonSession, options: ReadOptions = {}): Promise<Plan | null> {
  const rows = await db.plans.orderBy('updatedAt').reverse().toArray();
  for (const row of rows) {
    const plan = await openPlanRow(session, row).catch(() => null);
    if (plan && plan.personId === session.personId) return plan;
    options.onUnreadable?.();
  }
  return null;
}

/** Staff replies to the person's applications, by application id. */
export async function readReplies(db: PersonDatabase, session: PersonSession, options: ReadOptions = {}): Promise<Map<string, ApplicationReply>> {
  const out = new Map<string, ApplicationReply>();
  for (const row of await db.replies.toArray()) {
    const parsed = ApplicationReply.safeParse(await session.open(row.sealed, 'replies', row.applicationId).catch(() => null));
    if (parsed.success) out.set(row.applicationId, parsed.data);
    else options.onUnreadable?.();
  }
  return out;
}

/** What the person wrote in each application they made on this device, by id. */
export async function readApplications(db: PersonDatabase, session: PersonSession): Promise<Map<string, Application>> {
  const out = new Map<string, Application>();
  const rows = await db.submissions.where('kind').equals('application').toArray();
  for (const row of rows) {
    const parsed = OutboxItem.safeParse(await session.open(row.sealed, 'submissions', row.id).catch(() => null));
    if (parsed.success && parsed.data.kind === 'application') out.set(row.id, Application.parse(parsed.data.payload));
  }
  return out;
}

/** The progress notes the person wrote on this device, by id (sent or not). */
export async function readProgressNotes(db: PersonDatabase, session: PersonSession): Promise<Map<string, ProgressNote>> {
  const out = new Map<string, ProgressNote>();
  const rows = await db.submissions.where('kind').equals('progressNote').toArray();
  for (const row of rows) {
    const parsed = OutboxItem.safeParse(await session.open(row.sealed, 'submissions', row.id).catch(() => null));
    if (parsed.success && parsed.data.kind === 'progressNote') out.set(row.id, ProgressNote.parse(parsed.data.payload));
  }
  return out;
}

/** The self-assessments the person made on this device (sent, waiting or turned down), by id. */
export async function readQuestionnaires(db: PersonDatabase, session: PersonSession): Promise<Map<string, QuestionnaireAnswers>> {
  const out = new Map<string, QuestionnaireAnswers>();
  const rows = await db.submissions.where('kind').equals('questionnaire').toArray();
  for (const row of rows) {
    const parsed = OutboxItem.safeParse(await session.open(row.sealed, 'submissions', row.id).catch(() => null));
    if (parsed.success && parsed.data.kind === 'questionnaire') out.set(row.id, parsed.data.payload);
  }
  return out;
}

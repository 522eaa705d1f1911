/**
 * The estate generator: a national estate of made-up people, prisons and staff, with their plans
 * and history, as rows of the store's own tables (the loader in load.ts writes them to PostgreSQL).
 * Pure and seeded: the same options always give the same rows. Nothing here is a real person.
 *
 * Shapes (bench/README.md, "The estate"):
 * - plans drawn from the four demo plans (src/server/demo/plans), 1–4 saved versions each; the
 *   change log holds only the newest (pull delivers current state, src/server/NOTES.md);
 * - applications at `applicationsPerMonth` (2) a person a month over the history, most answered,
 *   declined or closed; those of the last 14 days may still be open (at most one per type, never
 *   `other`, so a morning push of an `other` application is always accepted);
 * - a reply entry in the change log per application (its newest status) that the change log's
 *   retention rule keeps (src/domain/retention.ts: open ones, and those finished in the last 90
 *   days), an audit entry per staff action, a processed-outbox record per item the person sent;
 * - a questionnaire every 3 months, progress notes at 2 a month, last night's sign-in (ended), and
 *   the person's tablet as a known device;
 * - per prison one admin, two OMU staff and one POM per 60 people.
 * The first prison can be given a longer history (`longHistoryMonths`): the staff inbox is measured there.
 */
import { createHash } from 'node:crypto';
import type { ApplicationStatus, ApplicationType, DeclineReason } from '../../src/domain/application.ts';
import { applicationReference } from '../../src/domain/application.ts';
import type { PlanRecord } from '../../src/domain/plan-record.ts';
import { isPastRetentionFrom, replyRetentionStart } from '../../src/domain/retention.ts';
import { toShareablePlan } from '../../src/domain/plan-record.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { demoPeople } from '../../src/server/demo/index.ts';
import { resumeLifetimeSeconds } from '../../src/domain/auth.ts';
import { pinStamp, signInKeys } from '../../src/server/auth/sign-in-limits.ts';
import { hashToken } from '../../src/server/auth/tokens.ts';
import { nameKey } from '../../src/server/store/name-key.ts';
import type { SqlValue } from '../../src/server/store/sql-driver.ts';
import { saq1Answers } from '../../test/server/support/outbox.ts';
import { seededRandom, type Random } from './random.ts';

export type EstateOptions = {
  seed: number;
  people: number;
  prisons: number;
  /** Months of history for every prison but the first. */
  months: number;
  /** Months of history for the first prison (the inbox is measured there); default `months`. */
  longHistoryMonths?: number;
  applicationsPerMonth?: number;
  /** The morning the estate is generated for, YYYY-MM-DD; history ends at 06:00 that day. */
  today: string;
  /** One PIN hash for everybody (scrypt is slow on purpose; see README). */
  pinHash: string;
  /** One password hash for every member of staff. */
  passwordHash: string;
};

/** The tables written, in an order that keeps every foreign key satisfied. */
export const estateTables = [
  'prisons',
  'staff_accounts',
  'people',
  'plans',
  'plan_versions',
  'change_log',
  'applications',
  'questionnaires',
  'progress_notes',
  'processed_outbox',
  'sessions',
  'session_tokens',
  'known_devices',
  'audit_log',
] as const;
export type EstateTable = (typeof estateTables)[number];

export type TableRows = { columns: readonly string[]; rows: SqlValue[][] };
/** One prison with everyone and everything in it. */
export type PrisonChunk = { prisonId: string; tables: Record<EstateTable, TableRows> };

const columnsOf: Record<EstateTable, readonly string[]> = {
  prisons: ['prison_id', 'name'],
  staff_accounts: ['staff_id', 'username', 'display_name', 'role', 'prison_id', 'password_hash', 'must_change_password', 'created_at'],
  people: ['person_id', 'prison_number', 'display_name', 'pin_hash', 'change_count', 'created_at', 'prison_id', 'must_change_pin', 'pom_staff_id', 'enrolled_at', 'name_key'],
  plans: ['person_id', 'plan_id', 'document', 'shareable', 'updated_at'],
  plan_versions: ['person_id', 'version', 'saved_at', 'saved_by_kind', 'saved_by_id', 'saved_by_name', 'document'],
  change_log: ['person_id', 'entity', 'entity_id', 'shareable', 'data', 'recorded_at', 'closed_at'],
  applications: ['id', 'person_id', 'type', 'fields', 'details', 'replaces', 'reference', 'status', 'decline_reason', 'reply', 'created_at', 'received_at', 'updated_at'],
  questionnaires: ['id', 'person_id', 'question_set', 'completed_on', 'answers', 'created_at', 'received_at', 'replaced_by'],
  progress_notes: ['id', 'person_id', 'objective_id', 'step_id', 'text', 'created_at', 'received_at'],
  processed_outbox: ['id', 'person_id', 'kind', 'payload', 'received_at'],
  sessions: ['session_id', 'person_id', 'created_at', 'expires_at', 'revoked_at'],
  session_tokens: ['token_hash', 'session_id', 'kind', 'created_at', 'expires_at', 'used_at'],
  known_devices: ['proof_hash', 'person_id', 'device_key', 'pin_stamp', 'created_at', 'last_used_at', 'expires_at', 'resume_hash', 'resume_expires_at'],
  audit_log: ['at', 'staff_id', 'action', 'prison_id', 'person_id', 'entity', 'entity_id', 'details', 'address_hash'],
};

/**
 * A generated person's tablet: its device id, and the resume token it keeps sealed (the morning
 * resumes with them, bench/estate/device.ts). Made from the prison number, so the morning knows them.
 */
export function estateDeviceId(prisonNumber: string): string {
  return createHash('sha256').update(`estate-device|${prisonNumber}`).digest('base64url').slice(0, 32);
}

export function estateResumeToken(prisonNumber: string): string {
  return createHash('sha256').update(`estate-resume|${prisonNumber}`).digest('base64url');
}

/**
 * How many days before this morning the person last put their PIN in to the service: 0 to 30,
 * evenly, so their resume token (30 days from it) has lapsed for about 1 in 31 on a given morning.
 */
export function estatePinDaysAgo(prisonNumber: string): number {
  return createHash('sha256').update(`estate-pin-day|${prisonNumber}`).digest().readUInt32BE(0) % 31;
}

/** The day whose 06:00 UTC (the estate's morning) came last, at or before `now`: the `today` to generate for now. */
export function estateToday(now: Date = new Date()): string {
  return new Date(now.getTime() - 6 * 3_600_000).toISOString().slice(0, 10);
}

/** The PIN every generated person has (their hash is `EstateOptions.pinHash`). */
export const estatePin = '246813';

const day = 86_400_000;
const types: readonly ApplicationType[] = ['seeMyPom', 'copyOfOasys', 'reviewMyOasys', 'questionAboutMyPlan', 'disagreeWithPlan', 'askAboutCourse', 'askAboutPipe', 'releaseOrMove', 'other'];
const fieldsFor: Record<ApplicationType, Record<string, string> | null> = {
  seeMyPom: { howSoon: 'whenTheyCan' },
  copyOfOasys: { whichCopy: 'both' },
  reviewMyOasys: { reason: 'somethingChanged' },
  questionAboutMyPlan: null,
  disagreeWithPlan: { objective: 'wholePlan' },
  askAboutCourse: { want: 'findOutMore' },
  askAboutPipe: { want: 'findOutMore' },
  releaseOrMove: { which: 'hdc' },
  other: null,
};
const details = ['Please can I talk to someone about this.', 'I would like to know what happens next.', 'Can you tell me when this will be looked at?', 'I have asked before and would like an answer.'];
const replies = ['We have looked at this. Your POM will see you this week.', 'Thank you. We have sent you a copy on paper.', 'We have passed this to the right team.'];
const notes = ['I went to every session this week.', 'I finished the workbook.', 'I talked to my key worker about this.', 'I started the course on Monday.'];
const declineReasons: readonly DeclineReason[] = ['wrongType', 'alreadyAsked', 'notForOmu', 'notEnoughDetail'];
const firstNames = ['Alex', 'Sam', 'Jo', 'Chris', 'Robin', 'Morgan', 'Jamie', 'Casey', 'Taylor', 'Jordan', 'Rowan', 'Ellis'];
const lastNames = ['Example', 'Sample', 'Testman', 'Madeup', 'Fictional', 'Placeholder', 'Invented', 'Dummy'];

/** How many people each prison holds: as even as possible, adding up to `people`. */
export function prisonSizes(people: number, prisons: number): number[] {
  return Array.from({ length: prisons }, (_, i) => Math.floor(people / prisons) + (i < people % prisons ? 1 : 0));
}

/** The prison id of the `index`th prison (made up: real ones are three letters). */
export function estatePrisonId(index: number): string {
  return `E${String(index).padStart(3, '0')}`;
}

/** A prison number nobody real or in the demo has: the letter Z, four digits, two letters. */
export function estatePrisonNumber(index: number): string {
  const letters = Math.floor(index / 10_000);
  const a = String.fromCharCode(65 + Math.floor(letters / 26) % 26);
  const b = String.fromCharCode(65 + (letters % 26));
  return `Z${String(index % 10_000).padStart(4, '0')}${a}${b}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function hex64(random: Random): string {
  return createHash('sha256').update(random.bytes64(24)).digest('hex');
}

function tableSet(): Record<EstateTable, TableRows> {
  return Object.fromEntries(estateTables.map((table) => [table, { columns: columnsOf[table], rows: [] }])) as unknown as Record<EstateTable, TableRows>;
}

function add(tables: Record<EstateTable, TableRows>, table: EstateTable, values: Record<string, SqlValue>): void {
  tables[table].rows.push(columnsOf[table].map((column) => values[column] ?? null));
}

/** Status and last change of an application made at `createdMs`, as seen at `nowMs`. */
function fateOf(random: Random, type: ApplicationType, createdMs: number, nowMs: number, openTypes: Set<ApplicationType>): { status: ApplicationStatus; updatedMs: number } {
  const recent = nowMs - createdMs < 14 * day;
  if (recent && type !== 'other' && !openTypes.has(type) && random.next() < 0.7) {
    openTypes.add(type);
    const status: ApplicationStatus = random.next() < 0.7 ? 'received' : 'beingLookedAt';
    return { status, updatedMs: status === 'received' ? createdMs + 60_000 : Math.min(nowMs - 60_000, createdMs + day) };
  }
  const roll = random.next();
  const status: ApplicationStatus = roll < 0.6 ? 'answered' : roll < 0.75 ? 'declined' : 'closed';
  return { status, updatedMs: Math.min(nowMs - 60_000, createdMs + (1 + random.below(10)) * day) };
}

function personRows(
  random: Random,
  tables: Record<EstateTable, TableRows>,
  person: { index: number; prisonId: string; pomStaffId: string; omuStaffId: string; historyMs: number; planTemplates: readonly PlanRecord[] },
  options: EstateOptions,
  nowMs: number,
): void {
  const personId = `p_${random.bytes64(16)}`;
  const startMs = nowMs - person.historyMs;
  const template = random.pick(person.planTemplates);
  const displayName = `${random.pick(firstNames)} ${random.pick(lastNames)} ${person.index}`;
  const versions = 1 + random.below(4);
  let changes = versions;
  const planId = `plan_${random.bytes64(16)}`;
  let latest: PlanRecord | null = null;
  for (let version = 1; version <= versions; version++) {
    const savedMs = startMs + Math.floor(((nowMs - 2 * day - startMs) * version) / versions);
    // The demo plan's shape, dated for today (built once per prison: building each is slow).
    const record: PlanRecord = { ...template, id: planId, personId, updatedAt: iso(savedMs) };
    latest = record;
    add(tables, 'plan_versions', {
      person_id: personId,
      version,
      saved_at: record.updatedAt,
      saved_by_kind: 'staff',
      saved_by_id: person.pomStaffId,
      saved_by_name: 'POM',
      document: JSON.stringify(record),
    });
  }
  const plan = latest!;
  add(tables, 'plans', { person_id: personId, plan_id: planId, document: JSON.stringify(plan), shareable: plan.shareable ? 1 : 0, updated_at: plan.updatedAt });
  add(tables, 'change_log', { person_id: personId, entity: 'plan', entity_id: planId, shareable: plan.shareable ? 1 : 0, data: JSON.stringify(toShareablePlan(plan)), recorded_at: plan.updatedAt });

  const sent = (id: string, kind: string, atMs: number) =>
    add(tables, 'processed_outbox', { id, person_id: personId, kind, payload: `canonical-sha256:${hex64(random)}`, received_at: iso(atMs + 30_000) });

  // Applications, oldest first, with their newest reply in the change log.
  const months = person.historyMs / (30 * day);
  const applicationCount = Math.round(months * (options.applicationsPerMonth ?? 2) * (0.5 + random.next()));
  const applicationTimes = Array.from({ length: applicationCount }, () => startMs + random.below(nowMs - startMs - 3_600_000)).sort((a, b) => a - b);
  const openTypes = new Set<ApplicationType>();
  for (const createdMs of applicationTimes) {
    const type = random.pick(types);
    const id = random.uuidv7(createdMs);
    const { status, updatedMs } = fateOf(random, type, createdMs, nowMs, openTypes);
    const messages = status === 'answered' ? [{ id: `m_${random.bytes64(12)}`, at: iso(updatedMs), text: random.pick(replies) }] : [];
    const declineReason = status === 'declined' ? random.pick(declineReasons) : null;
    const fields = fieldsFor[type];
    add(tables, 'applications', {
      id,
      person_id: personId,
      type,
      fields: fields ? JSON.stringify(fields) : null,
      details: random.pick(details),
      reference: applicationReference(id),
      status,
      decline_reason: declineReason,
      reply: messages.length > 0 ? JSON.stringify(messages) : null,
      created_at: iso(createdMs),
      received_at: iso(createdMs + 30_000),
      updated_at: iso(updatedMs),
    });
    sent(id, 'application', createdMs);
    const reply = { applicationId: id, personId, status, type, ...(declineReason ? { declineReason } : {}), messages, updatedAt: iso(updatedMs) };
    // As the service keeps it: finished over 90 days ago, its entry has been swept.
    const closedAt = replyRetentionStart(reply);
    if (!isPastRetentionFrom(closedAt, iso(nowMs))) {
      add(tables, 'change_log', { person_id: personId, entity: 'applicationReply', entity_id: id, shareable: 1, data: JSON.stringify(reply), recorded_at: iso(updatedMs), closed_at: closedAt });
    }
    changes += status === 'received' ? 1 : 2;
    if (status !== 'received') {
      const action = status === 'answered' ? 'reply' : status === 'declined' ? 'decline' : status === 'closed' ? 'close' : 'changeStatus';
      add(tables, 'audit_log', {
        at: iso(updatedMs),
        staff_id: random.next() < 0.5 ? person.pomStaffId : person.omuStaffId,
        action,
        prison_id: person.prisonId,
        person_id: personId,
        entity: 'application',
        entity_id: id,
        details: JSON.stringify({ status, ...(declineReason ? { reason: declineReason } : {}) }),
        address_hash: hex64(random),
      });
    }
  }

  // A questionnaire every three months; the older ones are replaced by the newest.
  const questionnaireIds: string[] = [];
  const answers = JSON.stringify(saq1Answers());
  for (let atMs = startMs + random.below(90 * day); atMs < nowMs - day; atMs += 90 * day) {
    const id = random.uuidv7(atMs);
    questionnaireIds.push(id);
    add(tables, 'questionnaires', {
      id,
      person_id: personId,
      question_set: saq1.id,
      completed_on: iso(atMs).slice(0, 10),
      answers,
      created_at: iso(atMs),
      received_at: iso(atMs + 30_000),
    });
    sent(id, 'questionnaire', atMs);
  }
  const newestQuestionnaire = questionnaireIds.at(-1);
  for (const row of tables.questionnaires.rows.slice(-questionnaireIds.length)) {
    if (row[0] !== newestQuestionnaire) row[columnsOf.questionnaires.indexOf('replaced_by')] = newestQuestionnaire ?? null;
  }

  // Progress notes, about two a month, on the plan's own goals.
  const objectiveIds = plan.objectives.map((objective) => objective.id);
  const noteCount = Math.round(months * 2 * (0.5 + random.next()));
  for (let n = 0; n < noteCount && objectiveIds.length > 0; n++) {
    const atMs = startMs + random.below(nowMs - startMs - 3_600_000);
    const id = random.uuidv7(atMs);
    add(tables, 'progress_notes', { id, person_id: personId, objective_id: random.pick(objectiveIds), text: random.pick(notes), created_at: iso(atMs), received_at: iso(atMs + 30_000) });
    sent(id, 'progressNote', atMs);
  }

  // Last night's sign-in on their tablet: it ended at 07:00 (12 hours after the PIN), not yet swept.
  const signedInMs = nowMs - 13 * 3_600_000;
  const sessionId = `s_${random.bytes64(16)}`;
  add(tables, 'sessions', { session_id: sessionId, person_id: personId, created_at: iso(signedInMs), expires_at: iso(signedInMs + 12 * 3_600_000) });
  add(tables, 'session_tokens', { token_hash: hex64(random), session_id: sessionId, kind: 'access', created_at: iso(signedInMs), expires_at: iso(signedInMs + 900_000) });
  add(tables, 'session_tokens', { token_hash: hex64(random), session_id: sessionId, kind: 'refresh', created_at: iso(signedInMs), expires_at: iso(signedInMs + 12 * 3_600_000) });
  // Their tablet, known since they came, with the resume token of their last PIN sign-in there.
  const prisonNumber = estatePrisonNumber(person.index);
  add(tables, 'known_devices', {
    proof_hash: hex64(random),
    person_id: personId,
    device_key: signInKeys({ prisonNumber, deviceId: estateDeviceId(prisonNumber), address: '' }).device,
    pin_stamp: pinStamp(options.pinHash),
    created_at: iso(startMs),
    last_used_at: iso(signedInMs),
    expires_at: iso(signedInMs + 90 * day),
    resume_hash: hashToken(estateResumeToken(prisonNumber)),
    // PIN last sent k days before this morning (a minute before 06:00), so the token lapses for
    // k = 30 only, at whatever time of day the bench is run.
    resume_expires_at: iso(nowMs - 60_000 - estatePinDaysAgo(prisonNumber) * day + resumeLifetimeSeconds * 1000),
  });

  add(tables, 'people', {
    person_id: personId,
    prison_number: estatePrisonNumber(person.index),
    display_name: displayName,
    pin_hash: options.pinHash,
    change_count: changes,
    created_at: iso(startMs),
    prison_id: person.prisonId,
    must_change_pin: 0,
    pom_staff_id: person.pomStaffId,
    enrolled_at: iso(startMs),
    name_key: nameKey(displayName),
  });
}

/**
 * The estate, one prison at a time (so a loader never holds all 85,000 people in memory).
 * Each prison has its own random source made from the seed and its number, so one prison's rows
 * do not depend on how many there are before it.
 */
export function* generateEstate(options: EstateOptions): Generator<PrisonChunk> {
  const nowMs = Date.parse(`${options.today}T06:00:00.000Z`);
  const sizes = prisonSizes(options.people, options.prisons);
  let personIndex = 0;
  for (let p = 0; p < options.prisons; p++) {
    const random = seededRandom((options.seed * 1_000_003 + p * 7_919) >>> 0);
    const prisonId = estatePrisonId(p);
    const tables = tableSet();
    add(tables, 'prisons', { prison_id: prisonId, name: `HMP Estate ${p} (generated)` });
    const size = sizes[p]!;
    const staff = (role: 'admin' | 'omu' | 'pom', n: number) => {
      const staffId = `st_${random.bytes64(16)}`;
      add(tables, 'staff_accounts', {
        staff_id: staffId,
        username: `${role}.${n}.${prisonId.toLowerCase()}`,
        display_name: `${role.toUpperCase()} ${n} ${prisonId}`,
        role,
        prison_id: prisonId,
        password_hash: options.passwordHash,
        must_change_password: 0,
        created_at: iso(nowMs - 800 * day),
      });
      return staffId;
    };
    staff('admin', 1);
    const omus = [staff('omu', 1), staff('omu', 2)];
    const poms = Array.from({ length: Math.max(1, Math.ceil(size / 60)) }, (_, n) => staff('pom', n + 1));
    const planTemplates = demoPeople.map((demo) => demo.buildPlan({ personId: 'p_template', planId: 'plan_template', today: options.today, now: iso(nowMs) }));
    const months = p === 0 ? (options.longHistoryMonths ?? options.months) : options.months;
    for (let i = 0; i < size; i++) {
      const person = { index: personIndex++, prisonId, pomStaffId: poms[i % poms.length]!, omuStaffId: omus[i % 2]!, historyMs: months * 30 * day, planTemplates };
      personRows(random, tables, person, options, nowMs);
    }
    yield { prisonId, tables };
  }
}

/** A table's rows as objects by column name (for tests and checks). */
export function rowObjects(rows: TableRows): Record<string, SqlValue>[] {
  return rows.rows.map((row) => Object.fromEntries(rows.columns.map((column, i) => [column, row[i] ?? null])));
}

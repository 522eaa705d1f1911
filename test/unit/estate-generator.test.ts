import { describe, expect, it } from 'vitest';
import { Application, ApplicationReply, isOpenStatus, type ApplicationStatus } from '../../src/domain/application.ts';
import { PlanRecord } from '../../src/domain/plan-record.ts';
import { Plan } from '../../src/domain/plan.ts';
import { QuestionnaireAnswers } from '../../src/domain/questionnaire.ts';
import { isReplyPastRetention, replyRetentionStart } from '../../src/domain/retention.ts';
import { PrisonNumber } from '../../src/domain/ids.ts';
import { demoPeople } from '../../src/server/demo/index.ts';
import { estateTables, generateEstate, prisonSizes, rowObjects, type EstateOptions, type PrisonChunk } from '../../bench/estate/generate.ts';

const options: EstateOptions = {
  seed: 7,
  people: 240,
  prisons: 3,
  months: 12,
  longHistoryMonths: 24,
  today: '2026-05-04',
  pinHash: 'scrypt$N=1024,r=8,p=1$c2FsdA$a2V5',
  passwordHash: 'scrypt$N=1024,r=8,p=1$c2FsdA$cGFzcw',
};

const estate: PrisonChunk[] = [...generateEstate(options)];
const all = (table: (typeof estateTables)[number]) => estate.flatMap((chunk) => rowObjects(chunk.tables[table]));
const people = all('people');
const applications = all('applications');
const perPerson = (rows: Record<string, unknown>[]) => {
  const counts = new Map<unknown, number>();
  for (const row of rows) counts.set(row.person_id, (counts.get(row.person_id) ?? 0) + 1);
  return counts;
};

describe('estate generator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    // Compared as JSON: a deep compare of this many rows is slow.
    expect(JSON.stringify([...generateEstate(options)]) === JSON.stringify(estate)).toBe(true);
    const other = [...generateEstate({ ...options, seed: 8 })];
    expect(rowObjects(other[0]!.tables.people)[0]!.person_id).not.toBe(people[0]!.person_id);
  });

  it('puts every person in one of the prisons, with unique valid prison numbers and staff per prison', () => {
    expect(prisonSizes(85_000, 120).reduce((a, b) => a + b)).toBe(85_000);
    expect(all('prisons')).toHaveLength(3);
    expect(people).toHaveLength(240);
    expect(estate.map((chunk) => chunk.tables.people.rows.length)).toEqual([80, 80, 80]);
    const numbers = people.map((person) => person.prison_number);
    expect(new Set(numbers).size).toBe(240);
    for (const number of numbers) expect(PrisonNumber.parse(number)).toBe(number);
    expect(numbers.some((n) => demoPeople.some((demo) => demo.prisonNumber === n))).toBe(false);
    for (const chunk of estate) {
      const staff = rowObjects(chunk.tables.staff_accounts);
      expect(staff.map((s) => s.role).sort()).toEqual(['admin', 'omu', 'omu', 'pom', 'pom']);
      const poms = new Set(staff.filter((s) => s.role === 'pom').map((s) => s.staff_id));
      for (const person of rowObjects(chunk.tables.people)) expect(poms.has(person.pom_staff_id)).toBe(true);
    }
  });

  it('gives each person a demo-shaped plan, 1 to 4 saved versions, and only the newest in the change log', () => {
    const plans = all('plans');
    expect(plans).toHaveLength(240);
    const demoObjectiveCounts = new Set(demoPeople.map((demo) => demo.buildPlan({ personId: 'p_x', planId: 'plan_x', today: options.today, now: '2026-05-04T06:00:00.000Z' }).objectives.length));
    for (const row of plans) {
      const record = PlanRecord.parse(JSON.parse(String(row.document)));
      expect(record.personId).toBe(row.person_id);
      expect(demoObjectiveCounts.has(record.objectives.length)).toBe(true);
    }
    const versions = perPerson(all('plan_versions'));
    expect(Math.min(...versions.values())).toBe(1);
    expect(Math.max(...versions.values())).toBe(4);
    const planEntries = all('change_log').filter((entry) => entry.entity === 'plan');
    expect(planEntries).toHaveLength(240);
    for (const entry of planEntries) Plan.parse(JSON.parse(String(entry.data)));
  });

  it('makes about 2 applications a person a month, each valid, with its newest reply in the change log while retention keeps it', () => {
    const longPrison = new Set(rowObjects(estate[0]!.tables.people).map((p) => p.person_id));
    const counts = perPerson(applications);
    const mean = (ids: unknown[]) => ids.reduce<number>((sum, id) => sum + (counts.get(id) ?? 0), 0) / ids.length;
    const ids = people.map((p) => p.person_id);
    expect(mean(ids.filter((id) => !longPrison.has(id)))).toBeGreaterThan(21);
    expect(mean(ids.filter((id) => !longPrison.has(id)))).toBeLessThan(27);
    // The first prison has two years.
    expect(mean(ids.filter((id) => longPrison.has(id)))).toBeGreaterThan(44);

    const replyEntries = all('change_log').filter((e) => e.entity === 'applicationReply');
    const replies = new Map(replyEntries.map((e) => [e.entity_id, ApplicationReply.parse(JSON.parse(String(e.data)))]));
    expect(replies.size).toBe(replyEntries.length);
    // The change log holds what the service keeps (src/domain/retention.ts): every open
    // application, and the finished ones whose last change is within the 90 days before the morning.
    const morning = '2026-05-04T06:00:00.000Z';
    for (const row of applications) {
      const kept = !isReplyPastRetention({ status: row.status as ApplicationStatus, updatedAt: String(row.updated_at) }, morning);
      expect(replies.has(row.id), `${String(row.status)} ${String(row.updated_at)}`).toBe(kept);
    }
    for (const entry of replyEntries) {
      expect(entry.closed_at).toBe(replyRetentionStart(replies.get(entry.entity_id)!));
    }
    // About 3 months of 2 a month, plus the open ones: far fewer than a year's 24.
    const perPersonEntries = perPerson(replyEntries);
    const meanEntries = [...perPersonEntries.values()].reduce((a, b) => a + b, 0) / people.length;
    expect(meanEntries).toBeGreaterThan(4);
    expect(meanEntries).toBeLessThan(9);
    const outbox = new Set(all('processed_outbox').map((row) => row.id));
    const openByPerson = new Map<unknown, Set<unknown>>();
    for (const row of applications) {
      Application.parse({ id: row.id, type: row.type, details: row.details, createdAt: row.created_at, ...(row.fields ? { fields: JSON.parse(String(row.fields)) } : {}) });
      if (replies.has(row.id)) expect(replies.get(row.id)?.status).toBe(row.status);
      expect(outbox.has(row.id)).toBe(true);
      if (isOpenStatus(row.status as ApplicationStatus)) {
        const open = openByPerson.get(row.person_id) ?? new Set();
        expect(open.has(row.type)).toBe(false);
        expect(row.type).not.toBe('other');
        open.add(row.type);
        openByPerson.set(row.person_id, open);
      }
    }
    const statuses = new Set(applications.map((row) => row.status));
    expect([...statuses].sort()).toEqual(['answered', 'beingLookedAt', 'closed', 'declined', 'received']);
    // Every staff action on an application is in the audit trail.
    expect(all('audit_log')).toHaveLength(applications.filter((row) => row.status !== 'received').length);
  });

  it('adds questionnaires every three months (the older replaced), progress notes, and last night’s ended sign-in', () => {
    const questionnaires = all('questionnaires');
    for (const row of questionnaires) {
      QuestionnaireAnswers.parse({ id: row.id, questionSet: row.question_set, completedOn: row.completed_on, answers: JSON.parse(String(row.answers)), createdAt: row.created_at });
    }
    const current = questionnaires.filter((row) => row.replaced_by === null);
    expect(current).toHaveLength(240);
    expect(Math.min(...perPerson(questionnaires).values())).toBeGreaterThanOrEqual(3);
    const notes = perPerson(all('progress_notes'));
    expect([...notes.values()].reduce((a, b) => a + b) / 240).toBeGreaterThan(20);
    const sessions = all('sessions');
    expect(sessions).toHaveLength(240);
    for (const session of sessions) expect(String(session.expires_at) < '2026-05-04T06:00:00.000Z').toBe(true);
    expect(all('session_tokens')).toHaveLength(480);
  });
});

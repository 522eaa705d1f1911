import { describe, expect, it } from 'vitest';
import {
  Application,
  ApplicationDraft,
  applicationFieldLimits,
  ApplicationFields,
  applicationReference,
  ApplicationReply,
  ApplicationStatus,
  isOpenStatus,
} from '../../src/domain/application.ts';
import { ClientId, PrisonNumber } from '../../src/domain/ids.ts';
import { Plan } from '../../src/domain/plan.ts';
import { addDuration, applicationDetailsMaxLength, policy } from '../../src/domain/policy.ts';
import { Answer, QuestionnaireAnswers, questionnaireIssues, questionnaireLimits, questionsOf } from '../../src/domain/questionnaire.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { maxOutboxItemBytes, maxPushBodyBytes, OutboxItem, outboxItemBytes, PushRequest } from '../../src/domain/sync.ts';
import { textIssues } from '../../src/domain/text.ts';

const plan = {
  id: 'plan-1',
  personId: 'p-1',
  updatedAt: '2026-11-01T09:00:00Z',
  sentence: { type: 'determinate', sentencedOn: '2025-03-10', lengthMonths: 48 },
  keyDates: { releaseDate: '2027-03-09' },
  objectives: [
    {
      id: 'o-1',
      area: 'employmentEducation',
      priority: 1,
      title: 'Get a level 1 English certificate',
      measure: 'You have the certificate.',
      status: 'active',
      dueBy: '2027-01-31',
      steps: [{ id: 's-1', description: 'Go to English class twice a week', actor: 'you', status: 'inProgress' }],
    },
  ],
  reviews: [{ id: 'r-1', kind: 'initialOasys', on: '2025-05-01', by: 'pom' }],
  agreement: 'agreed',
};

describe('domain schemas', () => {
  it('accepts a prison number in any case and with spaces around it', () => {
    expect(PrisonNumber.parse(' a1234bc ')).toBe('A1234BC');
  });
  it.each(['A123BC', '12345AB', 'A1234B', 'A1234BCD', ''])('rejects the prison number %j', (value) => {
    expect(PrisonNumber.safeParse(value).success).toBe(false);
  });
  it('accepts a realistic plan and rejects one with a bad date', () => {
    expect(Plan.parse(plan)).toEqual(plan);
    expect(Plan.safeParse({ ...plan, updatedAt: 'yesterday' }).success).toBe(false);
  });
  it('caps the free text of an application', () => {
    expect(ApplicationDraft.safeParse({ type: 'seeMyPom', details: 'x'.repeat(applicationDetailsMaxLength) }).success).toBe(true);
    const tooLong = ApplicationDraft.safeParse({ type: 'seeMyPom', details: 'x'.repeat(applicationDetailsMaxLength + 1) });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe('details.tooLong');
    expect(ApplicationDraft.safeParse({ type: 'seeMyPom', details: '   ' }).success).toBe(false);
  });
  it('refuses a push from an unknown schema version', () => {
    const request = PushRequest.safeParse({ schemaVersion: 99, items: [] });
    expect(request.success).toBe(false);
  });
});

describe('policy durations', () => {
  it('adds weeks, months and years in UTC', () => {
    expect(addDuration('2026-01-01', policy.initialOasysDeterminate.duration)).toBe('2026-03-12');
    expect(addDuration('2026-01-31', { months: 1 })).toBe('2026-03-03');
    expect(addDuration('2030-06-01', policy.oasysPreTariffSift.duration, -1)).toBe('2027-12-16');
  });
  it('refuses something that is not a date', () => {
    expect(() => addDuration('not a date', { weeks: 1 })).toThrow(RangeError);
  });
  it('names a source for every rule', () => {
    for (const [name, rule] of Object.entries(policy)) expect(rule.source, name).toMatch(/^\d{3}:\d+/);
  });
});

describe('free text in the shared schemas', () => {
  const application = { id: '0190a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b', type: 'seeMyPom', details: 'Please can I see my POM.', createdAt: '2026-03-01T09:30:00Z' };
  // Every statement of saq-1 answered, as the set requires.
  const required = Object.fromEntries(questionsOf(saq1).filter((q) => q.required).map((q) => [q.id, { choice: 'notSure' }]));
  const questionnaire = {
    id: '0190a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5c',
    questionSet: saq1.id,
    completedOn: '2026-03-01',
    answers: { ...required, 'thinking.temper': { choice: 'sometimes', note: 'Sometimes.' } },
    createdAt: '2026-03-01T09:30:00Z',
  };
  const bad = ['\u0000', '\u0007', '\r', '\u001b[31m', '\u007f', '\u0085', '\uD800', 'end\uDC00'];
  const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
    result.success ? [] : result.error!.issues.map((issue) => issue.message);

  it('keeps tab, newline and every printable character, including emoji and Welsh letters', () => {
    const words = 'Line one\n\tLine two: ŵ ŷ â, 😀, “quotes”, 10% & <b>';
    expect(ApplicationDraft.parse({ type: 'other', details: words }).details).toBe(words);
    expect(Answer.parse({ note: words }).note).toBe(words);
  });

  it.each(bad)('refuses the control character or lone surrogate %j in every free-text field, with one message key', (character) => {
    const text = `Before ${character} after`;
    expect(messages(ApplicationDraft.safeParse({ type: 'other', details: text }))).toContain(textIssues.controlCharacters);
    expect(messages(Application.safeParse({ ...application, details: text }))).toContain(textIssues.controlCharacters);
    expect(messages(Answer.safeParse({ note: text }))).toContain(textIssues.controlCharacters);
    expect(messages(ApplicationDraft.safeParse({ type: 'reviewMyOasys', fields: { date: text }, details: 'ok' }))).toContain(textIssues.controlCharacters);
    expect(messages(QuestionnaireAnswers.safeParse({ ...questionnaire, questionSet: `saq${character}` })).length).toBeGreaterThan(0);
    expect(
      messages(
        ApplicationReply.safeParse({ applicationId: application.id, personId: 'p-1', status: 'answered', messages: [{ id: 'm1', at: '2026-03-02T09:00:00Z', text }], updatedAt: '2026-03-02T09:00:00Z' }),
      ),
    ).toContain(textIssues.controlCharacters);
    const step = { ...plan.objectives[0]!.steps[0]!, description: text };
    const objective = { ...plan.objectives[0]!, title: text, measure: text, outsideControl: text, steps: [step] };
    const planMessages = messages(Plan.safeParse({ ...plan, objectives: [objective] }));
    expect(planMessages.filter((m) => m === textIssues.controlCharacters)).toHaveLength(4);
  });

  it('bounds a questionnaire in answers and in size, with limits the app can check too', () => {
    const answers = (count: number, note = 'ok') =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`area.question${i}`, { choice: 'agree', note }]));
    // The count is checked before the question set (a body of a million answers is never read through).
    expect(messages(QuestionnaireAnswers.safeParse({ ...questionnaire, answers: answers(questionnaireLimits.maxAnswers) }))).not.toContain(
      questionnaireIssues.tooManyAnswers,
    );
    expect(messages(QuestionnaireAnswers.safeParse({ ...questionnaire, answers: answers(questionnaireLimits.maxAnswers + 1) }))).toContain(
      questionnaireIssues.tooManyAnswers,
    );
    expect(messages(Answer.safeParse({ note: 'x'.repeat(questionnaireLimits.noteMaxLength + 1) }))).toContain(questionnaireIssues.noteTooLong);
    // Every note of saq-1 at its longest, in letters that take 2 bytes each: within the count, over the size.
    const heavy = Object.fromEntries(Object.keys(required).map((id) => [id, { choice: 'notSure', note: 'ŵ'.repeat(questionnaireLimits.noteMaxLength) }]));
    expect(messages(QuestionnaireAnswers.safeParse({ ...questionnaire, answers: heavy }))).toContain(questionnaireIssues.tooBig);
    expect(messages(QuestionnaireAnswers.safeParse({ ...questionnaire, answers: { [`a.${'b'.repeat(100)}`]: { choice: 'agree' } } })).length).toBeGreaterThan(0);
  });

  it('guarantees that any item the schemas accept fits in a push on its own', () => {
    // Every question of the set with its longest note: the size bound stops it; find the most notes that pass.
    const note = 'x'.repeat(questionnaireLimits.noteMaxLength);
    const all = questionsOf(saq1);
    let count = all.length;
    const payload = () => ({
      ...questionnaire,
      answers: Object.fromEntries(all.map((q, i) => [q.id, { ...(q.kind === 'statement' ? { choice: 'notSure' } : {}), note: i < count ? note : 'x' }])),
    });
    while (!QuestionnaireAnswers.safeParse(payload()).success) count--;
    expect(count).toBeGreaterThan(10);
    const item = { id: questionnaire.id, kind: 'questionnaire', createdAt: questionnaire.createdAt, payload: payload() };
    expect(OutboxItem.safeParse(item).success).toBe(true);
    expect(outboxItemBytes(OutboxItem.parse(item))).toBeLessThanOrEqual(maxOutboxItemBytes);
    const body = JSON.stringify({ schemaVersion: 1, items: [item] });
    expect(new TextEncoder().encode(body).length).toBeLessThan(maxPushBodyBytes);
    expect(maxOutboxItemBytes * 2).toBeLessThan(maxPushBodyBytes);
  });
});

describe('client ids', () => {
  it('are lower-cased, so the same id in capitals is the same item', () => {
    expect(ClientId.parse('0190A5B2-1C3D-7E4F-8A9B-0C1D2E3F4A5B')).toBe('0190a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b');
    const id = '0190A5B2-1C3D-7E4F-8A9B-0C1D2E3F4A5B';
    const item = OutboxItem.parse({ id, kind: 'application', createdAt: '2026-03-01T09:30:00Z', payload: { id, type: 'other', details: 'Hi', createdAt: '2026-03-01T09:30:00Z' } });
    expect(item.id).toBe(id.toLowerCase());
    expect(item.payload.id).toBe(id.toLowerCase());
  });
});

describe('applications: the shared contract', () => {
  const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  it('gives every application a reference worked out from its id, the same on every device and the service', () => {
    expect(applicationReference(id)).toMatch(/^OMU-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(applicationReference(id)).toBe(applicationReference(id.toUpperCase()));
    expect(applicationReference('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c')).not.toBe(applicationReference(id));
  });

  it('knows which statuses are open (one open application per type)', () => {
    expect(ApplicationStatus.options.filter(isOpenStatus)).toEqual(['received', 'beingLookedAt']);
  });

  it('bounds structured fields in number and length, and keeps a reply thread oldest first', () => {
    const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`field${i}`, 'x']));
    const issues = (result: ReturnType<typeof ApplicationFields.safeParse>) => (result.success ? [] : result.error.issues.map((issue) => issue.message));
    expect(issues(ApplicationFields.safeParse(fields(applicationFieldLimits.maxFields)))).toEqual([]);
    expect(issues(ApplicationFields.safeParse(fields(applicationFieldLimits.maxFields + 1)))).toContain('fields.tooMany');
    expect(ApplicationDraft.safeParse({ type: 'askAboutCourse', fields: { course: 'x'.repeat(201) }, details: 'ok' }).success).toBe(false);
    expect(ApplicationDraft.safeParse({ type: 'other', fields: { 'Not-a-key': 'x' }, details: 'ok' }).success).toBe(false);
    const reply = ApplicationReply.parse({ applicationId: id, personId: 'p-1', status: 'declined', declineReason: 'wrongType', updatedAt: '2026-03-02T09:00:00Z' });
    expect(reply.messages).toEqual([]);
  });
});

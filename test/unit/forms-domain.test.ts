import { describe, expect, it } from 'vitest';
import {
  Application,
  ApplicationDraft,
  applicationFieldIssues,
  applicationFieldsByType,
  ApplicationType,
  fieldsOf,
  fieldValueIssue,
  wholePlan,
} from '../../src/domain/application.ts';
import { ApplicationAbout, applicationShortcuts, shortcutFor } from '../../src/domain/application-shortcuts.ts';
import { AnswerChoice, QuestionId, QuestionnaireAnswers, questionnaireIssues, questionnaireLimits, questionsOf, unansweredRequired } from '../../src/domain/questionnaire.ts';
import { currentQuestionSet, questionSets, saq1 } from '../../src/domain/questionnaire-sets.ts';
import { ClientReplyTimes, defaultReplyTimes, ReplyTimes, withDefaultReplyTimes } from '../../src/domain/reply-times.ts';
import { OutboxItem } from '../../src/domain/sync.ts';

const issues = (result: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) =>
  result.success ? [] : result.error!.issues.map((issue) => `${issue.message} @ ${issue.path.join('.')}`);

describe('structured fields of each application type', () => {
  it('gives every type its own list of fields (some have none)', () => {
    expect(Object.keys(applicationFieldsByType).sort()).toEqual([...ApplicationType.options].sort());
    expect(fieldsOf('other')).toEqual([]);
    expect(fieldsOf('reviewMyOasys').map(([key]) => key)).toEqual(['reason', 'lastReviewOn']);
  });

  it('accepts the fields of the type, with values they can take', () => {
    const ok = [
      { type: 'seeMyPom', fields: { howSoon: 'soon' } },
      { type: 'copyOfOasys', fields: { whichCopy: 'both' } },
      { type: 'reviewMyOasys', fields: { reason: 'looksLate', lastReviewOn: '2025-06-01' } },
      { type: 'questionAboutMyPlan', fields: { objective: 'o-1' } },
      { type: 'disagreeWithPlan', fields: { objective: wholePlan } },
      { type: 'askAboutCourse', fields: { want: 'askForPlace', course: 'Thinking Skills Programme' } },
      { type: 'askAboutPipe', fields: { want: 'askForReferral' } },
      { type: 'releaseOrMove', fields: { which: 'rotl' } },
    ];
    for (const draft of ok) expect(issues(ApplicationDraft.safeParse({ ...draft, details: 'Please.' })), draft.type).toEqual([]);
  });

  it('refuses a field the type does not have, or a value the field cannot take, naming the field', () => {
    const check = (type: string, fields: Record<string, string>) => issues(ApplicationDraft.safeParse({ type, fields, details: 'Please.' }));
    expect(check('other', { whichCopy: 'both' })).toEqual([`${applicationFieldIssues.notForType} @ fields.whichCopy`]);
    expect(check('seeMyPom', { howSoon: 'yesterday' })).toEqual([`${applicationFieldIssues.notAnOption} @ fields.howSoon`]);
    expect(check('reviewMyOasys', { reason: 'looksLate', lastReviewOn: '2025-02-30' })).toEqual([`${applicationFieldIssues.notADate} @ fields.lastReviewOn`]);
    expect(check('disagreeWithPlan', { objective: 'not an id!' })).toEqual([`${applicationFieldIssues.notAGoal} @ fields.objective`]);
    expect(check('askAboutCourse', { want: 'findOutMore', course: 'x'.repeat(101) })).toEqual([`${applicationFieldIssues.tooLong} @ fields.course`]);
    // A key inherited from Object.prototype is not a field either.
    expect(check('other', { toString: 'x' })).toEqual([`${applicationFieldIssues.notForType} @ fields.toString`]);
  });

  it('still accepts an application without its fields (an app from before fields sent none); the form asks for the required ones', () => {
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const old = { id, type: 'copyOfOasys', details: 'Please send me a copy.', createdAt: '2026-03-01T09:30:00Z' };
    expect(issues(Application.safeParse(old))).toEqual([]);
    expect(OutboxItem.safeParse({ id, kind: 'application', createdAt: old.createdAt, payload: { ...old, fields: { whichCopy: 'tea' } } }).success).toBe(false);
  });

  it('checks one value against its field, for the form to say which is wrong before sending', () => {
    expect(fieldValueIssue({ kind: 'choice', options: ['a'], required: true }, 'a')).toBeNull();
    expect(fieldValueIssue({ kind: 'date', required: false }, '2026-13-01')).toBe(applicationFieldIssues.notADate);
  });
});

describe('shortcuts into an application', () => {
  it('name a type, and only fields and values that type has', () => {
    for (const about of ApplicationAbout.options) {
      const spec = applicationShortcuts[about];
      const fields = new Map(fieldsOf(spec.type));
      for (const [key, value] of Object.entries('fields' in spec ? spec.fields : {})) {
        const field = fields.get(key);
        expect(field, `${about}: ${key}`).toBeDefined();
        expect(fieldValueIssue(field!, value), `${about}: ${key}=${value}`).toBeNull();
      }
    }
  });

  it('include the plan screens\' reasons, and ignore one that does not exist', () => {
    expect(shortcutFor('oasysReviewLooksLate')).toEqual({ about: 'oasysReviewLooksLate', type: 'reviewMyOasys', fields: { reason: 'looksLate' } });
    expect(shortcutFor('planNotAgreed')?.type).toBe('disagreeWithPlan');
    // The plan screens' links: applicationShortcut(type, about), the type as the plan names it.
    const fromPlan = {
      initialOasysLooksLate: 'reviewMyOasys',
      preTariffSiftLooksLate: 'reviewMyOasys',
      preReleaseReviewLooksLate: 'reviewMyOasys',
      openConditionsReviewLooksLate: 'reviewMyOasys',
      significantEventReviewLooksLate: 'reviewMyOasys',
      planReviewLooksLate: 'questionAboutMyPlan',
      goalQuestion: 'questionAboutMyPlan',
    };
    for (const [about, type] of Object.entries(fromPlan)) expect(shortcutFor(about)?.type, about).toBe(type);
    expect(shortcutFor('constructor')).toBeNull();
    expect(shortcutFor(null)).toBeNull();
  });
});

describe('usual reply times (deployment data)', () => {
  it('has a default for every type, and a deployment may set some or all', () => {
    expect(Object.keys(defaultReplyTimes).sort()).toEqual([...ApplicationType.options].sort());
    const times = withDefaultReplyTimes(ReplyTimes.parse({ seeMyPom: { workingDays: 3 } }));
    expect(times.seeMyPom).toEqual({ workingDays: 3 });
    expect(times.other).toEqual(defaultReplyTimes.other);
    expect(ClientReplyTimes.safeParse(times).success).toBe(true);
  });

  it('refuses an unknown type, a part of a day, none at all or more than 60 working days', () => {
    expect(ReplyTimes.safeParse({ letters: { workingDays: 3 } }).success).toBe(false);
    for (const workingDays of [0, 2.5, 61, -1]) expect(ReplyTimes.safeParse({ other: { workingDays } }).success, String(workingDays)).toBe(false);
    // The app only trusts a full table.
    expect(ClientReplyTimes.safeParse({ seeMyPom: { workingDays: 3 } }).success).toBe(false);
  });
});

describe('the self-assessment question set', () => {
  const all = questionsOf(saq1);

  it('is the set the app offers, known by its id, with unique ids that name their section', () => {
    expect(currentQuestionSet).toBe(saq1);
    expect(questionSets.get('saq-1')).toBe(saq1);
    expect(new Set(all.map((q) => q.id)).size).toBe(all.length);
    expect(new Set(saq1.sections.map((s) => s.id)).size).toBe(saq1.sections.length);
    for (const section of saq1.sections) {
      for (const question of section.questions) {
        expect(QuestionId.safeParse(question.id).success, question.id).toBe(true);
        expect(question.id.split('.')[0], question.id).toBe(section.id);
      }
    }
    for (const choice of saq1.scale) expect(AnswerChoice.options).toContain(choice);
  });

  it('covers the eight areas of need, thinking and attitudes, and ends with what the person wants to work on', () => {
    expect(saq1.sections.map((s) => s.id)).toEqual(['home', 'work', 'money', 'relationships', 'lifestyle', 'drugs', 'alcohol', 'wellbeing', 'thinking', 'attitudes', 'change']);
    expect(all.at(-1)).toEqual({ id: 'change.workOn', kind: 'open', required: false });
    expect(all.filter((q) => q.kind === 'statement').every((q) => q.required)).toBe(true);
    expect(all.length).toBeLessThanOrEqual(questionnaireLimits.maxAnswers);
  });

  const complete = Object.fromEntries(all.filter((q) => q.required).map((q) => [q.id, { choice: 'notSure' as const }]));
  const base = { id: '0190a5b2-1c3d-7e4f-8a9b-0c1d2e3f4a5c', questionSet: 'saq-1', completedOn: '2026-03-01', createdAt: '2026-03-01T09:30:00Z' };

  it('accepts answers that fit the set, notes on statements and words for open questions', () => {
    const answers = { ...complete, 'home.placeToLive': { choice: 'problem', note: 'I lost my flat.' }, 'change.workOn': { note: 'Reading.' } };
    expect(issues(QuestionnaireAnswers.safeParse({ ...base, answers }))).toEqual([]);
  });

  it('refuses an unknown set (a wrong version), unknown questions, choices off the scale and missing required answers, each named', () => {
    expect(issues(QuestionnaireAnswers.safeParse({ ...base, questionSet: 'saq-2026', answers: complete }))).toEqual([
      `${questionnaireIssues.unknownQuestionSet} @ questionSet`,
    ]);
    const { ['drugs.using']: _left, ...missing } = complete;
    expect(
      issues(
        QuestionnaireAnswers.safeParse({
          ...base,
          answers: { ...missing, 'drugs.injecting': { choice: 'problem' }, 'home.placeToLive': { choice: 'agree' }, 'change.workOn': { choice: 'problem' } },
        }),
      ).sort(),
    ).toEqual(
      [
        `${questionnaireIssues.unknownQuestion} @ answers.drugs.injecting`,
        `${questionnaireIssues.notOnScale} @ answers.home.placeToLive.choice`,
        `${questionnaireIssues.notOnScale} @ answers.change.workOn.choice`,
        `${questionnaireIssues.required} @ answers.drugs.using`,
      ].sort(),
    );
  });

  it('names what is still to answer, in order (an open question with only spaces is not answered)', () => {
    expect(unansweredRequired(saq1, {}).map((q) => q.id).slice(0, 2)).toEqual(['home.placeToLive', 'home.keepingHome']);
    expect(unansweredRequired(saq1, { ...complete, 'home.keepingHome': { note: 'only a note' } }).map((q) => q.id)).toEqual(['home.keepingHome']);
    expect(unansweredRequired(saq1, complete)).toEqual([]);
  });
});

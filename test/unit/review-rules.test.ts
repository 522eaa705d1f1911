import { describe, expect, it } from 'vitest';
import type { Objective, PlanEvent, ReviewEvent } from '../../src/domain/plan.ts';
import { policy } from '../../src/domain/policy.ts';
import { allowances, type DueReview, evaluateReviews, reasonCodes, type ReviewFacts, reviewRules, summariseReviews } from '../../src/domain/reviews/index.ts';

/** A plan's facts with nothing recorded yet; each case adds what it needs. */
function facts(overrides: Partial<ReviewFacts> = {}): ReviewFacts {
  return {
    sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 48 },
    keyDates: {},
    reviews: [],
    events: [],
    objectives: [],
    ...overrides,
  };
}
let n = 0;
const review = (kind: ReviewEvent['kind'], on: string): ReviewEvent => ({ id: `r${++n}`, kind, on, by: 'pom' });
const event = (kind: PlanEvent['kind'], on: string, previousDate?: string): PlanEvent => ({ id: `e${++n}`, kind, on, ...(previousDate ? { previousDate } : {}) });
const goalDone = (achievedOn: string): Objective => ({
  id: 'goal-done',
  area: 'thinkingBehaviour',
  priority: 1,
  title: 'Finish a course',
  measure: 'The tutor says so.',
  status: 'achieved',
  dueBy: achievedOn,
  achievedOn,
  steps: [],
});

/** The results as short rows, for table tests: rule, state, earliest, due, days to due. */
const rows = (results: DueReview[]) => results.map((r) => [r.rule, r.state, r.window?.earliest ?? null, r.window?.due ?? null, r.daysToDue ?? null]);
const only = (results: DueReview[], rule: DueReview['rule']) => results.filter((r) => r.rule === rule);

type Case = { name: string; facts: ReviewFacts; today: string; rule: DueReview['rule']; expect: ReturnType<typeof rows> };

const lifer = (overrides: Partial<ReviewFacts> = {}) =>
  facts({ sentence: { type: 'indeterminate', sentencedOn: '2017-06-01', tariffMonths: 144 }, keyDates: { paroleEligibilityDate: '2029-06-01' }, ...overrides });

const cases: Case[] = [
  // Initial OASys, determinate: only for sentences over 10 months, within 10 weeks.
  { name: 'determinate 10 months: no initial OASys (not over 10 months)', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 10 } }), today: '2026-01-10', rule: 'initialOasysDeterminate', expect: [] },
  { name: 'determinate 11 months: initial OASys within 10 weeks, not yet due', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 11 } }), today: '2026-01-10', rule: 'initialOasysDeterminate', expect: [['initialOasysDeterminate', 'notYetDue', '2026-01-05', '2026-03-16', 65]] },
  { name: 'determinate 11 months: due soon 8 weeks before', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 11 } }), today: '2026-01-19', rule: 'initialOasysDeterminate', expect: [['initialOasysDeterminate', 'dueSoon', '2026-01-05', '2026-03-16', 56]] },
  { name: 'determinate 11 months: looks late the day after', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 11 } }), today: '2026-03-17', rule: 'initialOasysDeterminate', expect: [['initialOasysDeterminate', 'looksLate', '2026-01-05', '2026-03-16', -1]] },
  { name: 'determinate 11 months: done on time, nothing due', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 11 }, reviews: [review('initialOasys', '2026-03-01')] }), today: '2026-04-01', rule: 'initialOasysDeterminate', expect: [] },
  { name: 'determinate, length not known: we do not know yet', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05' } }), today: '2026-01-10', rule: 'initialOasysDeterminate', expect: [['initialOasysDeterminate', 'unknown', null, null, null]] },
  // Initial OASys, indeterminate: within 16 weeks.
  { name: 'indeterminate: initial OASys within 16 weeks', facts: facts({ sentence: { type: 'indeterminate', sentencedOn: '2026-01-05' } }), today: '2026-05-01', rule: 'initialOasysIndeterminate', expect: [['initialOasysIndeterminate', 'looksLate', '2026-01-05', '2026-04-27', -4]] },
  // OASys review cycle, determinate: only over 2 years, every 2 years, until the review before release takes over.
  { name: 'determinate 24 months: no review cycle (not over 2 years)', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 24 }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2027-06-01', rule: 'oasysCycleDeterminate', expect: [] },
  { name: 'determinate 25 months: every 2 years from the last OASys', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 25 }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2027-06-01', rule: 'oasysCycleDeterminate', expect: [['oasysCycleDeterminate', 'notYetDue', '2026-02-01', '2028-02-01', 245]] },
  { name: 'determinate: the cycle gives way to the review before release', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 48 }, keyDates: { releaseDate: '2028-01-05' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2027-06-01', rule: 'oasysCycleDeterminate', expect: [] },
  // OASys review cycle, indeterminate: every 3 years, until the PED.
  { name: 'indeterminate: last review 1 June 2023, due 1 June 2026, looks about 6 months late', facts: lifer({ reviews: [review('initialOasys', '2017-09-01'), review('oasysReview', '2023-06-01')] }), today: '2026-12-01', rule: 'oasysCycleIndeterminate', expect: [['oasysCycleIndeterminate', 'looksLate', '2023-06-01', '2026-06-01', -183]] },
  { name: 'indeterminate: no cycle once the PED has passed', facts: lifer({ keyDates: { paroleEligibilityDate: '2026-06-01' }, reviews: [review('oasysReview', '2022-06-01')] }), today: '2026-12-01', rule: 'oasysCycleIndeterminate', expect: [] },
  // Pre-tariff sift: 2 years and 24 weeks before the PED.
  { name: 'sift: PED 1 June 2029, due 15 December 2026, due soon', facts: lifer({ reviews: [review('oasysReview', '2024-06-01')] }), today: '2026-12-01', rule: 'preTariffSift', expect: [['preTariffSift', 'dueSoon', '2026-10-20', '2026-12-15', 14]] },
  { name: 'sift: an OASys review in its window counts', facts: lifer({ reviews: [review('oasysReview', '2026-11-02')] }), today: '2026-12-01', rule: 'preTariffSift', expect: [] },
  { name: 'sift: no PED, we do not know yet', facts: lifer({ keyDates: {} }), today: '2026-12-01', rule: 'preTariffSift', expect: [['preTariffSift', 'unknown', null, null, null]] },
  {
    name: 'sift: PED moved later, a sift done for the old date no longer counts',
    facts: lifer({ reviews: [review('preTariffSift', '2025-12-01')], events: [event('paroleEligibilityDateMoved', '2026-03-01', '2028-06-01')] }),
    today: '2026-12-01',
    rule: 'preTariffSift',
    expect: [['preTariffSift', 'dueSoon', '2026-10-20', '2026-12-15', 14]],
  },
  {
    name: 'sift: PED moved earlier, the new sift date has passed',
    facts: lifer({ keyDates: { paroleEligibilityDate: '2028-06-01' }, reviews: [review('oasysReview', '2024-01-10')], events: [event('paroleEligibilityDateMoved', '2026-02-01', '2030-06-01')] }),
    today: '2026-03-01',
    rule: 'preTariffSift',
    expect: [['preTariffSift', 'looksLate', '2025-10-20', '2025-12-15', -76]],
  },
  // Before release, determinate: 8 to 2 weeks before; MAPPA 2 or 3: 6 months before.
  { name: 'pre-release determinate: 8 to 2 weeks before release, due soon', facts: facts({ keyDates: { releaseDate: '2026-06-01' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-04-01', rule: 'preReleaseDeterminate', expect: [['preReleaseDeterminate', 'dueSoon', '2026-04-06', '2026-05-18', 47]] },
  { name: 'pre-release determinate: looks late after 2 weeks before release', facts: facts({ keyDates: { releaseDate: '2026-06-01' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-05-19', rule: 'preReleaseDeterminate', expect: [['preReleaseDeterminate', 'looksLate', '2026-04-06', '2026-05-18', -1]] },
  { name: 'pre-release determinate: done in the window', facts: facts({ keyDates: { releaseDate: '2026-06-01' }, reviews: [review('preRelease', '2026-04-20')] }), today: '2026-05-19', rule: 'preReleaseDeterminate', expect: [] },
  { name: 'pre-release determinate: release date passed, nothing due', facts: facts({ keyDates: { releaseDate: '2026-06-01' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-06-02', rule: 'preReleaseDeterminate', expect: [] },
  { name: 'pre-release determinate: no release date, we do not know yet', facts: facts({ reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-04-01', rule: 'preReleaseDeterminate', expect: [['preReleaseDeterminate', 'unknown', null, null, null]] },
  { name: 'pre-release determinate: 8 months, no OASys, none', facts: facts({ sentence: { type: 'determinate', sentencedOn: '2026-01-05', lengthMonths: 8 }, keyDates: { releaseDate: '2026-05-05' } }), today: '2026-04-01', rule: 'preReleaseDeterminate', expect: [] },
  { name: 'MAPPA level 2: 6 months before release', facts: facts({ mappa: { category: 2, level: 2 }, keyDates: { releaseDate: '2027-06-01' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-12-15', rule: 'preReleaseMappa', expect: [['preReleaseMappa', 'looksLate', '2026-10-06', '2026-12-01', -14]] },
  { name: 'MAPPA level 2: not the 8-to-2-week rule', facts: facts({ mappa: { category: 2, level: 2 }, keyDates: { releaseDate: '2027-06-01' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-12-15', rule: 'preReleaseDeterminate', expect: [] },
  { name: 'MAPPA level 3: 6 months before release', facts: facts({ mappa: { category: 1, level: 3 }, keyDates: { releaseDate: '2027-06-01' } }), today: '2026-10-06', rule: 'preReleaseMappa', expect: [['preReleaseMappa', 'dueSoon', '2026-10-06', '2026-12-01', 56]] },
  { name: 'MAPPA level 1: the ordinary rule', facts: facts({ mappa: { category: 1, level: 1 }, keyDates: { releaseDate: '2027-06-01' }, reviews: [review('initialOasys', '2026-02-01')] }), today: '2026-10-01', rule: 'preReleaseMappa', expect: [] },
  { name: 'MAPPA level 2 with no release date: we do not know yet', facts: facts({ mappa: { category: 2, level: 2 } }), today: '2026-10-01', rule: 'preReleaseMappa', expect: [['preReleaseMappa', 'unknown', null, null, null]] },
  // Before release, indeterminate: 24 weeks before the PED.
  { name: 'pre-release indeterminate: 24 weeks before the PED', facts: lifer({ keyDates: { paroleEligibilityDate: '2027-06-01' } }), today: '2026-12-01', rule: 'preReleaseIndeterminate', expect: [['preReleaseIndeterminate', 'dueSoon', '2026-10-20', '2026-12-15', 14]] },
  { name: 'pre-release indeterminate: no PED, we do not know yet', facts: lifer({ keyDates: {} }), today: '2026-12-01', rule: 'preReleaseIndeterminate', expect: [['preReleaseIndeterminate', 'unknown', null, null, null]] },
  // Sentence plan: at least yearly; after a transfer; after a goal is done.
  { name: 'plan: a year after it was last looked at', facts: facts({ reviews: [review('sentencePlanReview', '2026-02-01')] }), today: '2026-12-15', rule: 'planYearly', expect: [['planYearly', 'dueSoon', '2026-02-01', '2027-02-01', 48]] },
  { name: 'plan: a year after sentence when never looked at', facts: facts(), today: '2026-06-01', rule: 'planYearly', expect: [['planYearly', 'notYetDue', '2026-01-05', '2027-01-05', 218]] },
  { name: 'plan: nothing yearly after release', facts: facts({ keyDates: { releaseDate: '2026-10-01' } }), today: '2026-06-01', rule: 'planYearly', expect: [] },
  { name: 'plan after a transfer: within 8 weeks, looks late', facts: facts({ reviews: [review('sentencePlanReview', '2026-09-01')], events: [event('transfer', '2026-10-01')] }), today: '2026-12-01', rule: 'planAfterTransfer', expect: [['planAfterTransfer', 'looksLate', '2026-10-01', '2026-11-26', -5]] },
  { name: 'plan after a transfer: looked at since', facts: facts({ reviews: [review('transfer', '2026-10-20')], events: [event('transfer', '2026-10-01')] }), today: '2026-12-01', rule: 'planAfterTransfer', expect: [] },
  { name: 'plan after a transfer still to come: nothing yet', facts: facts({ events: [event('transfer', '2027-01-10')] }), today: '2026-12-01', rule: 'planAfterTransfer', expect: [] },
  { name: 'plan after a goal is done', facts: facts({ objectives: [goalDone('2026-11-01')] }), today: '2026-12-01', rule: 'planAfterGoalDone', expect: [['planAfterGoalDone', 'dueSoon', '2026-11-01', '2026-12-27', 26]] },
  // OASys before a move to open conditions; after a significant event.
  { name: 'open conditions: before the planned move', facts: facts({ events: [event('movedToOpenConditions', '2027-02-01')] }), today: '2026-12-01', rule: 'openConditions', expect: [['openConditions', 'notYetDue', '2026-12-07', '2027-02-01', 62]] },
  { name: 'open conditions: an OASys review before the move counts', facts: facts({ reviews: [review('openConditions', '2027-01-10')], events: [event('movedToOpenConditions', '2027-02-01')] }), today: '2027-01-15', rule: 'openConditions', expect: [] },
  { name: 'significant event: OASys within 8 weeks', facts: facts({ events: [event('significantEvent', '2026-11-01')] }), today: '2026-12-01', rule: 'significantEvent', expect: [['significantEvent', 'dueSoon', '2026-11-01', '2026-12-27', 26]] },
  { name: 'significant event: reviewed since', facts: facts({ reviews: [review('significantEvent', '2026-11-10')], events: [event('significantEvent', '2026-11-01')] }), today: '2026-12-01', rule: 'significantEvent', expect: [] },
];

describe('review rules, rule by rule', () => {
  it.each(cases)('$name', ({ facts: input, today, rule, expect: expected }) => {
    expect(rows(only(evaluateReviews(input, today), rule))).toEqual(expected);
  });

  it('every rule is covered by the table, each way it can come out', () => {
    const covered = new Set(cases.filter((c) => c.expect.length > 0).map((c) => c.rule));
    expect([...covered].sort()).toEqual(reviewRules.map((r) => r.id).sort());
  });
});

describe('reasons and sources', () => {
  it('the life-sentence case: "Your last OASys review was on 1 June 2023 … at least every 3 years", from 001:47', () => {
    const [cycle] = only(evaluateReviews(lifer({ reviews: [review('oasysReview', '2023-06-01')] }), '2026-12-01'), 'oasysCycleIndeterminate');
    expect(cycle?.reason).toEqual({ code: 'oasysCycleIndeterminate', dates: { last: '2023-06-01' }, limit: 'oasysReviewIndeterminate' });
    expect(policy.oasysReviewIndeterminate.duration).toEqual({ years: 3 });
    expect(cycle?.sources).toEqual(['001:47']);
  });

  it('a PED that moved is named in the reason', () => {
    const [sift] = only(evaluateReviews(lifer({ events: [event('paroleEligibilityDateMoved', '2026-03-01', '2028-06-01')] }), '2026-12-01'), 'preTariffSift');
    expect(sift?.reason).toEqual({ code: 'preTariffSiftPedMoved', dates: { ped: '2029-06-01', previousPed: '2028-06-01' }, limit: 'oasysPreTariffSift' });
  });

  it('MAPPA level 2 and 3 name their level', () => {
    const level = (l: 2 | 3) => only(evaluateReviews(facts({ mappa: { category: 2, level: l }, keyDates: { releaseDate: '2027-06-01' } }), '2026-10-01'), 'preReleaseMappa')[0]?.reason.mappaLevel;
    expect([level(2), level(3)]).toEqual([2, 3]);
  });

  it('every rule rests on policy lines or a named product allowance, and every reason code is used', () => {
    const lineRef = /^\d{3}:\d+(-\d+)?(; \d{3}:\d+(-\d+)?)*$/;
    for (const rule of reviewRules) {
      expect(rule.limits.length, rule.id).toBeGreaterThan(0);
      for (const name of rule.limits) {
        if (name in policy) expect(policy[name as keyof typeof policy].source, `${rule.id}: ${name}`).toMatch(lineRef);
        else expect(allowances[name as keyof typeof allowances].source, `${rule.id}: ${name}`).toBe('product');
      }
    }
    expect(new Set(reviewRules.map((r) => r.id)).size).toBe(reviewRules.length);
    const used = new Set<string>();
    for (const c of cases) for (const r of evaluateReviews(c.facts, c.today)) used.add(r.reason.code);
    for (const extra of [
      lifer({ events: [event('paroleEligibilityDateMoved', '2026-03-01', '2028-06-01')] }),
      facts({ mappa: { category: 2, level: 2 }, keyDates: { releaseDate: '2027-06-01' } }),
    ]) for (const r of evaluateReviews(extra, '2026-10-01')) used.add(r.reason.code);
    expect([...reasonCodes].filter((code) => !used.has(code))).toEqual([]);
  });
});

describe('the whole plan', () => {
  it('the life-sentence demo case: the OASys review looks late and the pre-tariff sift is due this month', () => {
    const results = summariseReviews(
      evaluateReviews(lifer({ reviews: [review('initialOasys', '2017-08-24'), review('oasysReview', '2023-06-01'), review('sentencePlanReview', '2026-08-01')] }), '2026-12-01'),
    );
    expect(results.map((r) => [r.kind, r.state])).toEqual([
      ['oasysReview', 'looksLate'],
      ['preTariffSift', 'dueSoon'],
      ['sentencePlanReview', 'notYetDue'],
      ['preRelease', 'notYetDue'],
    ]);
  });

  it('one result per kind, the most urgent: a plan review after a transfer comes before the yearly one', () => {
    const results = evaluateReviews(facts({ reviews: [review('sentencePlanReview', '2026-09-01')], events: [event('transfer', '2026-10-01')] }), '2026-12-01');
    expect(only(results, 'planYearly')).toHaveLength(1);
    expect(summariseReviews(results).filter((r) => r.kind === 'sentencePlanReview').map((r) => r.rule)).toEqual(['planAfterTransfer']);
  });

  it('a plan with nothing but a sentence date never throws and never makes up a date', () => {
    const results = evaluateReviews(facts({ sentence: { type: 'indeterminate', sentencedOn: '2020-01-01' }, keyDates: {}, events: undefined }), '2026-12-01');
    for (const r of results) if (r.state === 'unknown') expect(r.window).toBeNull();
    expect(results.filter((r) => r.state === 'unknown').map((r) => r.rule).sort()).toEqual(['preReleaseIndeterminate', 'preTariffSift']);
  });
});

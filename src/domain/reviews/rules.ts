import type { Plan, ReviewKind } from '../plan.ts';
import { type Duration, policy, type PolicyName } from '../policy.ts';
import { type AllowanceName, allowances } from './allowances.ts';
import { after, before, type IsoDay, latest } from './dates.ts';

/**
 * The review rules, as data: each rule says which review it is about, which time limits it uses
 * (policy limits from ../policy.ts with their sources, or the product's own allowances), when it
 * applies, and how it works out the window. `evaluate` is pure: plan facts and today in, one
 * outcome out. The engine (evaluate.ts) turns an outcome into a state: not yet due, due soon,
 * looks late, or not known yet.
 */

/** What the rules read from a plan. */
export type ReviewFacts = Pick<Plan, 'sentence' | 'keyDates' | 'mappa' | 'reviews' | 'events' | 'objectives'>;

/** The review a rule is about (what the person is told is due). */
export const dueKinds = ['initialOasys', 'oasysReview', 'preTariffSift', 'preRelease', 'sentencePlanReview', 'openConditions', 'significantEvent'] as const;
export type DueKind = (typeof dueKinds)[number];

export type LimitName = PolicyName | AllowanceName;

/** The dates a reason speaks of. */
export type ReasonDates = Partial<Record<'sentencedOn' | 'last' | 'ped' | 'previousPed' | 'release' | 'event', IsoDay>>;

/** Why a review is due, as data: the app writes it in words ("Your last OASys review was on …"). */
export type Reason = {
  code: ReasonCode;
  dates: ReasonDates;
  /** The time limit the sentence names ("at least every {{limit}}"). */
  limit?: LimitName;
  mappaLevel?: 2 | 3;
};

export const reasonCodes = [
  'initialOasysDeterminate',
  'initialOasysIndeterminate',
  'initialOasysLengthUnknown',
  'oasysCycleDeterminate',
  'oasysCycleIndeterminate',
  'preTariffSift',
  'preTariffSiftPedMoved',
  'preTariffSiftPedUnknown',
  'preReleaseDeterminate',
  'preReleaseMappa',
  'preReleaseIndeterminate',
  'preReleaseDateUnknown',
  'preReleasePedUnknown',
  'planYearly',
  'planYearlyFromSentence',
  'planAfterTransfer',
  'planAfterGoalDone',
  'openConditions',
  'significantEvent',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** A review's window: it may be done from `earliest` (null: any time before) and should be done by `due`. */
export type Window = { earliest: IsoDay | null; due: IsoDay };

export type RuleOutcome =
  | { kind: 'due'; window: Window; reason: Reason; objectiveId?: string }
  /** The rule applies, but a date it needs is missing: "we don't know yet", never a guess. */
  | { kind: 'unknown'; reason: Reason };

export type RuleId =
  | 'initialOasysDeterminate'
  | 'initialOasysIndeterminate'
  | 'oasysCycleDeterminate'
  | 'oasysCycleIndeterminate'
  | 'preTariffSift'
  | 'preReleaseDeterminate'
  | 'preReleaseMappa'
  | 'preReleaseIndeterminate'
  | 'planYearly'
  | 'planAfterTransfer'
  | 'planAfterGoalDone'
  | 'openConditions'
  | 'significantEvent';

export type ReviewRule = {
  readonly id: RuleId;
  readonly kind: DueKind;
  /** The time limits it uses; their sources are the rule's sources. */
  readonly limits: readonly LimitName[];
  /** When the rule applies, in a few words (for notes and tests). */
  readonly when: string;
  /** null: the rule does not apply, or the review it asks for is done. */
  evaluate(facts: ReviewFacts, today: IsoDay): RuleOutcome | null;
};

/** Reviews of OASys (each also looks at the sentence plan, which is built from it). */
const oasysKinds: ReadonlySet<ReviewKind> = new Set(['initialOasys', 'oasysReview', 'preTariffSift', 'preRelease', 'significantEvent', 'openConditions']);
/** Reviews that look at the sentence plan. */
const planKinds: ReadonlySet<ReviewKind> = new Set([...oasysKinds, 'sentencePlanReview', 'transfer']);

const limit = (name: LimitName): Duration => (name in policy ? policy[name as PolicyName].duration : allowances[name as AllowanceName].duration);

/** Where a limit comes from: a line reference for policy, "product" for the product's own allowances. */
export function limitSource(name: LimitName): string {
  return name in policy ? policy[name as PolicyName].source : allowances[name as AllowanceName].source;
}

const datesOf = (facts: ReviewFacts, kinds: ReadonlySet<ReviewKind>) => facts.reviews.filter((r) => kinds.has(r.kind)).map((r) => r.on);
const lastOf = (facts: ReviewFacts, kinds: ReadonlySet<ReviewKind>) => latest(datesOf(facts, kinds));
const doneSince = (facts: ReviewFacts, kinds: ReadonlySet<ReviewKind>, from: IsoDay) => datesOf(facts, kinds).some((on) => on >= from);
const lastEvent = (facts: ReviewFacts, kind: NonNullable<ReviewFacts['events']>[number]['kind']) =>
  (facts.events ?? []).filter((e) => e.kind === kind).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).at(-1);

const isDeterminate = (facts: ReviewFacts) => facts.sentence.type === 'determinate';
const isIndeterminate = (facts: ReviewFacts) => facts.sentence.type === 'indeterminate';
/** A determinate sentence longer than a policy's minimum (months compared with months). */
const longerThan = (facts: ReviewFacts, name: PolicyName) => {
  const { lengthMonths } = facts.sentence;
  if (lengthMonths === undefined) return undefined;
  const min: Duration = policy[name].duration;
  return lengthMonths > (min.months ?? 0) + 12 * (min.years ?? 0);
};
/** Released (the release date has passed): the community takes over, so no prison review is due. */
const released = (facts: ReviewFacts, today: IsoDay) => facts.keyDates.releaseDate !== undefined && facts.keyDates.releaseDate < today;
/** The parole eligibility date has passed: the reviews before it are over. */
const pastPed = (facts: ReviewFacts, today: IsoDay) => facts.keyDates.paroleEligibilityDate !== undefined && facts.keyDates.paroleEligibilityDate < today;
/** Does this person have an OASys at all? (Over 10 months determinate, any indeterminate, or one was recorded.) */
const hasOasys = (facts: ReviewFacts) =>
  isIndeterminate(facts) || longerThan(facts, 'initialOasysDeterminateMinSentence') === true || datesOf(facts, oasysKinds).length > 0;

/** A window that policy ties to one date: done counts from a little before (the product's allowance). */
const pointWindow = (due: IsoDay): Window => ({ earliest: before(due, limit('doneBeforeDue')), due });

export const reviewRules: readonly ReviewRule[] = [
  {
    id: 'initialOasysDeterminate',
    kind: 'initialOasys',
    limits: ['initialOasysDeterminateMinSentence', 'initialOasysDeterminate'],
    when: 'determinate sentence over 10 months, no OASys yet',
    evaluate(facts) {
      if (!isDeterminate(facts) || datesOf(facts, oasysKinds).length > 0) return null;
      const over = longerThan(facts, 'initialOasysDeterminateMinSentence');
      if (over === undefined) return { kind: 'unknown', reason: { code: 'initialOasysLengthUnknown', dates: { sentencedOn: facts.sentence.sentencedOn } } };
      if (!over) return null;
      const { sentencedOn } = facts.sentence;
      return {
        kind: 'due',
        window: { earliest: sentencedOn, due: after(sentencedOn, limit('initialOasysDeterminate')) },
        reason: { code: 'initialOasysDeterminate', dates: { sentencedOn }, limit: 'initialOasysDeterminate' },
      };
    },
  },
  {
    id: 'initialOasysIndeterminate',
    kind: 'initialOasys',
    limits: ['initialOasysIndeterminate'],
    when: 'indeterminate sentence, no OASys yet',
    evaluate(facts) {
      if (!isIndeterminate(facts) || datesOf(facts, oasysKinds).length > 0) return null;
      const { sentencedOn } = facts.sentence;
      return {
        kind: 'due',
        window: { earliest: sentencedOn, due: after(sentencedOn, limit('initialOasysIndeterminate')) },
        reason: { code: 'initialOasysIndeterminate', dates: { sentencedOn }, limit: 'initialOasysIndeterminate' },
      };
    },
  },
  {
    id: 'oasysCycleDeterminate',
    kind: 'oasysReview',
    limits: ['oasysReviewDeterminateMinSentence', 'oasysReviewDeterminate', 'preReleaseDeterminateEarliest'],
    when: 'determinate sentence over 2 years, after the last OASys, until the review before release takes over',
    evaluate(facts, today) {
      if (!isDeterminate(facts) || longerThan(facts, 'oasysReviewDeterminateMinSentence') !== true || released(facts, today)) return null;
      const last = lastOf(facts, oasysKinds);
      if (last === undefined) return null; // the initial OASys comes first
      const due = after(last, limit('oasysReviewDeterminate'));
      const { releaseDate } = facts.keyDates;
      // Before handover: once the review before release is nearer, that one is due instead.
      if (releaseDate !== undefined && due >= before(releaseDate, limit('preReleaseDeterminateEarliest'))) return null;
      return { kind: 'due', window: { earliest: last, due }, reason: { code: 'oasysCycleDeterminate', dates: { last }, limit: 'oasysReviewDeterminate' } };
    },
  },
  {
    id: 'oasysCycleIndeterminate',
    kind: 'oasysReview',
    limits: ['oasysReviewIndeterminate'],
    when: 'indeterminate sentence, after the last OASys, until the parole eligibility date',
    evaluate(facts, today) {
      if (!isIndeterminate(facts) || pastPed(facts, today)) return null;
      const last = lastOf(facts, oasysKinds);
      if (last === undefined) return null;
      return {
        kind: 'due',
        window: { earliest: last, due: after(last, limit('oasysReviewIndeterminate')) },
        reason: { code: 'oasysCycleIndeterminate', dates: { last }, limit: 'oasysReviewIndeterminate' },
      };
    },
  },
  {
    id: 'preTariffSift',
    kind: 'preTariffSift',
    limits: ['oasysPreTariffSift', 'doneBeforeDue'],
    when: 'indeterminate sentence: 2 years and 24 weeks before the parole eligibility date',
    evaluate(facts, today) {
      if (!isIndeterminate(facts)) return null;
      const ped = facts.keyDates.paroleEligibilityDate;
      if (ped === undefined) return { kind: 'unknown', reason: { code: 'preTariffSiftPedUnknown', dates: {} } };
      if (pastPed(facts, today)) return null;
      const window = pointWindow(before(ped, limit('oasysPreTariffSift')));
      if (doneSince(facts, oasysKinds, window.earliest!)) return null;
      const moved = lastEvent(facts, 'paroleEligibilityDateMoved');
      const reason: Reason = moved?.previousDate
        ? { code: 'preTariffSiftPedMoved', dates: { ped, previousPed: moved.previousDate }, limit: 'oasysPreTariffSift' }
        : { code: 'preTariffSift', dates: { ped }, limit: 'oasysPreTariffSift' };
      return { kind: 'due', window, reason };
    },
  },
  {
    id: 'preReleaseDeterminate',
    kind: 'preRelease',
    limits: ['preReleaseDeterminateEarliest', 'preReleaseDeterminateLatest'],
    when: 'determinate sentence with an OASys, not MAPPA level 2 or 3: 8 to 2 weeks before release',
    evaluate(facts, today) {
      if (!isDeterminate(facts) || !hasOasys(facts) || (facts.mappa?.level ?? 1) >= 2) return null;
      const release = facts.keyDates.releaseDate;
      if (release === undefined) return { kind: 'unknown', reason: { code: 'preReleaseDateUnknown', dates: {} } };
      if (released(facts, today)) return null;
      const window = { earliest: before(release, limit('preReleaseDeterminateEarliest')), due: before(release, limit('preReleaseDeterminateLatest')) };
      if (doneSince(facts, oasysKinds, window.earliest)) return null;
      return { kind: 'due', window, reason: { code: 'preReleaseDeterminate', dates: { release }, limit: 'preReleaseDeterminateEarliest' } };
    },
  },
  {
    id: 'preReleaseMappa',
    kind: 'preRelease',
    limits: ['preReleaseMappa', 'doneBeforeDue'],
    when: 'determinate sentence, MAPPA level 2 or 3: 6 months before release',
    evaluate(facts, today) {
      const level = facts.mappa?.level;
      if (!isDeterminate(facts) || (level !== 2 && level !== 3)) return null;
      const release = facts.keyDates.releaseDate;
      if (release === undefined) return { kind: 'unknown', reason: { code: 'preReleaseDateUnknown', dates: {} } };
      if (released(facts, today)) return null;
      const window = pointWindow(before(release, limit('preReleaseMappa')));
      if (doneSince(facts, oasysKinds, window.earliest!)) return null;
      return { kind: 'due', window, reason: { code: 'preReleaseMappa', dates: { release }, limit: 'preReleaseMappa', mappaLevel: level } };
    },
  },
  {
    id: 'preReleaseIndeterminate',
    kind: 'preRelease',
    limits: ['preReleaseIndeterminate', 'doneBeforeDue'],
    when: 'indeterminate sentence: 24 weeks before the parole eligibility date',
    evaluate(facts, today) {
      if (!isIndeterminate(facts)) return null;
      const ped = facts.keyDates.paroleEligibilityDate;
      if (ped === undefined) return { kind: 'unknown', reason: { code: 'preReleasePedUnknown', dates: {} } };
      if (pastPed(facts, today)) return null;
      const window = pointWindow(before(ped, limit('preReleaseIndeterminate')));
      if (doneSince(facts, oasysKinds, window.earliest!)) return null;
      return { kind: 'due', window, reason: { code: 'preReleaseIndeterminate', dates: { ped }, limit: 'preReleaseIndeterminate' } };
    },
  },
  {
    id: 'planYearly',
    kind: 'sentencePlanReview',
    limits: ['sentencePlanReview'],
    when: 'every sentence plan, at least a year after it was last looked at (or after sentence)',
    evaluate(facts, today) {
      if (released(facts, today)) return null;
      const last = lastOf(facts, planKinds);
      const from = last ?? facts.sentence.sentencedOn;
      const due = after(from, limit('sentencePlanReview'));
      // Nothing yearly is due after the person has left.
      if (facts.keyDates.releaseDate !== undefined && due > facts.keyDates.releaseDate) return null;
      return {
        kind: 'due',
        window: { earliest: from, due },
        reason: last ? { code: 'planYearly', dates: { last }, limit: 'sentencePlanReview' } : { code: 'planYearlyFromSentence', dates: { sentencedOn: from }, limit: 'sentencePlanReview' },
      };
    },
  },
  {
    id: 'planAfterTransfer',
    kind: 'sentencePlanReview',
    limits: ['afterEvent'],
    when: 'after a move to another prison, until the plan is looked at again',
    evaluate(facts, today) {
      const transfer = lastEvent(facts, 'transfer');
      if (!transfer || transfer.on > today || released(facts, today) || doneSince(facts, planKinds, transfer.on)) return null;
      return { kind: 'due', window: { earliest: transfer.on, due: after(transfer.on, limit('afterEvent')) }, reason: { code: 'planAfterTransfer', dates: { event: transfer.on } } };
    },
  },
  {
    id: 'planAfterGoalDone',
    kind: 'sentencePlanReview',
    limits: ['afterEvent'],
    when: 'after a goal is done, until the plan is looked at again',
    evaluate(facts, today) {
      const done = facts.objectives
        .filter((o) => o.status === 'achieved' && o.achievedOn !== undefined && o.achievedOn <= today)
        .sort((a, b) => (a.achievedOn! < b.achievedOn! ? -1 : a.achievedOn! > b.achievedOn! ? 1 : 0))
        .at(-1);
      if (!done || released(facts, today) || doneSince(facts, planKinds, done.achievedOn!)) return null;
      const on = done.achievedOn!;
      return { kind: 'due', window: { earliest: on, due: after(on, limit('afterEvent')) }, reason: { code: 'planAfterGoalDone', dates: { event: on } }, objectiveId: done.id };
    },
  },
  {
    id: 'openConditions',
    kind: 'openConditions',
    limits: ['doneBeforeDue'],
    when: 'before a move to open conditions (planned or done)',
    evaluate(facts) {
      const move = lastEvent(facts, 'movedToOpenConditions');
      if (!move) return null;
      const window = pointWindow(move.on);
      if (doneSince(facts, oasysKinds, window.earliest!)) return null;
      return { kind: 'due', window, reason: { code: 'openConditions', dates: { event: move.on } } };
    },
  },
  {
    id: 'significantEvent',
    kind: 'significantEvent',
    limits: ['afterEvent'],
    when: 'after a significant event that changes the risk or the plan',
    evaluate(facts, today) {
      const event = lastEvent(facts, 'significantEvent');
      if (!event || event.on > today || released(facts, today) || doneSince(facts, oasysKinds, event.on)) return null;
      return { kind: 'due', window: { earliest: event.on, due: after(event.on, limit('afterEvent')) }, reason: { code: 'significantEvent', dates: { event: event.on } } };
    },
  },
];

/** Every source a rule rests on ("001:45", "product"), without repeats. */
export function ruleSources(rule: ReviewRule): string[] {
  return [...new Set(rule.limits.map(limitSource))];
}

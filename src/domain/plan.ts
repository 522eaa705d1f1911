import { z } from 'zod';
import { IsoDate, IsoDateTime, OpaqueId } from './ids.ts';
import { freeText } from './text.ts';

/** The eight areas of need a goal can sit in. */
export const NeedArea = z.enum([
  'accommodation',
  'employmentEducation',
  'finances',
  'drugUse',
  'alcoholUse',
  'healthWellbeing',
  'relationshipsCommunity',
  'thinkingBehaviour',
]);
export type NeedArea = z.infer<typeof NeedArea>;

export const ObjectiveStatus = z.enum(['active', 'future', 'achieved', 'removed']);
export type ObjectiveStatus = z.infer<typeof ObjectiveStatus>;

export const StepStatus = z.enum(['notStarted', 'inProgress', 'completed', 'cannotBeDoneYet', 'noLongerNeeded']);
export type StepStatus = z.infer<typeof StepStatus>;

/** Who does a step. */
export const Actor = z.enum(['you', 'pom', 'com', 'keyWorker', 'psychologist', 'education', 'healthcare', 'other']);
export type Actor = z.infer<typeof Actor>;

export const Step = z.object({
  id: OpaqueId,
  description: freeText().min(1).max(500),
  actor: Actor,
  status: StepStatus,
  dueBy: IsoDate.optional(),
});
export type Step = z.infer<typeof Step>;

/** A SMART objective: what, how you will know, by when, and who helps. */
export const Objective = z.object({
  id: OpaqueId,
  area: NeedArea,
  /** 1 is the most important. Risk-of-harm work comes first. */
  priority: z.number().int().min(1),
  title: freeText().min(1).max(200),
  /** How the person will know it is done (the "measurable" part). */
  measure: freeText().min(1).max(500),
  status: ObjectiveStatus,
  dueBy: IsoDate,
  /** Set when progress depends on something the person cannot control. */
  outsideControl: freeText().max(500).optional(),
  /** Why this goal matters, in staff's words ("… so that …"). Added later: older plans have none. */
  why: freeText().max(500).optional(),
  /** When the goal was done (status `achieved`). A sentence plan is looked at again after that. */
  achievedOn: IsoDate.optional(),
  steps: z.array(Step),
});
export type Objective = z.infer<typeof Objective>;

export const SentenceType = z.enum(['determinate', 'indeterminate']);
export type SentenceType = z.infer<typeof SentenceType>;

export const MappaLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const MappaCategory = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const Sentence = z.object({
  type: SentenceType,
  sentencedOn: IsoDate,
  /** Length of a determinate sentence in months; absent for indeterminate sentences. */
  lengthMonths: z.number().int().positive().optional(),
  /** Minimum term (tariff) of an indeterminate sentence, in months. */
  tariffMonths: z.number().int().positive().optional(),
});
export type Sentence = z.infer<typeof Sentence>;

export const KeyDates = z.object({
  /** Conditional or automatic release date (determinate). */
  releaseDate: IsoDate.optional(),
  homeDetentionCurfewEligibilityDate: IsoDate.optional(),
  paroleEligibilityDate: IsoDate.optional(),
  tariffExpiryDate: IsoDate.optional(),
  licenceExpiryDate: IsoDate.optional(),
  sentenceExpiryDate: IsoDate.optional(),
});
export type KeyDates = z.infer<typeof KeyDates>;

/**
 * A review staff have recorded as done. `preTariffSift` and `openConditions` were added later
 * (an OASys review for the pre-tariff sift; an OASys review before a move to open conditions).
 */
export const ReviewKind = z.enum([
  'initialOasys',
  'oasysReview',
  'sentencePlanReview',
  'preRelease',
  'transfer',
  'significantEvent',
  'preTariffSift',
  'openConditions',
]);
export type ReviewKind = z.infer<typeof ReviewKind>;

export const ReviewEvent = z.object({
  id: OpaqueId,
  kind: ReviewKind,
  on: IsoDate,
  by: z.enum(['pom', 'com']),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

/**
 * Something that happened (or is planned) that makes a review due: a move to another prison, a
 * move to open conditions (planned or done), a significant event that changes the risk or the
 * plan, or the parole eligibility date moving (`previousDate` is the date before the move; the
 * new one is in `keyDates`). Added later: older plans have none.
 */
export const PlanEventKind = z.enum(['transfer', 'movedToOpenConditions', 'significantEvent', 'paroleEligibilityDateMoved']);
export type PlanEventKind = z.infer<typeof PlanEventKind>;

export const PlanEvent = z.object({
  id: OpaqueId,
  kind: PlanEventKind,
  on: IsoDate,
  previousDate: IsoDate.optional(),
});
export type PlanEvent = z.infer<typeof PlanEvent>;

export const RoshLevel = z.enum(['low', 'medium', 'high', 'veryHigh']);
export type RoshLevel = z.infer<typeof RoshLevel>;

export const PlanAgreement = z.enum(['agreed', 'notAgreed', 'couldNotAnswer', 'notAskedYet']);

/** A person's sentence plan as the device sees it. Everything here may be shown to the person. */
export const Plan = z.object({
  id: OpaqueId,
  personId: OpaqueId,
  updatedAt: IsoDateTime,
  sentence: Sentence,
  mappa: z.object({ category: MappaCategory, level: MappaLevel }).optional(),
  rosh: RoshLevel.optional(),
  keyDates: KeyDates,
  objectives: z.array(Objective),
  reviews: z.array(ReviewEvent),
  /** Added later: absent in older plans (the same as none). */
  events: z.array(PlanEvent).optional(),
  agreement: PlanAgreement,
});
export type Plan = z.infer<typeof Plan>;

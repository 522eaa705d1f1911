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

export const ReviewKind = z.enum(['initialOasys', 'oasysReview', 'sentencePlanReview', 'preRelease', 'transfer', 'significantEvent']);
export type ReviewKind = z.infer<typeof ReviewKind>;

export const ReviewEvent = z.object({
  id: OpaqueId,
  kind: ReviewKind,
  on: IsoDate,
  by: z.enum(['pom', 'com']),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

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
  agreement: PlanAgreement,
});
export type Plan = z.infer<typeof Plan>;

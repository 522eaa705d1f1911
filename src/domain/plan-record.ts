import { z } from 'zod';
import { Objective, Plan, PlanEvent, ReviewEvent, Step } from './plan.ts';

/**
 * The plan as staff and the service hold it. It is the same plan the device sees, except that
 * the whole version, and any objective, step or review in it, can be marked as not shareable
 * (for example: information that cannot safely be shared with the person yet).
 * Only the service and staff tools use this shape. The device only ever gets `toShareablePlan(record)`.
 */
const shareable = z.boolean();

export const StepRecord = Step.extend({ shareable });
export type StepRecord = z.infer<typeof StepRecord>;

export const ObjectiveRecord = Objective.extend({ shareable, steps: z.array(StepRecord) });
export type ObjectiveRecord = z.infer<typeof ObjectiveRecord>;

export const ReviewRecord = ReviewEvent.extend({ shareable });
export type ReviewRecord = z.infer<typeof ReviewRecord>;

export const EventRecord = PlanEvent.extend({ shareable });
export type EventRecord = z.infer<typeof EventRecord>;

export const PlanRecord = Plan.extend({
  /** False while this version must not reach the device at all (for example a draft). */
  shareable,
  objectives: z.array(ObjectiveRecord),
  reviews: z.array(ReviewRecord),
  events: z.array(EventRecord).optional(),
});
export type PlanRecord = z.infer<typeof PlanRecord>;

/**
 * What the person may see: every item marked not shareable is left out, and the remaining
 * objectives are numbered 1, 2, 3… again so a gap in the order does not hint that something is hidden.
 * Ignores the record's own `shareable` flag: whether a version is sent at all is the caller's decision.
 */
export function toShareablePlan(record: PlanRecord): Plan {
  const objectives = record.objectives
    .filter((objective) => objective.shareable)
    .sort((a, b) => a.priority - b.priority)
    .map((objective, index) => ({
      ...objective,
      priority: index + 1,
      steps: objective.steps.filter((step) => step.shareable),
    }));
  const reviews = record.reviews.filter((review) => review.shareable);
  const events = record.events?.filter((event) => event.shareable);
  // Parsing with the device schema drops every `shareable` flag and any other staff-only field.
  return Plan.parse({ ...record, objectives, reviews, ...(events ? { events } : {}) });
}

import type { EventRecord, ObjectiveRecord, PlanRecord, ReviewRecord, StepRecord } from '../../domain/plan-record.ts';
import { addDuration, type Duration } from '../../domain/policy.ts';

/** What a demo plan is built from. Dates are worked out from `today`, so the demo never goes stale. */
export type DemoContext = {
  personId: string;
  planId: string;
  /** YYYY-MM-DD */
  today: string;
  /** The plan's updatedAt. */
  now: string;
};

/** A made-up person to show the product with. */
export type DemoPerson = {
  prisonNumber: string;
  pin: string;
  displayName: string;
  /** A few words on what this demo shows. */
  summary: string;
  buildPlan(context: DemoContext): PlanRecord;
};

export function dateAfter(date: string, duration: Duration): string {
  return addDuration(date, duration, 1);
}

export function dateBefore(date: string, duration: Duration): string {
  return addDuration(date, duration, -1);
}

type StepInput = Omit<StepRecord, 'id' | 'shareable'> & { shareable?: boolean };
type ObjectiveInput = Omit<ObjectiveRecord, 'id' | 'priority' | 'shareable' | 'steps'> & {
  shareable?: boolean;
  steps: StepInput[];
};
type ReviewInput = Omit<ReviewRecord, 'id' | 'shareable'> & { shareable?: boolean };
type EventInput = Omit<EventRecord, 'id' | 'shareable'> & { shareable?: boolean };

/** Objectives in priority order: the first in the list is priority 1. Items are shareable unless marked. */
export function objectives(items: ObjectiveInput[]): ObjectiveRecord[] {
  return items.map((item, index) => {
    const id = `objective-${index + 1}`;
    return {
      ...item,
      id,
      priority: index + 1,
      shareable: item.shareable ?? true,
      steps: item.steps.map((step, stepIndex) => ({ ...step, id: `${id}-step-${stepIndex + 1}`, shareable: step.shareable ?? true })),
    };
  });
}

export function reviews(items: ReviewInput[]): ReviewRecord[] {
  return items.map((item, index) => ({ ...item, id: `review-${index + 1}`, shareable: item.shareable ?? true }));
}

export function events(items: EventInput[]): EventRecord[] {
  return items.map((item, index) => ({ ...item, id: `event-${index + 1}`, shareable: item.shareable ?? true }));
}

import type { KeyDateName } from './plan-changes.ts';
import type { Objective, Plan, PlanEvent, ReviewEvent, Step } from './plan.ts';
import type { DueReview } from './reviews/index.ts';

/**
 * What the plan screens and "What's next" show, worked out from the plan: goals in groups with
 * their progress, the person's own next steps, and a timeline of dates and reviews. Pure.
 */

export type GoalGroup = 'now' | 'later' | 'done' | 'removed';

const groupOf: Record<Objective['status'], GoalGroup> = { active: 'now', future: 'later', achieved: 'done', removed: 'removed' };
export const goalGroupOrder: readonly GoalGroup[] = ['now', 'later', 'done', 'removed'];

/** Goals by group ("Working on now", "Later", "Done", "Taken out"), each in priority order. */
export function goalGroups(plan: Pick<Plan, 'objectives'>): Array<{ group: GoalGroup; goals: Objective[] }> {
  const sorted = [...plan.objectives].sort((a, b) => a.priority - b.priority);
  return goalGroupOrder.map((group) => ({ group, goals: sorted.filter((o) => groupOf[o.status] === group) })).filter((g) => g.goals.length > 0);
}

/** "2 of 4 steps done": steps no longer needed do not count. */
export function stepProgress(objective: Objective): { done: number; total: number } {
  const counted = objective.steps.filter((s) => s.status !== 'noLongerNeeded');
  return { done: counted.filter((s) => s.status === 'completed').length, total: counted.length };
}

export type NextStep = { step: Step; objective: Objective; /** The step's own date, else its goal's. */ due: string; dueIsGoals: boolean };

/** The person's own steps still to do, in goals they are working on now, soonest first. */
export function yourNextSteps(plan: Pick<Plan, 'objectives'>, limit = Number.POSITIVE_INFINITY): NextStep[] {
  const out: NextStep[] = [];
  for (const objective of plan.objectives) {
    if (objective.status !== 'active') continue;
    for (const step of objective.steps) {
      if (step.actor !== 'you' || (step.status !== 'notStarted' && step.status !== 'inProgress')) continue;
      out.push({ step, objective, due: step.dueBy ?? objective.dueBy, dueIsGoals: step.dueBy === undefined });
    }
  }
  return out
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => a.entry.due.localeCompare(b.entry.due) || a.entry.objective.priority - b.entry.objective.priority || a.order - b.order)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

export type TimelineEntry =
  | { kind: 'keyDate'; date: string; name: KeyDateName }
  | { kind: 'reviewDone'; date: string; review: ReviewEvent }
  | { kind: 'reviewDue'; date: string; due: DueReview }
  | { kind: 'event'; date: string; event: PlanEvent }
  | { kind: 'goalDone'; date: string; objective: Objective };

export type Timeline = {
  /** Reviews whose due date has passed with none recorded. */
  late: DueReview[];
  /** From today on, soonest first. */
  coming: TimelineEntry[];
  /** Before today, newest first. */
  past: TimelineEntry[];
  /** Reviews we cannot work out yet (a date is missing). */
  unknownReviews: DueReview[];
  /** Key dates this kind of sentence has that the plan does not give yet. */
  unknownDates: KeyDateName[];
};

export const keyDateNames: readonly KeyDateName[] = [
  'homeDetentionCurfewEligibilityDate',
  'paroleEligibilityDate',
  'tariffExpiryDate',
  'releaseDate',
  'licenceExpiryDate',
  'sentenceExpiryDate',
];

/** The key dates every sentence of a type has (home detention curfew is not for everyone). */
const expectedDates: Record<Plan['sentence']['type'], readonly KeyDateName[]> = {
  determinate: ['releaseDate', 'licenceExpiryDate', 'sentenceExpiryDate'],
  indeterminate: ['tariffExpiryDate', 'paroleEligibilityDate'],
};

export function timeline(plan: Plan, reviews: readonly DueReview[], today: string): Timeline {
  const entries: TimelineEntry[] = [];
  for (const name of keyDateNames) {
    const date = plan.keyDates[name];
    if (date) entries.push({ kind: 'keyDate', date, name });
  }
  for (const review of plan.reviews) entries.push({ kind: 'reviewDone', date: review.on, review });
  for (const event of plan.events ?? []) entries.push({ kind: 'event', date: event.on, event });
  for (const objective of plan.objectives) if (objective.status === 'achieved' && objective.achievedOn) entries.push({ kind: 'goalDone', date: objective.achievedOn, objective });
  const late: DueReview[] = [];
  for (const due of reviews) {
    if (!due.window) continue;
    if (due.state === 'looksLate') late.push(due);
    else entries.push({ kind: 'reviewDue', date: due.window.due, due });
  }
  const byDate = (a: TimelineEntry, b: TimelineEntry) => a.date.localeCompare(b.date);
  return {
    late,
    coming: entries.filter((e) => e.date >= today).sort(byDate),
    past: entries.filter((e) => e.date < today).sort((a, b) => byDate(b, a)),
    unknownReviews: reviews.filter((r) => r.state === 'unknown'),
    unknownDates: expectedDates[plan.sentence.type].filter((name) => !plan.keyDates[name]),
  };
}

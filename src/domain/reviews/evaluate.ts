import { allowances } from './allowances.ts';
import { before, daysFrom, type IsoDay } from './dates.ts';
import { type DueKind, dueKinds, type Reason, type ReviewFacts, type ReviewRule, reviewRules, type RuleId, ruleSources, type Window } from './rules.ts';

/**
 * The review engine: every rule applied to one plan on one day. Pure, so the app, the service and
 * the bench all get the same answer. A review "looks late" when its due date has passed and no
 * review that counts has been recorded; the person may know of one staff have not recorded, so
 * the words are always "looks late", never "is late".
 */

export type ReviewState = 'notYetDue' | 'dueSoon' | 'looksLate' | 'unknown';

export type DueReview = {
  rule: RuleId;
  kind: DueKind;
  /** null when a date the rule needs is missing ("we don't know yet"). */
  window: Window | null;
  state: ReviewState;
  /** Days from today to the due date (negative: how long it looks late). Absent when unknown. */
  daysToDue?: number;
  /** The rule's sources: line references into the policy documents, or "product". */
  sources: string[];
  reason: Reason;
  /** The goal a review is about (a sentence plan review after a goal was done). */
  objectiveId?: string;
};

function stateOf(window: Window, today: IsoDay): ReviewState {
  if (today > window.due) return 'looksLate';
  if (today >= before(window.due, allowances.dueSoon.duration)) return 'dueSoon';
  return 'notYetDue';
}

/** One result per rule that applies and has something due (or cannot tell), in rule order. */
export function evaluateReviews(facts: ReviewFacts, today: IsoDay, rules: readonly ReviewRule[] = reviewRules): DueReview[] {
  const out: DueReview[] = [];
  for (const rule of rules) {
    const outcome = rule.evaluate(facts, today);
    if (outcome === null) continue;
    const base = { rule: rule.id, kind: rule.kind, sources: ruleSources(rule), reason: outcome.reason };
    if (outcome.kind === 'unknown') {
      out.push({ ...base, window: null, state: 'unknown' });
      continue;
    }
    out.push({
      ...base,
      window: outcome.window,
      state: stateOf(outcome.window, today),
      daysToDue: daysFrom(today, outcome.window.due),
      ...(outcome.objectiveId ? { objectiveId: outcome.objectiveId } : {}),
    });
  }
  return out;
}

const urgency: Record<ReviewState, number> = { looksLate: 0, dueSoon: 1, notYetDue: 2, unknown: 3 };

/** Most urgent first: looks late, due soon, not yet due, then not known; nearer due dates first. */
export function byUrgency(a: DueReview, b: DueReview): number {
  return urgency[a.state] - urgency[b.state] || (a.window?.due ?? '').localeCompare(b.window?.due ?? '') || dueKinds.indexOf(a.kind) - dueKinds.indexOf(b.kind);
}

/**
 * What the person is shown: one entry per kind of review (the most urgent of the rules for it,
 * e.g. a plan review after a transfer before the yearly one), most urgent first.
 */
export function summariseReviews(reviews: readonly DueReview[]): DueReview[] {
  const chosen = new Map<DueKind, DueReview>();
  for (const review of [...reviews].sort(byUrgency)) if (!chosen.has(review.kind)) chosen.set(review.kind, review);
  return [...chosen.values()].sort(byUrgency);
}

/** Review dates worked out from a plan: rules as data (rules.ts), the engine (evaluate.ts). See NOTES.md. */
export { type Allowance, type AllowanceName, allowances } from './allowances.ts';
export { byUrgency, type DueReview, evaluateReviews, type ReviewState, summariseReviews } from './evaluate.ts';
export {
  type DueKind,
  dueKinds,
  type LimitName,
  limitSource,
  type Reason,
  type ReasonCode,
  reasonCodes,
  type ReviewFacts,
  type ReviewRule,
  reviewRules,
  type RuleId,
  ruleSources,
  type Window,
} from './rules.ts';

import type { TFunction } from 'i18next';
import { policy, type PolicyName } from '../domain/policy.ts';
import { allowances, type DueReview, type LimitName } from '../domain/reviews/index.ts';
import { formatDate } from '../format/index.ts';
import { formatDuration as policyDuration, policyText } from './policy-text.ts';

/**
 * Why a review is due, in the words the person reads (`reviews.reason.*` of the plan namespace),
 * with the rule's dates and time limits filled in: the limits come from src/domain/policy.ts, so
 * a policy change changes the words. The app's plan screens and the staff console both use it,
 * so staff see what the person is told.
 */
type T = TFunction<'plan'>;

const limitWords = (name: LimitName, lng: string) => (name in policy ? policyText(name as PolicyName, lng) : policyDuration(allowances[name as keyof typeof allowances].duration, lng));

export function reviewReason(t: T, review: DueReview, today: string, lng: string): string {
  const { reason } = review;
  const dates = Object.fromEntries(Object.entries(reason.dates).map(([name, value]) => [name, formatDate(value, lng)]));
  const values = {
    ...dates,
    ...(reason.limit ? { limit: limitWords(reason.limit, lng) } : {}),
    minimum: policyText(review.kind === 'initialOasys' ? 'initialOasysDeterminateMinSentence' : 'oasysReviewDeterminateMinSentence', lng),
    earliest: policyText('preReleaseDeterminateEarliest', lng),
    latest: policyText('preReleaseDeterminateLatest', lng),
    allowance: limitWords('afterEvent', lng),
    level: String(reason.mappaLevel ?? ''),
  };
  const past = reason.code === 'openConditions' && reason.dates.event !== undefined && reason.dates.event < today;
  return t(`reviews.reason.${past ? 'openConditionsPast' : reason.code}`, values);
}


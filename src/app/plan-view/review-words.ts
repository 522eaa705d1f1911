import type { TFunction } from 'i18next';
import { reviewReason } from '../../content/review-reason.ts';
import type { ApplicationType } from '../../domain/application.ts';
import type { DueKind, DueReview } from '../../domain/reviews/index.ts';
import { formatDate } from '../../format/index.ts';
import { applicationShortcut } from '../later-paths.ts';
import { countdown, spanWords } from './when.ts';

/**
 * A due review in words: what it is, when, and why (from the rule's reason, with its dates and
 * time limits filled in: the limits come from src/domain/policy.ts, so a policy change changes the
 * words). Always "looks late", never "is late": staff may have done it without recording it.
 */

type T = TFunction<'plan'>;

/** Why a review is due, in the person's words (shared with the staff console, which shows the same). */
export { reviewReason };

export function reviewTitle(t: T, review: DueReview): string {
  return t(`reviews.due.${review.kind}`);
}

/** "Due by 1 June 2026 (in 26 days)." / "It was due on … It looks about 6 months late." / "We don't know yet…" */
export function reviewWhen(t: T, review: DueReview, today: string, lng: string): string {
  if (!review.window) return t('reviews.when.unknown');
  const due = review.window.due;
  if (review.state === 'looksLate') return t('reviews.when.looksLate', { date: formatDate(due, lng), span: spanWords(review.daysToDue ?? 0, lng) });
  return t(`reviews.when.${review.state === 'dueSoon' ? 'dueSoon' : 'notYetDue'}`, { date: formatDate(due, lng), countdown: countdown(due, today, lng) });
}

/**
 * "Ask the OMU about this": the application form with the right type, and an `about` key the
 * form writes its words for (listed in src/app/features/plan/NOTES.md).
 */
const askAbout: Record<DueKind, { type: ApplicationType; about: string }> = {
  initialOasys: { type: 'reviewMyOasys', about: 'initialOasysLooksLate' },
  oasysReview: { type: 'reviewMyOasys', about: 'oasysReviewLooksLate' },
  preTariffSift: { type: 'reviewMyOasys', about: 'preTariffSiftLooksLate' },
  preRelease: { type: 'reviewMyOasys', about: 'preReleaseReviewLooksLate' },
  openConditions: { type: 'reviewMyOasys', about: 'openConditionsReviewLooksLate' },
  significantEvent: { type: 'reviewMyOasys', about: 'significantEventReviewLooksLate' },
  sentencePlanReview: { type: 'questionAboutMyPlan', about: 'planReviewLooksLate' },
};

export function askOmuPath(review: DueReview): string {
  const { type, about } = askAbout[review.kind];
  return applicationShortcut(type, about);
}

/** The other shortcuts the plan screens use. */
export const planShortcuts = {
  notAgreed: applicationShortcut('disagreeWithPlan', 'planNotAgreed'),
  goalQuestion: applicationShortcut('questionAboutMyPlan', 'goalQuestion'),
} as const;

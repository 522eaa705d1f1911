import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueReview } from '../../domain/reviews/index.ts';
import type { Block } from './page-script.tsx';
import { askOmuPath, reviewReason, reviewTitle, reviewWhen } from './review-words.ts';
import { Link } from '../ui/Link.tsx';

/**
 * One due review: what it is, when, why, and, when it looks late, that staff may have done it and
 * a one-tap "Ask the OMU about this". Used by "What's next" and the timeline.
 */

const tagClass: Record<DueReview['state'], string> = {
  looksLate: 'govuk-tag--red',
  dueSoon: 'govuk-tag--yellow',
  notYetDue: 'govuk-tag--grey',
  unknown: 'govuk-tag--grey',
};

const key = (prefix: string, review: DueReview, part: string) => `${prefix}.${review.rule}.${part}`;

type Words = { title: string; when: string; reason: string; maybeDone: string };
const parts = { title: 'title', when: 'when', reason: 'reason', maybeDone: 'maybeDone' } as const satisfies Record<keyof Words, keyof Words>;

function useReviewWords(review: DueReview, today: string): Words {
  const { t, i18n } = useTranslation('plan');
  const lng = i18n.resolvedLanguage ?? 'en';
  return { title: reviewTitle(t, review), when: reviewWhen(t, review, today, lng), reason: reviewReason(t, review, today, lng), maybeDone: t('reviews.maybeDone') };
}

/** The read-aloud blocks of a review, in reading order (same words as the item shows). */
export function reviewBlocks(t: Parameters<typeof reviewTitle>[0], lng: string, prefix: string, review: DueReview, today: string): Block[] {
  const blocks: Block[] = [
    { key: key(prefix, review, 'title'), text: reviewTitle(t, review) },
    { key: key(prefix, review, 'when'), text: reviewWhen(t, review, today, lng) },
    { key: key(prefix, review, 'reason'), text: reviewReason(t, review, today, lng) },
  ];
  if (review.state === 'looksLate') blocks.push({ key: key(prefix, review, 'maybeDone'), text: t('reviews.maybeDone') });
  return blocks;
}

export function DueReviewItem({ review, today, prefix, read, headingLevel = 3 }: { review: DueReview; today: string; prefix: string; read: (key: string) => ReactNode; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation('plan');
  const words = useReviewWords(review, today);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const headingId = useId();
  const shown = (part: keyof Words) => read(key(prefix, review, part)) ?? words[part];
  return (
    <li className={`app-due-review app-due-review--${review.state}`}>
      <Heading className="govuk-heading-s govuk-!-margin-bottom-1" id={headingId}>
        {shown(parts.title)}
      </Heading>
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong className={`govuk-tag ${tagClass[review.state]}`}>{t(`reviews.tag.${review.state}`)}</strong>
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1">{shown(parts.when)}</p>
      <p className="govuk-body">{shown(parts.reason)}</p>
      {review.state === 'looksLate' ? (
        <>
          <p className="govuk-body">{shown(parts.maybeDone)}</p>
          {/* Several reviews may look late: each button names its own review to a screen reader. */}
          <Link className="govuk-button govuk-button--secondary app-ask-omu" to={askOmuPath(review)} aria-describedby={headingId}>
            {t('reviews.ask')}
          </Link>
        </>
      ) : null}
    </li>
  );
}

import { useTranslation } from 'react-i18next';
import { reviewReason } from '../../content/review-reason.ts';
import { type PlanRecord, toShareablePlan } from '../../domain/plan-record.ts';
import { type DueReview, evaluateReviews, summariseReviews } from '../../domain/reviews/index.ts';
import { todayInLondon } from '../../format/index.ts';
import { type Column, Table } from '../../ui/Table.tsx';
import { Tag, type TagColour } from '../../ui/Tag.tsx';
import { formatDate } from '../ui/dates.ts';

const stateColour: Record<DueReview['state'], TagColour> = { looksLate: 'red', dueSoon: 'yellow', notYetDue: 'grey', unknown: 'orange' };

/**
 * The reviews the person's device works out from the plan it has (the same engine, on what the
 * person is shared), most urgent first, with those that look late called out.
 */
export function ReviewDates({ record, today = todayInLondon() }: { record: PlanRecord; today?: string }) {
  const { t, i18n } = useTranslation('staff');
  const { t: personWords } = useTranslation('plan');
  const due = summariseReviews(evaluateReviews(toShareablePlan(record), today));
  const late = due.filter((review) => review.state === 'looksLate').length;
  const columns: Column<DueReview>[] = [
    { key: 'kind', header: t('reviewsDue.kind'), cell: (review) => t(`dueKind.${review.kind}`) },
    { key: 'due', header: t('reviewsDue.due'), cell: (review) => (review.window ? formatDate(review.window.due, i18n.language) : '') },
    { key: 'state', header: t('reviewsDue.state'), cell: (review) => <Tag text={t(`reviewsDue.${review.state}`)} colour={stateColour[review.state]} /> },
    { key: 'why', header: t('reviewsDue.why'), cell: (review) => reviewReason(personWords, review, today, i18n.language) },
  ];
  return (
    <section aria-labelledby="reviews-due-heading">
      <h2 className="govuk-heading-m" id="reviews-due-heading">
        {t('reviewsDue.title')}
      </h2>
      <p className="govuk-body">{t('reviewsDue.intro')}</p>
      {late > 0 ? (
        <div className="govuk-warning-text">
          <strong className="govuk-warning-text__text">{t('reviewsDue.lateCount', { count: late })}</strong>
        </div>
      ) : null}
      {due.length > 0 ? <Table caption={t('reviewsDue.caption')} columns={columns} rows={due} rowKey={(review) => review.rule} /> : <p className="govuk-body">{t('reviewsDue.none')}</p>}
    </section>
  );
}

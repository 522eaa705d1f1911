import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { PlanRecord, toShareablePlan } from '../../domain/plan-record.ts';
import type { Plan } from '../../domain/plan.ts';
import { keyDateNames } from '../people/sentence-form.ts';
import { formatDate } from '../ui/dates.ts';
import { fromDraft, type PlanDraft } from './plan-draft.ts';

/**
 * What the person will see: the plan as `toShareablePlan` gives it to the device (every item
 * marked not to share left out, goals numbered again), written plainly. Shown once the plan is
 * complete enough to send; a version marked not to share shows nothing at all.
 */
export function PlanPreview({ draft, personId }: { draft: PlanDraft; personId: string }) {
  const { t } = useTranslation('staff');
  const deferred = useDeferredValue(draft);
  const record = PlanRecord.safeParse({ ...fromDraft(deferred), personId, updatedAt: new Date().toISOString() });
  return (
    <aside className="staff-preview" aria-labelledby="preview-heading">
      <h2 className="govuk-heading-m" id="preview-heading">
        {t('preview.title')}
      </h2>
      {!deferred.share ? (
        <p className="govuk-body">{t('preview.notShared')}</p>
      ) : record.success ? (
        <PreviewBody plan={toShareablePlan(record.data)} />
      ) : (
        <p className="govuk-body">{t('preview.incomplete')}</p>
      )}
    </aside>
  );
}

function PreviewBody({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation('staff');
  const lang = i18n.language;
  const dates = keyDateNames.filter((name) => plan.keyDates[name]);
  return (
    <>
      <h3 className="govuk-heading-s">{t('preview.goals')}</h3>
      {plan.objectives.length === 0 ? <p className="govuk-body">{t('preview.noGoals')}</p> : null}
      <ol className="govuk-list">
        {plan.objectives.map((objective) => (
          <li key={objective.id} className="govuk-!-margin-bottom-4">
            <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t('preview.goal', { n: objective.priority, title: objective.title })}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{t(`area.${objective.area}`)}</p>
            {objective.why ? <p className="govuk-body-s govuk-!-margin-bottom-1">{objective.why}</p> : null}
            <p className="govuk-body-s govuk-!-margin-bottom-1">{t('preview.measure', { measure: objective.measure })}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{t('preview.dueBy', { date: formatDate(objective.dueBy, lang) })}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{t(`objectiveStatus.${objective.status}`)}</p>
            {objective.outsideControl ? <p className="govuk-body-s govuk-!-margin-bottom-1">{objective.outsideControl}</p> : null}
            {objective.steps.length > 0 ? (
              <ul className="govuk-list govuk-list--bullet govuk-body-s">
                {objective.steps.map((step) => (
                  <li key={step.id}>
                    {step.description} ({t(`actor.${step.actor}`)}, {t(`stepStatus.${step.status}`)}
                    {step.dueBy ? `, ${formatDate(step.dueBy, lang)}` : ''})
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {dates.length > 0 ? (
        <>
          <h3 className="govuk-heading-s">{t('keyDates.title')}</h3>
          <ul className="govuk-list govuk-body-s">
            {dates.map((name) => (
              <li key={name}>{`${t(`keyDates.${name}`)}: ${formatDate(plan.keyDates[name]!, lang)}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.reviews.length > 0 ? (
        <>
          <h3 className="govuk-heading-s">{t('plan.reviewsTitle')}</h3>
          <ul className="govuk-list govuk-body-s">
            {plan.reviews.map((review) => (
              <li key={review.id}>{`${t(`reviewKind.${review.kind}`)}: ${formatDate(review.on, lang)}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="govuk-body-s">{t(`agreement.${plan.agreement}`)}</p>
    </>
  );
}

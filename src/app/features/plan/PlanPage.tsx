import { useTranslation } from 'react-i18next';
import type { KeyDates, Objective, Plan } from '../../../domain/plan.ts';
import { formatDate } from '../../../format/index.ts';
import { usePersonData } from '../../session/hooks.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { StoreDamageNotice } from '../../session/StoreDamageNotice.tsx';
import { readPlan } from '../../sync/read.ts';
import { Page } from '../../ui/Page.tsx';

const loadPlan = (person: ActivePerson) => readPlan(person.signedIn.db, person.signedIn.session, { onUnreadable: () => person.sync.reportDamage() });

const keyDateOrder: ReadonlyArray<keyof KeyDates> = [
  'homeDetentionCurfewEligibilityDate',
  'paroleEligibilityDate',
  'tariffExpiryDate',
  'releaseDate',
  'licenceExpiryDate',
  'sentenceExpiryDate',
];

const statusTag: Record<Objective['status'], string> = {
  active: 'govuk-tag--blue',
  future: 'govuk-tag--grey',
  achieved: 'govuk-tag--green',
  removed: 'govuk-tag--grey',
};

/** The person's own plan, read from their sealed store on this device. */
export function PlanPage() {
  const { t } = useTranslation();
  return <RequireSignIn title={t('plan.title')}>{(person) => <PlanView person={person} />}</RequireSignIn>;
}

function PlanView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation();
  const plan = usePersonData(person, loadPlan);
  return (
    <Page title={t('plan.title')}>
      <StoreDamageNotice person={person} />
      {plan.state === 'loading' ? <p className="govuk-body">{t('plan.loading')}</p> : null}
      {plan.state === 'failed' || (plan.state === 'ready' && plan.value === null) ? <p className="govuk-body">{t('plan.notYet')}</p> : null}
      {plan.state === 'ready' && plan.value ? <PlanDetails plan={plan.value} /> : null}
    </Page>
  );
}

function PlanDetails({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  const date = (value: string) => formatDate(value, lng);
  const objectives = [...plan.objectives].sort((a, b) => a.priority - b.priority);
  const keyDates = keyDateOrder.flatMap((name) => {
    const value = plan.keyDates[name];
    return value ? [{ name, value }] : [];
  });
  const reviews = [...plan.reviews].sort((a, b) => (a.on < b.on ? 1 : a.on > b.on ? -1 : 0));
  return (
    <>
      <p className="govuk-body">{t('plan.updated', { date: date(plan.updatedAt) })}</p>
      <p className="govuk-body">{t(`plan.agreement.${plan.agreement}`)}</p>

      <h2 className="govuk-heading-l">{t('plan.goalsTitle')}</h2>
      {objectives.length === 0 ? <p className="govuk-body">{t('plan.goalsNone')}</p> : <p className="govuk-body">{t('plan.goalsIntro')}</p>}
      <ol className="app-plan-goals">
        {objectives.map((objective, index) => (
          <li key={objective.id} className="app-plan-goal">
            <h3 className="govuk-heading-m">{t('plan.goalHeading', { number: index + 1, title: objective.title })}</h3>
            <dl className="govuk-summary-list app-plan-facts">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('plan.status')}</dt>
                <dd className="govuk-summary-list__value">
                  <strong className={`govuk-tag ${statusTag[objective.status]}`}>{t(`plan.objectiveStatus.${objective.status}`)}</strong>
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('plan.measure')}</dt>
                <dd className="govuk-summary-list__value">{objective.measure}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('plan.dueBy')}</dt>
                <dd className="govuk-summary-list__value">{date(objective.dueBy)}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('plan.area')}</dt>
                <dd className="govuk-summary-list__value">{t(`plan.areaValue.${objective.area}`)}</dd>
              </div>
            </dl>
            {objective.outsideControl ? (
              <div className="govuk-inset-text">
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t('plan.outsideControl')}</p>
                <p className="govuk-body">{objective.outsideControl}</p>
              </div>
            ) : null}
            <h4 className="govuk-heading-s">{t('plan.steps')}</h4>
            {objective.steps.length === 0 ? <p className="govuk-body">{t('plan.stepsNone')}</p> : null}
            <ul className="govuk-list app-plan-steps">
              {objective.steps.map((step) => (
                <li key={step.id} className="app-plan-step">
                  <p className="govuk-body govuk-!-margin-bottom-1">{step.description}</p>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">
                    {t('plan.stepWho', { who: t(`plan.actor.${step.actor}`) })}
                  </p>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">
                    {t('plan.stepStatus', { status: t(`plan.stepStatusValue.${step.status}`) })}
                  </p>
                  {step.dueBy ? (
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      {t('plan.stepDueBy', { date: date(step.dueBy) })}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>

      <h2 className="govuk-heading-l">{t('plan.keyDatesTitle')}</h2>
      {keyDates.length === 0 ? (
        <p className="govuk-body">{t('plan.keyDatesNone')}</p>
      ) : (
        <dl className="govuk-summary-list">
          {keyDates.map(({ name, value }) => (
            <div className="govuk-summary-list__row" key={name}>
              <dt className="govuk-summary-list__key">{t(`plan.keyDates.${name}`)}</dt>
              <dd className="govuk-summary-list__value">{date(value)}</dd>
            </div>
          ))}
        </dl>
      )}

      <h2 className="govuk-heading-l">{t('plan.reviewsTitle')}</h2>
      {reviews.length === 0 ? (
        <p className="govuk-body">{t('plan.reviewsNone')}</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {reviews.map((review) => (
            <li key={review.id}>
              {t('plan.review', { kind: t(`plan.reviewKind.${review.kind}`), date: date(review.on), who: t(`plan.reviewBy.${review.by}`) })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

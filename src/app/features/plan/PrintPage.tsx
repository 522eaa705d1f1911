import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../domain/plan.ts';
import { goalGroups, keyDateNames } from '../../../domain/plan-summary.ts';
import { evaluateReviews, summariseReviews } from '../../../domain/reviews/index.ts';
import { formatDate } from '../../../format/index.ts';
import { appRoutes } from '../../routes.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { type Block, usePageScript } from '../../plan-view/page-script.tsx';
import type { PlanView } from '../../plan-view/plan-data.ts';
import { PlanNotices } from '../../plan-view/PlanNotices.tsx';
import { reviewTitle, reviewWhen } from '../../plan-view/review-words.ts';
import { usePlanPage } from '../../plan-view/use-plan-page.ts';
import { Button } from '../../../ui/Button.tsx';
import { Page } from '../../ui/Page.tsx';
import { ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import '../../plan-view/plan-view.scss';
import { Link } from '../../ui/Link.tsx';

/**
 * The plan on paper: name, prison number, the date printed, every goal with its steps, the key
 * dates and the reviews. The print stylesheet leaves out the menu, the buttons and the sync line.
 * A person on a locked-down tablet may not be able to print: the page says to ask staff.
 */
export function PrintPage() {
  const { t } = useTranslation('plan');
  return <RequireSignIn title={t('print.title')}>{(person) => <PrintView person={person} />}</RequireSignIn>;
}

function PrintView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('plan');
  const page = usePlanPage(person);
  const { view } = page;
  return (
    <Page title={t('print.title')}>
      {view.state === 'loading' ? <p className="govuk-body">{t('loading')}</p> : null}
      {view.state === 'failed' || (view.state === 'ready' && view.value.plan === null) ? <p className="govuk-body">{t('notYet')}</p> : null}
      {view.state === 'ready' && view.value.plan ? <Printable person={person} view={view.value} plan={view.value.plan} page={page} /> : null}
    </Page>
  );
}

function Printable({ person, view, plan, page }: { person: ActivePerson; view: PlanView; plan: Plan; page: ReturnType<typeof usePlanPage> }) {
  const { t, lng, today, glossaries } = page;
  const date = (value: string) => formatDate(value, lng);
  const groups = goalGroups(plan);
  const due = summariseReviews(evaluateReviews(plan, today));
  const done = [...plan.reviews].sort((a, b) => b.on.localeCompare(a.on));
  const blocks: Block[] = groups.flatMap(({ goals }) =>
    goals.flatMap((goal) => [
      { key: `goal.${goal.id}`, text: goal.title, staff: true },
      { key: `goal.${goal.id}.measure`, text: goal.measure, staff: true },
      ...goal.steps.map((step) => ({ key: `step.${step.id}`, text: step.description, staff: true })),
    ]),
  );
  const { script, read, showsStaffEnglish } = usePageScript(blocks, lng, glossaries);
  const canPrint = typeof window.print === 'function';
  return (
    <>
      <div className="app-no-print">
        <PlanNotices person={person} view={view} showsStaffEnglish={showsStaffEnglish} />
        <ReadAloud key={`print|${lng}|${glossaries ? 1 : 0}`} script={script} />
        {canPrint ? <Button onClick={() => window.print()}>{t('print.print')}</Button> : null}
        <p className="govuk-body">{t('print.askStaff')}</p>
      </div>
      <dl className="govuk-summary-list">
        {person.displayName ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('print.name')}</dt>
            <dd className="govuk-summary-list__value">{person.displayName}</dd>
          </div>
        ) : null}
        {person.prisonNumber ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('print.prisonNumber')}</dt>
            <dd className="govuk-summary-list__value">{person.prisonNumber}</dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('print.printed')}</dt>
          <dd className="govuk-summary-list__value">{date(today)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('print.updated')}</dt>
          <dd className="govuk-summary-list__value">{date(plan.updatedAt)}</dd>
        </div>
      </dl>
      <p className="govuk-body">{t(`agreement.${plan.agreement}`)}</p>

      <h2 className="govuk-heading-l">{t('print.goalsTitle')}</h2>
      {groups.length === 0 ? <p className="govuk-body">{t('overview.goalsNone')}</p> : null}
      {groups.map(({ group, goals }) => (
        <section key={group}>
          <h3 className="govuk-heading-m">{t(`overview.groups.${group}`)}</h3>
          {goals.map((goal) => (
            <div key={goal.id} className="app-plan-card">
              <h4 className="govuk-heading-s govuk-!-margin-bottom-1">{read(`goal.${goal.id}`)}</h4>
              <p className="govuk-body govuk-!-margin-bottom-1">
                {t('goal.measure')}: {read(`goal.${goal.id}.measure`)}
              </p>
              <p className="govuk-body govuk-!-margin-bottom-1">
                {t('goal.status')}: {t(`objectiveStatus.${goal.status}`)}
                {goal.status === 'active' || goal.status === 'future' ? <>. {t('goal.doBy')}: {date(goal.dueBy)}</> : null}
              </p>
              {goal.steps.length ? (
                <ol className="govuk-list govuk-list--number">
                  {goal.steps.map((step) => (
                    <li key={step.id}>
                      {read(`step.${step.id}`)} {t('goal.stepWho', { who: t(`actor.${step.actor}`) })}. {t(`stepStatus.${step.status}`)}.
                      {step.dueBy ? <> {t('goal.doBy')}: {date(step.dueBy)}.</> : null}
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="govuk-body">{t('goal.stepsNone')}</p>
              )}
            </div>
          ))}
        </section>
      ))}

      <h2 className="govuk-heading-l">{t('print.datesTitle')}</h2>
      <dl className="govuk-summary-list">
        {keyDateNames.map((name) =>
          plan.keyDates[name] ? (
            <div className="govuk-summary-list__row" key={name}>
              <dt className="govuk-summary-list__key">{t(`keyDates.${name}`)}</dt>
              <dd className="govuk-summary-list__value">{date(plan.keyDates[name])}</dd>
            </div>
          ) : null,
        )}
      </dl>

      <h2 className="govuk-heading-l">{t('print.reviewsDueTitle')}</h2>
      {due.length === 0 ? <p className="govuk-body">{t('print.noneYet')}</p> : null}
      <ul className="govuk-list govuk-list--bullet">
        {due.map((review) => (
          <li key={review.rule}>
            {reviewTitle(t, review)}: {t(`reviews.tag.${review.state}`)}. {reviewWhen(t, review, today, lng)}
          </li>
        ))}
      </ul>
      <h2 className="govuk-heading-l">{t('print.reviewsDoneTitle')}</h2>
      {done.length === 0 ? <p className="govuk-body">{t('print.noneYet')}</p> : null}
      <ul className="govuk-list govuk-list--bullet">
        {done.map((review) => (
          <li key={review.id}>
            {t('timeline.reviewDone', { kind: t(`reviewKind.${review.kind}`), who: t(`reviewBy.${review.by}`) })}: {date(review.on)}
          </li>
        ))}
      </ul>
      <Link className="govuk-back-link app-no-print" to={appRoutes.plan}>
        {t('print.back')}
      </Link>
    </>
  );
}

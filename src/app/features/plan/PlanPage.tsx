import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../domain/plan.ts';
import { goalGroups, stepProgress, timeline } from '../../../domain/plan-summary.ts';
import { evaluateReviews } from '../../../domain/reviews/index.ts';
import { formatDate } from '../../../format/index.ts';
import { appRoutes } from '../../routes.ts';
import { goalPath } from '../../later-paths.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { goalMark } from '../../plan-view/marks.ts';
import { Mark } from '../../plan-view/Mark.tsx';
import { type Block, usePageScript } from '../../plan-view/page-script.tsx';
import type { PlanView } from '../../plan-view/plan-data.ts';
import { PlanNotices } from '../../plan-view/PlanNotices.tsx';
import { planShortcuts } from '../../plan-view/review-words.ts';
import { entryKey, entryLabel } from '../../plan-view/timeline-words.ts';
import { usePlanPage } from '../../plan-view/use-plan-page.ts';
import { countdown } from '../../plan-view/when.ts';
import { Page } from '../../ui/Page.tsx';
import { ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import '../../plan-view/plan-view.scss';
import { Link } from '../../ui/Link.tsx';

/** The read-aloud keys of this page's own blocks. */
const at = { agreement: 'agreement', datesTitle: 'datesTitle', goalsTitle: 'goalsTitle' } as const;

/** The person's own plan: goals grouped by where they are, the next dates, and where to go from here. */
export function PlanPage() {
  const { t } = useTranslation('plan');
  return <RequireSignIn title={t('title')}>{(person) => <PlanOverview person={person} />}</RequireSignIn>;
}

function PlanOverview({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('plan');
  const page = usePlanPage(person, { glossaries: false });
  const { view } = page;
  return (
    <Page title={t('title')}>
      {view.state === 'loading' ? <p className="govuk-body">{t('loading')}</p> : null}
      {view.state === 'failed' || (view.state === 'ready' && view.value.plan === null) ? <p className="govuk-body">{t('notYet')}</p> : null}
      {view.state === 'ready' && view.value.plan ? <Overview person={person} view={view.value} plan={view.value.plan} page={page} /> : null}
    </Page>
  );
}

const upcomingShown = 3;

function Overview({ person, view, plan, page }: { person: ActivePerson; view: PlanView; plan: Plan; page: ReturnType<typeof usePlanPage> }) {
  const { t, lng, today, glossaries } = page;
  const groups = goalGroups(plan);
  const dates = timeline(plan, evaluateReviews(plan, today), today);
  const upcoming = [...dates.late.map((due) => ({ kind: 'reviewDue' as const, date: due.window!.due, due })), ...dates.coming].slice(0, upcomingShown);

  const blocks: Block[] = [{ key: at.agreement, text: t(`agreement.${plan.agreement}`) }, { key: at.goalsTitle, text: t('overview.goalsTitle') }];
  for (const { group, goals } of groups) {
    blocks.push({ key: `group.${group}`, text: t(`overview.groups.${group}`) });
    for (const goal of goals) blocks.push({ key: `goal.${goal.id}`, text: goal.title, staff: true, plain: true });
  }
  blocks.push({ key: at.datesTitle, text: t('overview.datesTitle') });
  for (const entry of upcoming) blocks.push({ key: `entry.${entryKey(entry)}`, text: entryLabel(t, entry) });
  const { script, read, showsStaffEnglish } = usePageScript(blocks, lng, glossaries);

  return (
    <>
      <PlanNotices person={person} view={view} showsStaffEnglish={showsStaffEnglish} />
      <ReadAloud key={`plan|${lng}|${glossaries ? 1 : 0}`} script={script} />
      <p className="govuk-body">{read(at.agreement)}</p>
      {plan.agreement === 'notAgreed' ? (
        <Link className="govuk-button govuk-button--secondary" to={planShortcuts.notAgreed}>
          {t('agreement.tellOmu')}
        </Link>
      ) : null}

      <h2 className="govuk-heading-l">{read(at.goalsTitle)}</h2>
      {groups.length === 0 ? <p className="govuk-body">{t('overview.goalsNone')}</p> : null}
      {groups.map(({ group, goals }) => (
        <section key={group} aria-labelledby={`group-${group}`}>
          <h3 className="govuk-heading-m" id={`group-${group}`}>
            {read(`group.${group}`)}
          </h3>
          <ul className="app-plan-list">
            {goals.map((goal) => {
              const { done, total } = stepProgress(goal);
              return (
                <li key={goal.id} className={`app-plan-card app-plan-card--${group}`}>
                  <h4 className="govuk-heading-s govuk-!-margin-bottom-2">
                    <Link className="govuk-link" to={goalPath(goal.id)}>
                      {read(`goal.${goal.id}`)}
                    </Link>
                    <Mark mark={goalMark(view.changes, goal.id)} />
                  </h4>
                  <p className="govuk-body govuk-!-margin-bottom-1">{total === 0 ? t('overview.noSteps') : t('overview.progress', { done, total })}</p>
                  <p className="govuk-body govuk-!-margin-bottom-0">
                    {goal.status === 'achieved'
                      ? goal.achievedOn
                        ? t('overview.doneOn', { date: formatDate(goal.achievedOn, lng) })
                        : t('objectiveStatus.achieved')
                      : goal.status === 'removed'
                        ? t('objectiveStatus.removed')
                        : t('overview.doBy', { date: formatDate(goal.dueBy, lng), countdown: countdown(goal.dueBy, today, lng) })}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}

      <h2 className="govuk-heading-l">{read(at.datesTitle)}</h2>
      {upcoming.length === 0 ? <p className="govuk-body">{t('overview.datesNone')}</p> : null}
      <ul className="govuk-list">
        {upcoming.map((entry) => (
          <li key={entryKey(entry)}>
            <strong>{read(`entry.${entryKey(entry)}`)}</strong>
            {': '}
            {formatDate(entry.date, lng)} ({countdown(entry.date, today, lng)})
            {entry.kind === 'reviewDue' && entry.due.state === 'looksLate' ? (
              <>
                {' '}
                <strong className="govuk-tag govuk-tag--red">{t('reviews.tag.looksLate')}</strong>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <ul className="app-link-list app-no-print">
        <li>
          <Link className="govuk-link" to={appRoutes.planTimeline}>
            {t('overview.datesLink')}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={appRoutes.planPrint}>
            {t('overview.printLink')}
          </Link>
        </li>
      </ul>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import type { PlanChange } from '../../../domain/plan-changes.ts';
import type { Plan } from '../../../domain/plan.ts';
import { timeline, yourNextSteps } from '../../../domain/plan-summary.ts';
import { evaluateReviews } from '../../../domain/reviews/index.ts';
import { formatDate } from '../../../format/index.ts';
import { appRoutes } from '../../routes.ts';
import { goalPath } from '../../later-paths.ts';
import { NewRepliesNotice } from '../../session/new-replies.tsx';
import type { ActivePerson } from '../../session/session-context.ts';
import { DueReviewItem, reviewBlocks } from '../../plan-view/DueReviewItem.tsx';
import { type Block, usePageScript } from '../../plan-view/page-script.tsx';
import type { PlanView } from '../../plan-view/plan-data.ts';
import { PlanNotices } from '../../plan-view/PlanNotices.tsx';
import { entryKey, entryLabel } from '../../plan-view/timeline-words.ts';
import { usePlanPage } from '../../plan-view/use-plan-page.ts';
import { countdown } from '../../plan-view/when.ts';
import { Page } from '../../ui/Page.tsx';
import { ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import '../../plan-view/plan-view.scss';
import { Link } from '../../ui/Link.tsx';

/** The read-aloud keys of this page's own blocks. */
const at = { changes: 'changes', coming: 'coming', hello: 'hello', late: 'late', steps: 'steps' } as const;

/**
 * The signed-in home: what to do next, by when, and whether anything looks late. One big action
 * ("See my plan"), then anything that looks late (each with "Ask the OMU about this"), the
 * person's own steps due soonest, the nearest dates, and what changed since they last looked.
 * Loaded with its own chunk when someone signs in: the first page stays as small as it was.
 */
export function WhatsNext({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('plan');
  const page = usePlanPage(person);
  const { view } = page;
  return (
    <Page title={t('whatsNext.title')}>
      {view.state === 'ready' && view.value.plan ? (
        <Summary person={person} view={view.value} plan={view.value.plan} page={page} />
      ) : (
        <>
          {person.displayName ? <p className="govuk-body-l">{t('whatsNext.hello', { name: person.displayName })}</p> : null}
          <p className="govuk-body">{view.state === 'loading' ? t('loading') : t('notYet')}</p>
          <SeeMyPlan />
          <NewRepliesNotice />
        </>
      )}
    </Page>
  );
}

function SeeMyPlan() {
  const { t } = useTranslation('plan');
  return (
    <Link className="govuk-button app-big-action" to={appRoutes.plan}>
      {t('whatsNext.seeMyPlan')}
    </Link>
  );
}

const stepsShown = 3;
const datesShown = 4;

/** The goal or step a change is about, and the words for it (staff's). */
function changeSubject(plan: Plan, change: PlanChange): string | null {
  if (change.kind === 'keyDateMoved') return null;
  const goal = plan.objectives.find((o) => o.id === change.objectiveId);
  if (!goal) return null;
  if ('stepId' in change) return goal.steps.find((s) => s.id === change.stepId)?.description ?? null;
  return goal.title;
}

function Summary({ person, view, plan, page }: { person: ActivePerson; view: PlanView; plan: Plan; page: ReturnType<typeof usePlanPage> }) {
  const { t, lng, today, glossaries } = page;
  const date = (value: string) => formatDate(value, lng);
  const dates = timeline(plan, evaluateReviews(plan, today), today);
  const steps = yourNextSteps(plan, stepsShown);
  const coming = dates.coming.slice(0, datesShown);
  const changeWords = (change: PlanChange): string => {
    const values = { from: 'from' in change && change.from ? date(change.from) : '', to: 'to' in change && change.to ? date(change.to) : '' };
    if (change.kind === 'keyDateMoved') {
      const name = t(`keyDates.${change.name}`);
      return !change.from ? t('changes.keyDateSet', { name, to: values.to }) : !change.to ? t('changes.keyDateRemoved', { name, from: values.from }) : t('changes.keyDateMoved', { name, ...values });
    }
    if (change.kind === 'stepDateMoved') return !change.from ? t('changes.stepDateSet', values) : !change.to ? t('changes.stepDateRemoved', values) : t('changes.stepDateMoved', values);
    return t(`changes.${change.kind}`, values);
  };

  const blocks: Block[] = [
    ...(person.displayName ? [{ key: at.hello, text: t('whatsNext.hello', { name: person.displayName }) }] : []),
    ...(dates.late.length ? [{ key: at.late, text: t('whatsNext.lateTitle') }] : []),
    ...dates.late.flatMap((due) => reviewBlocks(t, lng, 'late', due, today)),
    { key: at.steps, text: t('whatsNext.stepsTitle') },
    ...steps.flatMap(({ step, objective, due, dueIsGoals }) => [
      { key: `step.${step.id}`, text: step.description, staff: true },
      { key: `step.${step.id}.goal`, text: objective.title, staff: true, plain: true },
      { key: `step.${step.id}.due`, text: t(dueIsGoals ? 'whatsNext.stepDueGoal' : 'whatsNext.stepDue', { date: date(due), countdown: countdown(due, today, lng) }) },
    ]),
    { key: at.coming, text: t('whatsNext.comingTitle') },
    ...coming.map((entry) => ({ key: `coming.${entryKey(entry)}`, text: entryLabel(t, entry) })),
    { key: at.changes, text: t('whatsNext.changesTitle') },
    ...view.changes.flatMap((change, n) => {
      const subject = changeSubject(plan, change);
      return [{ key: `change.${n}`, text: changeWords(change) }, ...(subject ? [{ key: `change.${n}.subject`, text: subject, staff: true }] : [])];
    }),
  ];
  const { script, read, showsStaffEnglish } = usePageScript(blocks, lng, glossaries);

  return (
    <>
      {person.displayName ? <p className="govuk-body-l">{read(at.hello)}</p> : null}
      <SeeMyPlan />
      <NewRepliesNotice />
      <PlanNotices person={person} view={view} showsStaffEnglish={showsStaffEnglish} />
      <ReadAloud key={`whatsNext|${lng}|${glossaries ? 1 : 0}`} script={script} />

      {dates.late.length ? (
        <section aria-labelledby="whats-next-late">
          <h2 className="govuk-heading-l" id="whats-next-late">
            {read(at.late)}
          </h2>
          <ul className="app-plan-list">
            {dates.late.map((due) => (
              <DueReviewItem key={due.rule} review={due} today={today} prefix="late" read={read} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="whats-next-steps">
        <h2 className="govuk-heading-l" id="whats-next-steps">
          {read(at.steps)}
        </h2>
        {steps.length === 0 ? <p className="govuk-body">{t('whatsNext.stepsNone')}</p> : null}
        <ul className="app-plan-list">
          {steps.map(({ step, objective }) => (
            <li key={step.id} className="app-plan-card app-plan-card--now">
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{read(`step.${step.id}`)}</p>
              <p className="govuk-body govuk-!-margin-bottom-1">{read(`step.${step.id}.due`)}</p>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                {t('whatsNext.stepGoal')}{' '}
                <Link className="govuk-link" to={goalPath(objective.id)}>
                  {read(`step.${step.id}.goal`)}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="whats-next-coming">
        <h2 className="govuk-heading-l" id="whats-next-coming">
          {read(at.coming)}
        </h2>
        {coming.length === 0 ? <p className="govuk-body">{t('whatsNext.comingNone')}</p> : null}
        <ul className="govuk-list">
          {coming.map((entry) => (
            <li key={entryKey(entry)}>
              <strong>{countdown(entry.date, today, lng)}</strong> ({date(entry.date)}): {read(`coming.${entryKey(entry)}`)}
            </li>
          ))}
        </ul>
        <p className="govuk-body">
          <Link className="govuk-link" to={appRoutes.planTimeline}>
            {t('whatsNext.allDates')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="whats-next-changes">
        <h2 className="govuk-heading-l" id="whats-next-changes">
          {read(at.changes)}
        </h2>
        {view.changes.length === 0 ? <p className="govuk-body">{t('whatsNext.changesNone')}</p> : null}
        <ul className="govuk-list govuk-list--bullet">
          {view.changes.map((change, n) => (
            <li key={n}>
              {read(`change.${n}`)} {read(`change.${n}.subject`)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

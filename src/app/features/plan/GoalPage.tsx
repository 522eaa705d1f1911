import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Objective } from '../../../domain/plan.ts';
import { formatDate } from '../../../format/index.ts';
import { appRoutes } from '../../routes.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { stepMark } from '../../plan-view/marks.ts';
import { Mark } from '../../plan-view/Mark.tsx';
import { type Block, usePageScript } from '../../plan-view/page-script.tsx';
import type { PlanView } from '../../plan-view/plan-data.ts';
import { PlanNotices } from '../../plan-view/PlanNotices.tsx';
import { planShortcuts } from '../../plan-view/review-words.ts';
import { usePlanPage } from '../../plan-view/use-plan-page.ts';
import { countdown } from '../../plan-view/when.ts';
import { Page } from '../../ui/Page.tsx';
import { ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import { noteKey, notesOf, ProgressNotes } from './ProgressNotes.tsx';
import { useNotes } from '../../plan-view/plan-data.ts';
import '../../plan-view/plan-view.scss';
import { Link } from '../../ui/Link.tsx';

/** The read-aloud keys of this page's own blocks. */
const at = { achieved: 'achieved', measure: 'measure', measureLabel: 'measureLabel', outside: 'outside', outsideLabel: 'outsideLabel', outsideNote: 'outsideNote', steps: 'steps', why: 'why', whyLabel: 'whyLabel' } as const;

const statusTag: Record<Objective['status'], string> = {
  active: 'govuk-tag--blue',
  future: 'govuk-tag--grey',
  achieved: 'govuk-tag--green',
  removed: 'govuk-tag--grey',
};

/** One goal of the plan: how you will know it is done, why it matters, its steps and who helps, and what you have done. */
export function GoalPage() {
  const { t } = useTranslation('plan');
  return <RequireSignIn title={t('goal.caption')}>{(person) => <GoalView person={person} />}</RequireSignIn>;
}

function GoalView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('plan');
  const { objectiveId } = useParams();
  const page = usePlanPage(person);
  const { view } = page;
  const plan = view.state === 'ready' ? view.value.plan : null;
  const goal = plan?.objectives.find((o) => o.id === objectiveId);
  if (view.state === 'ready' && plan && goal) return <Goal person={person} view={view.value} goal={goal} page={page} />;
  return (
    <Page title={t('goal.caption')}>
      {view.state === 'loading' ? <p className="govuk-body">{t('loading')}</p> : null}
      {view.state === 'failed' || (view.state === 'ready' && !plan) ? <p className="govuk-body">{t('notYet')}</p> : null}
      {view.state === 'ready' && plan && !goal ? <p className="govuk-body">{t('goal.notFound')}</p> : null}
      <Link className="govuk-back-link" to={appRoutes.plan}>
        {t('goal.back')}
      </Link>
    </Page>
  );
}

function Goal({ person, view, goal, page }: { person: ActivePerson; view: PlanView; goal: Objective; page: ReturnType<typeof usePlanPage> }) {
  const { t, lng, today, glossaries } = page;
  const [params] = useSearchParams();
  const notes = useNotes(person);
  const date = (value: string) => formatDate(value, lng);
  const blocks: Block[] = [
    { key: 'title', text: goal.title, staff: true },
    ...(goal.status === 'achieved' ? [{ key: at.achieved, text: goal.achievedOn ? t('goal.achievedOn', { date: date(goal.achievedOn) }) : t('goal.achievedText') }] : []),
    { key: at.measureLabel, text: t('goal.measure') },
    { key: at.measure, text: goal.measure, staff: true },
    ...(goal.why ? [{ key: at.whyLabel, text: t('goal.why') }, { key: at.why, text: goal.why, staff: true }] : []),
    ...(goal.outsideControl
      ? [
          { key: at.outsideLabel, text: t('goal.outsideControl') },
          { key: at.outside, text: goal.outsideControl, staff: true },
          { key: at.outsideNote, text: t('goal.outsideControlNote') },
        ]
      : []),
    { key: at.steps, text: t('goal.steps') },
    ...goal.steps.map((step) => ({ key: `step.${step.id}`, text: step.description, staff: true })),
    // What the person wrote about this goal (their own words), read after the steps, as shown.
    ...notesOf(notes, goal).flatMap((row) => (row.note ? [{ key: noteKey(row.view.id), text: row.note.text, plain: true }] : [])),
  ];
  const { script, read, showsStaffEnglish } = usePageScript(blocks, lng, glossaries);
  const stepAsked = params.get('step');

  return (
    <Page title={goal.title} titleContent={<span lang={lng === 'en' ? undefined : 'en'}>{goal.title}</span>}>
      <p className="govuk-caption-m">{t('goal.caption')}</p>
      <PlanNotices person={person} view={view} showsStaffEnglish={showsStaffEnglish} />
      <ReadAloud key={`goal|${goal.id}|${lng}|${glossaries ? 1 : 0}`} script={script} />
      {goal.status === 'achieved' ? (
        <div className="govuk-panel govuk-panel--confirmation app-achieved">
          <h2 className="govuk-panel__title">{t('goal.achievedTitle')}</h2>
          <div className="govuk-panel__body">{read(at.achieved)}</div>
        </div>
      ) : null}
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('goal.status')}</dt>
          <dd className="govuk-summary-list__value">
            <strong className={`govuk-tag ${statusTag[goal.status]}`}>{t(`objectiveStatus.${goal.status}`)}</strong>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{read(at.measureLabel)}</dt>
          <dd className="govuk-summary-list__value">{read(at.measure)}</dd>
        </div>
        {goal.why ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{read(at.whyLabel)}</dt>
            <dd className="govuk-summary-list__value">{read(at.why)}</dd>
          </div>
        ) : null}
        {goal.status === 'active' || goal.status === 'future' ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('goal.doBy')}</dt>
            <dd className="govuk-summary-list__value">{t('goal.doByValue', { date: date(goal.dueBy), countdown: countdown(goal.dueBy, today, lng) })}</dd>
          </div>
        ) : null}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('goal.area')}</dt>
          <dd className="govuk-summary-list__value">{t(`area.${goal.area}`)}</dd>
        </div>
      </dl>
      {goal.outsideControl ? (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{read(at.outsideLabel)}</p>
          <p className="govuk-body">{read(at.outside)}</p>
          <p className="govuk-body">{read(at.outsideNote)}</p>
        </div>
      ) : null}

      <h2 className="govuk-heading-l">{read(at.steps)}</h2>
      {goal.steps.length === 0 ? <p className="govuk-body">{t('goal.stepsNone')}</p> : null}
      <ol className="govuk-list govuk-list--number">
        {goal.steps.map((step) => (
          <li key={step.id} className="app-plan-step">
            <p className="govuk-body govuk-!-margin-bottom-1">
              {read(`step.${step.id}`)}
              <Mark mark={stepMark(view.changes, step.id)} />
            </p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">{t('goal.stepWho', { who: t(`actor.${step.actor}`) })}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              <strong className={`govuk-tag ${step.status === 'completed' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>{t(`stepStatus.${step.status}`)}</strong>
            </p>
            {step.dueBy ? <p className="govuk-body-s">{t('goal.stepBy', { date: date(step.dueBy), countdown: countdown(step.dueBy, today, lng) })}</p> : null}
          </li>
        ))}
      </ol>

      <ProgressNotes goal={goal} stepAsked={stepAsked} notes={notes} read={read} />

      <ul className="app-link-list app-no-print">
        <li>
          <Link className="govuk-link" to={planShortcuts.goalQuestion}>
            {t('goal.ask')}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={appRoutes.plan}>
            {t('goal.back')}
          </Link>
        </li>
      </ul>
    </Page>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../domain/plan.ts';
import { type TimelineEntry, timeline } from '../../../domain/plan-summary.ts';
import { evaluateReviews } from '../../../domain/reviews/index.ts';
import { formatDate } from '../../../format/index.ts';
import { appRoutes } from '../../routes.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
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
const at = { coming: 'coming', intro: 'intro', late: 'late', past: 'past', unknown: 'unknown' } as const;

/** Every key date and review, past and coming, with countdowns; reviews that look late first; what we don't know yet. */
export function TimelinePage() {
  const { t } = useTranslation('plan');
  return <RequireSignIn title={t('timeline.title')}>{(person) => <TimelineView person={person} />}</RequireSignIn>;
}

function TimelineView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('plan');
  const page = usePlanPage(person);
  const { view } = page;
  return (
    <Page title={t('timeline.title')}>
      {view.state === 'loading' ? <p className="govuk-body">{t('loading')}</p> : null}
      {view.state === 'failed' || (view.state === 'ready' && view.value.plan === null) ? <p className="govuk-body">{t('notYet')}</p> : null}
      {view.state === 'ready' && view.value.plan ? <Dates person={person} view={view.value} plan={view.value.plan} page={page} /> : null}
    </Page>
  );
}

function Dates({ person, view, plan, page }: { person: ActivePerson; view: PlanView; plan: Plan; page: ReturnType<typeof usePlanPage> }) {
  const { t, lng, today, glossaries } = page;
  const dates = timeline(plan, evaluateReviews(plan, today), today);
  const entryBlocks = (entries: TimelineEntry[]): Block[] =>
    entries.flatMap((entry) => [
      ...(entry.kind === 'reviewDue' ? reviewBlocks(t, lng, 'coming', entry.due, today) : [{ key: `entry.${entryKey(entry)}`, text: entryLabel(t, entry) }]),
      ...(entry.kind === 'goalDone' ? [{ key: `entry.${entryKey(entry)}.goal`, text: entry.objective.title, staff: true }] : []),
    ]);
  const blocks: Block[] = [
    { key: at.intro, text: t('timeline.intro') },
    ...(dates.late.length ? [{ key: at.late, text: t('timeline.lateTitle') }] : []),
    ...dates.late.flatMap((due) => reviewBlocks(t, lng, 'late', due, today)),
    { key: at.coming, text: t('timeline.comingTitle') },
    ...entryBlocks(dates.coming),
    ...(dates.unknownReviews.length || dates.unknownDates.length ? [{ key: at.unknown, text: t('timeline.unknownTitle') }] : []),
    ...dates.unknownDates.map((name) => ({ key: `unknown.${name}`, text: t('timeline.unknownDate', { name: t(`keyDates.${name}`) }) })),
    ...dates.unknownReviews.flatMap((due) => reviewBlocks(t, lng, 'unknown', due, today)),
    { key: at.past, text: t('timeline.pastTitle') },
    ...entryBlocks(dates.past),
  ];
  const { script, read, showsStaffEnglish } = usePageScript(blocks, lng, glossaries);
  const entryList = (entries: TimelineEntry[], none: string): ReactNode =>
    entries.length === 0 ? (
      <p className="govuk-body">{none}</p>
    ) : (
      <ul className="app-plan-list">
        {entries.map((entry) =>
          entry.kind === 'reviewDue' ? (
            <DueReviewItem key={entryKey(entry)} review={entry.due} today={today} prefix="coming" read={read} />
          ) : (
            <TimelineItem key={entryKey(entry)} entry={entry} today={today} read={read} />
          ),
        )}
      </ul>
    );

  return (
    <>
      <PlanNotices person={person} view={view} showsStaffEnglish={showsStaffEnglish} />
      <ReadAloud key={`timeline|${lng}|${glossaries ? 1 : 0}`} script={script} />
      <p className="govuk-body">{read(at.intro)}</p>
      {dates.late.length ? (
        <section aria-labelledby="timeline-late">
          <h2 className="govuk-heading-l" id="timeline-late">
            {read(at.late)}
          </h2>
          <ul className="app-plan-list">
            {dates.late.map((due) => (
              <DueReviewItem key={due.rule} review={due} today={today} prefix="late" read={read} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="timeline-coming">
        <h2 className="govuk-heading-l" id="timeline-coming">
          {read(at.coming)}
        </h2>
        {entryList(dates.coming, t('timeline.comingNone'))}
      </section>
      {dates.unknownReviews.length || dates.unknownDates.length ? (
        <section aria-labelledby="timeline-unknown">
          <h2 className="govuk-heading-l" id="timeline-unknown">
            {read(at.unknown)}
          </h2>
          <ul className="govuk-list">
            {dates.unknownDates.map((name) => (
              <li key={name}>{read(`unknown.${name}`)}</li>
            ))}
          </ul>
          <ul className="app-plan-list">
            {dates.unknownReviews.map((due) => (
              <DueReviewItem key={due.rule} review={due} today={today} prefix="unknown" read={read} />
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="timeline-past">
        <h2 className="govuk-heading-l" id="timeline-past">
          {read(at.past)}
        </h2>
        {entryList(dates.past, t('timeline.pastNone'))}
      </section>
      <Link className="govuk-back-link app-no-print" to={appRoutes.plan}>
        {t('goal.back')}
      </Link>
    </>
  );
}

function TimelineItem({ entry, today, read }: { entry: TimelineEntry; today: string; read: (key: string) => ReactNode }) {
  const { i18n } = useTranslation('plan');
  const lng = i18n.resolvedLanguage ?? 'en';
  const key = `entry.${entryKey(entry)}`;
  return (
    <li className="app-due-review">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
        <time dateTime={entry.date}>{formatDate(entry.date, lng)}</time> <span className="govuk-body-s">({countdown(entry.date, today, lng)})</span>
      </h3>
      <p className="govuk-body govuk-!-margin-bottom-1">{read(key)}</p>
      {entry.kind === 'goalDone' ? <p className="govuk-body govuk-!-margin-bottom-1">{read(`${key}.goal`)}</p> : null}
    </li>
  );
}

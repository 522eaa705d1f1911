import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { questionsOf } from '../../../domain/questionnaire.ts';
import { formatDate } from '../../../format/index.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { StoreDamageNotice } from '../../session/StoreDamageNotice.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { Page } from '../../ui/Page.tsx';
import { RadioGroup } from '../../ui/RadioGroup.tsx';
import { useQuestionnaire } from './context.tsx';
import { answeredCount, isEmpty, type Mode } from './draft.ts';
import { checkPath, partPath, questionPath, sentPath } from './paths.ts';
import { type SentQuestionnaire, useSentQuestionnaires } from './sent.ts';
import { useSetWords } from './words.ts';
import { Link } from '../../ui/Link.tsx';

/** The start: what it is, how to see the questions, where the person got to, the parts, and those sent. */
export function StartPage({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('forms');
  const { set, draft, update } = useQuestionnaire();
  const words = useSetWords(set);
  const saved = (useLocation().state as { saved?: boolean } | null)?.saved === true;
  const first = set.sections[0]!;
  const startAt = draft.at ?? { section: first.id, question: 0 };
  const resume = draft.mode === 'one' ? questionPath(startAt.section, startAt.question + 1) : partPath(startAt.section);
  const total = questionsOf(set).length;
  return (
    <Page title={t('questionnaire.title')}>
      <StoreDamageNotice person={person} />
      {saved ? (
        <NotificationBanner title={t('questionnaire.saved.title')} className="govuk-notification-banner--success">
          <p className="govuk-notification-banner__heading">{t('questionnaire.saved.text')}</p>
        </NotificationBanner>
      ) : null}
      <p className="govuk-body">{t('questionnaire.intro')}</p>
      <p className="govuk-body">{t('questionnaire.howLong', { count: total })}</p>
      <p className="govuk-body">{t('questionnaire.saving')}</p>
      <RadioGroup<Mode>
        id="questionnaire-mode"
        name="mode"
        legend={t('questionnaire.modeLegend')}
        value={draft.mode}
        onChange={(mode) => update({ ...draft, mode })}
        options={[
          { value: 'one', label: t('questionnaire.mode.one') },
          { value: 'section', label: t('questionnaire.mode.section') },
        ]}
      />
      <Link className="govuk-button app-questionnaire-start" to={resume}>
        {isEmpty(draft) ? t('questionnaire.start') : t('questionnaire.carryOn')}
      </Link>
      <h2 className="govuk-heading-m">{t('questionnaire.partsTitle')}</h2>
      <ol className="govuk-list govuk-list--number">
        {set.sections.map((section) => (
          <li key={section.id}>
            <Link className="govuk-link" to={draft.mode === 'one' ? questionPath(section.id, 1) : partPath(section.id)}>
              {words.sectionTitle(section.id)}
            </Link>{' '}
            <span className="govuk-body-s">{t('questionnaire.partProgress', { answered: answeredCount(section.questions, draft.answers), total: section.questions.length })}</span>
          </li>
        ))}
      </ol>
      {isEmpty(draft) ? null : (
        <p className="govuk-body">
          <Link className="govuk-link" to={checkPath}>
            {t('questionnaire.checkLink')}
          </Link>
        </p>
      )}
      <SentList person={person} />
    </Page>
  );
}

const stateTag: Record<SentQuestionnaire['view']['state'], string> = {
  waiting: 'govuk-tag--yellow',
  sending: 'govuk-tag--blue',
  sent: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  unreadable: 'govuk-tag--orange',
};

function SentList({ person }: { person: ActivePerson }) {
  const { t, i18n } = useTranslation('forms');
  const sent = useSentQuestionnaires(person);
  const lng = i18n.resolvedLanguage;
  if (sent.state !== 'ready') return null;
  const dateOf = (item: SentQuestionnaire) => formatDate(item.answers?.completedOn ?? item.view.createdAt, lng);
  return (
    <section>
      <h2 className="govuk-heading-m">{t('questionnaire.sentTitle')}</h2>
      {sent.value.length === 0 ? <p className="govuk-body">{t('questionnaire.sentNone')}</p> : null}
      <ul className="govuk-list app-sent-questionnaires">
        {sent.value.map((item, index) => (
          <li key={item.view.id} className="app-sent-questionnaire">
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>{t('questionnaire.filledIn', { date: dateOf(item) })}</strong>
            </p>
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong className={`govuk-tag ${stateTag[item.view.state]}`}>{t(`questionnaire.state.${item.view.state}`)}</strong>
            </p>
            {item.replacedBy ? (
              <p className="govuk-body-s">{t('questionnaire.replaced', { date: dateOf(item.replacedBy) })}</p>
            ) : index === sent.value.findIndex((other) => other.view.state !== 'rejected' && other.view.state !== 'unreadable') ? (
              <p className="govuk-body-s">{t('questionnaire.newest')}</p>
            ) : null}
            <Link className="govuk-link" to={sentPath(item.view.id)}>
              {t('questionnaire.view')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

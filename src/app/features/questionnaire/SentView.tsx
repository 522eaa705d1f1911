import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isAnswered, type QuestionnaireAnswers } from '../../../domain/questionnaire.ts';
import { questionSets } from '../../../domain/questionnaire-sets.ts';
import { formatDate } from '../../../format/index.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { Button } from '../../../ui/Button.tsx';
import { Page } from '../../ui/Page.tsx';
import { useQuestionnaire } from './context.tsx';
import { fromSubmission, isEmpty } from './draft.ts';
import { checkPath, startPath } from './paths.ts';
import { type SentQuestionnaire, useSentQuestionnaires } from './sent.ts';
import { useSetWords } from './words.ts';
import { Link } from '../../ui/Link.tsx';

/** One self-assessment the person sent (or that waits to go), dated, with every answer. */
export function SentView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('forms');
  const { id } = useParams();
  const sent = useSentQuestionnaires(person);
  if (sent.state !== 'ready') return null;
  const item = sent.value.find((entry) => entry.view.id === id);
  if (!item?.answers) {
    return (
      <Page title={t('questionnaire.title')}>
        <p className="govuk-body">{item?.view.state === 'unreadable' ? t('questionnaire.unreadable') : t('questionnaire.viewNotFound')}</p>
        <Link className="govuk-link" to={startPath}>
          {t('questionnaire.backToStart')}
        </Link>
      </Page>
    );
  }
  return <Answers item={item} answers={item.answers} />;
}

function Answers({ item, answers }: { item: SentQuestionnaire; answers: QuestionnaireAnswers }) {
  const { t, i18n } = useTranslation('forms');
  const navigate = useNavigate();
  const { draft, update } = useQuestionnaire();
  const [inTheWay, setInTheWay] = useState(false);
  const set = questionSets.get(answers.questionSet)!;
  const words = useSetWords(set);
  const lng = i18n.resolvedLanguage;
  const rejection = item.view.state === 'rejected' ? item.view.rejection : undefined;
  // A turned-down one comes back to change, unless a new one is being filled in (never overwritten).
  const change = () => {
    if (!isEmpty(draft) && draft.replaces !== answers.id) return setInTheWay(true);
    update(fromSubmission(answers, draft.mode));
    void navigate(checkPath);
  };
  return (
    <Page title={t('questionnaire.viewTitle', { date: formatDate(answers.completedOn, lng) })}>
      <p className="govuk-body">
        <strong className="govuk-tag">{t(`questionnaire.state.${item.view.state}`)}</strong>
      </p>
      {item.replacedBy?.answers ? <p className="govuk-body">{t('questionnaire.replaced', { date: formatDate(item.replacedBy.answers.completedOn, lng) })}</p> : null}
      {rejection ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            {rejection.code === 'tooBig'
              ? t('questionnaire.rejectedTooBig')
              : rejection.message !== undefined
                ? t('questionnaire.rejectedReason', { message: rejection.message })
                : t('rejected.reasonUnreadable')}
          </p>
          <Button variant="secondary" onClick={change}>
            {t('questionnaire.rejectedChange')}
          </Button>
          {inTheWay ? (
            <p className="govuk-body" role="alert">
              {t('questionnaire.draftInTheWay')}
            </p>
          ) : null}
        </div>
      ) : null}
      {set.sections.map((section) => (
        <section key={section.id}>
          <h2 className="govuk-heading-m">{words.sectionTitle(section.id)}</h2>
          <dl className="govuk-summary-list">
            {section.questions.map((question) => {
              const answer = answers.answers[question.id];
              return (
                <div className="govuk-summary-list__row" key={question.id}>
                  <dt className="govuk-summary-list__key">{words.question(question.id)}</dt>
                  <dd className="govuk-summary-list__value">
                    {answer?.choice ? <p className="govuk-body govuk-!-margin-bottom-1">{words.choice(answer.choice)}</p> : null}
                    {answer?.note ? <p className="govuk-body app-answer-note">{answer.note}</p> : null}
                    {!isAnswered(question, answer) ? <p className="govuk-body">{t('questionnaire.check.notAnswered')}</p> : null}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
      <Link className="govuk-link" to={startPath}>
        {t('questionnaire.backToStart')}
      </Link>
    </Page>
  );
}

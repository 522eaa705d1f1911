import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Button } from '../../ui/Button.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { useStaffSession } from '../session/session-context.ts';
import { formatDate } from '../ui/dates.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import type { Answer } from '../../domain/questionnaire.ts';
import { questionSets } from '../../domain/questionnaire-sets.ts';
import type { StaffQuestionnaireDetail } from '../../domain/staff.ts';
import { choiceWords, questionWords, sectionTitle } from './question-words.ts';

/** One questionnaire to read, and to print (the print shows no menu or buttons). */
export function QuestionnairePage() {
  const { t, i18n } = useTranslation('staff');
  const lang = i18n.language;
  const { id = '' } = useParams();
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.getQuestionnaire(id), id);
  const q = loaded.state === 'ready' ? loaded.data : null;
  return (
    <StaffPage title={q ? t('questionnaire.title', { name: q.person.displayName }) : t('questionnaire.titleLoading')} caption={q?.person.prisonNumber}>
      <p className="govuk-body staff-no-print">
        <Link className="govuk-link" to="/questionnaires">
          {t('questionnaire.back')}
        </Link>
      </p>
      <LoadState loaded={loaded} />
      {q ? (
        <>
          <SummaryList
            rows={[
              { key: t('questionnaire.completed'), value: formatDate(q.completedOn, lang) },
              { key: t('questionnaire.received'), value: formatDate(q.receivedAt, lang) },
              { key: t('questionnaire.set'), value: q.questionSet },
              ...(q.replacedBy ? [{ key: t('questionnaire.replaced'), value: <Link className="govuk-link" to={`/questionnaires/${q.replacedBy}`}>{t('questionnaire.replacedLink')}</Link> }] : []),
            ]}
          />
          <Button variant="secondary" onClick={() => window.print()}>
            {t('questionnaire.print')}
          </Button>
          <h2 className="govuk-heading-m">{t('questionnaire.answersTitle')}</h2>
          <Answers questionnaire={q} lang={lang} />
        </>
      ) : null}
    </StaffPage>
  );
}

/** The answers grouped by the set's sections, in its order (any answer the set does not know comes last, by its id). */
function Answers({ questionnaire, lang }: { questionnaire: StaffQuestionnaireDetail; lang: string }) {
  const set = questionSets.get(questionnaire.questionSet);
  const sections = (set?.sections ?? []).map((section) => ({
    id: section.id,
    title: sectionTitle(questionnaire.questionSet, section.id, lang) ?? section.id,
    questions: section.questions.map((question) => question.id).filter((id) => questionnaire.answers[id] !== undefined),
  }));
  const known = new Set(sections.flatMap((section) => section.questions));
  const rest = Object.keys(questionnaire.answers).filter((id) => !known.has(id));
  const groups = [...sections.filter((section) => section.questions.length > 0), ...(rest.length > 0 ? [{ id: 'other', title: '', questions: rest }] : [])];
  return (
    <>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={group.title ? `section-${group.id}` : undefined}>
          {group.title ? (
            <h3 className="govuk-heading-s" id={`section-${group.id}`}>
              {group.title}
            </h3>
          ) : null}
          <dl className="govuk-summary-list">
            {group.questions.map((questionId) => (
              <AnswerRow key={questionId} questionSet={questionnaire.questionSet} questionId={questionId} answer={questionnaire.answers[questionId]!} lang={lang} />
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

function AnswerRow({ questionSet, questionId, answer, lang }: { questionSet: string; questionId: string; answer: Answer; lang: string }) {
  const { t } = useTranslation('staff');
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{questionWords(questionSet, questionId, lang) ?? questionId}</dt>
      <dd className="govuk-summary-list__value">
        {answer.choice ? (
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {choiceWords(questionSet, answer.choice, lang) ?? t(`questionnaire.choice.${answer.choice}` as 'questionnaire.choice.agree', { defaultValue: answer.choice })}
          </p>
        ) : null}
        {answer.note ? <p className="govuk-body staff-written govuk-!-margin-bottom-0">{answer.note}</p> : null}
        {!answer.choice && !answer.note ? <p className="govuk-body govuk-!-margin-bottom-0">{t('questionnaire.noAnswer')}</p> : null}
      </dd>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isAnswered, QuestionnaireAnswers, questionnaireIssues, unansweredRequired } from '../../../domain/questionnaire.ts';
import { maxOutboxItemBytes, type OutboxItem, outboxItemBytes } from '../../../domain/sync.ts';
import { textIssues, withoutNotAllowed } from '../../../domain/text.ts';
import { todayInLondon } from '../../../format/index.ts';
import { useSession } from '../../session/session-context.ts';
import { newClientId } from '../../sync/ids.ts';
import { Button } from '../../../ui/Button.tsx';
import { Page } from '../../ui/Page.tsx';
import { useQuestionnaire } from './context.tsx';
import { draftName, emptyDraft, placeOf, placesOf, toSubmission } from './draft.ts';
import { placePath, startPath } from './paths.ts';
import { type SetWords, useSetWords } from './words.ts';
import { Link } from '../../ui/Link.tsx';

type Problem = { questionId: string | null; text: string };

/**
 * The answers checked before sending, with the shared schema (what the service will check): a
 * note too long, hidden characters pasted in (taken out, and said), everything too big to send
 * together. Each problem names its question and links to it.
 */
function problemsOf(submission: QuestionnaireAnswers, words: SetWords, t: (key: string, options?: Record<string, unknown>) => string): Problem[] {
  const parsed = QuestionnaireAnswers.safeParse(submission);
  const problems: Problem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [where, id] = issue.path;
      const questionId = where === 'answers' && typeof id === 'string' ? id : null;
      if (issue.message === questionnaireIssues.noteTooLong && questionId)
        problems.push({ questionId, text: t('questionnaire.check.noteTooLong', { question: words.question(questionId) }) });
      else if (issue.message === textIssues.controlCharacters) problems.push({ questionId, text: t('errors.hiddenCharacters') });
      else if (issue.message === questionnaireIssues.tooBig) problems.push({ questionId: null, text: t('questionnaire.check.tooBig') });
    }
  } else if (outboxItemBytes({ id: submission.id, kind: 'questionnaire', createdAt: submission.createdAt, payload: submission }) > maxOutboxItemBytes) {
    problems.push({ questionId: null, text: t('questionnaire.check.tooBig') });
  }
  // One line for each question (hidden characters may be in several notes).
  return problems.filter((problem, i) => problems.findIndex((other) => other.text === problem.text && other.questionId === problem.questionId) === i);
}

/** "Check your answers": every answer with a link to change it; what still needs an answer, named and linked; then "Send". */
export function CheckPage() {
  const { t } = useTranslation('forms');
  const navigate = useNavigate();
  const { submit } = useSession();
  const { set, draft, update } = useQuestionnaire();
  const words = useSetWords(set);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const missing = unansweredRequired(set, draft.answers);
  const places = placesOf(set);
  const empty = places.filter((place) => !place.question.required && !isAnswered(place.question, draft.answers[place.question.id]));
  const linkTo = (questionId: string) => placePath(draft.mode, placeOf(set, questionId)!);

  async function send() {
    if (busy) return;
    if (missing.length > 0) {
      setProblems(missing.map((question) => ({ questionId: question.id, text: t('errors.fieldRequired', { question: words.question(question.id) }) })));
      setAttempt((n) => n + 1);
      return;
    }
    const id = newClientId();
    const createdAt = new Date().toISOString();
    const submission = toSubmission(draft, { id, createdAt, completedOn: todayInLondon() });
    const found = problemsOf(submission, words, t as never);
    if (found.some((problem) => problem.text === t('errors.hiddenCharacters'))) {
      // Pasted hidden characters cannot be sent: they are taken out (nothing visible changes).
      update({ ...draft, answers: Object.fromEntries(Object.entries(draft.answers).map(([key, answer]) => [key, answer.note ? { ...answer, note: withoutNotAllowed(answer.note) } : answer])) });
    }
    setProblems(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    setBusy(true);
    const item: OutboxItem = { id, kind: 'questionnaire', createdAt, payload: submission };
    try {
      // The answers, their outbox row and the end of the draft: one transaction.
      await submit(item, { clearDraft: draftName });
    } catch {
      setBusy(false);
      return;
    }
    update(emptyDraft(set, draft.mode));
    void navigate(startPath, { state: { saved: true } });
  }

  return (
    <Page title={t('questionnaire.check.title')}>
      <ProblemSummary problems={problems} linkTo={linkTo} attempt={attempt} />
      {missing.length > 0 ? (
        <div className="govuk-inset-text app-missing">
          <h2 className="govuk-heading-m">{t('questionnaire.check.missingTitle')}</h2>
          <p className="govuk-body">{t('questionnaire.check.missingText')}</p>
          <ul className="govuk-list">
            {missing.map((question) => (
              <li key={question.id}>
                <Link className="govuk-link" to={linkTo(question.id)}>
                  {words.question(question.id)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {set.sections.map((section) => (
        <section key={section.id}>
          <h2 className="govuk-heading-m">{words.sectionTitle(section.id)}</h2>
          <dl className="govuk-summary-list">
            {section.questions.map((question) => {
              const answer = draft.answers[question.id];
              return (
                <div className="govuk-summary-list__row" key={question.id}>
                  <dt className="govuk-summary-list__key">{words.question(question.id)}</dt>
                  <dd className="govuk-summary-list__value">
                    {answer?.choice ? <p className="govuk-body govuk-!-margin-bottom-1">{words.choice(answer.choice)}</p> : null}
                    {answer?.note?.trim() ? <p className="govuk-body app-answer-note">{answer.note}</p> : null}
                    {!isAnswered(question, answer) ? <p className="govuk-body">{t('questionnaire.check.notAnswered')}</p> : null}
                  </dd>
                  <dd className="govuk-summary-list__actions">
                    <Link className="govuk-link" to={linkTo(question.id)}>
                      {t('questionnaire.check.change')}{' '}
                      <span className="govuk-visually-hidden">{t('questionnaire.check.changeQuestion', { question: words.question(question.id) })}</span>
                    </Link>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
      {empty.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">{t('questionnaire.check.emptyTitle')}</h2>
          <p className="govuk-body">{t('questionnaire.check.emptyText')}</p>
          <ul className="govuk-list">
            {empty.map((place) => (
              <li key={place.question.id}>
                <Link className="govuk-link" to={linkTo(place.question.id)}>
                  {words.question(place.question.id)}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="govuk-heading-m">{t('questionnaire.check.sendTitle')}</h2>
      <p className="govuk-body">{t('questionnaire.check.sendText')}</p>
      <Button id="questionnaire-send" disabled={busy} onClick={() => void send()}>
        {t('questionnaire.check.send')}
      </Button>
    </Page>
  );
}

/**
 * What stops sending, at the top, each linked to its question (which may be on another page), and
 * taking focus each time "Send" is pressed, as GOV.UK's error summary does.
 */
function ProblemSummary({ problems, linkTo, attempt }: { problems: Problem[]; linkTo: (questionId: string) => string; attempt: number }) {
  const { t } = useTranslation('forms');
  const box = useRef<HTMLDivElement>(null);
  const shown = problems.length > 0;
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown, attempt]);
  if (!shown) return null;
  return (
    <div className="govuk-error-summary" tabIndex={-1} ref={box}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{t('errors.title')}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {problems.map((problem) => (
              <li key={`${problem.questionId}-${problem.text}`}>{problem.questionId ? <Link to={linkTo(problem.questionId)}>{problem.text}</Link> : problem.text}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

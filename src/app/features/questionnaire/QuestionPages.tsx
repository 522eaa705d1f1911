import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { Readable, ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import { type BlockSource, buildScript } from '../../read-aloud/script.ts';
import { Page } from '../../ui/Page.tsx';
import { useQuestionnaire } from './context.tsx';
import { placesOf, withAnswer } from './draft.ts';
import { checkPath, partPath, placePath, startPath } from './paths.ts';
import { questionBlocks, QuestionField } from './QuestionField.tsx';
import { useSetWords } from './words.ts';
import { Link } from '../../ui/Link.tsx';

const noGlossary = {};

function NotFound() {
  const { t } = useTranslation('forms');
  return (
    <Page title={t('questionnaire.title')}>
      <p className="govuk-body">{t('questionnaire.partNotFound')}</p>
      <Link className="govuk-link" to={startPath}>
        {t('questionnaire.backToStart')}
      </Link>
    </Page>
  );
}

/** Keeps where the person is, so they come back here after a reload or a new sign-in. */
function useRememberPlace(section: string | undefined, question: number) {
  const { draft, update } = useQuestionnaire();
  useEffect(() => {
    if (!section || (draft.at?.section === section && draft.at.question === question)) return;
    update({ ...draft, at: { section, question } });
  }, [draft, update, section, question]);
}

/** One question on its own page, with where it is in the whole (a bar and "Question 7 of 31"). */
export function QuestionScreen() {
  const { t } = useTranslation('forms');
  const { set, draft, update } = useQuestionnaire();
  const words = useSetWords(set);
  const { section: sectionId, n } = useParams();
  const places = placesOf(set);
  const index = places.findIndex((place) => place.section === sectionId && place.inSection + 1 === Number(n));
  const place = index >= 0 ? places[index]! : undefined;
  useRememberPlace(place?.section, place?.inSection ?? 0);
  const labels = { statementHint: t('questionnaire.statementHint'), openHint: t('questionnaire.openHint'), noteLabel: t('questionnaire.noteLabel') };
  const caption = place ? `${t('questionnaire.partCaption', { number: place.sectionNumber, total: set.sections.length })}: ${words.sectionTitle(place.section)}` : '';
  // The part's opening words go with its first question.
  const intro = place?.inSection === 0 ? words.sectionIntro(place.section) : null;
  const script = useMemo(
    () =>
      place
        ? buildScript(
            [
              { key: 'caption', text: caption, lng: words.lng },
              ...(intro ? [{ key: 'intro', text: intro, lng: words.lng }] : []),
              ...questionBlocks(set, place.question, words, labels),
            ],
            noGlossary,
          )
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the words change only with the language, which `caption` carries
    [place?.question.id, caption, intro],
  );
  if (!place || !script) return <NotFound />;
  const previous = places[index - 1];
  const next = places[index + 1];
  return (
    <Page title={words.sectionTitle(place.section)}>
      <ReadAloud key={`${place.question.id}|${words.lng}`} script={script} />
      <p className="govuk-caption-m">
        <Readable script={script} at="caption" text={caption} lng={words.lng} glossary={noGlossary} />
      </p>
      <div className="app-progress">
        <p className="govuk-body govuk-!-margin-bottom-1" id="questionnaire-progress">
          {t('questionnaire.progress', { number: place.number, total: places.length })}
        </p>
        <progress className="app-progress__bar" max={places.length} value={place.number} aria-labelledby="questionnaire-progress" />
      </div>
      {intro ? (
        <p className="govuk-body">
          <Readable script={script} at="intro" text={intro} lng={words.lng} glossary={noGlossary} />
        </p>
      ) : null}
      <QuestionField
        set={set}
        question={place.question}
        answer={draft.answers[place.question.id]}
        words={words}
        script={script}
        size="l"
        onChange={(answer) => update(withAnswer(draft, place.question.id, answer))}
      />
      <div className="govuk-button-group">
        <Link className="govuk-button" to={next ? placePath('one', next) : checkPath}>
          {next ? t('questionnaire.next') : t('questionnaire.toCheck')}
        </Link>
        {previous ? (
          <Link className="govuk-link" to={placePath('one', previous)}>
            {t('questionnaire.previous')}
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        <Link className="govuk-link" to={startPath}>
          {t('questionnaire.backToStart')}
        </Link>
      </p>
    </Page>
  );
}

/** A whole part of the questionnaire on one page. */
export function PartPage() {
  const { t } = useTranslation('forms');
  const { set, draft, update } = useQuestionnaire();
  const words = useSetWords(set);
  const { section: sectionId } = useParams();
  const { hash } = useLocation();
  const index = set.sections.findIndex((section) => section.id === sectionId);
  const section = index >= 0 ? set.sections[index]! : undefined;
  useRememberPlace(section?.id, 0);
  const labels = { statementHint: t('questionnaire.statementHint'), openHint: t('questionnaire.openHint'), noteLabel: t('questionnaire.noteLabel') };
  const caption = section ? t('questionnaire.partCaption', { number: index + 1, total: set.sections.length }) : '';
  const script = useMemo(() => {
    if (!section) return null;
    const blocks: BlockSource[] = [
      { key: 'caption', text: caption, lng: words.lng },
      { key: 'intro', text: words.sectionIntro(section.id), lng: words.lng },
      ...section.questions.flatMap((question) => questionBlocks(set, question, words, labels)),
    ];
    return buildScript(blocks, noGlossary);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the words change only with the language, which `caption` carries
  }, [section, caption]);
  // A link to one question of this part (from the check page) puts the person on it.
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.focus();
  }, [hash, section]);
  if (!section || !script) return <NotFound />;
  const previous = set.sections[index - 1];
  const next = set.sections[index + 1];
  return (
    <Page title={words.sectionTitle(section.id)}>
      <ReadAloud key={`${section.id}|${words.lng}`} script={script} />
      <p className="govuk-caption-m">
        <Readable script={script} at="caption" text={caption} lng={words.lng} glossary={noGlossary} />
      </p>
      <p className="govuk-body">
        <Readable script={script} at="intro" text={words.sectionIntro(section.id)} lng={words.lng} glossary={noGlossary} />
      </p>
      {section.questions.map((question) => (
        <QuestionField
          key={question.id}
          set={set}
          question={question}
          answer={draft.answers[question.id]}
          words={words}
          script={script}
          size="m"
          onChange={(answer) => update(withAnswer(draft, question.id, answer))}
        />
      ))}
      <div className="govuk-button-group">
        <Link className="govuk-button" to={next ? partPath(next.id) : checkPath}>
          {next ? t('questionnaire.nextPart') : t('questionnaire.toCheck')}
        </Link>
        {previous ? (
          <Link className="govuk-link" to={partPath(previous.id)}>
            {t('questionnaire.previousPart')}
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        <Link className="govuk-link" to={startPath}>
          {t('questionnaire.backToStart')}
        </Link>
      </p>
    </Page>
  );
}


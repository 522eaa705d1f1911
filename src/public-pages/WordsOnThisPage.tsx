import { useTranslation } from 'react-i18next';
import { termIdsIn } from '../content/markup.ts';
import type { Topic } from '../content/schema.ts';
import { GlossaryItem } from '../app/features/glossary/GlossaryPage.tsx';
import type { LoadedGlossary } from '../content/load.ts';

/** Every text of a topic that may mark glossary terms. */
function markedTexts(topic: Topic): string[] {
  return [
    topic.inShort,
    ...topic.sections.flatMap((section) => [...section.paragraphs, ...(section.list ?? [])]),
    ...topic.actions.flatMap((action) => (action.detail ? [action.detail] : [])),
  ];
}

/** The glossary terms a topic uses, in order of first use. */
export function termsUsed(topic: Topic, glossary: LoadedGlossary): string[] {
  return [...new Set(markedTexts(topic).flatMap(termIdsIn))].filter((id) => glossary.value[id]);
}

/**
 * "Words used on this page": each term the guide marks, with its meaning. Each term in the text
 * links here, so the meanings can be read with JavaScript off and on paper.
 */
export function WordsOnThisPage({ topic, glossary, lng }: { topic: Topic; glossary: LoadedGlossary; lng: string }) {
  const { t } = useTranslation();
  const ids = termsUsed(topic, glossary);
  if (!ids.length) return null;
  return (
    <section aria-labelledby="words-heading" className="app-words">
      <h2 className="govuk-heading-m" id="words-heading">
        {t('publicPages.wordsTitle')}
      </h2>
      <dl className="app-glossary">
        {ids.map((id) => {
          const entry = glossary.value[id];
          return entry ? <GlossaryItem key={id} termId={id} entry={entry} lng={glossary.fellBackTerms.includes(id) ? 'en' : lng} glossary={glossary.value} /> : null;
        })}
      </dl>
    </section>
  );
}

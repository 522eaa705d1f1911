import { useTranslation } from 'react-i18next';
import { GlossaryItem } from '../app/features/glossary/GlossaryPage.tsx';
import type { TopicLike } from '../content/fields.ts';
import type { LoadedGlossary } from '../content/load.ts';
import { termIdsIn } from '../content/markup.ts';

/** Every text of a guide that may mark glossary terms. */
function markedTexts(topic: TopicLike): string[] {
  return [
    topic.inShort,
    ...topic.sections.flatMap((section) => [...section.paragraphs, ...(section.list ?? [])]),
    ...topic.actions.flatMap((action) => (action.detail ? [action.detail] : [])),
  ];
}

/** The glossary terms a guide uses, in order of first use. */
export function termsUsed(topic: TopicLike, glossary: LoadedGlossary): string[] {
  return [...new Set(markedTexts(topic).flatMap(termIdsIn))].filter((id) => glossary.value[id]);
}

/**
 * "Words used on this page": each term the guide marks, with its meaning (the family meaning, on
 * the family pages). Each term in the text links here, so the meanings can be read with
 * JavaScript off and on paper.
 */
export function WordsOnThisPage({ topic, glossary, lng }: { topic: TopicLike; glossary: LoadedGlossary; lng: string }) {
  const { t } = useTranslation('public');
  const ids = termsUsed(topic, glossary);
  if (!ids.length) return null;
  return (
    <section aria-labelledby="words-heading" className="app-words">
      <h2 className="govuk-heading-m" id="words-heading">
        {t('words.title')}
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

import { useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fold } from '../../../content/search.ts';
import type { LoadedGlossary } from '../../../content/load.ts';
import type { Glossary, GlossaryEntry } from '../../../content/schema.ts';
import { Page } from '../../ui/Page.tsx';
import { StaticPage } from '../../ui/static-page.ts';
import { useGlossary } from '../../content-view/content-source.ts';
import { FallbackNotice } from '../../content-view/FallbackNotice.tsx';
import { Readable, ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import type { Script } from '../../read-aloud/script.ts';
import { entryTexts, glossaryScript, type ShownEntry, termKey } from './glossary-script.ts';

type Group = { letter: string; entries: [string, GlossaryEntry][] };

/** Glossary entries in A to Z order for a language, grouped by first letter. */
export function groupByLetter(glossary: Glossary, lng: string): Group[] {
  const sorted = Object.entries(glossary).sort(([, a], [, b]) => a.term.localeCompare(b.term, lng, { sensitivity: 'base' }));
  const groups: Group[] = [];
  for (const item of sorted) {
    const letter = fold(item[1].term).charAt(0).toUpperCase();
    const last = groups.at(-1);
    if (last?.letter === letter) last.entries.push(item);
    else groups.push({ letter, entries: [item] });
  }
  return groups;
}

/** The entries of a language's glossary as the page shows them (English where a translation is missing). */
export function shownEntries(glossary: LoadedGlossary, lng: string, standsFor: (expansion: string) => string): ShownEntry[] {
  return groupByLetter(glossary.value, lng).flatMap((group) =>
    group.entries.map(([termId, entry]) => ({
      termId,
      entry,
      lng: glossary.fellBackTerms.includes(termId) ? 'en' : lng,
      standsFor: entry.expansion ? standsFor(entry.expansion) : null,
    })),
  );
}

/** Every word and set of letters, A to Z, with what it means; it can be read aloud from the top. */
export function GlossaryPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const glossary = useGlossary(lng);
  // A prerendered public page has no app script to speak with: no read-aloud there.
  const isStatic = useContext(StaticPage);
  const script = useMemo(
    () => glossary && glossaryScript(shownEntries(glossary, lng, (expansion) => t('glossary.standsFor', { expansion })), glossary.value),
    [glossary, lng, t],
  );
  if (!glossary || !script) return null;
  const groups = groupByLetter(glossary.value, lng);
  return (
    <Page title={t('glossary.title')}>
      {isStatic ? null : <ReadAloud key={lng} script={script} />}
      <p className="govuk-body-l">{t('glossary.intro')}</p>
      {glossary.fellBack ? <FallbackNotice text={t('glossary.fallback')} /> : null}
      <nav aria-label={t('glossary.letters')}>
        <ul className="app-letter-list">
          {groups.map((group) => (
            <li key={group.letter}>
              <a className="govuk-link" href={`#letter-${group.letter}`}>
                {group.letter}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((group) => (
        <section key={group.letter} aria-labelledby={`letter-${group.letter}`}>
          <h2 className="govuk-heading-l" id={`letter-${group.letter}`}>
            {group.letter}
          </h2>
          <dl className="app-glossary">
            {group.entries.map(([termId, entry]) => (
              <GlossaryItem
                key={termId}
                termId={termId}
                entry={entry}
                lng={glossary.fellBackTerms.includes(termId) ? 'en' : lng}
                glossary={glossary.value}
                script={script}
              />
            ))}
          </dl>
        </section>
      ))}
    </Page>
  );
}

type ItemProps = {
  termId: string;
  entry: GlossaryEntry;
  /** The entry's own language (English where its translation is missing). */
  lng: string;
  glossary: Glossary;
  /** When the page reads aloud: the script its sentences are highlighted from (see glossary-script.ts). */
  script?: Script;
};

/** One word: the word, what it stands for, what it means (each a sentence read-aloud can highlight, given a script). */
export function GlossaryItem({ termId, entry, lng, glossary, script }: ItemProps) {
  const { t, i18n } = useTranslation();
  const standsFor = entry.expansion ? t('glossary.standsFor', { expansion: entry.expansion }) : null;
  const texts = new Map(entryTexts({ termId, entry, lng, standsFor }, glossary).map((block) => [block.key, block.text]));
  const show = (key: string) => {
    const text = texts.get(key) ?? '';
    return script ? <Readable script={script} at={key} text={text} lng={lng} glossary={glossary} /> : text;
  };
  return (
    <div id={termId} className="app-glossary__item" lang={lng === i18n.resolvedLanguage ? undefined : lng}>
      <dt className="govuk-heading-s app-glossary__term">{show(termKey.term(termId))}</dt>
      {standsFor ? <dd className="govuk-body app-glossary__expansion">{show(termKey.expansion(termId))}</dd> : null}
      <dd className="govuk-body app-glossary__definition">{show(termKey.definition(termId))}</dd>
    </div>
  );
}

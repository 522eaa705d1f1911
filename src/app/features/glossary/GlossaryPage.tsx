import { useTranslation } from 'react-i18next';
import { toPlainText } from '../../../content/markup.ts';
import { fold } from '../../../content/search.ts';
import type { Glossary, GlossaryEntry } from '../../../content/schema.ts';
import { Page } from '../../ui/Page.tsx';
import { useGlossary } from '../explainers/content-source.ts';
import { FallbackNotice } from '../explainers/FallbackNotice.tsx';

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

/** Every word and set of letters, A to Z, with what it means. */
export function GlossaryPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const glossary = useGlossary(lng);
  if (!glossary) return null;
  const groups = groupByLetter(glossary.value, lng);
  return (
    <Page title={t('glossary.title')}>
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
              <GlossaryItem key={termId} termId={termId} entry={entry} lng={glossary.fellBackTerms.includes(termId) ? 'en' : lng} glossary={glossary.value} />
            ))}
          </dl>
        </section>
      ))}
    </Page>
  );
}

export function GlossaryItem({ termId, entry, lng, glossary }: { termId: string; entry: GlossaryEntry; lng: string; glossary: Glossary }) {
  const { t, i18n } = useTranslation();
  return (
    <div id={termId} className="app-glossary__item" lang={lng === i18n.resolvedLanguage ? undefined : lng}>
      <dt className="govuk-heading-s app-glossary__term">{entry.term}</dt>
      {entry.expansion ? <dd className="govuk-body app-glossary__expansion">{t('glossary.standsFor', { expansion: entry.expansion })}</dd> : null}
      <dd className="govuk-body app-glossary__definition">{toPlainText(entry.definition, lng, glossary)}</dd>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { FallbackNotice } from '../app/content-view/FallbackNotice.tsx';
import { groupByLetter } from '../app/features/glossary/GlossaryPage.tsx';
import { Readable } from '../app/read-aloud/ReadAloud.tsx';
import { buildScript } from '../app/read-aloud/script.ts';
import { Page } from '../app/ui/Page.tsx';
import type { LoadedGlossary } from '../content/load.ts';
import { ListenControls } from './ListenControls.tsx';

/**
 * Every word and set of letters, A to Z, with the meaning written for families
 * (locales/<lng>/family/glossary.json where the app's meaning speaks to the person in prison).
 * Each term and meaning is cut into sentences, so "Listen" can read the page.
 */
export function FamilyGlossaryPage({ lng, glossary }: { lng: string; glossary: LoadedGlossary }) {
  const { t } = useTranslation('public');
  const groups = groupByLetter(glossary.value, lng);
  const entryLng = (termId: string) => (glossary.fellBackTerms.includes(termId) ? 'en' : lng);
  const script = buildScript(
    groups.flatMap((group) =>
      group.entries.flatMap(([termId, entry]) => [
        { key: `term:${termId}`, text: entry.term, lng: entryLng(termId) },
        { key: `definition:${termId}`, text: entry.definition, lng: entryLng(termId) },
      ]),
    ),
    glossary.value,
  );
  return (
    <Page title={t('glossary.title')}>
      <ListenControls />
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
            {group.entries.map(([termId, entry]) => {
              const inLng = entryLng(termId);
              return (
                <div key={termId} id={termId} className="app-glossary__item" lang={inLng === lng ? undefined : inLng}>
                  <dt className="govuk-heading-s app-glossary__term">
                    <Readable script={script} at={`term:${termId}`} text={entry.term} lng={inLng} glossary={glossary.value} />
                  </dt>
                  {entry.expansion ? <dd className="govuk-body app-glossary__expansion">{t('words.standsFor', { expansion: entry.expansion })}</dd> : null}
                  <dd className="govuk-body app-glossary__definition">
                    <Readable script={script} at={`definition:${termId}`} text={entry.definition} lng={inLng} glossary={glossary.value} />
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </Page>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { toPlainText } from '../../../content/markup.ts';
import { buildSearchIndex, search } from '../../../content/search.ts';
import { appRoutes, termPath, topicPath } from '../../routes.ts';
import { LinkList } from '../../ui/LinkList.tsx';
import { Page } from '../../ui/Page.tsx';
import { type AllTopics, useAllTopics } from '../../content-view/content-source.ts';
import { SearchForm } from '../../content-view/SearchForm.tsx';
import { Link } from '../../ui/Link.tsx';

/** Search across the guides and the words, on the device (works offline). */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  const [params] = useSearchParams();
  const query = params.get('q')?.trim() ?? '';
  const content = useAllTopics(lng);
  return (
    <Page title={t('search.title')}>
      <SearchForm key={query} initialQuery={query} />
      {query && content ? <SearchResults query={query} lng={lng} content={content} /> : null}
    </Page>
  );
}

function SearchResults({ query, lng, content }: { query: string; lng: string; content: AllTopics }) {
  const { t } = useTranslation();
  const { topics, glossary } = content;
  const index = useMemo(() => buildSearchIndex(lng, topics, glossary.value), [lng, topics, glossary]);
  const results = search(index, query);
  return (
    <section aria-labelledby="results-heading">
      <h2 className="govuk-heading-m" id="results-heading" aria-live="polite">
        {t('search.results', { count: results.length })}
      </h2>
      {results.length === 0 ? (
        <>
          <p className="govuk-body">{t('search.noResults')}</p>
          <LinkList links={[{ to: appRoutes.explainers, text: t('explainers.allTopics') }]} />
        </>
      ) : (
        <ul className="govuk-list app-search-results">
          {results.map((result) => (
            <li key={`${result.kind}:${result.id}`}>
              <p className="govuk-caption-m">{result.kind === 'topic' ? t('search.topic') : t('search.term')}</p>
              <Link className="govuk-link govuk-!-font-weight-bold" to={result.kind === 'topic' ? topicPath(result.id) : termPath(result.id)}>
                {toPlainText(result.kind === 'topic' ? result.title : result.term, lng, glossary.value)}
              </Link>
              <p className="govuk-body">{toPlainText(result.summary, lng, glossary.value)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

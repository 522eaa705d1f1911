import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button.tsx';
import { Page } from '../app/ui/Page.tsx';
import { fillIn, pageIds } from './page-ids.ts';
import { type PublicLanguage, publicPath } from './urls.ts';

const searchIds = pageIds.search;

/**
 * Search the family guides and the words, on the phone: the page's script fetches this
 * language's index (made at build time, a small file cached like the rest) and shows results
 * under the form. The words the results need are on the form as data attributes. With scripts
 * off, a plain message says where to find everything instead.
 */
export function PublicSearchPage({ lng, indexUrl }: { lng: PublicLanguage; indexUrl: string }) {
  const { t } = useTranslation('public');
  const words = {
    'data-index': indexUrl,
    'data-results': t('search.results', { query: fillIn.query, count: fillIn.count }),
    'data-no-results': t('search.noResults'),
    'data-failed': t('search.failed'),
    'data-topic': t('search.topic'),
    'data-term': t('search.term'),
    'data-all-guides': t('search.allGuides'),
    'data-home': publicPath({ kind: 'home' }, lng),
    'data-lang': lng,
  };
  return (
    <Page title={t('search.title')}>
      <p className="govuk-body app-no-js">{t('search.needsScript')}</p>
      <form id={searchIds.form} className="app-js-only" action={publicPath({ kind: 'search' }, lng)} method="get" role="search" noValidate {...words}>
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor={searchIds.input}>
            {t('search.label')}
          </label>
          <div id={searchIds.hint} className="govuk-hint">
            {t('search.hint')}
          </div>
          <p id={searchIds.error} className="govuk-error-message" hidden>
            <span className="govuk-visually-hidden">{t('search.errorTitle')}: </span>
            {t('search.empty')}
          </p>
          <input
            className="govuk-input govuk-!-width-two-thirds"
            id={searchIds.input}
            name="q"
            type="search"
            aria-describedby={searchIds.hint}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <Button type="submit">{t('search.button')}</Button>
      </form>
      <div id={searchIds.results} className="app-js-only" />
    </Page>
  );
}

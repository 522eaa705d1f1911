import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appRoutes } from '../../routes.ts';
import { Page } from '../../ui/Page.tsx';
import { SearchForm } from './SearchForm.tsx';

/** An unknown guide or word: say so plainly, offer search and the full lists. */
export function ContentNotFound({ kind }: { kind: 'topic' | 'term' }) {
  const { t } = useTranslation();
  const words = kind === 'topic' ? { title: t('explainers.notFoundTitle'), text: t('explainers.notFoundText') } : { title: t('glossary.notFoundTitle'), text: t('glossary.notFoundText') };
  return (
    <Page title={words.title}>
      <p className="govuk-body">{words.text}</p>
      <SearchForm />
      <ul className="app-link-list">
        <li>
          <Link className="govuk-link" to={appRoutes.explainers}>
            {t('explainers.allTopics')}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={appRoutes.glossary}>
            {t('glossary.all')}
          </Link>
        </li>
      </ul>
    </Page>
  );
}

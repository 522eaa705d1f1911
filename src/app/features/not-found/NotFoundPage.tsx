import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appRoutes } from '../../routes.ts';
import { Page } from '../../ui/Page.tsx';

/** Shown for any address the app does not know, with a way home. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p className="govuk-body">{t('notFound.text')}</p>
      <ul className="app-link-list">
        <li>
          <Link className="govuk-link" to={appRoutes.home}>
            {t('notFound.homeLink')}
          </Link>
        </li>
      </ul>
    </Page>
  );
}

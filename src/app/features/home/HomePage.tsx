import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { appRoutes } from '../../routes.ts';
import { Page } from '../../ui/Page.tsx';

/** The first page: what a sentence plan is, what this app does, and where to go next. */
export function HomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('home.title')}>
      <p className="govuk-body-l">{t('home.intro')}</p>
      <p className="govuk-body">{t('home.offline')}</p>
      <h2 className="govuk-heading-m">{t('home.contentsTitle')}</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>{t('home.goals')}</li>
        <li>{t('home.steps')}</li>
        <li>{t('home.dates')}</li>
      </ul>
      <h2 className="govuk-heading-m">{t('home.guidesTitle')}</h2>
      <p className="govuk-body">{t('home.guidesText')}</p>
      <ul className="app-link-list">
        <li>
          <Link className="govuk-link" to={appRoutes.explainers}>
            {t('home.guidesLink')}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={appRoutes.glossary}>
            {t('home.glossaryLink')}
          </Link>
        </li>
      </ul>
      <h2 className="govuk-heading-m">{t('home.screenTitle')}</h2>
      <p className="govuk-body">{t('home.screenText')}</p>
      <ul className="app-link-list">
        <li>
          <Link className="govuk-link" to={appRoutes.displaySettings}>
            {t('home.screenLink')}
          </Link>
        </li>
      </ul>
    </Page>
  );
}

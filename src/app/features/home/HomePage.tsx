import { useTranslation } from 'react-i18next';
import { appRoutes } from '../../routes.ts';
import { LinkList } from '../../ui/LinkList.tsx';
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
      <LinkList links={[{ to: appRoutes.explainers, text: t('home.guidesLink') }, { to: appRoutes.glossary, text: t('home.glossaryLink') }]} />
      <h2 className="govuk-heading-m">{t('home.screenTitle')}</h2>
      <p className="govuk-body">{t('home.screenText')}</p>
      <LinkList links={[{ to: appRoutes.displaySettings, text: t('home.screenLink') }]} />
    </Page>
  );
}

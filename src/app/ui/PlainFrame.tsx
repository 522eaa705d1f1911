import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { LanguageNavigation } from './LanguageNavigation.tsx';
import { Link } from './Link.tsx';

/**
 * A plain frame for a page that is not part of the app on this device (personal pages on a
 * family's device): the service name, the language switch and the page. No menu, no sign-in,
 * no sync line, no idle watch.
 */
export function PlainFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        {t('app.skipLink')}
      </a>
      <header className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container app-service-header">
            <span className="govuk-service-navigation__service-name">
              <Link to={appRoutes.home} className="govuk-service-navigation__link">
                {t('app.name')}
              </Link>
            </span>
            <LanguageNavigation />
          </div>
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}

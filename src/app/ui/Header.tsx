import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { appRoutes } from '../routes.ts';
import { SessionControls, useSessionNavItems } from '../session/SessionControls.tsx';
import { LanguageNavigation } from './LanguageNavigation.tsx';

const navItems = [
  { to: appRoutes.home, key: 'nav.home' },
  { to: appRoutes.explainers, key: 'nav.explainers' },
  { to: appRoutes.glossary, key: 'nav.glossary' },
  { to: appRoutes.search, key: 'nav.search' },
  { to: appRoutes.displaySettings, key: 'nav.displaySettings' },
] as const;

/** The service name, the main menu and the language switch (GOV.UK service navigation). */
export function Header() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const personal = useSessionNavItems();
  const items = [...navItems.map((item) => ({ to: item.to as string, label: t(item.key) })), ...personal];
  return (
    <header className="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container app-service-header">
          <span className="govuk-service-navigation__service-name">
            <Link to={appRoutes.home} className="govuk-service-navigation__link">
              {t('app.name')}
            </Link>
          </span>
          <LanguageNavigation />
          <SessionControls />
        </div>
        <nav aria-label={t('nav.label')} className="govuk-service-navigation__wrapper">
          <ul className="govuk-service-navigation__list">
            {items.map((item) => {
              const active = item.to === appRoutes.home ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
              return (
                <li key={item.to} className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                  <NavLink to={item.to} end={item.to === appRoutes.home} className="govuk-service-navigation__link">
                    {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                  </NavLink>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}

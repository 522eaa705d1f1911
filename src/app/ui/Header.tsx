import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { lazyWithStrings } from '../i18n/PageStrings.tsx';
import { appRoutes } from '../routes.ts';
import { useSession } from '../session/session-context.ts';
import { useSessionNavItems } from '../session/session-nav.tsx';
import { LanguageNavigation } from './LanguageNavigation.tsx';
import { useMediaQuery } from './use-media-query.ts';
import { Link } from './Link.tsx';

const navItems = [
  { to: appRoutes.home, key: 'nav.home' },
  { to: appRoutes.explainers, key: 'nav.explainers' },
  { to: appRoutes.glossary, key: 'nav.glossary' },
  { to: appRoutes.search, key: 'nav.search' },
  { to: appRoutes.displaySettings, key: 'nav.displaySettings' },
] as const;

/** GOV.UK's breakpoint for the service navigation: on narrower screens the menu waits behind a "Menu" button. */
const wideScreen = '(min-width: 40.0625em)';

// Only while someone is signed in: loaded at sign-in, not with the first page.
const SessionControls = lazyWithStrings(() => import('../session/SessionControls.tsx').then((m) => m.SessionControls));

/**
 * The service name, the main menu and the language switch (GOV.UK service navigation). On a phone
 * the menu is folded behind a "Menu" button, so the page's own content comes first; it folds again
 * on every page change. A kiosk's menu is never folded: what matters there stays in sight.
 */
export function Header() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { person, deviceMode } = useSession();
  const personal = useSessionNavItems();
  const folded = !useMediaQuery(wideScreen, true) && deviceMode !== 'kiosk';
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }
  const listId = useId();
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
          {person ? <SessionControls /> : null}
        </div>
        <nav aria-label={t('nav.label')} className="govuk-service-navigation__wrapper">
          {folded ? (
            <button type="button" className="govuk-service-navigation__toggle app-menu-toggle" aria-controls={listId} aria-expanded={open} onClick={() => setOpen((was) => !was)}>
              {t('nav.label')}
            </button>
          ) : null}
          <ul className="govuk-service-navigation__list" id={listId} hidden={folded && !open}>
            {items.map((item) => {
              const active = item.to === appRoutes.home ? pathname === item.to : pathname === item.to || pathname.startsWith(`${item.to}/`);
              return (
                <li
                  key={item.to}
                  className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}${item.to === appRoutes.signIn ? ' app-service-navigation__item--sign-in' : ''}`}
                >
                  <Link to={item.to} className="govuk-service-navigation__link" aria-current={active ? 'page' : undefined}>
                    {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </header>
  );
}

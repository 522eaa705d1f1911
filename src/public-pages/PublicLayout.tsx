import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageNames } from '../app/i18n/languages.ts';
import { fillIn, pageIds } from './page-ids.ts';
import { originToken, type PublicLanguage, publicLanguages, type PublicPage, publicPath } from './urls.ts';

type Props = {
  lng: PublicLanguage;
  page: PublicPage;
  /** The help contacts, shown on every family page, on screen and on paper. */
  contacts: ReactNode;
  children: ReactNode;
};

/**
 * The frame of a family page: skip link, service name, language switch, the menu (guides, words,
 * search, display settings), the page, the help contacts, footer. GOV.UK classes, like the app's
 * Layout, but every link is a plain link (no script needed), and there is nothing to sign in to
 * and nothing personal. On paper the menus go and a short header says where the page came from:
 * the site's name, the page's address (from PUBLIC_ORIGIN, filled in by the service) and the date
 * it was printed (written by the page's script, which knows the day it is printed).
 */
export function PublicLayout({ lng, page, contacts, children }: Props) {
  const { t } = useTranslation('public');
  const here = publicPath(page, lng);
  const current = page.kind === 'topic' ? 'home' : page.kind;
  const items = (['home', 'glossary', 'search', 'settings'] as const).map((kind) => ({
    kind,
    href: publicPath({ kind }, lng),
    label: t(kind === 'home' ? 'nav.guides' : `nav.${kind}`),
  }));
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t('app.skipLink', { ns: 'common' })}
      </a>
      <header className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container app-service-header">
            <span className="govuk-service-navigation__service-name">
              <a href={publicPath({ kind: 'home' }, lng)} className="govuk-service-navigation__link">
                {t('app.name', { ns: 'common' })}
              </a>
            </span>
            <nav className="govuk-language-navigation app-language-navigation" aria-label={t('language.label', { ns: 'common' })}>
              <ul className="govuk-language-navigation__list">
                {publicLanguages.map((other) => (
                  <li className="govuk-language-navigation__list-item" key={other}>
                    {other === lng ? (
                      <span className="govuk-language-navigation__text app-target" lang={other} aria-current="true">
                        {languageNames[other]}
                      </span>
                    ) : (
                      <a className="govuk-language-navigation__link" href={publicPath(page, other)} lang={other} hrefLang={other} rel="alternate">
                        {languageNames[other]}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav aria-label={t('nav.label')} className="govuk-service-navigation__wrapper app-public-nav">
            <ul className="govuk-service-navigation__list">
              {items.map((item) => {
                const active = item.kind === current;
                return (
                  <li key={item.kind} className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}>
                    <a href={item.href} className="govuk-service-navigation__link" aria-current={active && page.kind !== 'topic' ? 'page' : undefined}>
                      {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                    </a>
                  </li>
                );
              })}
            </ul>
          </nav>
        </div>
      </header>
      <div className="app-print-header">
        <p className="govuk-body">{t('print.site', { site: t('app.name', { ns: 'common' }) })}</p>
        <p className="govuk-body">{t('print.address', { address: originToken + here })}</p>
        {/* The page's script fills this in (src/public-pages/print-date.ts): only it knows the day it is printed. */}
        <p className={`govuk-body ${pageIds.printDateClass}`} hidden data-pattern={t('print.date', { date: fillIn.date })} />
      </div>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
          {contacts}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s govuk-footer__meta-custom">{t('footer')}</p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

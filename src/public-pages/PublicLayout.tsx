import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageNames } from '../app/i18n/languages.ts';
import { type PublicLanguage, publicLanguages } from './urls.ts';

type Props = {
  lng: PublicLanguage;
  /** This page's address in each language. */
  alternates: Record<PublicLanguage, string>;
  home: string;
  glossary: string;
  /** Which menu item this page belongs to. */
  current: 'home' | 'glossary' | 'topic';
  children: ReactNode;
};

/**
 * The frame of a public page: skip link, service name, language switch, a short menu, footer.
 * Like the app's Layout, with GOV.UK classes, but every link is a plain link (no script needed),
 * and there is nothing to sign in to, no settings and nothing personal.
 */
export function PublicLayout({ lng, alternates, home, glossary, current, children }: Props) {
  const { t } = useTranslation();
  const items = [
    { href: home, label: t('nav.explainers'), active: current !== 'glossary' },
    { href: glossary, label: t('nav.glossary'), active: current === 'glossary' },
  ];
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t('app.skipLink')}
      </a>
      <header className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container app-service-header">
            <span className="govuk-service-navigation__service-name">
              <a href={home} className="govuk-service-navigation__link">
                {t('app.name')}
              </a>
            </span>
            <nav className="govuk-language-navigation app-language-navigation" aria-label={t('language.label')}>
              <ul className="govuk-language-navigation__list">
                {publicLanguages.map((other) => (
                  <li className="govuk-language-navigation__list-item" key={other}>
                    {other === lng ? (
                      <span className="govuk-language-navigation__text app-target" lang={other} aria-current="true">
                        {languageNames[other]}
                      </span>
                    ) : (
                      <a className="govuk-language-navigation__link" href={alternates[other]} lang={other} hrefLang={other} rel="alternate">
                        {languageNames[other]}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <nav aria-label={t('nav.label')} className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list">
              {items.map((item) => (
                <li key={item.href} className={`govuk-service-navigation__item${item.active ? ' govuk-service-navigation__item--active' : ''}`}>
                  <a href={item.href} className="govuk-service-navigation__link" aria-current={item.active && current !== 'topic' ? 'page' : undefined}>
                    {item.active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s govuk-footer__meta-custom">{t('publicPages.footer')}</p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}

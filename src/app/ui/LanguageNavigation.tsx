import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { chooseLanguage } from '../i18n/i18n.ts';
import { type Language, languageNames, languages } from '../i18n/languages.ts';

/**
 * The GOV.UK language switch, on every page. Each language is a real link (so it works as a
 * link and can be shared), and switching happens in place without reloading.
 */
export function LanguageNavigation() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = i18n.resolvedLanguage;
  const choose = (lng: Language) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void chooseLanguage(i18n, lng);
  };
  return (
    <nav className="govuk-language-navigation app-language-navigation" aria-label={t('language.label')}>
      <ul className="govuk-language-navigation__list">
        {languages.map((lng) => (
          <li className="govuk-language-navigation__list-item" key={lng}>
            {lng === current ? (
              <span className="govuk-language-navigation__text app-target" lang={lng} aria-current="true">
                {languageNames[lng]}
              </span>
            ) : (
              <a
                className="govuk-language-navigation__link"
                href={`${location.pathname}?lang=${lng}`}
                lang={lng}
                hrefLang={lng}
                rel="alternate"
                onClick={choose(lng)}
              >
                {languageNames[lng]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

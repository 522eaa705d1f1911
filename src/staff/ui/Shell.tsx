import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { mayDo } from '../../domain/staff.ts';
import { chooseStaffLanguage, staffLanguageNames, staffLanguages } from '../i18n.ts';
import { useStaffSession } from '../session/session-context.ts';

/** Skip link, header (service name, who is signed in, language), the menu by role, main. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('staff');
  const session = useStaffSession();
  const info = session.state.kind === 'signedIn' && !session.state.info.mustChangePassword ? session.state.info : null;
  const links: Array<[string, string]> = info
    ? [
        ['/', t('nav.home')],
        ['/people', t('nav.people')],
        ['/applications', t('nav.applications')],
        ['/questionnaires', t('nav.questionnaires')],
        ...(mayDo(info.member.role, 'accounts')
          ? ([
              ['/accounts', t('nav.accounts')],
              ['/systems', t('nav.systems')],
            ] as Array<[string, string]>)
          : []),
      ]
    : [];
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t('app.skipLink')}
      </a>
      <header className="staff-header">
        <div className="govuk-width-container staff-header__inner">
          <p className="staff-header__name">{t('app.name')}</p>
          <nav aria-label={t('language.label')} className="staff-header__languages">
            <ul className="staff-inline-list">
              {staffLanguages.map((lng) => (
                <li key={lng}>
                  {i18n.language === lng ? (
                    <span aria-current="true" lang={lng}>
                      {staffLanguageNames[lng]}
                    </span>
                  ) : (
                    <button type="button" className="staff-link-button" lang={lng} onClick={() => void chooseStaffLanguage(i18n, lng)}>
                      {staffLanguageNames[lng]}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {session.state.kind === 'signedIn' ? (
            <div className="staff-header__member">
              <span>{t('app.signedInAs', { name: session.state.info.member.displayName, prison: session.state.info.prison.name })}</span>
              <button type="button" className="staff-link-button" onClick={() => void session.signOut()}>
                {t('app.signOut')}
              </button>
            </div>
          ) : null}
        </div>
      </header>
      {links.length > 0 ? (
        <nav className="staff-nav" aria-label={t('nav.label')}>
          <ul className="govuk-width-container staff-nav__list">
            {links.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'} className="govuk-link govuk-link--no-visited-state staff-nav__link">
                  {label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}

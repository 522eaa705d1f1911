import { type ReactNode, Suspense, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { lazyWithStrings, PageStrings } from '../i18n/PageStrings.tsx';
import { appRoutes, isPersonalPath } from '../routes.ts';
import { IdleTimeout } from '../session/IdleTimeout.tsx';
import { useSession } from '../session/session-context.ts';
import { SignedOutHistory } from '../session/SignedOutHistory.tsx';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { LockDown } from './LockDown.tsx';
import { useFocusOnPageChange } from './page-change-focus.ts';

type Props = { children: ReactNode; banner?: ReactNode };

// Only families' devices ever show it: loaded when needed, not with the first page.
const PlainPersonalPage = lazyWithStrings(() => import('../session/PersonalPageElsewhere.tsx').then((m) => m.PlainPersonalPage));
// Only while someone is signed in, or just after: loaded then, not with the first page.
const SyncIndicator = lazyWithStrings(() => import('./SyncIndicator.tsx').then((m) => m.SyncIndicator));
const SignedOutNotice = lazyWithStrings(() => import('../session/SignedOutNotice.tsx').then((m) => m.SignedOutNotice));
const SignOutAtFoot = lazyWithStrings(() => import('../session/SessionControls.tsx').then((m) => m.SignOutAtFoot));

/**
 * The frame every page shares: skip link, header, main content, footer. Personal pages where
 * there is no sign-in (a family's device, `public` mode, or before the device's mode is known)
 * get a plain frame and a short page instead: no menu, no sign-in, no sync line.
 */
export function Layout({ children, banner }: Props) {
  const { t } = useTranslation();
  const { deviceMode, person, notice } = useSession();
  const { pathname } = useLocation();
  useFocusOnPageChange();
  // A shared wing kiosk's own layout (larger sign-in and sign-out): styles under
  // `[data-device-mode="kiosk"]` on <html> (an attribute, not a class: <html>'s `app-` classes are the display settings).
  useLayoutEffect(() => {
    if (deviceMode) document.documentElement.dataset.deviceMode = deviceMode;
    else delete document.documentElement.dataset.deviceMode;
  }, [deviceMode]);
  if (isPersonalPath(pathname) && deviceMode !== 'tablet' && deviceMode !== 'kiosk') return <PlainPersonalPage />;
  return (
    <>
      <LockDown />
      <SignedOutHistory />
      <IdleTimeout>
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          {t('app.skipLink')}
        </a>
        <Header />
        <div className="govuk-width-container">
          {person ? <SyncIndicator /> : null}
          {banner}
          {notice && !person ? <SignedOutNotice /> : null}
          <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {/* The first page's words are in its own JavaScript; any other page waits for the rest (i18n/strings.ts). */}
            <Suspense fallback={null}>
              <PageStrings when={pathname !== appRoutes.home}>{children}</PageStrings>
            </Suspense>
            {person && deviceMode === 'kiosk' ? <SignOutAtFoot /> : null}
          </main>
        </div>
        <Footer />
      </IdleTimeout>
    </>
  );
}

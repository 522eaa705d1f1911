import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { isPersonalPath } from '../routes.ts';
import { IdleTimeout } from '../session/IdleTimeout.tsx';
import { useSession } from '../session/session-context.ts';
import { SignedOutHistory } from '../session/SignedOutHistory.tsx';
import { SignedOutNotice } from '../session/SignedOutNotice.tsx';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { LockDown } from './LockDown.tsx';
import { SyncIndicator } from './SyncIndicator.tsx';

type Props = { children: ReactNode; banner?: ReactNode };

// Only families' devices ever show it: loaded when needed, not with the first page.
const PlainPersonalPage = lazy(() => import('../session/PersonalPageElsewhere.tsx').then((m) => ({ default: m.PlainPersonalPage })));

/**
 * The frame every page shares: skip link, header, main content, footer. Personal pages where
 * there is no sign-in (a family's device, `public` mode, or before the device's mode is known)
 * get a plain frame and a short page instead: no menu, no sign-in, no sync line.
 */
export function Layout({ children, banner }: Props) {
  const { t } = useTranslation();
  const { deviceMode } = useSession();
  const { pathname } = useLocation();
  if (isPersonalPath(pathname) && deviceMode !== 'tablet' && deviceMode !== 'kiosk') {
    return (
      <Suspense fallback={null}>
        <PlainPersonalPage />
      </Suspense>
    );
  }
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
          <SyncIndicator />
          {banner}
          <SignedOutNotice />
          <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
            {children}
          </main>
        </div>
        <Footer />
      </IdleTimeout>
    </>
  );
}

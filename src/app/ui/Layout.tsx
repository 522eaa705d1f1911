import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IdleTimeout } from '../session/IdleTimeout.tsx';
import { SignedOutNotice } from '../session/SignedOutNotice.tsx';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';
import { SyncIndicator } from './SyncIndicator.tsx';

type Props = { children: ReactNode; banner?: ReactNode };

/** The frame every page shares: skip link, header, main content, footer. */
export function Layout({ children, banner }: Props) {
  const { t } = useTranslation();
  return (
    <>
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
      <IdleTimeout />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useSession } from './session-context.ts';

/**
 * After sign-out, on the home page: that it happened (and why, after the idle time), and — for a
 * shared kiosk — that anything not sent yet is kept safe here and goes at the next sign-in here.
 * Holds no personal data: a count only.
 */
export function SignedOutNotice() {
  const { t } = useTranslation();
  const { notice, person } = useSession();
  if (!notice || person) return null;
  return (
    <NotificationBanner title={t('session.signedOutTitle')} className="app-signed-out">
      {notice.state === 'signingOut' ? (
        <p className="govuk-notification-banner__heading">{t('session.signingOut')}</p>
      ) : (
        <>
          <p className="govuk-notification-banner__heading">{notice.reason === 'idle' ? t('session.signedOutIdle') : t('session.signedOut')}</p>
          {notice.waiting > 0 ? <p className="govuk-body">{t('session.waiting', { count: notice.waiting })}</p> : null}
          {notice.draftSaved ? <p className="govuk-body">{t('session.draftSaved')}</p> : null}
        </>
      )}
    </NotificationBanner>
  );
}

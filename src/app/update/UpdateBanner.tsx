import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';

type Props =
  /** Another tab has the new version; this one keeps what it holds and changes after sign-out. */
  | { kind: 'afterSignOut' }
  /** A new version can be used now; "Later" only while it is waiting (not once another tab uses it). */
  | { kind: 'offer'; onUpdate: () => void; onLater?: (() => void) | undefined };

/** The update banner's words and buttons (UpdatePrompt decides whether it shows). */
export function UpdateBanner(props: Props) {
  const { t } = useTranslation();
  if (props.kind === 'afterSignOut') {
    return (
      <NotificationBanner title={t('update.title')} className="app-update-banner">
        <p className="govuk-notification-banner__heading">{t('update.heading')}</p>
        <p className="govuk-body">{t('update.afterSignOut')}</p>
      </NotificationBanner>
    );
  }
  return (
    <NotificationBanner title={t('update.title')} className="app-update-banner">
      <p className="govuk-notification-banner__heading">{t('update.heading')}</p>
      <p className="govuk-body">{t('update.text')}</p>
      <div className="govuk-button-group">
        <Button onClick={props.onUpdate}>{t('update.now')}</Button>
        {props.onLater ? (
          <Button variant="secondary" onClick={props.onLater}>
            {t('update.later')}
          </Button>
        ) : null}
      </div>
    </NotificationBanner>
  );
}

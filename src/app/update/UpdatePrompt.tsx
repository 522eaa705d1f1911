import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button.tsx';
import { NotificationBanner } from '../ui/NotificationBanner.tsx';
import { useSession } from '../session/session-context.ts';
import { useHasUnsavedInput } from './unsaved-input.ts';

type Props = {
  /** A new version is installed and waiting. */
  updateReady: boolean;
  /** Switches to the new version (reloads the page). */
  applyUpdate: () => void;
};

/**
 * Offers a waiting update only at a safe moment: never while a form holds unsaved input, and
 * never while someone is signed in, because applying it reloads the page (which locks their data).
 * It comes up after sign-out. The person chooses when; "Later" hides it until the next start.
 */
export function UpdatePrompt({ updateReady, applyUpdate }: Props) {
  const { t } = useTranslation();
  const unsaved = useHasUnsavedInput();
  const signedIn = useSession().person !== null;
  const [dismissed, setDismissed] = useState(false);
  if (!updateReady || unsaved || signedIn || dismissed) return null;
  return (
    <NotificationBanner title={t('update.title')} className="app-update-banner">
      <p className="govuk-notification-banner__heading">{t('update.heading')}</p>
      <p className="govuk-body">{t('update.text')}</p>
      <div className="govuk-button-group">
        <Button onClick={applyUpdate}>{t('update.now')}</Button>
        <Button variant="secondary" onClick={() => setDismissed(true)}>
          {t('update.later')}
        </Button>
      </div>
    </NotificationBanner>
  );
}

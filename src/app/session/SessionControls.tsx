import { useTranslation } from 'react-i18next';
import { useSession } from './session-context.ts';

/**
 * In the header while someone is signed in: who, and a Sign out button (64 px high on a kiosk,
 * the shared screen's main action). Loaded at sign-in, not with the first page.
 */
export function SessionControls() {
  const { t } = useTranslation();
  const { person, signOut } = useSession();
  if (!person) return null;
  return (
    <div className="app-session-controls">
      {person.displayName ? <span className="govuk-body-s app-session-controls__name">{t('session.signedInAs', { name: person.displayName })}</span> : null}
      <button type="button" className="govuk-button govuk-button--secondary app-session-controls__sign-out app-kiosk-action" onClick={() => void signOut('person')}>
        {t('session.signOut')}
      </button>
    </div>
  );
}

/**
 * On a kiosk, at the foot of every page while someone is signed in: a second, large Sign out, so
 * a person who has read to the end need not go back up to leave safely.
 */
export function SignOutAtFoot() {
  const { t } = useTranslation();
  const { person, signOut, deviceMode } = useSession();
  if (!person || deviceMode !== 'kiosk') return null;
  return (
    <div className="app-sign-out-at-foot">
      <button type="button" className="govuk-button govuk-button--secondary app-kiosk-action" onClick={() => void signOut('person')}>
        {t('session.signOutAtFoot')}
      </button>
    </div>
  );
}

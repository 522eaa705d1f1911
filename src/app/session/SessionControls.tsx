import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { NewRepliesBadge } from './new-replies.tsx';
import { useSession } from './session-context.ts';

/** In the header while someone is signed in: who, and a Sign out button. */
export function SessionControls() {
  const { t } = useTranslation();
  const { person, signOut } = useSession();
  if (!person) return null;
  return (
    <div className="app-session-controls">
      {person.displayName ? <span className="govuk-body-s app-session-controls__name">{t('session.signedInAs', { name: person.displayName })}</span> : null}
      <button type="button" className="govuk-button govuk-button--secondary app-session-controls__sign-out" onClick={() => void signOut('person')}>
        {t('session.signOut')}
      </button>
    </div>
  );
}

/**
 * Extra menu items: the person's own pages when signed in (with a badge for new replies from the
 * OMU), "Sign in" when not (never in public mode).
 */
export function useSessionNavItems(): Array<{ to: string; label: ReactNode }> {
  const { t } = useTranslation();
  const { person, signInAvailable, deviceMode } = useSession();
  if (person) {
    return [
      { to: appRoutes.plan, label: t('session.nav.plan') },
      {
        to: appRoutes.applications,
        label: (
          <>
            {t('session.nav.applications')} <NewRepliesBadge />
          </>
        ),
      },
      { to: appRoutes.questionnaire, label: t('session.nav.questionnaire') },
    ];
  }
  if (signInAvailable && deviceMode !== null) return [{ to: appRoutes.signIn, label: t('session.nav.signIn') }];
  return [];
}

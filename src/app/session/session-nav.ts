import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { useSession } from './session-context.ts';

/** Extra menu items: the person's own pages when signed in, "Sign in" when not (never in public mode). */
export function useSessionNavItems(): Array<{ to: string; label: string }> {
  const { t } = useTranslation();
  const { person, signInAvailable, deviceMode } = useSession();
  if (person) {
    return [
      { to: appRoutes.plan, label: t('session.nav.plan') },
      { to: appRoutes.applications, label: t('session.nav.applications') },
    ];
  }
  if (signInAvailable && deviceMode !== null) return [{ to: appRoutes.signIn, label: t('session.nav.signIn') }];
  return [];
}

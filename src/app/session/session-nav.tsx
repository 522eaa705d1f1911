import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { useSession } from './session-context.ts';

// The badge reads the person's sealed data: it loads with sign-in, never with the first page.
const NewRepliesBadge = lazy(() => import('./new-replies.tsx').then((m) => ({ default: m.NewRepliesBadge })));

/**
 * Extra menu items: the person's own pages when signed in (with a badge for new replies from the
 * OMU), "Sign in" when not (never in public mode).
 */
export function useSessionNavItems(): Array<{ to: string; label: ReactNode }> {
  const { t } = useTranslation();
  const { person, signInAvailable, deviceMode } = useSession();
  if (person) {
    return [
      { to: appRoutes.plan, label: t('nav.plan') },
      {
        to: appRoutes.applications,
        label: (
          <>
            {t('nav.applications')}{' '}
            <Suspense fallback={null}>
              <NewRepliesBadge />
            </Suspense>
          </>
        ),
      },
      { to: appRoutes.questionnaire, label: t('nav.questionnaire') },
    ];
  }
  if (signInAvailable && deviceMode !== null) return [{ to: appRoutes.signIn, label: t('nav.signIn') }];
  return [];
}

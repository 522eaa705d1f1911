import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { appRoutes } from '../routes.ts';
import { Page } from '../ui/Page.tsx';
import { type ActivePerson, useSession } from './session-context.ts';
import { Link } from '../ui/Link.tsx';

type Props = { title: string; children: (person: ActivePerson) => ReactNode };

/**
 * A personal page: shows its content only to the person signed in. Signed out, it asks them to
 * sign in (and comes back here after); in `public` mode, it says plans are not on this device.
 */
export function RequireSignIn({ title, children }: Props) {
  const { t } = useTranslation();
  const { person, signInAvailable } = useSession();
  const { pathname, search } = useLocation();
  if (person) return <>{children(person)}</>;
  return (
    <Page title={title}>
      {signInAvailable ? (
        <>
          <p className="govuk-body">{t('signIn.promptText')}</p>
          <Link className="govuk-button app-sign-in-link" to={appRoutes.signIn} state={{ from: `${pathname}${search}` }}>
            {t('signIn.promptLink')}
          </Link>
        </>
      ) : (
        <p className="govuk-body">{t('session.notAvailable')}</p>
      )}
    </Page>
  );
}

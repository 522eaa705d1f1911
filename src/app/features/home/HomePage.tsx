import { useTranslation } from 'react-i18next';
import { lazyWithStrings } from '../../i18n/PageStrings.tsx';
import { appRoutes } from '../../routes.ts';
import { useSession } from '../../session/session-context.ts';
import { Page } from '../../ui/Page.tsx';
import { Link } from '../../ui/Link.tsx';

// Signed in, the home page is "What's next": loaded then, with its own chunk and every word of
// `common` (the first page carries only its own), so the first page a signed-out person sees stays
// as small as it was.
const WhatsNext = lazyWithStrings(() => import('./WhatsNext.tsx').then((m) => m.WhatsNext));

/**
 * The first page. Signed out: what the app is, and one clear first step ("Sign in to see your
 * plan", where this device has sign-in), then "Read the guides". Nothing the menu already offers is
 * repeated. Signed in: "What's next".
 */
export function HomePage() {
  const { t } = useTranslation();
  const { person, signInAvailable } = useSession();
  if (person) {
    return <WhatsNext person={person} />;
  }
  return (
    <Page title={t('home.title')}>
      <p className="govuk-body-l">{t('home.intro')}</p>
      {signInAvailable ? (
        <Link className="govuk-button govuk-button--start app-first-step" to={appRoutes.signIn}>
          {t('home.signInAction')}
        </Link>
      ) : null}
      <p className="govuk-body">
        <Link className={signInAvailable ? 'govuk-link app-guides-link' : 'govuk-button app-first-step'} to={appRoutes.explainers}>
          {t('home.guidesAction')}
        </Link>
      </p>
      <h2 className="govuk-heading-m">{t('home.contentsTitle')}</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>{t('home.goals')}</li>
        <li>{t('home.steps')}</li>
        <li>{t('home.dates')}</li>
      </ul>
      <p className="govuk-body">{t('home.offline')}</p>
    </Page>
  );
}

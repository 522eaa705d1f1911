import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { LinkList } from '../ui/LinkList.tsx';
import { PlainFrame } from '../ui/PlainFrame.tsx';
import { Page } from '../ui/Page.tsx';

/**
 * What a personal page's address shows where there is no sign-in (`public` mode, or before the
 * deployment has said what this device is): plans are only on prison devices; the guides are here.
 */
export function PersonalPageElsewhere() {
  const { t } = useTranslation();
  return (
    <Page title={t('deviceModes.personalPage.title')}>
      <p className="govuk-body">{t('session.notAvailable')}</p>
      <LinkList links={[{ to: appRoutes.explainers, text: t('deviceModes.personalPage.guidesLink') }]} />
    </Page>
  );
}

/** That page in its plain frame (what the layout shows at a personal address where there is no sign-in). */
export function PlainPersonalPage() {
  return (
    <PlainFrame>
      <PersonalPageElsewhere />
    </PlainFrame>
  );
}

import { useTranslation } from 'react-i18next';
import { appRoutes } from '../../routes.ts';
import { LinkList } from '../../ui/LinkList.tsx';
import { Page } from '../../ui/Page.tsx';

/** Shown for any address the app does not know, with a way home. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p className="govuk-body">{t('notFound.text')}</p>
      <LinkList links={[{ to: appRoutes.home, text: t('notFound.homeLink') }]} />
    </Page>
  );
}

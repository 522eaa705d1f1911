import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StaffPage } from './ui/StaffPage.tsx';

export function NotFoundPage() {
  const { t } = useTranslation('staff');
  return (
    <StaffPage title={t('notFound.title')}>
      <p className="govuk-body">{t('notFound.text')}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/">
          {t('notFound.home')}
        </Link>
      </p>
    </StaffPage>
  );
}

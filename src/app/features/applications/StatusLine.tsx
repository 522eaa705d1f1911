import { useTranslation } from 'react-i18next';
import { type StatusKey, statusTag } from './model.ts';

/** The one status line of an application, as a tag, and "New reply" when there is one to read. */
export function StatusLine({ status, isNew = false }: { status: StatusKey; isNew?: boolean }) {
  const { t } = useTranslation('forms');
  return (
    <p className="govuk-body govuk-!-margin-bottom-2 app-status-line">
      <strong className={`govuk-tag ${statusTag[status]}`}>{t(`status.${status}`)}</strong>
      {isNew ? <strong className="govuk-tag govuk-tag--red app-new-badge">{t('applications.newTag')}</strong> : null}
    </p>
  );
}

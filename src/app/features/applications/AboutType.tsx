import { useTranslation } from 'react-i18next';
import { applicationReference, type ApplicationType } from '../../../domain/application.ts';
import { applicationPath } from '../../later-paths.ts';
import { alreadyOpenLinkId } from './ApplicationForm.tsx';
import { replyTimes } from './data.ts';
import type { Row } from './model.ts';
import { Link } from '../../ui/Link.tsx';

/** What happens next with this type, and how long the OMU usually takes to answer it. */
export function WhatHappensNext({ type }: { type: ApplicationType }) {
  const { t } = useTranslation('forms');
  const { workingDays } = replyTimes()[type];
  return (
    <section className="app-what-next">
      <h2 className="govuk-heading-m">{t('form.nextTitle')}</h2>
      <p className="govuk-body">{t(`next.${type}`)}</p>
      <p className="govuk-body">{t('replyTime', { count: workingDays })}</p>
    </section>
  );
}

/** "You already have one open": one open application per type, with a link to the open one. */
export function AlreadyOpen({ row }: { row: Row }) {
  const { t } = useTranslation('forms');
  return (
    <div className="govuk-warning-text app-already-open">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <strong>{t('alreadyOpen.title')}</strong>
        <p className="govuk-body govuk-!-margin-top-2">{t('alreadyOpen.text')}</p>
        <Link id={alreadyOpenLinkId} className="govuk-link" to={applicationPath(row.id)}>
          {t('alreadyOpen.link', { reference: applicationReference(row.id) })}
        </Link>
      </div>
    </div>
  );
}

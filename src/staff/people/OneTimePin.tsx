import { useTranslation } from 'react-i18next';

/** A one-time PIN, shown once, with what to do with it, in plain words. */
export function OneTimePin({ pin, name, prisonNumber }: { pin: string; name: string; prisonNumber: string }) {
  const { t } = useTranslation('staff');
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation">
        <h2 className="govuk-panel__title">{t('pin.title', { name })}</h2>
        <div className="govuk-panel__body">
          <span className="govuk-visually-hidden">{t('pin.label')} </span>
          <span className="staff-once">{pin.split('').join(' ')}</span>
        </div>
      </div>
      <div className="govuk-warning-text">
        <strong className="govuk-warning-text__text">{t('pin.once')}</strong>
      </div>
      <h3 className="govuk-heading-s">{t('pin.whatNext')}</h3>
      <ol className="govuk-list govuk-list--number">
        <li>{t('pin.step1')}</li>
        <li>{t('pin.step2', { prisonNumber })}</li>
        <li>{t('pin.step3')}</li>
        <li>{t('pin.step4')}</li>
      </ol>
    </>
  );
}

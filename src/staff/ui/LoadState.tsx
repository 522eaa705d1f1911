import { useTranslation } from 'react-i18next';
import type { Loaded } from './use-loaded.ts';
import { failureText } from './form-errors.ts';

/** "Loading…" or what went wrong, for a part of a page that comes from the service. */
export function LoadState({ loaded }: { loaded: Loaded<unknown> }) {
  const { t } = useTranslation('staff');
  if (loaded.state === 'loading') return <p className="govuk-body" role="status">{t('app.loading')}</p>;
  if (loaded.state === 'failed')
    return (
      <div className="govuk-error-summary" role="alert">
        <h2 className="govuk-error-summary__title">{t('app.loadFailed')}</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{failureText(t, loaded.error)}</p>
        </div>
      </div>
    );
  return null;
}

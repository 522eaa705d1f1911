import { useTranslation } from 'react-i18next';

/** A GOV.UK error message under a question, with "Error:" for screen readers before it. */
export function ErrorMessage({ id, text }: { id: string; text: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{`${t('form.errorPrefix')}:`}</span> {text}
    </p>
  );
}

import { useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlainWordsChecker } from './checker.ts';

/**
 * Advice on words staff write for the person: what the checker found, each with the words it is
 * about. Never a block: the form sends whatever is typed. Updated as the member types (deferred,
 * so typing stays quick), and read out politely.
 */
export function PlainWordsAdvice({ id, text }: { id: string; text: string }) {
  const { t, i18n } = useTranslation('staff');
  const checker = usePlainWordsChecker();
  const deferred = useDeferredValue(text);
  if (!checker || deferred.trim() === '') return null;
  const findings = checker(deferred, i18n.language);
  return (
    <div className="staff-plain-words" id={`${id}-advice`} aria-live="polite">
      {findings.length === 0 ? (
        <p className="govuk-body-s staff-plain-words__ok">{t('plainWords.none')}</p>
      ) : (
        <>
          <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t('plainWords.title', { count: findings.length })}</p>
          <ul className="govuk-list govuk-list--bullet govuk-body-s">
            {findings.map((finding) => (
              <li key={`${finding.messageKey}-${finding.start}-${finding.end}`}>
                {t(`plainWords.${finding.messageKey}` as 'plainWords.none', { ...finding.values, defaultValue: finding.messageKey })}
                {finding.end > finding.start ? (
                  <>
                    {' '}
                    <q className="staff-plain-words__quote">{deferred.slice(finding.start, finding.end)}</q>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

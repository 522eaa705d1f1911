import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEnrolmentCode, isEnrolmentCode, normaliseEnrolmentCode } from '../../../domain/delivery.ts';
import { useSession } from '../../session/session-context.ts';
import type { ApiClient } from '../../sync/api-client.ts';
import type { EnrolOutcome, KioskStatus } from '../../sync/delivery-enrol.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { Page } from '../../ui/Page.tsx';
import './kiosk-setup.scss';

const codeId = 'kiosk-code';
/** The format, shown as an example (not a real code). */
const example = formatEnrolmentCode('ABCD2345EFGH');

/** Loaded on first use, like the rest of the sync machinery. */
const loadServices = () => import('../../session/session-services.ts');

type ErrorKey = 'codeMissing' | 'codeFormat' | 'wrongCode' | 'noConnection';

/** Checks the code before anything is sent. */
export function checkEnrolmentCode(typed: string): ErrorKey | null {
  const code = normaliseEnrolmentCode(typed);
  if (code === '') return 'codeMissing';
  return isEnrolmentCode(code) ? null : 'codeFormat';
}

const outcomeError: Record<Exclude<EnrolOutcome, { ok: true }>['reason'], ErrorKey> = {
  format: 'codeFormat',
  wrongCode: 'wrongCode',
  noConnection: 'noConnection',
};

/**
 * Kiosk set-up, for staff: they type the one-time code made with `npm run device -- enrol`, and
 * the kiosk swaps it for the device credential that lets it send what signed-out people left
 * waiting. Only on a kiosk. What was typed stays in the box after any problem.
 */
export function KioskSetupPage({ api }: { /** Tests pass their own; the app makes one. */ api?: ApiClient }) {
  const { t } = useTranslation();
  const { deviceMode } = useSession();
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ErrorKey | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const isKiosk = deviceMode === 'kiosk';

  useEffect(() => {
    if (!isKiosk) return undefined;
    let live = true;
    void loadServices()
      .then(({ readKioskStatus }) => readKioskStatus())
      .then((found) => live && setStatus(found))
      .catch(() => live && setStatus({ state: 'notSetUp' }));
    return () => {
      live = false;
    };
  }, [isKiosk, done]);

  if (!isKiosk) {
    return (
      <Page title={t('kioskSetup.title')}>
        <p className="govuk-body">{t('kioskSetup.onlyKiosk')}</p>
      </Page>
    );
  }

  const fail = (key: ErrorKey) => {
    setError(key);
    setAttempt((n) => n + 1);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const problem = checkEnrolmentCode(code);
    if (problem) {
      fail(problem);
      return;
    }
    setError(null);
    setBusy(true);
    const services = await loadServices();
    const outcome = await services.enrolKiosk(api ?? services.createApiClient(), code).catch((): EnrolOutcome => ({ ok: false, reason: 'noConnection' }));
    setBusy(false);
    if (outcome.ok) {
      setCode('');
      setDone(outcome.name);
      return;
    }
    fail(outcomeError[outcome.reason]);
  }

  const message = error ? t(`kioskSetup.errors.${error}`, { example }) : null;

  return (
    <Page title={t('kioskSetup.title')}>
      <ErrorSummary title={t('kioskSetup.errors.title')} errors={message ? [{ fieldId: codeId, text: message }] : []} attempt={attempt} />
      {done ? (
        <NotificationBanner title={t('kioskSetup.doneTitle')} className="govuk-notification-banner--success">
          <p className="govuk-notification-banner__heading">{t('kioskSetup.doneText', { name: done })}</p>
        </NotificationBanner>
      ) : null}
      <p className="govuk-body">{t('kioskSetup.intro')}</p>
      {status ? (
        <p className="govuk-body govuk-!-font-weight-bold">
          {status.state === 'notSetUp'
            ? t('kioskSetup.statusNotSetUp')
            : status.state === 'setUp'
              ? t('kioskSetup.statusSetUp', { name: status.name })
              : t('kioskSetup.statusStopped', { name: status.name })}
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className={`govuk-form-group${message ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor={codeId}>
            {t('kioskSetup.codeLabel')}
          </label>
          <div id={`${codeId}-hint`} className="govuk-hint">
            {t('kioskSetup.codeHint', { example })}
          </div>
          {message ? (
            <p id={`${codeId}-error`} className="govuk-error-message">
              {message}
            </p>
          ) : null}
          <input
            id={codeId}
            name="code"
            className={`govuk-input govuk-input--width-20 app-kiosk-code${message ? ' govuk-input--error' : ''}`}
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            aria-describedby={`${codeId}-hint${message ? ` ${codeId}-error` : ''}`}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <p className="govuk-body app-kiosk-setup__status" role="status">
          {busy ? t('kioskSetup.busy') : null}
        </p>
        <Button type="submit" disabled={busy} className="app-kiosk-setup__submit">
          {t('kioskSetup.submit')}
        </Button>
      </form>
    </Page>
  );
}

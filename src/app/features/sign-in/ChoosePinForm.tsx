import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxPinLength } from '../../../domain/auth.ts';
import { formatWait } from '../../../format/index.ts';
import type { PinStepOutcome } from '../../session/session-context.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary, type ErrorItem } from '../../../ui/ErrorSummary.tsx';
import { NumberPad } from './NumberPad.tsx';
import { checkSignIn } from './SignInPage.tsx';

const newPinId = 'new-pin';
const confirmId = 'confirm-pin';

type Field = typeof newPinId | typeof confirmId;
type FieldErrors = { newPin?: string; confirm?: string };

/**
 * After a sign-in with a one-time PIN from staff: the person chooses their own PIN (typed twice)
 * before anything else. `onChoose` saves it and signs in with it; a refusal comes back here in
 * plain words, with the PIN boxes emptied (a wrong PIN kept on screen helps nobody).
 */
export function ChoosePinForm({ onChoose, onStartAgain }: { onChoose: (newPin: string) => Promise<PinStepOutcome | null>; onStartAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const [newPin, setNewPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [active, setActive] = useState<Field>(newPinId);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);
  const newPinInput = useRef<HTMLInputElement>(null);

  const setActiveValue = (update: (value: string) => string) => (active === newPinId ? setNewPin : setConfirm)((value) => update(value).slice(0, maxPinLength));

  const fail = (next: FieldErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
    setNewPin('');
    setConfirm('');
    setActive(newPinId);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = checkSignIn('', newPin, false).pin;
    if (found) {
      fail({ newPin: t(`signIn.errors.${found}`) });
      return;
    }
    if (confirm === '') {
      setErrors({ confirm: t('signIn.newPin.errors.confirmMissing') });
      setAttempt((n) => n + 1);
      return;
    }
    if (confirm !== newPin) {
      fail({ confirm: t('signIn.newPin.errors.mismatch') });
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await onChoose(newPin);
    setBusy(false);
    if (!result || result.ok) return;
    switch (result.reason) {
      case 'samePin':
        fail({ newPin: t('signIn.newPin.errors.samePin') });
        break;
      case 'invalidNewPin':
        fail({ newPin: t('signIn.errors.pinTooShort') });
        break;
      case 'tooSoon':
        fail({ newPin: t('signIn.errors.tooSoon', { time: formatWait(result.waitMs, i18n.resolvedLanguage) }) });
        break;
      case 'askStaff':
        fail({ newPin: t('signIn.errors.askStaff') });
        break;
      case 'signInAgain':
      case 'wrongPin':
        setEnded(true);
        fail({ newPin: t('signIn.newPin.errors.signInAgain') });
        break;
      default:
        fail({ newPin: t('signIn.newPin.errors.needsConnection') });
    }
  }

  const summary: ErrorItem[] = [
    ...(errors.newPin ? [{ fieldId: newPinId, text: errors.newPin }] : []),
    ...(errors.confirm ? [{ fieldId: confirmId, text: errors.confirm }] : []),
  ];

  const pinField = (id: Field, label: string, hint: string, value: string, setValue: (value: string) => void, error: string | undefined) => (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--m" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {hint}
      </div>
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          {error}
        </p>
      ) : null}
      <input
        id={id}
        ref={id === newPinId ? newPinInput : undefined}
        name={id}
        className={`govuk-input govuk-input--width-10 app-pin${error ? ' govuk-input--error' : ''}`}
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={maxPinLength}
        value={value}
        aria-describedby={`${id}-hint ${id}-count${error ? ` ${id}-error` : ''}`}
        onFocus={() => setActive(id)}
        onChange={(event) => setValue(event.target.value.slice(0, maxPinLength))}
      />
      <p id={`${id}-count`} className="govuk-body-s app-pin-count" aria-live="polite">
        {t('signIn.pinEntered', { count: value.length })}
      </p>
    </div>
  );

  return (
    <>
      <ErrorSummary title={t('signIn.errors.title')} errors={summary} attempt={attempt} />
      <div className="govuk-inset-text">
        <h2 className="govuk-heading-m">{t('signIn.newPin.title')}</h2>
        <p className="govuk-body">{t('signIn.newPin.text')}</p>
      </div>
      {ended ? (
        <Button type="button" onClick={onStartAgain}>
          {t('signIn.newPin.startAgain')}
        </Button>
      ) : (
        <form noValidate autoComplete="off" onSubmit={(event) => void submit(event)} className="app-sign-in">
          {pinField(newPinId, t('signIn.newPin.newPinLabel'), t('signIn.newPin.newPinHint'), newPin, setNewPin, errors.newPin)}
          {pinField(confirmId, t('signIn.newPin.confirmLabel'), t('signIn.newPin.confirmHint'), confirm, setConfirm, errors.confirm)}
          <p className="govuk-body">{t(active === newPinId ? 'signIn.newPin.padTypesNew' : 'signIn.newPin.padTypesConfirm')}</p>
          <NumberPad
            controls={active}
            onDigit={(digit) => setActiveValue((value) => value + digit)}
            onDelete={() => setActiveValue((value) => value.slice(0, -1))}
            onClear={() => setActiveValue(() => '')}
            disabled={busy}
          />
          <p className="govuk-body govuk-!-font-weight-bold app-sign-in__status" role="status">
            {busy ? t('signIn.newPin.saving') : null}
          </p>
          <Button type="submit" disabled={busy} className="app-sign-in__submit">
            {t('signIn.newPin.submit')}
          </Button>
        </form>
      )}
    </>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { maxPinLength, minPinLength } from '../../../domain/auth.ts';
import { prisonNumberPattern } from '../../../domain/ids.ts';
import { appRoutes } from '../../routes.ts';
import { formatWait } from '../../../format/index.ts';
import { useSession } from '../../session/session-context.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary, type ErrorItem } from '../../../ui/ErrorSummary.tsx';
import { Page } from '../../ui/Page.tsx';
import type { PendingPinChange } from '../../sync/pin-change.ts';
import { ChoosePinForm } from './ChoosePinForm.tsx';
import { NumberPad } from './NumberPad.tsx';
import { Link } from '../../ui/Link.tsx';

const prisonNumberId = 'prison-number';
/** The format, shown as an example (a made-up number). */
const example = 'A1234BC';
const pinId = 'pin';

type FieldErrors = { prisonNumber?: string; pin?: string };
type Stage =
  | { kind: 'enter' }
  | { kind: 'oldPin'; personId: string; prisonNumber: string; newPin: string }
  /** Signed in with a one-time PIN from staff: the person chooses their own first. */
  | { kind: 'newPin'; pending: PendingPinChange };

/** Tidy what was typed: spaces out, capitals (people type "a1234bc" or "A 1234 BC"). */
export function normalisePrisonNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Checks the form before anything is sent, in plain words. Returns i18n keys. */
export function checkSignIn(prisonNumber: string, pin: string, askPrisonNumber: boolean) {
  const errors: { prisonNumber?: 'prisonNumberMissing' | 'prisonNumberFormat'; pin?: 'pinMissing' | 'pinDigitsOnly' | 'pinTooShort' | 'pinTooLong' } = {};
  if (askPrisonNumber) {
    const number = normalisePrisonNumber(prisonNumber);
    if (number === '') errors.prisonNumber = 'prisonNumberMissing';
    else if (!prisonNumberPattern.test(number)) errors.prisonNumber = 'prisonNumberFormat';
  }
  if (pin === '') errors.pin = 'pinMissing';
  else if (!/^\d+$/.test(pin)) errors.pin = 'pinDigitsOnly';
  else if (pin.length < minPinLength) errors.pin = 'pinTooShort';
  else if (pin.length > maxPinLength) errors.pin = 'pinTooLong';
  return errors;
}

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== appRoutes.signIn ? from : appRoutes.home;
}

/** Sign-in: prison number and PIN, checked before sending; the PIN by number pad or keyboard. */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [prisonNumber, setPrisonNumber] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'enter' });
  /** At the old-PIN step: the person said they cannot remember it (asked whether to start again here). */
  const [forgotOld, setForgotOld] = useState(false);
  // A wait is for the prison number that was refused: someone else at this kiosk, typing their
  // own number, is never held up by it.
  const [wait, setWait] = useState<{ prisonNumber: string; deadline: number; remainingMs: number } | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);

  const waiting = wait !== null && wait.remainingMs > 0;
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => {
      setWait((current) => (current ? { ...current, remainingMs: Math.max(0, current.deadline - performance.now()) } : null));
    }, 1000);
    return () => clearInterval(timer);
  }, [waiting]);

  if (!session.signInAvailable) {
    return (
      <Page title={t('signIn.title')}>
        <p className="govuk-body">{t('signIn.notAvailable')}</p>
      </Page>
    );
  }

  if (session.person) {
    const name = session.person.displayName;
    return (
      <Page title={t('signIn.title')}>
        <p className="govuk-body">{name ? t('signIn.signedInAs', { name }) : t('signIn.signedIn')}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={appRoutes.plan}>
            {t('signIn.goToPlan')}
          </Link>
        </p>
      </Page>
    );
  }

  if (stage.kind === 'newPin') {
    const { pending } = stage;
    const choose = async (newPin: string) => {
      const result = await session.changePin({ kind: 'ownPin', pending, newPin });
      if (result.ok) {
        void navigate(returnPath(location.state), { replace: true });
        return null;
      }
      if (result.reason === 'pinChanged') {
        // This device holds data under the person's earlier PIN (staff reset it): the old PIN opens it once.
        setStage({ kind: 'oldPin', personId: result.personId, prisonNumber: pending.prisonNumber, newPin });
        setErrors({});
        return null;
      }
      return result;
    };
    return (
      <Page title={t('signIn.title')}>
        <ChoosePinForm onChoose={choose} onStartAgain={() => setStage({ kind: 'enter' })} />
      </Page>
    );
  }

  if (stage.kind === 'oldPin' && forgotOld) {
    const startAfresh = async () => {
      setBusy(true);
      const result = await session.changePin({ kind: 'forgotOldPin', personId: stage.personId, prisonNumber: stage.prisonNumber, newPin: stage.newPin });
      setBusy(false);
      setForgotOld(false);
      if (result.ok) {
        void navigate(returnPath(location.state), { replace: true });
        return;
      }
      // Still here (no connection, or the new PIN no longer works): back to the sign-in, in plain words.
      setStage({ kind: 'enter' });
      fail({ prisonNumber: t(result.reason === 'needsConnection' ? 'signIn.errors.needsConnection' : 'signIn.errors.wrongPin') });
    };
    return (
      <Page title={t('signIn.title')}>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div className="govuk-warning-text__text">
            <h2 className="govuk-heading-m">{t('signIn.startAfresh.title')}</h2>
            <p className="govuk-body">{t('signIn.startAfresh.text')}</p>
            <p className="govuk-body">{t('signIn.startAfresh.comesBack')}</p>
          </div>
        </div>
        <p className="govuk-body govuk-!-font-weight-bold app-sign-in__status" role="status">
          {busy ? t('signIn.unlocking') : null}
        </p>
        <div className="govuk-button-group">
          <Button type="button" variant="warning" disabled={busy} onClick={() => void startAfresh()}>
            {t('signIn.startAfresh.confirm')}
          </Button>
          <Button type="button" variant="secondary" disabled={busy} onClick={() => setForgotOld(false)}>
            {t('signIn.startAfresh.back')}
          </Button>
        </div>
      </Page>
    );
  }

  const askPrisonNumber = stage.kind === 'enter';
  const typedNumber = stage.kind === 'oldPin' ? stage.prisonNumber : normalisePrisonNumber(prisonNumber);
  const waitHere = wait !== null && wait.prisonNumber === typedNumber ? wait : null;
  const addDigit = (digit: string) => setPin((current) => (current.length >= maxPinLength ? current : current + digit));

  const fail = (next: FieldErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (waitHere && waitHere.remainingMs > 0) {
      // Still waiting: nothing is sent; the message and the time left stay on screen.
      fail({ pin: t('signIn.errors.tooSoon', { time: formatWait(waitHere.remainingMs, i18n.resolvedLanguage) }) });
      return;
    }
    const found = checkSignIn(prisonNumber, pin, askPrisonNumber);
    if (found.prisonNumber || found.pin) {
      fail({
        ...(found.prisonNumber ? { prisonNumber: t(`signIn.errors.${found.prisonNumber}`, { example }) } : {}),
        ...(found.pin ? { pin: t(`signIn.errors.${found.pin}`) } : {}),
      });
      return;
    }
    setErrors({});
    setBusy(true);
    const number = typedNumber;
    const result =
      stage.kind === 'oldPin'
        ? await session.changePin({ kind: 'oldPin', personId: stage.personId, prisonNumber: number, oldPin: pin, newPin: stage.newPin })
        : await session.signIn({ prisonNumber: number, pin });
    setBusy(false);
    if (result.ok) {
      setPin('');
      void navigate(returnPath(location.state), { replace: true });
      return;
    }
    setPin('');
    switch (result.reason) {
      case 'wrongPin':
        fail({ pin: t('signIn.errors.wrongPin') });
        break;
      case 'oldPinWrong':
        fail({ pin: t('signIn.errors.oldPinWrong') });
        break;
      case 'tooSoon':
        setWait({ prisonNumber: number, deadline: performance.now() + result.waitMs, remainingMs: result.waitMs });
        fail({ pin: t('signIn.errors.tooSoon', { time: formatWait(result.waitMs, i18n.resolvedLanguage) }) });
        break;
      case 'needsConnection':
        fail({ prisonNumber: t('signIn.errors.needsConnection') });
        break;
      case 'askStaff':
        fail({ prisonNumber: t('signIn.errors.askStaff') });
        break;
      case 'pinChanged':
        setStage({ kind: 'oldPin', personId: result.personId, prisonNumber: number, newPin: pin });
        setErrors({});
        pinInput.current?.focus();
        break;
      case 'newPinNeeded':
        setStage({ kind: 'newPin', pending: result.pending });
        setErrors({});
        break;
    }
  }

  const summary: ErrorItem[] = [
    ...(errors.prisonNumber ? [{ fieldId: prisonNumberId, text: errors.prisonNumber }] : []),
    ...(errors.pin ? [{ fieldId: pinId, text: errors.pin }] : []),
  ];
  const pinLabel = stage.kind === 'oldPin' ? t('signIn.oldPinLabel') : t('signIn.pinLabel');

  return (
    <Page title={t('signIn.title')}>
      <ErrorSummary title={t('signIn.errors.title')} errors={summary} attempt={attempt} />
      {stage.kind === 'oldPin' ? (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-m">{t('signIn.pinChangedTitle')}</h2>
          <p className="govuk-body">{t('signIn.pinChangedText')}</p>
        </div>
      ) : (
        <p className="govuk-body">{t('signIn.intro')}</p>
      )}
      <form noValidate autoComplete="off" onSubmit={(event) => void submit(event)} className="app-sign-in">
        {askPrisonNumber ? (
          <div className={`govuk-form-group${errors.prisonNumber ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--m" htmlFor={prisonNumberId}>
              {t('signIn.prisonNumberLabel')}
            </label>
            <div id={`${prisonNumberId}-hint`} className="govuk-hint">
              {t('signIn.prisonNumberHint', { example })}
            </div>
            {errors.prisonNumber ? (
              <p id={`${prisonNumberId}-error`} className="govuk-error-message">
                {errors.prisonNumber}
              </p>
            ) : null}
            <input
              id={prisonNumberId}
              name="prisonNumber"
              className={`govuk-input govuk-input--width-10 app-prison-number${errors.prisonNumber ? ' govuk-input--error' : ''}`}
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={prisonNumber}
              aria-describedby={`${prisonNumberId}-hint${errors.prisonNumber ? ` ${prisonNumberId}-error` : ''}`}
              onChange={(event) => setPrisonNumber(event.target.value)}
            />
          </div>
        ) : null}
        <div className={`govuk-form-group${errors.pin ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor={pinId}>
            {pinLabel}
          </label>
          <div id={`${pinId}-hint`} className="govuk-hint">
            {t('signIn.pinHint')}
          </div>
          {errors.pin ? (
            <p id={`${pinId}-error`} className="govuk-error-message">
              {errors.pin}
            </p>
          ) : null}
          {waitHere && waitHere.remainingMs > 0 ? (
            <p className="govuk-body govuk-!-font-weight-bold" role="timer">
              {t('signIn.timer', { time: formatWait(waitHere.remainingMs, i18n.resolvedLanguage) })}
            </p>
          ) : null}
          <input
            id={pinId}
            ref={pinInput}
            name="pin"
            className={`govuk-input govuk-input--width-10 app-pin${errors.pin ? ' govuk-input--error' : ''}`}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={maxPinLength}
            value={pin}
            aria-describedby={`${pinId}-hint ${pinId}-count${errors.pin ? ` ${pinId}-error` : ''}`}
            onChange={(event) => setPin(event.target.value.slice(0, maxPinLength))}
          />
          <p id={`${pinId}-count`} className="govuk-body-s app-pin-count" aria-live="polite">
            {t('signIn.pinEntered', { count: pin.length })}
          </p>
          <NumberPad controls={pinId} onDigit={addDigit} onDelete={() => setPin((p) => p.slice(0, -1))} onClear={() => setPin('')} disabled={busy} />
        </div>
        <p className="govuk-body govuk-!-font-weight-bold app-sign-in__status" role="status">
          {busy ? t('signIn.unlocking') : waitHere && waitHere.remainingMs === 0 ? t('signIn.canTryAgain') : null}
        </p>
        <Button type="submit" disabled={busy} className="app-sign-in__submit">
          {stage.kind === 'oldPin' ? t('signIn.oldPinSubmit') : t('signIn.submit')}
        </Button>
      </form>
      {stage.kind === 'oldPin' ? (
        <p className="govuk-body">
          <Button type="button" variant="secondary" disabled={busy} onClick={() => setForgotOld(true)}>
            {t('signIn.startAfresh.forgot')}
          </Button>
        </p>
      ) : null}
    </Page>
  );
}

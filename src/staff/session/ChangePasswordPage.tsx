import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staffPasswordLimits } from '../../domain/staff.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { StaffApiFailure } from '../api/client.ts';
import { failureText, useFormErrors } from '../ui/form-errors.ts';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useSignedIn, useStaffSession } from './session-context.ts';

/**
 * Change the password. Also the only page while `mustChangePassword` is set (a new account, or a
 * password an admin set): the service refuses everything else until then.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation('staff');
  const session = useStaffSession();
  const info = useSignedIn();
  const forced = info.mustChangePassword;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = [];
    if (!current) problems.push({ fieldId: 'current-password', text: t('password.errors.currentMissing') });
    if (next.trim().length < staffPasswordLimits.minLength) problems.push({ fieldId: 'new-password', text: t('password.errors.tooShort', { count: staffPasswordLimits.minLength }) });
    else if (next.length > staffPasswordLimits.maxLength) problems.push({ fieldId: 'new-password', text: t('password.errors.tooLong', { count: staffPasswordLimits.maxLength }) });
    else if (next !== again) problems.push({ fieldId: 'new-password-again', text: t('password.errors.different') });
    if (problems.length > 0) return form.show(problems);
    setBusy(true);
    try {
      await session.api.changePassword({ currentPassword: current, newPassword: next });
      form.clear();
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
      await session.refresh();
    } catch (error) {
      const fieldId =
        error instanceof StaffApiFailure && error.code === 'wrongCurrentPassword'
          ? 'current-password'
          : error instanceof StaffApiFailure && (error.code === 'samePassword' || error.field === 'newPassword')
            ? 'new-password'
            : 'current-password';
      form.show([{ fieldId, text: failureText(t, error) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <StaffPage title={forced ? t('password.forcedTitle') : t('password.title')}>
      {done ? (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{t('password.done')}</p>
          </div>
        </div>
      ) : null}
      {forced ? <p className="govuk-body">{t('password.forcedText')}</p> : null}
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="current-password"
          type="password"
          label={t('password.current')}
          autoComplete="current-password"
          width="govuk-input--width-20"
          value={current}
          onChange={setCurrent}
          error={form.of('current-password')}
          errorPrefix={t('form.errorPrefix')}
        />
        <TextInput
          id="new-password"
          type="password"
          label={t('password.new')}
          hint={t('password.newHint', { count: staffPasswordLimits.minLength })}
          autoComplete="new-password"
          width="govuk-input--width-20"
          value={next}
          onChange={setNext}
          error={form.of('new-password')}
          errorPrefix={t('form.errorPrefix')}
        />
        <TextInput
          id="new-password-again"
          type="password"
          label={t('password.again')}
          autoComplete="new-password"
          width="govuk-input--width-20"
          value={again}
          onChange={setAgain}
          error={form.of('new-password-again')}
          errorPrefix={t('form.errorPrefix')}
        />
        <Button type="submit" disabled={busy}>
          {t('password.submit')}
        </Button>
      </form>
    </StaffPage>
  );
}

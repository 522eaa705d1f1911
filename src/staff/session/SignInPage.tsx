import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWait } from '../../format/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { StaffApiFailure } from '../api/client.ts';
import { failureText, useFormErrors } from '../ui/form-errors.ts';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useStaffSession } from './session-context.ts';

/** Sign in with a username and password. Nothing typed is cleared by a wrong try. */
export function SignInPage() {
  const { t, i18n } = useTranslation('staff');
  const session = useStaffSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const why = session.state.kind === 'signedOut' ? session.state.why : 'start';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = [
      ...(username.trim() ? [] : [{ fieldId: 'username', text: t('signIn.errors.usernameMissing') }]),
      ...(password ? [] : [{ fieldId: 'password', text: t('signIn.errors.passwordMissing') }]),
    ];
    if (problems.length > 0) return form.show(problems);
    setBusy(true);
    try {
      const info = await session.api.signIn({ username: username.trim().toLowerCase(), password });
      form.clear();
      session.signedIn(info);
    } catch (error) {
      const text =
        error instanceof StaffApiFailure && error.code === 'tooManyTries' && error.retryAfterSeconds
          ? t('signIn.errors.wait', { time: formatWait(error.retryAfterSeconds * 1000, i18n.language) })
          : error instanceof StaffApiFailure && error.code === 'invalid'
            ? t('signIn.errors.wrongSignIn')
            : failureText(t, error);
      form.show([{ fieldId: 'username', text }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <StaffPage title={t('signIn.title')}>
      {why === 'signedOut' ? (
        <div className="govuk-inset-text" role="status">
          {t('signIn.signedOut')}
        </div>
      ) : null}
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput
          id="username"
          label={t('signIn.username')}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          width="govuk-input--width-20"
          value={username}
          onChange={setUsername}
          error={form.of('username')}
          errorPrefix={t('form.errorPrefix')}
        />
        <TextInput
          id="password"
          type="password"
          label={t('signIn.password')}
          autoComplete="current-password"
          width="govuk-input--width-20"
          value={password}
          onChange={setPassword}
          error={form.of('password')}
          errorPrefix={t('form.errorPrefix')}
        />
        <Button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </Button>
      </form>
      <p className="govuk-body">{t('signIn.help')}</p>
    </StaffPage>
  );
}

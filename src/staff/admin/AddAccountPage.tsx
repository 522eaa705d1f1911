import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayDo, NewStaffAccountRequest, StaffRole, type StaffAccount } from '../../domain/staff.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type ErrorItem } from '../../ui/ErrorSummary.tsx';
import { Radios } from '../../ui/Radios.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { StaffApiFailure } from '../api/client.ts';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { SuccessBanner } from '../ui/Banner.tsx';
import { failureItem, useFormErrors } from '../ui/form-errors.ts';
import { StaffPage } from '../ui/StaffPage.tsx';
import { NotAllowed } from './AccountsPage.tsx';

const fieldIds = { username: 'username', displayName: 'display-name', role: 'role', password: 'first-password' } as const;

/** Admin: add an account in the admin's prison, with a first password the member must change. */
export function AddAccountPage() {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const me = useSignedIn().member;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [password, setPassword] = useState('');
  const [added, setAdded] = useState<StaffAccount | null>(null);
  const form = useFormErrors();
  if (!mayDo(me.role, 'accounts')) return <NotAllowed />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewStaffAccountRequest.safeParse({ username, displayName, role, password });
    if (!parsed.success) {
      const seen = new Set<string>();
      const problems: ErrorItem[] = [];
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as keyof typeof fieldIds;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push({ fieldId: fieldIds[key], text: t(`addAccount.errors.${key}`) });
      }
      return form.show(problems);
    }
    try {
      setAdded(await api.addAccount(parsed.data));
      form.clear();
      setUsername('');
      setDisplayName('');
      setRole('');
      setPassword('');
    } catch (error) {
      setAdded(null);
      form.show([
        error instanceof StaffApiFailure && error.code === 'usernameTaken'
          ? { fieldId: 'username', text: t('errors.usernameTaken') }
          : failureItem(t, error, fieldIds, 'username'),
      ]);
    }
  };

  return (
    <StaffPage title={t('addAccount.title')}>
      {added ? (
        <SuccessBanner title={t('addAccount.done', { name: added.displayName })}>
          <p className="govuk-body">{t('addAccount.doneNext', { username: added.username })}</p>
        </SuccessBanner>
      ) : null}
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput id="display-name" label={t('addAccount.displayName')} value={displayName} onChange={setDisplayName} autoComplete="off" error={form.of('display-name')} errorPrefix={t('form.errorPrefix')} />
        <TextInput
          id="username"
          label={t('addAccount.username')}
          hint={t('addAccount.usernameHint')}
          value={username}
          onChange={setUsername}
          autoComplete="off"
          spellCheck={false}
          width="govuk-input--width-20"
          error={form.of('username')}
          errorPrefix={t('form.errorPrefix')}
        />
        <Radios
          id="role"
          legend={t('addAccount.role')}
          value={role}
          onChange={setRole}
          error={form.of('role')}
          errorPrefix={t('form.errorPrefix')}
          options={StaffRole.options.map((value) => ({ value, label: t(`role.${value}`), hint: t(`roleHint.${value}`) }))}
        />
        <TextInput
          id="first-password"
          type="password"
          label={t('addAccount.password')}
          hint={t('addAccount.passwordHint')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          width="govuk-input--width-20"
          error={form.of('first-password')}
          errorPrefix={t('form.errorPrefix')}
        />
        <div className="govuk-button-group">
          <Button type="submit">{t('addAccount.submit')}</Button>
          <Link className="govuk-link" to="/accounts">
            {t('addAccount.back')}
          </Link>
        </div>
      </form>
    </StaffPage>
  );
}

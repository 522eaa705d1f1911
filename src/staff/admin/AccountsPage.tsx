import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mayDo, type StaffAccount } from '../../domain/staff.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { type Column, Table } from '../../ui/Table.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { SuccessBanner } from '../ui/Banner.tsx';
import { failureText, useFormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';

/** Admin: the prison's staff accounts, each switched off or on again; a link to add one. */
export function AccountsPage() {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const me = useSignedIn().member;
  const loaded = useLoaded(() => api.listAccounts(), 'accounts');
  const [done, setDone] = useState<{ name: string; enabled: boolean } | null>(null);
  const form = useFormErrors();

  if (!mayDo(me.role, 'accounts')) return <NotAllowed />;

  const toggle = async (account: StaffAccount) => {
    const enable = account.disabledAt !== null;
    try {
      const changed = await api.setAccountEnabled(account.staffId, enable);
      if (loaded.state === 'ready') loaded.set(loaded.data.map((a) => (a.staffId === changed.staffId ? changed : a)));
      form.clear();
      setDone({ name: changed.displayName, enabled: enable });
    } catch (error) {
      setDone(null);
      form.show([{ fieldId: `toggle-${account.staffId}`, text: failureText(t, error) }]);
    }
  };

  const columns: Column<StaffAccount>[] = [
    { key: 'name', header: t('accounts.name'), cell: (a) => a.displayName },
    { key: 'username', header: t('accounts.username'), cell: (a) => a.username },
    { key: 'role', header: t('accounts.role'), cell: (a) => t(`role.${a.role}`) },
    {
      key: 'state',
      header: t('accounts.state'),
      cell: (a) =>
        a.disabledAt ? <Tag text={t('accounts.off')} colour="grey" /> : a.mustChangePassword ? <Tag text={t('accounts.newPassword')} colour="yellow" /> : <Tag text={t('accounts.on')} colour="green" />,
    },
    {
      key: 'actions',
      header: t('accounts.actions'),
      cell: (a) => (
        <>
          {a.staffId === me.staffId ? null : (
            <Button id={`toggle-${a.staffId}`} variant={a.disabledAt ? 'secondary' : 'warning'} className="govuk-!-margin-bottom-1" onClick={() => void toggle(a)}>
              {a.disabledAt ? t('accounts.enable', { name: a.displayName }) : t('accounts.disable', { name: a.displayName })}
            </Button>
          )}{' '}
          <Link className="govuk-link" to={`/audit?staffId=${a.staffId}`}>
            {t('accounts.trail', { name: a.displayName })}
          </Link>
        </>
      ),
    },
  ];
  return (
    <StaffPage title={t('accounts.title')}>
      {done ? <SuccessBanner title={t(done.enabled ? 'accounts.enabled' : 'accounts.disabled', { name: done.name })} /> : null}
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <p className="govuk-body">
        <Link className="govuk-button" to="/accounts/new">
          {t('accounts.add')}
        </Link>
      </p>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? <Table caption={t('accounts.caption')} columns={columns} rows={loaded.data} rowKey={(a) => a.staffId} /> : null}
    </StaffPage>
  );
}

export function NotAllowed() {
  const { t } = useTranslation('staff');
  return (
    <StaffPage title={t('notAllowed.title')}>
      <p className="govuk-body">{t('notAllowed.text')}</p>
    </StaffPage>
  );
}

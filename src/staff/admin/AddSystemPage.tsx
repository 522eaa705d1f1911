import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { may } from '../permissions.ts';
import { NewSystemRequest, type NewSystemResponse } from '../../domain/staff-people.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { failureItem, useFormErrors } from '../ui/form-errors.ts';
import { StaffPage } from '../ui/StaffPage.tsx';
import { NotAllowed } from './AccountsPage.tsx';

/** Admin: connect a system. Its token is shown here once and never again. */
export function AddSystemPage() {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const me = useSignedIn().member;
  const [name, setName] = useState('');
  const [made, setMade] = useState<NewSystemResponse | null>(null);
  const form = useFormErrors();
  if (!may.systems(me.role)) return <NotAllowed />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = NewSystemRequest.safeParse({ name });
    if (!parsed.success) return form.show([{ fieldId: 'system-name', text: t('addSystem.errors.name') }]);
    try {
      setMade(await api.addSystem(parsed.data.name));
      form.clear();
    } catch (error) {
      form.show([failureItem(t, error, { name: 'system-name' }, 'system-name')]);
    }
  };

  if (made) {
    return (
      <StaffPage title={t('addSystem.doneTitle', { name: made.system.name })}>
        <div className="govuk-panel govuk-panel--confirmation">
          <h2 className="govuk-panel__title">{t('addSystem.tokenTitle')}</h2>
          <div className="govuk-panel__body">
            <code className="staff-token">{made.token}</code>
          </div>
        </div>
        <div className="govuk-warning-text">
          <strong className="govuk-warning-text__text">{t('addSystem.once')}</strong>
        </div>
        <ol className="govuk-list govuk-list--number">
          <li>{t('addSystem.step1')}</li>
          <li>{t('addSystem.step2')}</li>
          <li>{t('addSystem.step3')}</li>
        </ol>
        <p className="govuk-body">
          <Link className="govuk-link" to="/systems">
            {t('addSystem.back')}
          </Link>
        </p>
      </StaffPage>
    );
  }
  return (
    <StaffPage title={t('addSystem.title')}>
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextInput id="system-name" label={t('addSystem.name')} hint={t('addSystem.nameHint')} value={name} onChange={setName} autoComplete="off" error={form.of('system-name')} errorPrefix={t('form.errorPrefix')} />
        <div className="govuk-button-group">
          <Button type="submit">{t('addSystem.submit')}</Button>
          <Link className="govuk-link" to="/systems">
            {t('addSystem.back')}
          </Link>
        </div>
      </form>
    </StaffPage>
  );
}

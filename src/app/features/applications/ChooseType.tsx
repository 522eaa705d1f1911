import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applicationReference, ApplicationType } from '../../../domain/application.ts';
import { newApplicationPath } from '../../later-paths.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { Page } from '../../ui/Page.tsx';
import { RadioGroup } from '../../ui/RadioGroup.tsx';
import { useApplications } from './data.ts';
import { openOfType } from './model.ts';

const chooseId = 'application-type';

/** "What do you want to ask for?": one of the types, each saying if one is open or started already. */
export function ChooseType({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('forms');
  const navigate = useNavigate();
  const data = useApplications(person);
  const [type, setType] = useState<ApplicationType | ''>('');
  const [error, setError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const rows = data.state === 'ready' ? data.value.rows : [];
  const drafts = data.state === 'ready' ? data.value.drafts : [];

  const go = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (type === '') {
      setError(true);
      setAttempt((n) => n + 1);
      return;
    }
    void navigate(newApplicationPath(type));
  };

  const hintFor = (option: ApplicationType) => {
    const open = openOfType(rows, option);
    if (open) return t('choose.openHint', { reference: applicationReference(open.id) });
    return drafts.some((draft) => draft.type === option) ? t('choose.draftHint') : undefined;
  };

  return (
    <Page title={t('choose.title')}>
      <form noValidate autoComplete="off" onSubmit={go}>
        <ErrorSummary title={t('errors.title')} errors={error ? [{ fieldId: chooseId, text: t('choose.error') }] : []} attempt={attempt} />
        <RadioGroup
          id={chooseId}
          name="type"
          legend={t('choose.hint')}
          legendSize="s"
          error={error ? t('choose.error') : undefined}
          value={type}
          onChange={(value) => {
            setType(value);
            setError(false);
          }}
          options={ApplicationType.options.map((option) => ({ value: option, label: t(`type.${option}`), hint: hintFor(option) }))}
        />
        <Button type="submit">{t('choose.continue')}</Button>
      </form>
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { may } from '../permissions.ts';
import { staffPeopleSearchLimits, type StaffPersonSummary } from '../../domain/staff-people.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Radios } from '../../ui/Radios.tsx';
import { type Column, Table } from '../../ui/Table.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { formatDate } from '../ui/dates.ts';
import { useFormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';

/** The caseload: my people (allocated to me) or everyone in my prison, searched by prison number or name. */
export function PeoplePage() {
  const { t, i18n } = useTranslation('staff');
  const { api } = useStaffSession();
  const info = useSignedIn();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const defaultWhose = info.member.role === 'pom' ? 'mine' : 'prison';
  const whose = params.get('whose') ?? defaultWhose;
  const [typed, setTyped] = useState(q);
  const [chosen, setChosen] = useState<'mine' | 'prison'>(whose === 'mine' ? 'mine' : 'prison');
  const form = useFormErrors();
  const loaded = useLoaded(() => api.listPeople({ q, mine: whose === 'mine' }), `${q}|${whose}`);

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim().length > staffPeopleSearchLimits.maxLength) return form.show([{ fieldId: 'people-q', text: t('people.errors.tooLong', { count: staffPeopleSearchLimits.maxLength }) }]);
    form.clear();
    const next = new URLSearchParams();
    if (typed.trim()) next.set('q', typed.trim());
    if (chosen !== defaultWhose) next.set('whose', chosen);
    setParams(next);
  };

  const columns: Column<StaffPersonSummary>[] = [
    {
      key: 'name',
      header: t('people.name'),
      cell: (p) => (
        <Link className="govuk-link" to={`/people/${p.prisonNumber}`}>
          {p.displayName}
        </Link>
      ),
    },
    { key: 'number', header: t('people.prisonNumber'), cell: (p) => p.prisonNumber },
    { key: 'pom', header: t('people.pom'), cell: (p) => p.pomName ?? t('people.noPom') },
    { key: 'plan', header: t('people.plan'), cell: (p) => (p.planVersion > 0 && p.planSavedAt ? t('people.planVersion', { version: p.planVersion, date: formatDate(p.planSavedAt, i18n.language) }) : t('people.noPlan')) },
    { key: 'open', header: t('people.openApplications'), numeric: true, cell: (p) => String(p.openApplications) },
    { key: 'pin', header: t('people.pin'), cell: (p) => (p.mustChangePin ? <Tag text={t('people.pinOneTime')} colour="yellow" /> : <Tag text={t('people.pinOwn')} colour="green" />) },
  ];
  const items = loaded.state === 'ready' ? loaded.data.items : [];
  return (
    <StaffPage title={t('people.title')}>
      {may.enrol(info.member.role) ? (
        <p className="govuk-body">
          <Link className="govuk-button" to="/people/new">
            {t('people.enrol')}
          </Link>
        </p>
      ) : null}
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <form noValidate onSubmit={search} role="search" aria-label={t('people.searchLabel')}>
        <Radios
          id="people-whose"
          legend={t('people.whose')}
          inline
          value={chosen}
          onChange={setChosen}
          options={[
            { value: 'mine', label: t('people.mine') },
            { value: 'prison', label: t('people.prison', { prison: info.prison.name }) },
          ]}
        />
        <TextInput id="people-q" type="search" label={t('people.search')} hint={t('people.searchHint')} value={typed} onChange={setTyped} width="govuk-input--width-20" error={form.of('people-q')} errorPrefix={t('form.errorPrefix')} />
        <Button type="submit" variant="secondary">
          {t('people.searchSubmit')}
        </Button>
      </form>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? (
        <>
          <p className="govuk-body" role="status">
            {q ? t('people.foundFor', { count: items.length, q }) : t('people.found', { count: items.length })}
          </p>
          {items.length > 0 ? <Table caption={whose === 'mine' ? t('people.mine') : t('people.prison', { prison: info.prison.name })} columns={columns} rows={items} rowKey={(p) => p.personId} /> : null}
        </>
      ) : null}
    </StaffPage>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApplicationStatus, ApplicationType } from '../../domain/application.ts';
import type { StaffApplicationSummary } from '../../domain/staff.ts';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Select.tsx';
import { type Column, Table } from '../../ui/Table.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useStaffSession } from '../session/session-context.ts';
import { formatDate } from '../ui/dates.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import { statusColour } from './labels.ts';
import { replyClock, useReplyTimes } from './reply-time.ts';

const openStatuses = ['received', 'beingLookedAt'] as const;

/**
 * Applications of the member's prison, oldest first, filtered by status and type, with how old
 * each is in working days, the usual reply time, and which look overdue.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation('staff');
  const { api } = useStaffSession();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'open';
  const type = params.get('type') ?? '';
  const [chosenStatus, setChosenStatus] = useState(status);
  const [chosenType, setChosenType] = useState(type);
  const statuses = status === 'open' ? [...openStatuses] : status === 'all' ? [] : [status];
  const times = useReplyTimes();
  const loaded = useLoaded(() => api.listApplications({ status: statuses, type: type ? [type] : [] }), `${status}|${type}`);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (chosenStatus !== 'open') next.set('status', chosenStatus);
    if (chosenType) next.set('type', chosenType);
    setParams(next);
  };

  const columns: Column<StaffApplicationSummary>[] = [
    {
      key: 'reference',
      header: t('inbox.reference'),
      cell: (row) => (
        <Link className="govuk-link" to={`/applications/${row.id}`}>
          {row.reference}
          <span className="govuk-visually-hidden">{`, ${t(`applicationType.${row.type}`)}, ${row.person.displayName}`}</span>
        </Link>
      ),
    },
    { key: 'type', header: t('inbox.type'), cell: (row) => t(`applicationType.${row.type}`) },
    { key: 'person', header: t('inbox.person'), cell: (row) => `${row.person.displayName} (${row.person.prisonNumber})` },
    { key: 'received', header: t('inbox.received'), cell: (row) => formatDate(row.receivedAt, i18n.language) },
    {
      key: 'age',
      header: t('inbox.age'),
      cell: (row) => {
        const clock = replyClock(row, times);
        return (
          <>
            {t('inbox.workingDays', { count: clock.workingDaysOld })}
            <br />
            <span className="govuk-hint staff-small">{t('inbox.usually', { count: clock.usualWorkingDays })}</span>
          </>
        );
      },
    },
    {
      key: 'status',
      header: t('inbox.status'),
      cell: (row) => (
        <>
          <Tag text={t(`applicationStatus.${row.status}`)} colour={statusColour[row.status]} />{' '}
          {replyClock(row, times).overdue ? <Tag text={t('inbox.overdue')} colour="red" /> : null}
        </>
      ),
    },
  ];

  const items = loaded.state === 'ready' ? loaded.data.items : [];
  const overdue = items.filter((row) => replyClock(row, times).overdue).length;
  return (
    <StaffPage title={t('inbox.title')}>
      <form className="staff-filters" onSubmit={apply}>
        <Select
          id="filter-status"
          label={t('inbox.filterStatus')}
          value={chosenStatus}
          onChange={setChosenStatus}
          options={[
            { value: 'open', label: t('inbox.statusOpen') },
            ...ApplicationStatus.options.map((value) => ({ value, label: t(`applicationStatus.${value}`) })),
            { value: 'all', label: t('inbox.statusAll') },
          ]}
        />
        <Select
          id="filter-type"
          label={t('inbox.filterType')}
          value={chosenType}
          onChange={setChosenType}
          placeholder={t('inbox.typeAll')}
          options={ApplicationType.options.map((value) => ({ value, label: t(`applicationType.${value}`) }))}
        />
        <Button type="submit" variant="secondary">
          {t('inbox.apply')}
        </Button>
      </form>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? (
        <>
          <p className="govuk-body" role="status">
            {t('inbox.count', { count: items.length })} {overdue > 0 ? t('inbox.overdueCount', { count: overdue }) : null}
          </p>
          <p className="govuk-hint">{t('inbox.replyTimeNote')}</p>
          {items.length > 0 ? <Table caption={t('inbox.caption')} columns={columns} rows={items} rowKey={(row) => row.id} /> : null}
        </>
      ) : null}
    </StaffPage>
  );
}

import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffQuestionnaireSummary } from '../../domain/staff.ts';
import { type Column, Table } from '../../ui/Table.tsx';
import { useStaffSession } from '../session/session-context.ts';
import { formatDate } from '../ui/dates.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';

/** Questionnaires received from people in the prison (the newest of each person's), oldest first. */
export function QuestionnairesPage() {
  const { t, i18n } = useTranslation('staff');
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.listQuestionnaires(), 'questionnaires');
  const columns: Column<StaffQuestionnaireSummary>[] = [
    {
      key: 'person',
      header: t('questionnaires.person'),
      cell: (q) => (
        <Link className="govuk-link" to={`/questionnaires/${q.id}`}>
          {`${q.person.displayName} (${q.person.prisonNumber})`}
        </Link>
      ),
    },
    { key: 'completed', header: t('questionnaires.completed'), cell: (q) => formatDate(q.completedOn, i18n.language) },
    { key: 'received', header: t('questionnaires.received'), cell: (q) => formatDate(q.receivedAt, i18n.language) },
    { key: 'answers', header: t('questionnaires.answers'), numeric: true, cell: (q) => String(q.answerCount) },
  ];
  const items = loaded.state === 'ready' ? loaded.data.items : [];
  return (
    <StaffPage title={t('questionnaires.title')}>
      <p className="govuk-body">{t('questionnaires.intro')}</p>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? (
        items.length > 0 ? (
          <Table caption={t('questionnaires.caption')} columns={columns} rows={items} rowKey={(q) => q.id} />
        ) : (
          <p className="govuk-body">{t('questionnaires.none')}</p>
        )
      ) : null}
    </StaffPage>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../../domain/staff.ts';
import { Button } from '../../ui/Button.tsx';
import { type Column, Table } from '../../ui/Table.tsx';
import { NotAllowed } from '../admin/AccountsPage.tsx';
import { may } from '../permissions.ts';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { formatDateTime } from '../ui/dates.ts';
import { failureText } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';

/** The audit trail of one person or one member of staff, newest first. Read only: nothing here changes it. */
export function AuditPage() {
  const { t, i18n } = useTranslation('staff');
  const { api } = useStaffSession();
  const info = useSignedIn();
  const [params] = useSearchParams();
  const personId = params.get('personId');
  const staffId = params.get('staffId');
  const name = params.get('name');
  const subject = personId ? { personId } : { staffId: staffId ?? info.member.staffId };
  const key = personId ? `p:${personId}` : `s:${subject.staffId}`;
  const first = useLoaded(() => api.audit(subject), key);
  const [more, setMore] = useState<{ key: string; entries: AuditEntry[]; next: string | null } | null>(null);
  const [moreFailed, setMoreFailed] = useState<unknown>(null);
  if (!may.audit(info.member.role)) return <NotAllowed />;

  const entries = first.state === 'ready' ? [...first.data.entries, ...(more?.key === key ? more.entries : [])] : [];
  const next = first.state === 'ready' ? (more?.key === key ? more.next : first.data.next) : null;
  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await api.audit(subject, next);
      setMore({ key, entries: [...(more?.key === key ? more.entries : []), ...page.entries], next: page.next });
      setMoreFailed(null);
    } catch (error) {
      setMoreFailed(error);
    }
  };
  // The service names whose trail it is; the link's name is shown until it has.
  const subjectName = first.state === 'ready' ? first.data.subject : null;
  const whose = personId
    ? t('audit.ofPerson', { name: subjectName ?? name ?? personId })
    : subject.staffId === info.member.staffId
      ? t('audit.ofMe')
      : t('audit.ofStaff', { name: subjectName ?? name ?? subject.staffId });
  const columns: Column<AuditEntry>[] = [
    { key: 'at', header: t('audit.when'), cell: (e) => formatDateTime(e.at, i18n.language) },
    { key: 'action', header: t('audit.action'), cell: (e) => t(`auditAction.${e.action}` as 'auditAction.signIn', { defaultValue: e.action }) },
    {
      key: 'who',
      header: t('audit.who'),
      cell: (e) =>
        e.staffId === info.member.staffId
          ? t('audit.you')
          : e.systemId
            ? t('audit.system', { name: e.by ?? e.systemId })
            : (e.by ?? e.staffId ?? t('audit.nobody')),
    },
    { key: 'about', header: t('audit.about'), cell: (e) => (e.entity ? `${t(`auditEntity.${e.entity}` as 'auditEntity.application', { defaultValue: e.entity })}${e.entityId ? ` ${e.entityId}` : ''}` : '') },
    {
      key: 'details',
      header: t('audit.details'),
      cell: (e) =>
        Object.entries(e.details)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', '),
    },
  ];
  return (
    <StaffPage title={t('audit.title')} caption={whose}>
      <p className="govuk-body">{t('audit.intro')}</p>
      <LoadState loaded={first} />
      {first.state === 'ready' ? (
        entries.length > 0 ? (
          <>
            <Table caption={whose} columns={columns} rows={entries} rowKey={(e) => e.seq} />
            {moreFailed ? <p className="govuk-error-message">{failureText(t, moreFailed)}</p> : null}
            {next ? (
              <Button variant="secondary" onClick={() => void loadMore()}>
                {t('audit.more')}
              </Button>
            ) : null}
          </>
        ) : (
          <p className="govuk-body">{t('audit.none')}</p>
        )
      ) : null}
    </StaffPage>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { may } from '../permissions.ts';
import type { ConnectedSystem } from '../../domain/staff-people.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { type Column, Table } from '../../ui/Table.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useSignedIn, useStaffSession } from '../session/session-context.ts';
import { SuccessBanner } from '../ui/Banner.tsx';
import { formatDate } from '../ui/dates.ts';
import { failureText, useFormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import { NotAllowed } from './AccountsPage.tsx';

/** Admin: connected systems (staff tools that put plans through the import API), each with its own token. */
export function SystemsPage() {
  const { t, i18n } = useTranslation('staff');
  const { api } = useStaffSession();
  const me = useSignedIn().member;
  const loaded = useLoaded(() => api.listSystems(), 'systems');
  const [confirming, setConfirming] = useState<ConnectedSystem | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const form = useFormErrors();
  if (!may.systems(me.role)) return <NotAllowed />;

  const revoke = async (system: ConnectedSystem) => {
    try {
      await api.revokeSystem(system.systemId);
      setConfirming(null);
      setRevoked(system.name);
      form.clear();
      loaded.reload();
    } catch (error) {
      form.show([{ fieldId: 'revoke-yes', text: failureText(t, error) }]);
    }
  };

  const columns: Column<ConnectedSystem>[] = [
    { key: 'name', header: t('systems.name'), cell: (s) => s.name },
    { key: 'added', header: t('systems.added'), cell: (s) => formatDate(s.createdAt, i18n.language) },
    {
      key: 'state',
      header: t('systems.state'),
      cell: (s) => (s.revokedAt ? <Tag text={t('systems.revoked', { date: formatDate(s.revokedAt, i18n.language) })} colour="grey" /> : <Tag text={t('systems.active')} colour="green" />),
    },
    {
      key: 'actions',
      header: t('systems.actions'),
      cell: (s) =>
        s.revokedAt ? null : (
          <Button variant="warning" className="govuk-!-margin-bottom-0" onClick={() => setConfirming(s)}>
            {t('systems.revoke', { name: s.name })}
          </Button>
        ),
    },
  ];
  return (
    <StaffPage title={t('systems.title')}>
      {revoked ? <SuccessBanner title={t('systems.revokedDone', { name: revoked })} /> : null}
      <p className="govuk-body">{t('systems.intro')}</p>
      {confirming ? (
        <section className="govuk-warning-text staff-section" aria-labelledby="revoke-heading">
          <h2 className="govuk-heading-m" id="revoke-heading">
            {t('systems.confirmTitle', { name: confirming.name })}
          </h2>
          <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
          <p className="govuk-body">{t('systems.confirmText')}</p>
          <div className="govuk-button-group">
            <Button id="revoke-yes" variant="warning" onClick={() => void revoke(confirming)}>
              {t('systems.confirmYes')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              {t('systems.confirmNo')}
            </Button>
          </div>
        </section>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-button" to="/systems/new">
          {t('systems.add')}
        </Link>
      </p>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? (
        loaded.data.length > 0 ? (
          <Table caption={t('systems.caption')} columns={columns} rows={loaded.data} rowKey={(s) => s.systemId} />
        ) : (
          <p className="govuk-body">{t('systems.none')}</p>
        )
      ) : null}
    </StaffPage>
  );
}

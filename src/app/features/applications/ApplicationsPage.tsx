import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useSearchParams } from 'react-router';
import { applicationReference, ApplicationType } from '../../../domain/application.ts';
import { formatDate } from '../../../format/index.ts';
import { applicationPath, applicationShortcut, newApplicationPath } from '../../later-paths.ts';
import { useNewReplyIds } from '../../session/new-replies.tsx';
import { type ActivePerson } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { StoreDamageNotice } from '../../session/StoreDamageNotice.tsx';
import { Page } from '../../ui/Page.tsx';
import { ApplicationView } from './ApplicationView.tsx';
import { ChangeApplication } from './ChangeApplication.tsx';
import { ChooseType } from './ChooseType.tsx';
import { useApplications } from './data.ts';
import { type Draft, type Row, statusOf, typeOf } from './model.ts';
import { NewApplication } from './NewApplication.tsx';
import { StatusLine } from './StatusLine.tsx';
import './applications.scss';
import { Link } from '../../ui/Link.tsx';

/**
 * Applications to the OMU (`/applications/…`): the list with one status line each, choosing
 * what to ask, the form for each type, one application with its replies, and changing one the
 * service turned down. Signed-in only.
 */
export function ApplicationsPage() {
  const { t } = useTranslation('forms');
  return (
    <RequireSignIn title={t('applications.title')}>
      {(person) => (
        <Routes>
          <Route index element={<ApplicationList person={person} />} />
          <Route path="new" element={<ChooseType person={person} />} />
          <Route path="new/:type" element={<NewApplication person={person} />} />
          <Route path=":id" element={<ApplicationView person={person} />} />
          <Route path=":id/change" element={<ChangeApplication person={person} />} />
        </Routes>
      )}
    </RequireSignIn>
  );
}

function ApplicationList({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('forms');
  const data = useApplications(person);
  const newIds = useNewReplyIds(person);
  // An address from before application types had pages of their own (`?type=…&about=…`).
  const [params] = useSearchParams();
  const legacy = ApplicationType.safeParse(params.get('type'));
  if (legacy.success) return <Navigate to={applicationShortcut(legacy.data, params.get('about') ?? undefined)} replace />;
  return (
    <Page title={t('applications.title')}>
      <StoreDamageNotice person={person} />
      <p className="govuk-body">{t('applications.intro')}</p>
      <p className="govuk-body">{t('applications.safe')}</p>
      <p className="govuk-body">{t('applications.onePerType')}</p>
      <Link className="govuk-button app-new-application" to={newApplicationPath()}>
        {t('applications.newLink')}
      </Link>
      <h2 className="govuk-heading-l">{t('applications.listTitle')}</h2>
      {data.state === 'ready' && data.value.rows.length === 0 && data.value.drafts.length === 0 ? <p className="govuk-body">{t('applications.listNone')}</p> : null}
      {data.state === 'ready' && (data.value.rows.length > 0 || data.value.drafts.length > 0) ? (
        <ul className="govuk-list app-applications">
          {data.value.drafts.map((draft) => (
            <DraftItem key={draft.type} draft={draft} />
          ))}
          {data.value.rows.map((row) => (
            <ApplicationItem key={row.id} row={row} isNew={newIds?.has(row.id) ?? false} />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

function DraftItem({ draft }: { draft: Draft }) {
  const { t } = useTranslation('forms');
  return (
    <li className="app-application app-application--draft">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">{t(`type.${draft.type}`)}</h3>
      <StatusLine status="draft" />
      {draft.details.trim() ? <p className="govuk-body app-application__details">{draft.details}</p> : null}
      <Link className="govuk-link" to={newApplicationPath(draft.type)}>
        {t('applications.continueDraft')}
      </Link>
    </li>
  );
}

function ApplicationItem({ row, isNew }: { row: Row; isNew: boolean }) {
  const { t, i18n } = useTranslation('forms');
  const { view, application } = row;
  const status = statusOf(row);
  const type = typeOf(row);
  return (
    <li className="app-application">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">
        <Link className="govuk-link" to={applicationPath(row.id)}>
          {type ? t(`type.${type}`) : view ? t('applications.open') : t('applications.elsewhere')}
        </Link>
      </h3>
      <StatusLine status={status} isNew={isNew} />
      <p className="govuk-body-s govuk-!-margin-bottom-2">
        {t('applications.reference', { reference: applicationReference(row.id) })}
        {view ? (
          <>
            <br />
            {t('applications.made', { date: formatDate(view.createdAt, i18n.resolvedLanguage) })}
          </>
        ) : null}
      </p>
      {application ? <p className="govuk-body app-application__details">{application.details}</p> : null}
      {status === 'waiting' ? <p className="govuk-hint">{t('statusHint.waiting')}</p> : null}
      {status === 'unreadable' ? <p className="govuk-body">{t('item.unreadable')}</p> : null}
    </li>
  );
}

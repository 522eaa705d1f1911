import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type Application, applicationReference, type ApplicationType } from '../../../domain/application.ts';
import { appRoutes } from '../../routes.ts';
import { applicationPath } from '../../later-paths.ts';
import { type ActivePerson, useSession } from '../../session/session-context.ts';
import { Page } from '../../ui/Page.tsx';
import { AlreadyOpen, WhatHappensNext } from './AboutType.tsx';
import { ApplicationForm } from './ApplicationForm.tsx';
import { type ApplicationsData, useApplications } from './data.ts';
import { changeDraftName, type Draft, openOfType, statusOf, toDraft } from './model.ts';
import { Link } from '../../ui/Link.tsx';

/**
 * A turned-down application, changed and sent again (`/applications/<id>/change`): its words and
 * answers come back in the form (its type may change too); sending makes a new application that
 * names the old one (`replaces`); the old one stays as it was, turned down, linked.
 */
export function ChangeApplication({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('forms');
  const { id = '' } = useParams();
  const data = useApplications(person);
  if (data.state !== 'ready') return null;
  const row = data.value.rows.find((r) => r.id === id);
  const replacedBy = data.value.rows.find((other) => other.application?.replaces === id);
  if (!row?.application || statusOf(row) !== 'rejected' || replacedBy) {
    return (
      <Page title={t('form.changeTitle')}>
        {replacedBy ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={applicationPath(replacedBy.id)}>
              {t('applications.replacedBy', { reference: applicationReference(replacedBy.id) })}
            </Link>
          </p>
        ) : (
          <p className="govuk-body">{t('item.notFound')}</p>
        )}
        <Link className="govuk-link" to={appRoutes.applications}>
          {t('item.back')}
        </Link>
      </Page>
    );
  }
  return <ChangeForm id={id} application={row.application} data={data.value} />;
}

function fromApplication(application: Application): Draft {
  return { type: application.type, fields: { ...(application.fields ?? {}) }, details: application.details, replaces: application.id };
}

function ChangeForm({ id, application, data }: { id: string; application: Application; data: ApplicationsData }) {
  const { t } = useTranslation('forms');
  const navigate = useNavigate();
  const { readDraft } = useSession();
  const [initial, setInitial] = useState<Draft | null>(null);
  const [type, setType] = useState<ApplicationType>(application.type);
  useEffect(() => {
    let live = true;
    const fresh = fromApplication(application);
    readDraft(changeDraftName(id)).then(
      (value) => {
        const kept = toDraft(value);
        const start = kept ? { ...kept, replaces: id } : fresh;
        if (!live) return;
        setInitial(start);
        setType(start.type);
      },
      () => live && setInitial(fresh),
    );
    return () => {
      live = false;
    };
  }, [readDraft, id, application]);
  const open = openOfType(data.rows, type);
  return (
    <Page title={t('form.changeTitle')}>
      <p className="govuk-body">{t('form.changeIntro')}</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={applicationPath(id)}>
          {t('applications.reference', { reference: applicationReference(id) })}
        </Link>
      </p>
      {open ? <AlreadyOpen row={open} /> : null}
      <WhatHappensNext type={type} />
      {initial ? (
        <ApplicationForm
          initial={initial}
          draftName={changeDraftName(id)}
          plan={data.plan}
          chooseType
          focusDetails
          onTypeChange={setType}
          hasOpenOfType={(asked) => openOfType(data.rows, asked) !== null}
          onSent={(sent) => void navigate(applicationPath(sent), { state: { saved: true } })}
        />
      ) : null}
    </Page>
  );
}

import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { type Application, applicationReference, type ApplicationReply, fieldsOf } from '../../../domain/application.ts';
import type { Plan } from '../../../domain/plan.ts';
import { formatDate } from '../../../format/index.ts';
import { Readable, ReadAloud } from '../../read-aloud/ReadAloud.tsx';
import { buildScript, type BlockSource } from '../../read-aloud/script.ts';
import { appRoutes } from '../../routes.ts';
import { applicationPath } from '../../later-paths.ts';
import { useMarkRepliesSeen, useNewReplyIds } from '../../session/new-replies.tsx';
import type { ActivePerson } from '../../session/session-context.ts';
import { StoreDamageNotice } from '../../session/StoreDamageNotice.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { Page } from '../../ui/Page.tsx';
import { AlreadyOpen, WhatHappensNext } from './AboutType.tsx';
import { useApplications } from './data.ts';
import { fieldQuestion, fieldValueLabel } from './FieldInput.tsx';
import { isOpen, openOfType, type Row, statusOf, typeOf } from './model.ts';
import { StatusLine } from './StatusLine.tsx';
import { Link } from '../../ui/Link.tsx';

const noGlossary = {};

/** One application: its reference, its status line, what was asked, and the OMU's replies. */
export function ApplicationView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation('forms');
  const { id } = useParams();
  const data = useApplications(person);
  if (data.state !== 'ready') return null;
  const row = data.value.rows.find((r) => r.id === id);
  if (!row) {
    return (
      <Page title={t('applications.title')}>
        <p className="govuk-body">{t('item.notFound')}</p>
        <Link className="govuk-link" to={appRoutes.applications}>
          {t('item.back')}
        </Link>
      </Page>
    );
  }
  return <OneApplication person={person} row={row} rows={data.value.rows} plan={data.value.plan} />;
}

function OneApplication({ person, row, rows, plan }: { person: ActivePerson; row: Row; rows: Row[]; plan: Plan | null }) {
  const { t, i18n } = useTranslation('forms');
  const location = useLocation();
  const saved = (location.state as { saved?: boolean } | null)?.saved === true;
  const { view, application, reply } = row;
  const status = statusOf(row);
  const reference = applicationReference(row.id);
  const isNew = useNewReplyIds(person)?.has(row.id) ?? false;
  const markSeen = useMarkRepliesSeen();
  // Opening an application is reading its replies: the "new" badge goes.
  useEffect(() => {
    if (reply) void markSeen([reply]);
  }, [reply, markSeen]);
  const replacedBy = rows.find((other) => other.application?.replaces === row.id);
  const replaces = application?.replaces ? rows.find((other) => other.id === application.replaces) : undefined;
  const openOther = application && status === 'rejected' && view?.rejection?.code === 'alreadyOpen' ? openOfType(rows, application.type) : null;
  const type = typeOf(row);

  return (
    <Page title={type ? t(`type.${type}`) : t('applications.elsewhere')}>
      <StoreDamageNotice person={person} />
      {saved ? (
        <NotificationBanner title={t('form.savedTitle')} className="govuk-notification-banner--success">
          <p className="govuk-notification-banner__heading">{t('form.saved')}</p>
        </NotificationBanner>
      ) : null}
      <p className="govuk-body-l app-reference">{t('applications.reference', { reference })}</p>
      <StatusLine status={status} isNew={isNew} />
      {view ? <p className="govuk-body-s">{t('applications.made', { date: formatDate(view.createdAt, i18n.resolvedLanguage) })}</p> : <p className="govuk-body">{t('applications.elsewhereHint')}</p>}
      {status === 'waiting' ? <p className="govuk-hint">{t('statusHint.waiting')}</p> : null}
      {replaces ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={applicationPath(replaces.id)}>
            {t('applications.replaces', { reference: applicationReference(replaces.id) })}
          </Link>
        </p>
      ) : null}
      {status === 'rejected' ? <Rejected row={row} replacedBy={replacedBy} openOther={openOther} /> : null}
      {status === 'unreadable' ? <p className="govuk-inset-text">{t('item.unreadable')}</p> : null}
      {application ? <WhatYouAsked application={application} plan={plan} /> : view && status !== 'unreadable' ? <p className="govuk-body">{t('item.detailsUnreadable')}</p> : null}
      {application && isOpen(row) ? <WhatHappensNext type={application.type} /> : null}
      {status !== 'rejected' && status !== 'unreadable' ? <Thread reply={reply} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={appRoutes.applications}>
          {t('item.back')}
        </Link>
      </p>
    </Page>
  );
}

function WhatYouAsked({ application, plan }: { application: Application; plan: Plan | null }) {
  const { t, i18n } = useTranslation('forms');
  const answered = fieldsOf(application.type).filter(([key]) => application.fields?.[key] !== undefined);
  return (
    <section>
      <h2 className="govuk-heading-m">{t('item.asked')}</h2>
      <dl className="govuk-summary-list">
        {answered.map(([key, spec]) => {
          const value = application.fields![key]!;
          const shown = spec.kind === 'date' ? formatDate(value, i18n.resolvedLanguage) : (fieldValueLabel(t, key, spec, value, plan) ?? value);
          return (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{fieldQuestion(t, key, spec)}</dt>
              <dd className="govuk-summary-list__value app-application__details">{shown}</dd>
            </div>
          );
        })}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('item.yourWords')}</dt>
          <dd className="govuk-summary-list__value">
            <p className="govuk-body app-application__details">{application.details}</p>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Rejected({ row, replacedBy, openOther }: { row: Row; replacedBy: Row | undefined; openOther: Row | null }) {
  const { t } = useTranslation('forms');
  const rejection = row.view?.rejection;
  const reason =
    rejection?.code === 'tooBig'
      ? t('rejected.tooBig')
      : rejection?.code === 'alreadyOpen'
        ? t('rejected.alreadyOpen')
        : rejection?.message !== undefined
          ? t('rejected.reason', { message: rejection.message })
          : t('rejected.reasonUnreadable');
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">{reason}</p>
      {openOther ? <AlreadyOpen row={openOther} /> : null}
      {replacedBy ? (
        <Link className="govuk-link" to={applicationPath(replacedBy.id)}>
          {t('applications.replacedBy', { reference: applicationReference(replacedBy.id) })}
        </Link>
      ) : row.application ? (
        <>
          {rejection?.code === 'tooBig' ? null : <p className="govuk-body">{t('rejected.whatToDo')}</p>}
          <Link className="govuk-button govuk-button--secondary" to={`${applicationPath(row.id)}/change`}>
            {t('rejected.change')}
          </Link>
        </>
      ) : null}
    </div>
  );
}

/** The OMU's replies, oldest first, with read-aloud (staff write in English: marked as such). */
function Thread({ reply }: { reply: ApplicationReply | null }) {
  const { t, i18n } = useTranslation('forms');
  const lng = i18n.resolvedLanguage ?? 'en';
  const title = t('item.threadTitle');
  const declined = reply?.status === 'declined' && reply.declineReason ? t('item.declinedWhy', { reason: t(`declineReason.${reply.declineReason}`) }) : null;
  const messages = useMemo(
    () => (reply?.messages ?? []).map((message) => ({ ...message, from: t('item.messageFrom', { date: formatDate(message.at, lng) }) })),
    [reply, t, lng],
  );
  const script = useMemo(() => {
    const blocks: BlockSource[] = [{ key: 'title', text: title, lng }];
    if (declined) blocks.push({ key: 'declined', text: declined, lng });
    for (const message of messages) {
      blocks.push({ key: `from-${message.id}`, text: message.from, lng });
      blocks.push({ key: `text-${message.id}`, text: message.text, lng: 'en' });
    }
    return buildScript(blocks, noGlossary);
  }, [title, declined, messages, lng]);
  const hasWords = declined !== null || messages.length > 0;
  return (
    <section aria-labelledby="thread-title">
      <h2 className="govuk-heading-m" id="thread-title">
        {hasWords ? <Readable script={script} at="title" text={title} lng={lng} glossary={noGlossary} /> : title}
      </h2>
      {hasWords ? <ReadAloud key={`${lng}|${messages.length}`} script={script} /> : <p className="govuk-body">{t('item.threadNone')}</p>}
      {declined ? (
        <p className="govuk-body">
          <Readable script={script} at="declined" text={declined} lng={lng} glossary={noGlossary} />
        </p>
      ) : null}
      {messages.map((message) => (
        <div className="app-reply" key={message.id}>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            <Readable script={script} at={`from-${message.id}`} text={message.from} lng={lng} glossary={noGlossary} />
          </p>
          <p className="govuk-body app-reply__text" lang="en">
            <Readable script={script} at={`text-${message.id}`} text={message.text} lng="en" glossary={noGlossary} />
          </p>
          {lng !== 'en' ? <p className="govuk-body-s">{t('item.staffEnglish')}</p> : null}
        </div>
      ))}
    </section>
  );
}

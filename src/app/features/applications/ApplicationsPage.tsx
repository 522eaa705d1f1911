import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type Application, ApplicationDraft, type ApplicationReply, ApplicationType } from '../../../domain/application.ts';
import { applicationDetailsMaxLength } from '../../../domain/policy.ts';
import type { OutboxItem } from '../../../domain/sync.ts';
import { textIssues, withoutNotAllowed } from '../../../domain/text.ts';
import { formatDate } from '../../../format/index.ts';
import { usePersonData } from '../../session/hooks.ts';
import { type ActivePerson, useSession } from '../../session/session-context.ts';
import { RequireSignIn } from '../../session/SignInPrompt.tsx';
import { StoreDamageNotice } from '../../session/StoreDamageNotice.tsx';
import { newClientId } from '../../sync/ids.ts';
import type { ItemView } from '../../sync/outbox.ts';
import { readApplications, readReplies } from '../../sync/read.ts';
import { useUnsavedInput } from '../../update/unsaved-input.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary, type ErrorItem } from '../../ui/ErrorSummary.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';
import { Page } from '../../ui/Page.tsx';

const typeId = 'application-type';
const detailsId = 'application-details';
const draftName = 'application';

type Draft = { type: ApplicationType | ''; details: string };
const emptyDraft: Draft = { type: '', details: '' };

function toDraft(value: unknown): Draft {
  const v = (value ?? {}) as { type?: unknown; details?: unknown };
  const type = ApplicationType.safeParse(v.type);
  return { type: type.success ? type.data : '', details: typeof v.details === 'string' ? v.details : '' };
}

type Row = { view: ItemView; application: Application | null; reply: ApplicationReply | null };

async function loadRows(person: ActivePerson): Promise<Row[]> {
  const { db, session } = person.signedIn;
  const [views, applications, replies] = await Promise.all([
    person.sync.items(),
    readApplications(db, session),
    readReplies(db, session, { onUnreadable: () => person.sync.reportDamage() }),
  ]);
  return views
    .filter((view) => view.kind === 'application')
    .map((view) => ({ view, application: applications.get(view.id) ?? null, reply: replies.get(view.id) ?? null }))
    .reverse(); // newest first
}

/** Applications to the OMU: a short form, then each application with its own state. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  return <RequireSignIn title={t('applications.title')}>{(person) => <ApplicationsView person={person} />}</RequireSignIn>;
}

function ApplicationsView({ person }: { person: ActivePerson }) {
  const { t } = useTranslation();
  const { readDraft, saveDraft } = useSession();
  const [draft, setDraft] = useState<{ for: ActivePerson; value: Draft } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [saved, setSaved] = useState(0);
  const rows = usePersonData(person, loadRows);
  // What the form holds now (it reports every change).
  const inForm = useRef<Draft>(emptyDraft);

  /** Puts a turned-down application's words back in the form, to change and send again. */
  const changeAndResend = (application: Application): boolean => {
    if (inForm.current.type !== '' || inForm.current.details.trim() !== '') return false; // never overwrite what is typed
    const value: Draft = { type: application.type, details: application.details };
    inForm.current = value;
    void saveDraft(draftName, value);
    setDraft({ for: person, value });
    setFormKey((n) => n + 1);
    return true;
  };

  // A shortcut from elsewhere in the app (`applicationShortcut`) chooses the type…
  const [params] = useSearchParams();
  const asked = ApplicationType.safeParse(params.get('type'));
  const askedType = asked.success ? asked.data : null;
  // …unless something was already being written (even before an idle sign-out): that comes back.
  useEffect(() => {
    let live = true;
    const fresh: Draft = askedType ? { type: askedType, details: '' } : emptyDraft;
    readDraft(draftName).then(
      (value) => {
        const kept = toDraft(value);
        if (live) setDraft({ for: person, value: kept.type === '' && kept.details === '' ? fresh : kept });
      },
      () => live && setDraft({ for: person, value: fresh }),
    );
    return () => {
      live = false;
    };
  }, [person, readDraft, askedType]);

  return (
    <Page title={t('applications.title')}>
      <StoreDamageNotice person={person} />
      <p className="govuk-body">{t('applications.intro')}</p>
      <p className="govuk-body">{t('applications.safe')}</p>
      {saved > 0 ? (
        <NotificationBanner title={t('applications.savedTitle')} className="govuk-notification-banner--success">
          <p className="govuk-notification-banner__heading">{t('applications.savedText')}</p>
        </NotificationBanner>
      ) : null}
      {draft && draft.for === person ? (
        <ApplicationForm
          key={formKey}
          initial={draft.value}
          focusDetails={formKey > 0}
          onChange={(value) => (inForm.current = value)}
          onSaved={() => setSaved((n) => n + 1)}
        />
      ) : null}
      <h2 className="govuk-heading-l">{t('applications.listTitle')}</h2>
      {rows.state === 'ready' && rows.value.length === 0 ? <p className="govuk-body">{t('applications.listNone')}</p> : null}
      {rows.state === 'ready' && rows.value.length > 0 ? (
        <ul className="govuk-list app-applications">
          {rows.value.map((row) => (
            <ApplicationItem key={row.view.id} row={row} onChange={changeAndResend} />
          ))}
        </ul>
      ) : null}
    </Page>
  );
}

const stateTag: Record<ItemView['state'], string> = {
  waiting: 'govuk-tag--yellow',
  sending: 'govuk-tag--blue',
  sent: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  unreadable: 'govuk-tag--orange',
};

function ApplicationItem({ row, onChange }: { row: Row; onChange: (application: Application) => boolean }) {
  const { t, i18n } = useTranslation();
  const { view, application, reply } = row;
  const [changeRefused, setChangeRefused] = useState(false);
  const rejection = view.state === 'rejected' ? view.rejection : undefined;
  return (
    <li className="app-application">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2">{application ? t(`applications.type.${application.type}`) : t('applications.formTitle')}</h3>
      <p className="govuk-body govuk-!-margin-bottom-2">
        <strong className={`govuk-tag ${stateTag[view.state]}`}>{t(`applications.state.${view.state}`)}</strong>
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-2">{t('applications.made', { date: formatDate(view.createdAt, i18n.resolvedLanguage) })}</p>
      {application ? <p className="govuk-body app-application__details">{application.details}</p> : null}
      {view.state === 'waiting' ? <p className="govuk-hint">{t('applications.waitingHint')}</p> : null}
      {view.state === 'unreadable' || (!application && view.state !== 'rejected') ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">{view.state === 'unreadable' ? t('applications.unreadable') : t('applications.detailsUnreadable')}</p>
        </div>
      ) : null}
      {rejection ? (
        <div className="govuk-inset-text">
          <p className="govuk-body">
            {rejection.code === 'tooBig'
              ? t('applications.tooBig')
              : rejection.message !== undefined
                ? t('applications.reason', { message: rejection.message })
                : t('applications.reasonUnreadable')}
          </p>
          {rejection.code === 'tooBig' ? null : <p className="govuk-body">{t('applications.whatToDo')}</p>}
          {application ? (
            <>
              <Button variant="secondary" className="govuk-!-margin-bottom-2" onClick={() => setChangeRefused(!onChange(application))}>
                {t('applications.changeAndResend')}
              </Button>
              {changeRefused ? (
                <p className="govuk-body" role="alert">
                  {t('applications.formNotEmpty')}
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
      {reply ? (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {t('applications.replyTitle', { status: t(`applications.replyStatus.${reply.status}`) })}
          </p>
          {reply.messages.map((message) => (
            <p key={message.id} className="govuk-body">
              {message.text}
            </p>
          ))}
        </div>
      ) : null}
    </li>
  );
}

type FormErrors = { type?: string; details?: string };

function ApplicationForm({
  initial,
  focusDetails,
  onChange,
  onSaved,
}: {
  initial: Draft;
  /** Move focus to the details box (the words of a turned-down application were just put in). */
  focusDetails: boolean;
  onChange: (value: Draft) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { saveDraft, submit: send } = useSession();
  const [type, setType] = useState<Draft['type']>(initial.type);
  const [details, setDetails] = useState(initial.details);
  const [errors, setErrors] = useState<FormErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const dirty = type !== '' || details.trim() !== '';
  useUnsavedInput(dirty);
  // What is on screen now, for after an await (the person may have typed on meanwhile).
  const latest = useRef<Draft>(initial);
  const detailsBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusDetails) detailsBox.current?.focus();
  }, [focusDetails]);

  const keep = (next: Draft) => {
    latest.current = next;
    onChange(next);
    void saveDraft(draftName, next.type === '' && next.details === '' ? null : next);
  };
  const used = details.trim().length;
  const left = applicationDetailsMaxLength - used;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = ApplicationDraft.safeParse({ type: type === '' ? undefined : type, details });
    if (!parsed.success) {
      const next: FormErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'type') next.type ??= t('applications.errors.type');
        if (issue.path[0] !== 'details') continue;
        if (issue.message === textIssues.controlCharacters) {
          // Pasted hidden characters cannot be sent: take them out (nothing visible changes) and say so.
          const cleaned = withoutNotAllowed(details);
          setDetails(cleaned);
          keep({ type, details: cleaned });
          next.details ??= t('applications.errors.detailsHiddenCharacters');
        } else {
          next.details ??= issue.message === 'details.tooLong' ? t('applications.errors.detailsTooLong') : t('applications.errors.detailsRequired');
        }
      }
      setErrors(next);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const id = newClientId();
    const createdAt = new Date().toISOString();
    const item: OutboxItem = { id, kind: 'application', createdAt, payload: { id, createdAt, ...parsed.data } };
    try {
      // The application, its outbox row and the end of the draft: one transaction.
      await send(item, { clearDraft: draftName });
    } catch {
      // Could not save (for example, signed out meanwhile): keep everything typed on screen.
      setBusy(false);
      return;
    }
    setBusy(false);
    onSaved();
    // Clear the form only if nothing was typed while it was being saved; otherwise keep the new
    // words (their draft writes were queued after the item, so the draft holds them).
    if (latest.current.type === type && latest.current.details === details) {
      latest.current = emptyDraft;
      onChange(emptyDraft);
      setType('');
      setDetails('');
      setErrors({});
    }
  }

  const summary: ErrorItem[] = [
    ...(errors.type ? [{ fieldId: typeId, text: errors.type }] : []),
    ...(errors.details ? [{ fieldId: detailsId, text: errors.details }] : []),
  ];

  return (
    <form noValidate autoComplete="off" onSubmit={(event) => void submit(event)} className="app-application-form">
      <ErrorSummary title={t('applications.errors.title')} errors={summary} attempt={attempt} />
      <h2 className="govuk-heading-l">{t('applications.formTitle')}</h2>
      <div className={`govuk-form-group${errors.type ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.type ? `${typeId}-error` : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <span className="govuk-fieldset__heading">{t('applications.typeLegend')}</span>
          </legend>
          {errors.type ? (
            <p id={`${typeId}-error`} className="govuk-error-message">
              {errors.type}
            </p>
          ) : null}
          <div className="govuk-radios" data-module="govuk-radios">
            {ApplicationType.options.map((option, index) => {
              const inputId = index === 0 ? typeId : `${typeId}-${option}`;
              return (
                <div className="govuk-radios__item" key={option}>
                  <input
                    className="govuk-radios__input"
                    id={inputId}
                    name="type"
                    type="radio"
                    value={option}
                    checked={type === option}
                    onChange={() => {
                      setType(option);
                      keep({ type: option, details });
                    }}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                    {t(`applications.type.${option}`)}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <div className={`govuk-form-group govuk-character-count${errors.details ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--m" htmlFor={detailsId}>
          {t('applications.detailsLabel')}
        </label>
        <div id={`${detailsId}-hint`} className="govuk-hint">
          {t('applications.detailsHint')}
        </div>
        {errors.details ? (
          <p id={`${detailsId}-error`} className="govuk-error-message">
            {errors.details}
          </p>
        ) : null}
        <textarea
          ref={detailsBox}
          id={detailsId}
          name="details"
          autoComplete="off"
          rows={6}
          className={`govuk-textarea${errors.details || left < 0 ? ' govuk-textarea--error' : ''}`}
          value={details}
          aria-describedby={`${detailsId}-hint ${detailsId}-count${errors.details ? ` ${detailsId}-error` : ''}`}
          onChange={(event) => {
            setDetails(event.target.value);
            keep({ type, details: event.target.value });
          }}
        />
        <div id={`${detailsId}-count`} className={`govuk-character-count__message${left < 0 ? ' govuk-error-message' : ' govuk-hint'}`}>
          {left >= 0 ? t('applications.charactersLeft', { count: left }) : t('applications.charactersOver', { count: -left })}
        </div>
      </div>
      <Button type="submit" disabled={busy}>
        {t('applications.submit')}
      </Button>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ApplicationFieldSpec, applicationThreadLimits, DeclineReason, fieldsOf, isOpenStatus, wholePlan } from '../../domain/application.ts';
import type { StaffApplicationDetail } from '../../domain/staff.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { Radios } from '../../ui/Radios.tsx';
import { Select } from '../../ui/Select.tsx';
import { SummaryList } from '../../ui/SummaryList.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { Textarea } from '../../ui/Textarea.tsx';
import { PlainWordsAdvice } from '../plain-words/PlainWordsAdvice.tsx';
import { useStaffSession } from '../session/session-context.ts';
import { SuccessBanner } from '../ui/Banner.tsx';
import { formatDate, formatDateTime } from '../ui/dates.ts';
import { failureItem, useFormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import { statusColour } from './labels.ts';
import { replyClock, useReplyTimes } from './reply-time.ts';

type Done = 'status' | 'reply' | 'decline' | 'close';

/** The type's fields in the order the person's form asks them, then any the type no longer has. */
function applicationFieldRows(application: StaffApplicationDetail): Array<[string, ApplicationFieldSpec | undefined, string]> {
  const known = fieldsOf(application.type).filter(([key]) => application.fields[key] !== undefined);
  const rest = Object.keys(application.fields).filter((key) => !known.some(([k]) => k === key));
  return [...known.map(([key, spec]): [string, ApplicationFieldSpec | undefined, string] => [key, spec, application.fields[key]!]), ...rest.map((key): [string, undefined, string] => [key, undefined, application.fields[key]!])];
}

/** One application: what the person asked, the thread, and what staff can do with it. */
export function ApplicationPage() {
  const { t, i18n } = useTranslation('staff');
  const { id = '' } = useParams();
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.getApplication(id), id);
  const [done, setDone] = useState<Done | null>(null);
  const title = loaded.state === 'ready' ? t('application.title', { reference: loaded.data.reference }) : t('application.titleLoading');
  const updated = (kind: Done) => (detail: StaffApplicationDetail) => {
    loaded.set(detail);
    setDone(kind);
  };
  return (
    <StaffPage title={title}>
      <p className="govuk-body">
        <Link className="govuk-link" to="/applications">
          {t('application.back')}
        </Link>
      </p>
      <LoadState loaded={loaded} />
      {done ? <SuccessBanner title={t(`application.done.${done}`)}>{<p className="govuk-body">{t('application.doneNext')}</p>}</SuccessBanner> : null}
      {loaded.state === 'ready' ? (
        <ApplicationView key={loaded.data.updatedAt} application={loaded.data} lang={i18n.language} onUpdated={updated} />
      ) : null}
    </StaffPage>
  );
}

function ApplicationView({ application, lang, onUpdated }: { application: StaffApplicationDetail; lang: string; onUpdated: (kind: Done) => (d: StaffApplicationDetail) => void }) {
  const { t } = useTranslation('staff');
  const clock = replyClock(application, useReplyTimes());
  const goalTitle = useGoalTitles(application);
  const open = isOpenStatus(application.status);
  const fieldRows = applicationFieldRows(application).map(([key, spec, value]) => ({
    key: t(`applicationField.${key}` as 'applicationField.course', { defaultValue: key }),
    value:
      spec?.kind === 'choice' || value === wholePlan
        ? t(`applicationFieldValue.${value}` as 'applicationFieldValue.both', { defaultValue: value })
        : spec?.kind === 'date'
          ? formatDate(value, lang)
          : spec?.kind === 'objective'
            ? (goalTitle(value) ?? value)
            : value,
  }));
  return (
    <>
      <SummaryList
        rows={[
          { key: t('application.type'), value: t(`applicationType.${application.type}`) },
          {
            key: t('application.person'),
            value: (
              <Link className="govuk-link" to={`/people/${application.person.prisonNumber}`}>
                {`${application.person.displayName} (${application.person.prisonNumber})`}
              </Link>
            ),
          },
          {
            key: t('application.status'),
            value: (
              <>
                <Tag text={t(`applicationStatus.${application.status}`)} colour={statusColour[application.status]} />
                {application.declineReason ? ` ${t(`declineReason.${application.declineReason}`)}` : null}
              </>
            ),
          },
          { key: t('application.made'), value: formatDate(application.createdAt, lang) },
          { key: t('application.received'), value: formatDateTime(application.receivedAt, lang) },
          {
            key: t('application.age'),
            value: (
              <>
                {t('inbox.workingDays', { count: clock.workingDaysOld })}. {t('inbox.usually', { count: clock.usualWorkingDays })}{' '}
                {clock.overdue ? <Tag text={t('inbox.overdue')} colour="red" /> : null}
              </>
            ),
          },
          ...fieldRows,
          ...(application.replaces ? [{ key: t('application.replaces'), value: t('application.replacesText') }] : []),
        ]}
      />
      <h2 className="govuk-heading-m">{t('application.details')}</h2>
      <p className="govuk-body staff-written">{application.details}</p>

      <h2 className="govuk-heading-m">{t('application.thread')}</h2>
      {application.messages.length === 0 ? (
        <p className="govuk-body">{t('application.threadNone')}</p>
      ) : (
        <ol className="govuk-list staff-thread">
          {application.messages.map((message) => (
            <li key={message.id} className="staff-thread__message">
              <p className="govuk-body-s govuk-!-margin-bottom-1">{t('application.sentAt', { when: formatDateTime(message.at, lang) })}</p>
              <p className="govuk-body staff-written">{message.text}</p>
            </li>
          ))}
        </ol>
      )}

      {open ? <StatusForm application={application} onUpdated={onUpdated('status')} /> : null}
      <ReplyForm application={application} onUpdated={onUpdated('reply')} />
      {open ? <DeclineForm application={application} onUpdated={onUpdated('decline')} /> : null}
      {application.status !== 'closed' ? <CloseForm application={application} onUpdated={onUpdated('close')} /> : null}
    </>
  );
}

/** The titles of the person's goals (for an application about one goal), from their newest plan; none while loading or if it cannot be had. */
function useGoalTitles(application: StaffApplicationDetail): (goalId: string) => string | undefined {
  const { api } = useStaffSession();
  const aboutAGoal = fieldsOf(application.type).some(([key, spec]) => spec.kind === 'objective' && application.fields[key] && application.fields[key] !== wholePlan);
  const person = useLoaded(() => (aboutAGoal ? api.getPerson(application.person.prisonNumber) : Promise.resolve(null)), `${application.person.prisonNumber}|${aboutAGoal}`);
  return (goalId) => (person.state === 'ready' ? person.data?.plan?.plan.objectives.find((objective) => objective.id === goalId)?.title : undefined);
}

type FormProps = { application: StaffApplicationDetail; onUpdated: (detail: StaffApplicationDetail) => void };

function useCounter() {
  const { t } = useTranslation('staff');
  return (remaining: number) =>
    remaining >= 0 ? t('form.charactersLeft', { count: remaining }) : t('form.charactersOver', { count: -remaining });
}

function wordsProblem(t: ReturnType<typeof useTranslation<'staff'>>['t'], fieldId: string, text: string, required: boolean) {
  if (required && text.trim() === '') return [{ fieldId, text: t('application.errors.wordsMissing') }];
  if (text.length > applicationThreadLimits.textMaxLength) return [{ fieldId, text: t('application.errors.wordsTooLong', { count: applicationThreadLimits.textMaxLength }) }];
  return [];
}

function StatusForm({ application, onUpdated }: FormProps) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const [status, setStatus] = useState<'received' | 'beingLookedAt'>(application.status === 'received' ? 'beingLookedAt' : 'received');
  const form = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onUpdated(await api.setStatus(application.id, { status }));
    } catch (error) {
      form.show([failureItem(t, error, {}, 'status')]);
    }
  };
  return (
    <form className="staff-section" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="status-heading">
      <h2 className="govuk-heading-m" id="status-heading">
        {t('application.statusTitle')}
      </h2>
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <Radios
        id="status"
        legend={t('application.statusLegend')}
        value={status}
        onChange={setStatus}
        error={form.of('status')}
        errorPrefix={t('form.errorPrefix')}
        options={(['received', 'beingLookedAt'] as const).map((value) => ({ value, label: t(`applicationStatus.${value}`) }))}
      />
      <Button type="submit" variant="secondary">
        {t('application.statusSubmit')}
      </Button>
    </form>
  );
}

function ReplyForm({ application, onUpdated }: FormProps) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const [text, setText] = useState('');
  const [keepOpen, setKeepOpen] = useState<'answered' | 'beingLookedAt'>('answered');
  const form = useFormErrors();
  const counter = useCounter();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = wordsProblem(t, 'reply-text', text, true);
    if (problems.length > 0) return form.show(problems);
    try {
      onUpdated(await api.reply(application.id, { text: text.trim(), status: keepOpen }));
    } catch (error) {
      form.show([failureItem(t, error, { text: 'reply-text', status: 'reply-status' }, 'reply-text')]);
    }
  };
  return (
    <form className="staff-section" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="reply-heading">
      <h2 className="govuk-heading-m" id="reply-heading">
        {t('application.replyTitle')}
      </h2>
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <Textarea
        id="reply-text"
        label={t('application.replyLabel')}
        hint={t('application.replyHint')}
        value={text}
        onChange={setText}
        maxLength={applicationThreadLimits.textMaxLength}
        counter={counter}
        error={form.of('reply-text')}
        errorPrefix={t('form.errorPrefix')}
        after={<PlainWordsAdvice id="reply-text" text={text} />}
      />
      <Radios
        id="reply-status"
        legend={t('application.replyStatusLegend')}
        value={keepOpen}
        onChange={setKeepOpen}
        options={[
          { value: 'answered', label: t('application.replyAnswered') },
          { value: 'beingLookedAt', label: t('application.replyKeepOpen') },
        ]}
      />
      <Button type="submit">{t('application.replySubmit')}</Button>
    </form>
  );
}

function DeclineForm({ application, onUpdated }: FormProps) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const [text, setText] = useState('');
  const form = useFormErrors();
  const counter = useCounter();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = [...(reason ? [] : [{ fieldId: 'decline-reason', text: t('application.errors.reasonMissing') }]), ...wordsProblem(t, 'decline-text', text, true)];
    if (problems.length > 0 || !reason) return form.show(problems);
    try {
      onUpdated(await api.decline(application.id, { reason, text: text.trim() }));
    } catch (error) {
      form.show([failureItem(t, error, { reason: 'decline-reason', text: 'decline-text' }, 'decline-text')]);
    }
  };
  return (
    <form className="staff-section" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="decline-heading">
      <h2 className="govuk-heading-m" id="decline-heading">
        {t('application.declineTitle')}
      </h2>
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <Select
        id="decline-reason"
        label={t('application.declineReason')}
        hint={t('application.declineReasonHint')}
        value={reason}
        onChange={setReason}
        placeholder={t('application.declineChoose')}
        error={form.of('decline-reason')}
        errorPrefix={t('form.errorPrefix')}
        options={DeclineReason.options.map((value) => ({ value, label: t(`declineReason.${value}`) }))}
      />
      <Textarea
        id="decline-text"
        label={t('application.declineLabel')}
        hint={t('application.declineHint')}
        value={text}
        onChange={setText}
        maxLength={applicationThreadLimits.textMaxLength}
        counter={counter}
        error={form.of('decline-text')}
        errorPrefix={t('form.errorPrefix')}
        after={<PlainWordsAdvice id="decline-text" text={text} />}
      />
      <Button type="submit" variant="warning">
        {t('application.declineSubmit')}
      </Button>
    </form>
  );
}

function CloseForm({ application, onUpdated }: FormProps) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const [text, setText] = useState('');
  const form = useFormErrors();
  const counter = useCounter();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = wordsProblem(t, 'close-text', text, false);
    if (problems.length > 0) return form.show(problems);
    try {
      onUpdated(await api.close(application.id, text.trim() || undefined));
    } catch (error) {
      form.show([failureItem(t, error, { text: 'close-text' }, 'close-text')]);
    }
  };
  return (
    <form className="staff-section" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="close-heading">
      <h2 className="govuk-heading-m" id="close-heading">
        {t('application.closeTitle')}
      </h2>
      <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
      <Textarea
        id="close-text"
        label={t('application.closeLabel')}
        hint={t('application.closeHint')}
        rows={3}
        value={text}
        onChange={setText}
        maxLength={applicationThreadLimits.textMaxLength}
        counter={counter}
        error={form.of('close-text')}
        errorPrefix={t('form.errorPrefix')}
        after={<PlainWordsAdvice id="close-text" text={text} />}
      />
      <Button type="submit" variant="secondary">
        {t('application.closeSubmit')}
      </Button>
    </form>
  );
}

import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Objective } from '../../../domain/plan.ts';
import { ProgressNoteDraft, progressNoteIssues, progressNoteMaxLength } from '../../../domain/progress-note.ts';
import type { OutboxItem } from '../../../domain/sync.ts';
import { textIssues, withoutNotAllowed } from '../../../domain/text.ts';
import { formatDate } from '../../../format/index.ts';
import type { Loaded } from '../../session/hooks.ts';
import type { NoteView } from '../../plan-view/plan-data.ts';
import { useSession } from '../../session/session-context.ts';
import { newClientId } from '../../sync/ids.ts';
import type { ItemView } from '../../sync/outbox.ts';
import { useUnsavedInput } from '../../update/unsaved-input.ts';
import { Button } from '../../../ui/Button.tsx';
import { ErrorSummary, type ErrorItem } from '../../../ui/ErrorSummary.tsx';
import { NotificationBanner } from '../../ui/NotificationBanner.tsx';

/**
 * "What you have done": the person writes a note on the goal or one of its steps (up to 500
 * characters, with a live counter). What is typed is kept as a sealed draft at every change; "Save
 * note" puts the note, its outbox row and the end of the draft in one transaction, sealed on the
 * device, and the outbox sends it. Each note shows its own sending state.
 */

type Draft = { stepId: string; text: string };
const wholeGoal = '';
const draftName = (objectiveId: string) => `progressNote.${objectiveId}`;

function toDraft(value: unknown, stepIds: readonly string[]): Draft | null {
  const v = (value ?? {}) as { stepId?: unknown; text?: unknown };
  if (typeof v.text !== 'string') return null;
  return { stepId: typeof v.stepId === 'string' && stepIds.includes(v.stepId) ? v.stepId : wholeGoal, text: v.text };
}

/** This goal's notes (and notes the device can no longer read, shown so nothing is hidden). */
export function notesOf(notes: Loaded<NoteView[]>, goal: Objective): NoteView[] {
  return notes.state === 'ready' ? notes.value.filter((n) => n.note === null || n.note.objectiveId === goal.id) : [];
}

/** The read-aloud key of a note's text on the goal page. */
export const noteKey = (id: string) => `note.${id}`;

type Props = {
  goal: Objective;
  stepAsked: string | null;
  /** The person's notes, read by the goal page (which also reads them aloud). */
  notes: Loaded<NoteView[]>;
  /** Draws a block of the goal page's read-aloud script (a note's text, highlighted as it is read). */
  read: (key: string) => ReactNode;
};

export function ProgressNotes({ goal, stepAsked, notes, read }: Props) {
  const { t } = useTranslation('plan');
  const { readDraft } = useSession();
  const [initial, setInitial] = useState<{ for: string; value: Draft } | null>(null);
  const [saved, setSaved] = useState(0);
  const steps = goal.steps.filter((s) => s.status !== 'noLongerNeeded');
  const stepIds = steps.map((s) => s.id);
  const stepKey = stepIds.join(' ');

  // What was being written comes back (after a reload or an idle sign-out); else a step asked for by the link.
  useEffect(() => {
    let live = true;
    const fresh: Draft = { stepId: stepAsked && stepKey.split(' ').includes(stepAsked) ? stepAsked : wholeGoal, text: '' };
    readDraft(draftName(goal.id)).then(
      (value) => live && setInitial({ for: goal.id, value: toDraft(value, stepKey.split(' ')) ?? fresh }),
      () => live && setInitial({ for: goal.id, value: fresh }),
    );
    return () => {
      live = false;
    };
  }, [goal.id, readDraft, stepAsked, stepKey]);

  const mine = notesOf(notes, goal);
  return (
    <section aria-labelledby="notes-title" className="app-progress-notes">
      <h2 className="govuk-heading-l" id="notes-title">
        {t('notes.title')}
      </h2>
      <p className="govuk-body">{t('notes.intro')}</p>
      {saved > 0 ? (
        <NotificationBanner title={t('notes.savedTitle')} className="govuk-notification-banner--success">
          <p className="govuk-notification-banner__heading">{t('notes.saved')}</p>
        </NotificationBanner>
      ) : null}
      {initial && initial.for === goal.id ? <NoteForm key={goal.id} goal={goal} steps={steps} initial={initial.value} onSaved={() => setSaved((n) => n + 1)} /> : null}
      <h3 className="govuk-heading-m">{t('notes.listTitle')}</h3>
      {notes.state === 'ready' && mine.length === 0 ? <p className="govuk-body">{t('notes.listNone')}</p> : null}
      {mine.length > 0 ? (
        <ul className="govuk-list app-notes">
          {mine.map((row) => (
            <NoteItem key={row.view.id} row={row} goal={goal} read={read} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

const stateTag: Record<ItemView['state'], string> = {
  waiting: 'govuk-tag--yellow',
  sending: 'govuk-tag--blue',
  sent: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
  unreadable: 'govuk-tag--orange',
};

function NoteItem({ row, goal, read }: { row: NoteView; goal: Objective; read: Props['read'] }) {
  const { t, i18n } = useTranslation('plan');
  const { view, note } = row;
  const step = note?.stepId ? goal.steps.find((s) => s.id === note.stepId) : undefined;
  const rejection = view.state === 'rejected' ? view.rejection : undefined;
  const staffLang = i18n.resolvedLanguage === 'en' ? undefined : 'en';
  return (
    <li className="app-note govuk-!-margin-bottom-6">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong className={`govuk-tag ${stateTag[view.state]}`}>{t(`notes.state.${view.state}`)}</strong>
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-1">{t('notes.written', { date: formatDate(view.createdAt, i18n.resolvedLanguage) })}</p>
      {step ? (
        <p className="govuk-body-s govuk-!-margin-bottom-1">
          {t('notes.aboutStep')} <span lang={staffLang}>{step.description}</span>
        </p>
      ) : null}
      {note ? <p className="govuk-body app-note__text">{read(noteKey(view.id)) ?? note.text}</p> : <p className="govuk-body">{t('notes.unreadable')}</p>}
      {view.state === 'waiting' ? <p className="govuk-hint">{t('notes.waitingHint')}</p> : null}
      {rejection ? (
        <p className="govuk-body">
          {rejection.code === 'tooBig' ? t('notes.tooBig') : rejection.message !== undefined ? t('notes.rejectedReason', { message: rejection.message }) : t('notes.unreadable')}
        </p>
      ) : null}
    </li>
  );
}

type Errors = { text?: string };

function NoteForm({ goal, steps, initial, onSaved }: { goal: Objective; steps: Objective['steps']; initial: Draft; onSaved: () => void }) {
  const { t, i18n } = useTranslation('plan');
  const { saveDraft, submit } = useSession();
  const [stepId, setStepId] = useState(initial.stepId);
  const [text, setText] = useState(initial.text);
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const latest = useRef<Draft>(initial);
  const ids = { about: useId(), text: useId() };
  useUnsavedInput(text.trim() !== '');
  const staffLang = i18n.resolvedLanguage === 'en' ? undefined : 'en';

  const keep = (next: Draft) => {
    latest.current = next;
    void saveDraft(draftName(goal.id), next.text === '' ? null : next);
  };
  const left = progressNoteMaxLength - text.trim().length;

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = ProgressNoteDraft.safeParse({ objectiveId: goal.id, ...(stepId ? { stepId } : {}), text });
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.path[0] === 'text');
      let message = t('notes.errors.required');
      if (issue?.message === textIssues.controlCharacters) {
        // Pasted hidden characters cannot be sent: take them out (nothing visible changes) and say so.
        const cleaned = withoutNotAllowed(text);
        setText(cleaned);
        keep({ stepId, text: cleaned });
        message = t('notes.errors.hiddenCharacters');
      } else if (issue?.message === progressNoteIssues.tooLong) message = t('notes.errors.tooLong', { max: progressNoteMaxLength });
      setErrors({ text: message });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    const id = newClientId();
    const createdAt = new Date().toISOString();
    const item: OutboxItem = { id, kind: 'progressNote', createdAt, payload: { id, createdAt, ...parsed.data } };
    try {
      // The note, its outbox row and the end of the draft: one transaction.
      await submit(item, { clearDraft: draftName(goal.id) });
    } catch {
      setBusy(false); // could not save (signed out meanwhile): everything typed stays on screen
      return;
    }
    setBusy(false);
    onSaved();
    // Clear the box only if nothing was typed while it was being saved.
    if (latest.current.text === text) {
      latest.current = { stepId, text: '' };
      setText('');
      setErrors({});
    }
  }

  const summary: ErrorItem[] = errors.text ? [{ fieldId: ids.text, text: errors.text }] : [];
  return (
    <form noValidate autoComplete="off" onSubmit={(event) => void save(event)} className="app-note-form app-no-print">
      <ErrorSummary title={t('notes.errors.title')} errors={summary} attempt={attempt} />
      {steps.length > 0 ? (
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('notes.aboutLegend')}</legend>
            <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
              {[{ id: wholeGoal, label: t('notes.aboutGoal'), staff: false }, ...steps.map((s) => ({ id: s.id, label: s.description, staff: true }))].map((option, index) => {
                const inputId = `${ids.about}-${index}`;
                return (
                  <div className="govuk-radios__item" key={option.id || 'goal'}>
                    <input
                      className="govuk-radios__input"
                      id={inputId}
                      name="about"
                      type="radio"
                      checked={stepId === option.id}
                      onChange={() => {
                        setStepId(option.id);
                        keep({ stepId: option.id, text });
                      }}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={inputId} lang={option.staff ? staffLang : undefined}>
                      {option.label}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
      ) : null}
      <div className={`govuk-form-group govuk-character-count${errors.text ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label govuk-label--s" htmlFor={ids.text}>
          {t('notes.label')}
        </label>
        <div id={`${ids.text}-hint`} className="govuk-hint">
          {t('notes.hint')}
        </div>
        {errors.text ? (
          <p id={`${ids.text}-error`} className="govuk-error-message">
            {errors.text}
          </p>
        ) : null}
        <textarea
          id={ids.text}
          name="note"
          autoComplete="off"
          rows={5}
          className={`govuk-textarea${errors.text || left < 0 ? ' govuk-textarea--error' : ''}`}
          value={text}
          aria-describedby={`${ids.text}-hint ${ids.text}-count${errors.text ? ` ${ids.text}-error` : ''}`}
          onChange={(event) => {
            setText(event.target.value);
            keep({ stepId, text: event.target.value });
          }}
        />
        <div id={`${ids.text}-count`} className={`govuk-character-count__message${left < 0 ? ' govuk-error-message' : ' govuk-hint'}`} aria-live="polite">
          {left >= 0 ? t('notes.charactersLeft', { count: left }) : t('notes.charactersOver', { count: -left })}
        </div>
      </div>
      <Button type="submit" disabled={busy}>
        {t('notes.save')}
      </Button>
    </form>
  );
}

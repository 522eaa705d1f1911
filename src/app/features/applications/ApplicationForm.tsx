import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplicationType, fieldsOf } from '../../../domain/application.ts';
import { applicationDetailsMaxLength } from '../../../domain/policy.ts';
import type { Plan } from '../../../domain/plan.ts';
import type { OutboxItem } from '../../../domain/sync.ts';
import { todayInLondon } from '../../../format/index.ts';
import { useSession } from '../../session/session-context.ts';
import { newClientId } from '../../sync/ids.ts';
import { useUnsavedInput } from '../../update/unsaved-input.ts';
import { Button } from '../../../ui/Button.tsx';
import { CountedTextarea } from '../../ui/CountedTextarea.tsx';
import { ErrorSummary, type ErrorItem } from '../../../ui/ErrorSummary.tsx';
import { RadioGroup } from '../../ui/RadioGroup.tsx';
import { checkApplication, type Problem } from './check.ts';
import { FieldInput, fieldId, fieldQuestion } from './FieldInput.tsx';
import { type Draft, isEmptyDraft } from './model.ts';

export const detailsId = 'application-details';
export const typeId = 'application-type';
/** Where the "you already have one open" box is (an error summary links to its link). */
export const alreadyOpenLinkId = 'already-open-link';

type Props = {
  initial: Draft;
  /** The sealed draft this form writes as the person types. */
  draftName: string;
  plan: Plan | null;
  /** The type can be changed (a turned-down application, changed and sent again). */
  chooseType?: boolean;
  /** Whether the person has an open application of this type (checked again at "Send"). */
  hasOpenOfType: (type: ApplicationType) => boolean;
  /** Move focus to the words (they were just written in from elsewhere). */
  focusDetails?: boolean;
  onTypeChange?: (type: ApplicationType) => void;
  onSent: (id: string) => void;
};

function messageFor(t: TFunction<'forms'>, problem: Problem): string {
  switch (problem.at) {
    case 'alreadyOpen':
      return t('alreadyOpen.title');
    case 'details':
      return problem.kind === 'hiddenCharacters' ? t('errors.hiddenCharacters') : problem.kind === 'tooLong' ? t('errors.detailsTooLong') : t('errors.detailsRequired');
    case 'field': {
      const question = fieldQuestion(t, problem.key, problem.spec);
      switch (problem.kind) {
        case 'required':
          return t('errors.fieldRequired', { question });
        case 'notAnOption':
          return t('errors.fieldNotAnOption', { question });
        case 'dateNotReal':
          return t('errors.dateNotReal');
        case 'dateInFuture':
          return t('errors.dateInFuture');
        case 'textTooLong':
          return t('errors.textTooLong', { max: problem.spec.kind === 'text' ? problem.spec.maxLength : 0 });
        case 'goalGone':
          return t('errors.goalGone');
        case 'hiddenCharacters':
          return t('errors.hiddenCharacters');
      }
    }
  }
}

const problemTarget = (problem: Problem): string => (problem.at === 'field' ? fieldId(problem.key) : problem.at === 'details' ? detailsId : alreadyOpenLinkId);

/**
 * An application to the OMU: the type's own questions, then the person's words with a counter.
 * Every change is saved sealed on the device at once (a reload, a crash or an idle sign-out
 * loses nothing); "Send" saves the application, its outbox row and the end of the draft in one
 * transaction. Nothing is sent while something is wrong; the summary at the top says what.
 */
export function ApplicationForm({ initial, draftName, plan, chooseType = false, hasOpenOfType, focusDetails = false, onTypeChange, onSent }: Props) {
  const { t } = useTranslation('forms');
  const { saveDraft, submit } = useSession();
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  // Words written in for the person (a shortcut) are not theirs until they change something.
  const [touched, setTouched] = useState(false);
  useUnsavedInput(touched && !isEmptyDraft(draft));
  const detailsBox = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusDetails) detailsBox.current?.focus();
  }, [focusDetails]);

  const keep = (next: Draft) => {
    setTouched(true);
    setDraft(next);
    void saveDraft(draftName, isEmptyDraft(next) && !next.replaces ? null : next);
  };
  const setField = (key: string, value: string) => keep({ ...draft, fields: { ...draft.fields, [key]: value } });

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const goalIds = plan ? new Set(plan.objectives.map((objective) => objective.id)) : null;
    const checked = checkApplication(draft, { today: todayInLondon(), goalIds, alreadyOpen: hasOpenOfType(draft.type) });
    if (checked.problems.some((problem) => problem.kind === 'hiddenCharacters')) keep(checked.cleaned);
    setProblems(checked.problems);
    setAttempt((n) => n + 1);
    if (!checked.application) return;
    setBusy(true);
    const id = newClientId();
    const createdAt = new Date().toISOString();
    const payload = { id, createdAt, ...checked.application, ...(draft.replaces ? { replaces: draft.replaces } : {}) };
    const item: OutboxItem = { id, kind: 'application', createdAt, payload };
    try {
      // The application, its outbox row and the end of the draft: one transaction.
      await submit(item, { clearDraft: draftName });
    } catch {
      // Could not save (for example, signed out meanwhile): everything typed stays on screen and in the draft.
      setBusy(false);
      return;
    }
    setTouched(false);
    setBusy(false);
    onSent(id);
  }

  const errorOf = (target: string) => {
    const problem = problems.find((p) => problemTarget(p) === target);
    return problem ? messageFor(t, problem) : undefined;
  };
  const summary: ErrorItem[] = problems.map((problem) => ({ fieldId: problemTarget(problem), text: messageFor(t, problem) }));

  return (
    <form noValidate autoComplete="off" onSubmit={(event) => void send(event)} className="app-application-form">
      <ErrorSummary title={t('errors.title')} errors={summary} attempt={attempt} />
      {chooseType ? (
        <RadioGroup
          id={typeId}
          name="type"
          legend={t('choose.title')}
          value={draft.type}
          onChange={(type) => {
            keep({ ...draft, type });
            onTypeChange?.(type);
          }}
          options={ApplicationType.options.map((type) => ({ value: type, label: t(`type.${type}`) }))}
        />
      ) : null}
      {fieldsOf(draft.type).map(([key, spec]) => (
        <FieldInput key={key} fieldKey={key} spec={spec} value={draft.fields[key] ?? ''} error={errorOf(fieldId(key))} plan={plan} onChange={(value) => setField(key, value)} />
      ))}
      <CountedTextarea
        id={detailsId}
        name="details"
        label={t('details.label')}
        hint={t('details.hint')}
        value={draft.details}
        max={applicationDetailsMaxLength}
        error={errorOf(detailsId)}
        rows={6}
        textareaRef={detailsBox}
        onChange={(details) => keep({ ...draft, details })}
      />
      <Button type="submit" disabled={busy}>
        {t('form.submit')}
      </Button>
    </form>
  );
}

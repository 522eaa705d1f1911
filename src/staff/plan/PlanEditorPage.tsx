import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Actor, NeedArea, ObjectiveStatus, PlanAgreement, PlanEventKind, ReviewKind, StepStatus } from '../../domain/plan.ts';
import { PutPlanRequest, type StaffPersonDetail } from '../../domain/staff-people.ts';
import { Button } from '../../ui/Button.tsx';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { ErrorSummary, type ErrorItem } from '../../ui/ErrorSummary.tsx';
import { Radios } from '../../ui/Radios.tsx';
import { Select } from '../../ui/Select.tsx';
import { Textarea } from '../../ui/Textarea.tsx';
import { TextInput } from '../../ui/TextInput.tsx';
import { StaffApiFailure } from '../api/client.ts';
import { SentenceFields } from '../people/SentenceFields.tsx';
import { PlainWordsAdvice } from '../plain-words/PlainWordsAdvice.tsx';
import { useStaffSession } from '../session/session-context.ts';
import { SuccessBanner } from '../ui/Banner.tsx';
import { failureText, useFormErrors } from '../ui/form-errors.ts';
import { LoadState } from '../ui/LoadState.tsx';
import { StaffPage } from '../ui/StaffPage.tsx';
import { useLoaded } from '../ui/use-loaded.ts';
import {
  emptyPlanDraft,
  fromDraft,
  newEvent,
  newObjective,
  newReview,
  newStep,
  planFieldId,
  planFieldName,
  toDraft,
  type EventDraft,
  type ObjectiveDraft,
  type PlanDraft,
  type ReviewDraft,
  type StepDraft,
} from './plan-draft.ts';
import { PlanPreview } from './PlanPreview.tsx';

/** The plan editor: load the person's newest plan version, edit it, see what the person will see, save a new version. */
export function PlanEditorPage() {
  const { t } = useTranslation('staff');
  const { prisonNumber = '' } = useParams();
  const { api } = useStaffSession();
  const loaded = useLoaded(() => api.getPerson(prisonNumber), prisonNumber);
  return (
    <StaffPage title={loaded.state === 'ready' ? t('plan.title', { name: loaded.data.displayName }) : t('plan.titleLoading')} caption={loaded.state === 'ready' ? loaded.data.prisonNumber : undefined}>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/people/${prisonNumber}`}>
          {t('plan.back')}
        </Link>
      </p>
      <LoadState loaded={loaded} />
      {loaded.state === 'ready' ? <PlanEditor key={`${loaded.data.plan?.version ?? 0}`} person={loaded.data} onReload={loaded.reload} /> : null}
    </StaffPage>
  );
}

type Conflict = 'versionTaken' | 'olderVersion';

function PlanEditor({ person, onReload }: { person: StaffPersonDetail; onReload: () => void }) {
  const { t } = useTranslation('staff');
  const { api } = useStaffSession();
  const [draft, setDraft] = useState<PlanDraft>(() => (person.plan ? toDraft(person.plan.plan) : emptyPlanDraft()));
  const [held, setHeld] = useState(person.plan?.version ?? 0);
  const [saved, setSaved] = useState<{ version: number; unchanged: boolean } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors();
  const prefix = t('form.errorPrefix');
  const errorOf = form.of;

  const setObjective = (index: number, change: Partial<ObjectiveDraft>) =>
    setDraft((d) => ({ ...d, objectives: d.objectives.map((o, i) => (i === index ? { ...o, ...change } : o)) }));
  const setStep = (oi: number, si: number, change: Partial<StepDraft>) =>
    setDraft((d) => ({ ...d, objectives: d.objectives.map((o, i) => (i === oi ? { ...o, steps: o.steps.map((s, j) => (j === si ? { ...s, ...change } : s)) } : o)) }));
  const setReview = (index: number, change: Partial<ReviewDraft>) => setDraft((d) => ({ ...d, reviews: d.reviews.map((r, i) => (i === index ? { ...r, ...change } : r)) }));
  const setEvent = (index: number, change: Partial<EventDraft>) => setDraft((d) => ({ ...d, events: d.events.map((e, i) => (i === index ? { ...e, ...change } : e)) }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setConflict(null);
    const parsed = PutPlanRequest.safeParse({ version: held + 1, plan: fromDraft(draft) });
    if (!parsed.success) {
      const problems: ErrorItem[] = [];
      for (const issue of parsed.error.issues) {
        const fieldId = planFieldId(issue.path);
        if (problems.some((p) => p.fieldId === fieldId)) continue;
        const name = planFieldName(issue.path);
        const goal = issue.path[1] === 'objectives' && typeof issue.path[2] === 'number' ? issue.path[2] + 1 : null;
        const message = issue.message === 'text.controlCharacters' ? t('plan.errors.hidden') : t(`plan.errors.${name}` as 'plan.errors.title', { defaultValue: t('plan.errors.plan') });
        problems.push({ fieldId, text: goal ? t('plan.errors.inGoal', { n: goal, message }) : message });
      }
      return form.show(problems);
    }
    setBusy(true);
    try {
      const answer = await api.putPlan(person.prisonNumber, parsed.data);
      setHeld(answer.version);
      setSaved({ version: answer.version, unchanged: answer.unchanged });
      form.clear();
    } catch (error) {
      if (error instanceof StaffApiFailure && (error.code === 'versionTaken' || error.code === 'olderVersion')) {
        setConflict(error.code);
        form.show([{ fieldId: 'reload-plan', text: t(`errors.${error.code}`) }]);
      } else {
        const fieldId = error instanceof StaffApiFailure && error.field ? planFieldId(error.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))) : 'save-plan';
        form.show([{ fieldId: document.getElementById(fieldId) ? fieldId : 'save-plan', text: failureText(t, error) }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const areaOptions = NeedArea.options.map((value) => ({ value, label: t(`area.${value}`) }));
  const actorOptions = Actor.options.map((value) => ({ value, label: t(`actor.${value}`) }));
  const objectiveStatusOptions = ObjectiveStatus.options.map((value) => ({ value, label: t(`objectiveStatus.${value}`) }));
  const stepStatusOptions = StepStatus.options.map((value) => ({ value, label: t(`stepStatus.${value}`) }));
  const reviewKindOptions = ReviewKind.options.map((value) => ({ value, label: t(`reviewKind.${value}`) }));
  const eventKindOptions = PlanEventKind.options.map((value) => ({ value, label: t(`eventKind.${value}`) }));

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        {saved ? (
          <SuccessBanner title={saved.unchanged ? t('plan.savedUnchanged', { version: saved.version }) : t('plan.saved', { version: saved.version })}>
            <p className="govuk-body">{draft.share ? t('plan.savedNext') : t('plan.savedNotShared')}</p>
          </SuccessBanner>
        ) : null}
        <ErrorSummary title={t('form.errorTitle')} errors={form.errors} attempt={form.attempt} />
        {conflict ? (
          <div className="govuk-inset-text">
            <p className="govuk-body">{t('plan.conflictText')}</p>
            <Button id="reload-plan" variant="secondary" onClick={onReload}>
              {t('plan.reload')}
            </Button>
          </div>
        ) : null}
        <p className="govuk-body">{t('plan.version', { version: held })}</p>
        <form noValidate onSubmit={(event) => void save(event)}>
          <h2 className="govuk-heading-l">{t('plan.goalsTitle')}</h2>
          {draft.objectives.length === 0 ? <p className="govuk-body">{t('plan.noGoals')}</p> : null}
          {draft.objectives.map((objective, oi) => {
            const base = `plan-objectives-${oi}`;
            return (
              <fieldset className="govuk-fieldset staff-editor-item" key={objective.id}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{t('plan.goal', { n: oi + 1 })}</legend>
                <Textarea id={`${base}-title`} rows={2} label={t('plan.goalTitle')} hint={t('plan.goalTitleHint')} value={objective.title} onChange={(title) => setObjective(oi, { title })} error={errorOf(`${base}-title`)} errorPrefix={prefix} after={<PlainWordsAdvice id={`${base}-title`} text={objective.title} />} />
                <Select id={`${base}-area`} label={t('plan.area')} value={objective.area} onChange={(area) => setObjective(oi, { area })} placeholder={t('plan.chooseArea')} options={areaOptions} error={errorOf(`${base}-area`)} errorPrefix={prefix} />
                <TextInput id={`${base}-priority`} inputMode="numeric" width="govuk-input--width-3" label={t('plan.priority')} hint={t('plan.priorityHint')} value={objective.priority} onChange={(priority) => setObjective(oi, { priority })} error={errorOf(`${base}-priority`)} errorPrefix={prefix} />
                <Textarea id={`${base}-why`} rows={2} label={t('plan.why')} hint={t('plan.whyHint')} value={objective.why} onChange={(why) => setObjective(oi, { why })} error={errorOf(`${base}-why`)} errorPrefix={prefix} after={<PlainWordsAdvice id={`${base}-why`} text={objective.why} />} />
                <Textarea id={`${base}-measure`} rows={3} label={t('plan.measure')} hint={t('plan.measureHint')} value={objective.measure} onChange={(measure) => setObjective(oi, { measure })} error={errorOf(`${base}-measure`)} errorPrefix={prefix} after={<PlainWordsAdvice id={`${base}-measure`} text={objective.measure} />} />
                <TextInput id={`${base}-dueBy`} type="date" width="govuk-input--width-10" label={t('plan.dueBy')} value={objective.dueBy} onChange={(dueBy) => setObjective(oi, { dueBy })} error={errorOf(`${base}-dueBy`)} errorPrefix={prefix} />
                <Select id={`${base}-status`} label={t('plan.status')} value={objective.status} onChange={(status) => setObjective(oi, { status })} options={objectiveStatusOptions} error={errorOf(`${base}-status`)} errorPrefix={prefix} />
                {objective.status === 'achieved' || objective.achievedOn ? (
                  <TextInput id={`${base}-achievedOn`} type="date" width="govuk-input--width-10" label={t('plan.achievedOn')} value={objective.achievedOn} onChange={(achievedOn) => setObjective(oi, { achievedOn })} error={errorOf(`${base}-achievedOn`)} errorPrefix={prefix} />
                ) : null}
                <Textarea id={`${base}-outsideControl`} rows={2} label={t('plan.outsideControl')} hint={t('plan.outsideControlHint')} value={objective.outsideControl} onChange={(outsideControl) => setObjective(oi, { outsideControl })} error={errorOf(`${base}-outsideControl`)} errorPrefix={prefix} after={<PlainWordsAdvice id={`${base}-outsideControl`} text={objective.outsideControl} />} />
                <Checkbox id={`${base}-hide`} label={t('plan.doNotShareGoal')} hint={t('plan.doNotShareHint')} checked={!objective.share} onChange={(hide) => setObjective(oi, { share: !hide })} />

                <h3 className="govuk-heading-s">{t('plan.stepsTitle')}</h3>
                {objective.steps.map((step, si) => {
                  const sbase = `${base}-steps-${si}`;
                  return (
                    <fieldset className="govuk-fieldset staff-editor-step" key={step.id}>
                      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('plan.step', { goal: oi + 1, n: si + 1 })}</legend>
                      <Textarea id={`${sbase}-description`} rows={2} label={t('plan.stepDescription')} hint={t('plan.stepDescriptionHint')} value={step.description} onChange={(description) => setStep(oi, si, { description })} error={errorOf(`${sbase}-description`)} errorPrefix={prefix} after={<PlainWordsAdvice id={`${sbase}-description`} text={step.description} />} />
                      <Select id={`${sbase}-actor`} label={t('plan.actor')} value={step.actor} onChange={(actor) => setStep(oi, si, { actor })} options={actorOptions} error={errorOf(`${sbase}-actor`)} errorPrefix={prefix} />
                      <Select id={`${sbase}-status`} label={t('plan.stepStatus')} value={step.status} onChange={(status) => setStep(oi, si, { status })} options={stepStatusOptions} error={errorOf(`${sbase}-status`)} errorPrefix={prefix} />
                      <TextInput id={`${sbase}-dueBy`} type="date" width="govuk-input--width-10" label={t('plan.stepDueBy')} value={step.dueBy} onChange={(dueBy) => setStep(oi, si, { dueBy })} error={errorOf(`${sbase}-dueBy`)} errorPrefix={prefix} />
                      <Checkbox id={`${sbase}-hide`} label={t('plan.doNotShareStep')} checked={!step.share} onChange={(hide) => setStep(oi, si, { share: !hide })} />
                      <Button variant="secondary" onClick={() => setObjective(oi, { steps: objective.steps.filter((_, j) => j !== si) })}>
                        {t('plan.removeStep', { goal: oi + 1, n: si + 1 })}
                      </Button>
                    </fieldset>
                  );
                })}
                <div className="govuk-button-group">
                  <Button variant="secondary" onClick={() => setObjective(oi, { steps: [...objective.steps, newStep()] })}>
                    {t('plan.addStep', { n: oi + 1 })}
                  </Button>
                  <Button variant="warning" onClick={() => setDraft((d) => ({ ...d, objectives: d.objectives.filter((_, i) => i !== oi) }))}>
                    {t('plan.removeGoal', { n: oi + 1 })}
                  </Button>
                </div>
              </fieldset>
            );
          })}
          <Button id="add-goal" variant="secondary" onClick={() => setDraft((d) => ({ ...d, objectives: [...d.objectives, newObjective(d.objectives.length + 1)] }))}>
            {t('plan.addGoal')}
          </Button>

          <SentenceFields sentence={draft.sentence} keyDates={draft.keyDates} onSentence={(sentence) => setDraft((d) => ({ ...d, sentence }))} onKeyDates={(keyDates) => setDraft((d) => ({ ...d, keyDates }))} errorOf={errorOf} />

          <h2 className="govuk-heading-m">{t('plan.reviewsTitle')}</h2>
          {draft.reviews.length === 0 ? <p className="govuk-body">{t('plan.noReviews')}</p> : null}
          {draft.reviews.map((review, ri) => {
            const rbase = `plan-reviews-${ri}`;
            return (
              <fieldset className="govuk-fieldset staff-editor-step" key={review.id}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('plan.review', { n: ri + 1 })}</legend>
                <Select id={`${rbase}-kind`} label={t('plan.reviewKind')} value={review.kind} onChange={(kind) => setReview(ri, { kind })} placeholder={t('plan.chooseKind')} options={reviewKindOptions} error={errorOf(`${rbase}-kind`)} errorPrefix={prefix} />
                <TextInput id={`${rbase}-on`} type="date" width="govuk-input--width-10" label={t('plan.reviewOn')} value={review.on} onChange={(on) => setReview(ri, { on })} error={errorOf(`${rbase}-on`)} errorPrefix={prefix} />
                <Radios id={`${rbase}-by`} legend={t('plan.reviewBy')} inline value={review.by} onChange={(by) => setReview(ri, { by })} error={errorOf(`${rbase}-by`)} errorPrefix={prefix} options={[{ value: 'pom', label: t('actor.pom') }, { value: 'com', label: t('actor.com') }]} />
                <Checkbox id={`${rbase}-hide`} label={t('plan.doNotShareReview')} checked={!review.share} onChange={(hide) => setReview(ri, { share: !hide })} />
                <Button variant="secondary" onClick={() => setDraft((d) => ({ ...d, reviews: d.reviews.filter((_, i) => i !== ri) }))}>
                  {t('plan.removeReview', { n: ri + 1 })}
                </Button>
              </fieldset>
            );
          })}
          <Button variant="secondary" onClick={() => setDraft((d) => ({ ...d, reviews: [...d.reviews, newReview()] }))}>
            {t('plan.addReview')}
          </Button>

          <h2 className="govuk-heading-m">{t('plan.eventsTitle')}</h2>
          <p className="govuk-hint">{t('plan.eventsHint')}</p>
          {draft.events.length === 0 ? <p className="govuk-body">{t('plan.noEvents')}</p> : null}
          {draft.events.map((event, ei) => {
            const ebase = `plan-events-${ei}`;
            return (
              <fieldset className="govuk-fieldset staff-editor-step" key={event.id}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('plan.event', { n: ei + 1 })}</legend>
                <Select id={`${ebase}-kind`} label={t('plan.eventKind')} value={event.kind} onChange={(kind) => setEvent(ei, { kind })} placeholder={t('plan.chooseEvent')} options={eventKindOptions} error={errorOf(`${ebase}-kind`)} errorPrefix={prefix} />
                <TextInput id={`${ebase}-on`} type="date" width="govuk-input--width-10" label={t('plan.eventOn')} value={event.on} onChange={(on) => setEvent(ei, { on })} error={errorOf(`${ebase}-on`)} errorPrefix={prefix} />
                {event.kind === 'paroleEligibilityDateMoved' ? (
                  <TextInput id={`${ebase}-previousDate`} type="date" width="govuk-input--width-10" label={t('plan.previousDate')} value={event.previousDate} onChange={(previousDate) => setEvent(ei, { previousDate })} error={errorOf(`${ebase}-previousDate`)} errorPrefix={prefix} />
                ) : null}
                <Checkbox id={`${ebase}-hide`} label={t('plan.doNotShareEvent')} checked={!event.share} onChange={(hide) => setEvent(ei, { share: !hide })} />
                <Button variant="secondary" onClick={() => setDraft((d) => ({ ...d, events: d.events.filter((_, i) => i !== ei) }))}>
                  {t('plan.removeEvent', { n: ei + 1 })}
                </Button>
              </fieldset>
            );
          })}
          <Button variant="secondary" onClick={() => setDraft((d) => ({ ...d, events: [...d.events, newEvent()] }))}>
            {t('plan.addEvent')}
          </Button>

          <h2 className="govuk-heading-m">{t('plan.agreementTitle')}</h2>
          <Radios id="plan-agreement" legend={t('plan.agreement')} value={draft.agreement} onChange={(agreement) => setDraft((d) => ({ ...d, agreement }))} options={PlanAgreement.options.map((value) => ({ value, label: t(`agreement.${value}`) }))} />

          <h2 className="govuk-heading-m">{t('plan.sharingTitle')}</h2>
          <Checkbox id="plan-hide" label={t('plan.doNotSharePlan')} hint={t('plan.doNotSharePlanHint')} checked={!draft.share} onChange={(hide) => setDraft((d) => ({ ...d, share: !hide }))} />

          <Button id="save-plan" type="submit" disabled={busy}>
            {t('plan.save', { version: held + 1 })}
          </Button>
        </form>
      </div>
      <div className="govuk-grid-column-one-third-from-desktop">
        <PlanPreview draft={draft} personId={person.personId} />
      </div>
    </div>
  );
}

import type { Actor, NeedArea, ObjectiveStatus, PlanEventKind, ReviewKind, StepStatus } from '../../domain/plan.ts';
import type { PlanRecord } from '../../domain/plan-record.ts';
import type { PlanInput } from '../../domain/staff-people.ts';
import {
  emptyKeyDates,
  keyDatesFromDraft,
  keyDatesToDraft,
  mappaFromDraft,
  sentenceFieldId,
  sentenceFromDraft,
  sentenceToDraft,
  type KeyDatesDraft,
  type MappaDraft,
  type SentenceDraft,
} from '../people/sentence-form.ts';

/**
 * The plan as the editor holds it while staff type: every field as text (so nothing typed is lost
 * to a number or a date that does not parse yet), and "share" per item. `fromDraft` makes the
 * plan the service takes; the shared schema then names any field at fault.
 */
export type StepDraft = { id: string; description: string; actor: Actor; status: StepStatus; dueBy: string; share: boolean };
export type ObjectiveDraft = {
  id: string;
  area: NeedArea | '';
  priority: string;
  title: string;
  measure: string;
  status: ObjectiveStatus;
  dueBy: string;
  outsideControl: string;
  why: string;
  achievedOn: string;
  share: boolean;
  steps: StepDraft[];
};
export type ReviewDraft = { id: string; kind: ReviewKind | ''; on: string; by: 'pom' | 'com' | ''; share: boolean };
export type EventDraft = { id: string; kind: PlanEventKind | ''; on: string; previousDate: string; share: boolean };
export type PlanDraft = {
  id: string;
  share: boolean;
  sentence: SentenceDraft;
  keyDates: KeyDatesDraft;
  mappa: MappaDraft;
  rosh: PlanRecord['rosh'];
  objectives: ObjectiveDraft[];
  reviews: ReviewDraft[];
  events: EventDraft[];
  agreement: PlanRecord['agreement'];
};

/** A new id for an item staff add (the service keeps ids as they are sent). */
export function newItemId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

export function newStep(): StepDraft {
  return { id: newItemId('step'), description: '', actor: 'you', status: 'notStarted', dueBy: '', share: true };
}

export function newObjective(priority: number): ObjectiveDraft {
  return { id: newItemId('goal'), area: '', priority: String(priority), title: '', measure: '', status: 'active', dueBy: '', outsideControl: '', why: '', achievedOn: '', share: true, steps: [] };
}

export function newReview(): ReviewDraft {
  return { id: newItemId('review'), kind: '', on: '', by: 'pom', share: true };
}

export function newEvent(): EventDraft {
  return { id: newItemId('event'), kind: '', on: '', previousDate: '', share: true };
}

export function emptyPlanDraft(): PlanDraft {
  return {
    id: newItemId('plan'),
    share: true,
    sentence: { type: '', sentencedOn: '', lengthMonths: '', tariffMonths: '' },
    keyDates: emptyKeyDates,
    mappa: { category: '', level: '' },
    rosh: undefined,
    objectives: [],
    reviews: [],
    events: [],
    agreement: 'notAskedYet',
  };
}

export function toDraft(record: PlanRecord): PlanDraft {
  return {
    id: record.id,
    share: record.shareable,
    sentence: sentenceToDraft(record.sentence),
    keyDates: keyDatesToDraft(record.keyDates),
    mappa: record.mappa ? { category: String(record.mappa.category) as MappaDraft['category'], level: String(record.mappa.level) as MappaDraft['level'] } : { category: '', level: '' },
    rosh: record.rosh,
    objectives: [...record.objectives]
      .sort((a, b) => a.priority - b.priority)
      .map((o) => ({
        id: o.id,
        area: o.area,
        priority: String(o.priority),
        title: o.title,
        measure: o.measure,
        status: o.status,
        dueBy: o.dueBy,
        outsideControl: o.outsideControl ?? '',
        why: o.why ?? '',
        achievedOn: o.achievedOn ?? '',
        share: o.shareable,
        steps: o.steps.map((s) => ({ id: s.id, description: s.description, actor: s.actor, status: s.status, dueBy: s.dueBy ?? '', share: s.shareable })),
      })),
    reviews: record.reviews.map((r) => ({ id: r.id, kind: r.kind, on: r.on, by: r.by, share: r.shareable })),
    events: (record.events ?? []).map((e) => ({ id: e.id, kind: e.kind, on: e.on, previousDate: e.previousDate ?? '', share: e.shareable })),
    agreement: record.agreement,
  };
}

const priorityOf = (text: string): number | string => (/^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : text);

/** The plan to send (unchecked: `PutPlanRequest` checks it and names the field at fault). */
export function fromDraft(draft: PlanDraft): PlanInput {
  const mappa = mappaFromDraft(draft.mappa);
  return {
    id: draft.id,
    shareable: draft.share,
    sentence: sentenceFromDraft(draft.sentence),
    keyDates: keyDatesFromDraft(draft.keyDates),
    ...(mappa ? { mappa } : {}),
    ...(draft.rosh ? { rosh: draft.rosh } : {}),
    objectives: draft.objectives.map((o) => ({
      id: o.id,
      area: o.area || undefined,
      priority: priorityOf(o.priority),
      title: o.title.trim(),
      measure: o.measure.trim(),
      status: o.status,
      dueBy: o.dueBy,
      ...(o.outsideControl.trim() ? { outsideControl: o.outsideControl.trim() } : {}),
      ...(o.why.trim() ? { why: o.why.trim() } : {}),
      ...(o.achievedOn ? { achievedOn: o.achievedOn } : {}),
      shareable: o.share,
      steps: o.steps.map((s) => ({ id: s.id, description: s.description.trim(), actor: s.actor, status: s.status, ...(s.dueBy ? { dueBy: s.dueBy } : {}), shareable: s.share })),
    })),
    reviews: draft.reviews.map((r) => ({ id: r.id, kind: r.kind || undefined, on: r.on, by: r.by || undefined, shareable: r.share })),
    ...(draft.events.length > 0
      ? { events: draft.events.map((e) => ({ id: e.id, kind: e.kind || undefined, on: e.on, ...(e.previousDate ? { previousDate: e.previousDate } : {}), shareable: e.share })) }
      : {}),
    agreement: draft.agreement,
  } as unknown as PlanInput;
}

/** The element id of a plan field, from the schema's path (inside `plan`). */
export function planFieldId(path: readonly PropertyKey[]): string {
  const inPlan = path[0] === 'plan' ? path.slice(1) : path;
  const sentence = sentenceFieldId(inPlan);
  if (sentence) return sentence;
  if (inPlan.length <= 1 && inPlan[0] === 'objectives') return 'add-goal';
  return `plan-${inPlan.map(String).join('-')}`;
}

/** Which message a field's problem gets: by the field's own name (`plan.errors.<name>`). */
export function planFieldName(path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((part) => typeof part === 'string');
  if (last === 'kind' && path.includes('events')) return 'eventKind';
  return typeof last === 'string' ? last : 'plan';
}

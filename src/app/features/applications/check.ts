import {
  ApplicationDraft,
  applicationFieldIssues,
  type ApplicationFieldSpec,
  type ApplicationFields,
  type ApplicationType,
  fieldsOf,
  wholePlan,
} from '../../../domain/application.ts';
import { textIssues, withoutNotAllowed } from '../../../domain/text.ts';
import { readDate, textToParts } from '../../ui/date-parts.ts';
import type { Draft } from './model.ts';

/**
 * Checks an application before it is sent, with the shared schema (what the service will check)
 * and the form's own rules (required fields, no date in the future, a goal still in the plan, one
 * open application per type). Pure: gives what is wrong, by field, in the form's order, and the
 * application as it would be sent.
 */
export type Problem =
  | { at: 'field'; key: string; spec: ApplicationFieldSpec; kind: 'required' | 'notAnOption' | 'dateNotReal' | 'dateInFuture' | 'textTooLong' | 'goalGone' | 'hiddenCharacters' }
  | { at: 'details'; kind: 'required' | 'tooLong' | 'hiddenCharacters' }
  | { at: 'alreadyOpen'; kind: 'alreadyOpen' };

export type CheckContext = {
  /** Today in the UK, YYYY-MM-DD. */
  today: string;
  /** The ids of the goals in the person's plan; null when the plan is not on the device. */
  goalIds: ReadonlySet<string> | null;
  /** Whether the person already has an open application of this type. */
  alreadyOpen: boolean;
};

export type Checked = { problems: Problem[]; application: ApplicationDraft | null; cleaned: Draft };

/** The draft's fields as the schema wants them: only the type's, none empty, dates as YYYY-MM-DD. */
function fieldsToSend(type: ApplicationType, draft: Draft): { fields: ApplicationFields; problems: Problem[] } {
  const fields: ApplicationFields = {};
  const problems: Problem[] = [];
  for (const [key, spec] of fieldsOf(type)) {
    const raw = (draft.fields[key] ?? '').trim();
    if (spec.kind === 'date') {
      const date = readDate(textToParts(draft.fields[key]));
      if (date.kind === 'date') fields[key] = date.iso;
      else if (date.kind === 'notReal') problems.push({ at: 'field', key, spec, kind: 'dateNotReal' });
      else if (spec.required) problems.push({ at: 'field', key, spec, kind: 'required' });
      continue;
    }
    if (raw === '') {
      if (spec.required) problems.push({ at: 'field', key, spec, kind: 'required' });
      continue;
    }
    fields[key] = raw;
  }
  return { fields, problems };
}

export function checkApplication(draft: Draft, context: CheckContext): Checked {
  // Hidden characters that were pasted in cannot be sent: they are taken out (nothing visible
  // changes) and the person is told, so they can check their words.
  const cleaned: Draft = {
    ...draft,
    details: withoutNotAllowed(draft.details),
    fields: Object.fromEntries(Object.entries(draft.fields).map(([key, value]) => [key, withoutNotAllowed(value)])),
  };
  const problems: Problem[] = [];
  const specs = new Map(fieldsOf(draft.type));
  const { fields, problems: fieldProblems } = fieldsToSend(draft.type, draft);
  problems.push(...fieldProblems);
  for (const [key, value] of Object.entries(fields)) {
    const spec = specs.get(key)!;
    if (spec.kind === 'date' && value > context.today) problems.push({ at: 'field', key, spec, kind: 'dateInFuture' });
    if (spec.kind === 'objective' && value !== wholePlan && context.goalIds && !context.goalIds.has(value)) problems.push({ at: 'field', key, spec, kind: 'goalGone' });
  }
  const parsed = ApplicationDraft.safeParse({ type: draft.type, ...(Object.keys(fields).length ? { fields } : {}), details: draft.details });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [first, key] = issue.path;
      if (first === 'details') {
        const kind = issue.message === textIssues.controlCharacters ? 'hiddenCharacters' : issue.message === 'details.tooLong' ? 'tooLong' : 'required';
        if (!problems.some((p) => p.at === 'details')) problems.push({ at: 'details', kind });
      } else if (first === 'fields' && typeof key === 'string' && specs.has(key) && !problems.some((p) => p.at === 'field' && p.key === key)) {
        const kind =
          issue.message === textIssues.controlCharacters
            ? 'hiddenCharacters'
            : issue.message === applicationFieldIssues.tooLong || issue.code === 'too_big'
              ? 'textTooLong'
              : issue.message === applicationFieldIssues.notADate
                ? 'dateNotReal'
                : issue.message === applicationFieldIssues.notAGoal
                  ? 'goalGone'
                  : 'notAnOption';
        problems.push({ at: 'field', key, spec: specs.get(key)!, kind });
      }
    }
  }
  if (context.alreadyOpen) problems.push({ at: 'alreadyOpen', kind: 'alreadyOpen' });
  // In the form's order: the fields as asked, then the words, then the open one.
  const order = (p: Problem) => (p.at === 'field' ? [...specs.keys()].indexOf(p.key) : p.at === 'details' ? 100 : 101);
  problems.sort((a, b) => order(a) - order(b));
  return { problems, application: problems.length === 0 && parsed.success ? parsed.data : null, cleaned };
}

import { useCallback } from 'react';
import type { QuestionnaireAnswers } from '../../../domain/questionnaire.ts';
import { type Loaded, usePersonData } from '../../session/hooks.ts';
import type { ActivePerson } from '../../session/session-context.ts';
import type { ItemView } from '../../sync/outbox.ts';
import { readQuestionnaires } from '../../sync/read.ts';

/** A self-assessment made on this device: its state, its answers (null if they no longer open), and what replaced it. */
export type SentQuestionnaire = { view: ItemView; answers: QuestionnaireAnswers | null; replacedBy: SentQuestionnaire | null };

/** Counts as the person's current one: sent or on its way (not turned down, not unreadable). */
const counts = (view: ItemView) => view.state !== 'rejected' && view.state !== 'unreadable';

/**
 * Newest first. Each one that counts is replaced by the next newer one that counts (the service
 * does the same with what it holds); one turned down replaces nothing.
 */
export function withReplacements(items: Array<Omit<SentQuestionnaire, 'replacedBy'>>): SentQuestionnaire[] {
  const newestFirst = [...items].sort((a, b) => (a.view.id < b.view.id ? 1 : a.view.id > b.view.id ? -1 : 0));
  const out: SentQuestionnaire[] = [];
  let newer: SentQuestionnaire | null = null;
  for (const item of newestFirst) {
    const entry: SentQuestionnaire = { ...item, replacedBy: counts(item.view) ? newer : null };
    if (counts(item.view)) newer = entry; // replaces the older ones, up to the next that counts
    out.push(entry);
  }
  return out;
}

async function load(person: ActivePerson): Promise<SentQuestionnaire[]> {
  const { db, session } = person.signedIn;
  const [views, answers] = await Promise.all([person.sync.items(), readQuestionnaires(db, session)]);
  return withReplacements(views.filter((view) => view.kind === 'questionnaire').map((view) => ({ view, answers: answers.get(view.id) ?? null })));
}

export function useSentQuestionnaires(person: ActivePerson): Loaded<SentQuestionnaire[]> {
  const loader = useCallback((active: ActivePerson) => load(active), []);
  return usePersonData(person, loader);
}

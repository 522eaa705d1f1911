import { randomBytes } from 'node:crypto';
import { ApplicationType } from '../../../src/domain/application.ts';
import { saq1 } from '../../../src/domain/questionnaire-sets.ts';
import { questionsOf } from '../../../src/domain/questionnaire.ts';
import type { OutboxItem } from '../../../src/domain/sync.ts';

/** A UUID version 7, as the device mints them: time first, then random bits. */
export function uuidv7(): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type ApplicationItem = Extract<OutboxItem, { kind: 'application' }>;
export type QuestionnaireItem = Extract<OutboxItem, { kind: 'questionnaire' }>;
export type ProgressNoteItem = Extract<OutboxItem, { kind: 'progressNote' }>;

const createdAt = '2026-03-01T09:30:00.000Z';

export function applicationItem(details = 'Please can I see my POM about my course.', id = uuidv7(), type: ApplicationType = 'seeMyPom'): ApplicationItem {
  return { id, kind: 'application', createdAt, payload: { id, type, details, createdAt } };
}

/** Every application type, in a fixed order: a person may have one open application of each at a time. */
export const everyApplicationType: readonly ApplicationType[] = ApplicationType.options;

/** An application of the `n`th type (cycling through them), so that up to nine in a row can all be open at once. */
export function applicationOfType(n: number, details = `Application ${n}`): ApplicationItem {
  return applicationItem(details, uuidv7(), everyApplicationType[n % everyApplicationType.length]);
}

export function questionnaireItem(id = uuidv7()): QuestionnaireItem {
  return {
    id,
    kind: 'questionnaire',
    createdAt,
    payload: {
      id,
      questionSet: saq1.id,
      completedOn: '2026-03-01',
      answers: saq1Answers({ 'thinking.temper': { choice: 'sometimes', note: 'When people shout at me.' }, 'drugs.using': { choice: 'notAProblem' } }),
      createdAt,
    },
  };
}

export function progressNoteItem(text = 'I went to every session this week.', where: { objectiveId?: string; stepId?: string } = {}, id = uuidv7()): ProgressNoteItem {
  const { objectiveId = 'objective-1', stepId } = where;
  return { id, kind: 'progressNote', createdAt, payload: { id, objectiveId, ...(stepId ? { stepId } : {}), text, createdAt } };
}

type Answers = QuestionnaireItem['payload']['answers'];

/**
 * Answers to every question `saq-1` requires ("not sure" unless `overrides` says otherwise), as a
 * questionnaire must have them; `overrides` may add notes or answers to open questions.
 */
export function saq1Answers(overrides: Answers = {}): Answers {
  const required = questionsOf(saq1).filter((question) => question.required);
  return { ...Object.fromEntries(required.map((question) => [question.id, { choice: 'notSure' as const }])), ...overrides };
}

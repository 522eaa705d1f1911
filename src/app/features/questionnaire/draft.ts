import { type Answer, AnswerChoice, isAnswered, type QuestionnaireAnswers, type QuestionSet, type QuestionSpec, questionsOf } from '../../../domain/questionnaire.ts';
import { questionSets } from '../../../domain/questionnaire-sets.ts';

/**
 * A self-assessment while it is filled in, kept as one sealed draft (`draft.questionnaire`) and
 * written again at every answer, so a reload, a crash or an idle sign-out loses nothing, and the
 * person comes back to the question they were on. Pure.
 */
export type Mode = 'one' | 'section';
/** Where the person was: a part, and (one question at a time) which question of it, from 0. */
export type Position = { section: string; question: number };

export type QuestionnaireDraft = {
  questionSet: string;
  answers: Record<string, Answer>;
  mode: Mode;
  at: Position | null;
  /** When these answers change a questionnaire the service turned down: its id. */
  replaces?: string;
};

export const draftName = 'questionnaire';

export function emptyDraft(set: QuestionSet, mode: Mode = 'one'): QuestionnaireDraft {
  return { questionSet: set.id, answers: {}, mode, at: null };
}

/**
 * A draft read back from the store (from any version of the app): what still fits its question
 * set. Notes are kept as written, even over the limit (the check page says so; nothing typed is
 * dropped); a choice that is not on the set's scale is dropped.
 */
export function toDraft(value: unknown): QuestionnaireDraft | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<Record<keyof QuestionnaireDraft, unknown>>;
  const set = typeof v.questionSet === 'string' ? questionSets.get(v.questionSet) : undefined;
  if (!set) return null;
  const questions = new Map(questionsOf(set).map((q) => [q.id, q]));
  const answers: Record<string, Answer> = {};
  if (v.answers && typeof v.answers === 'object') {
    for (const [id, raw] of Object.entries(v.answers as Record<string, unknown>)) {
      const question = questions.get(id);
      if (!question || !raw || typeof raw !== 'object') continue;
      const { choice, note } = raw as { choice?: unknown; note?: unknown };
      const parsed = AnswerChoice.safeParse(choice);
      const answer: Answer = {
        ...(question.kind === 'statement' && parsed.success && set.scale.includes(parsed.data) ? { choice: parsed.data } : {}),
        ...(typeof note === 'string' && note !== '' ? { note } : {}),
      };
      if (answer.choice !== undefined || answer.note !== undefined) answers[id] = answer;
    }
  }
  const at = v.at as Partial<Position> | null | undefined;
  const section = set.sections.find((s) => s.id === at?.section);
  const position = section && typeof at?.question === 'number' && Number.isInteger(at.question) ? { section: section.id, question: Math.min(Math.max(at.question, 0), section.questions.length - 1) } : null;
  return {
    questionSet: set.id,
    answers,
    mode: v.mode === 'section' ? 'section' : 'one',
    at: position,
    ...(typeof v.replaces === 'string' ? { replaces: v.replaces } : {}),
  };
}

/** The draft with one answer changed; an answer with nothing in it is left out. */
export function withAnswer(draft: QuestionnaireDraft, id: string, answer: Answer): QuestionnaireDraft {
  const answers = { ...draft.answers };
  if (answer.choice === undefined && (answer.note ?? '') === '') delete answers[id];
  else answers[id] = { ...(answer.choice !== undefined ? { choice: answer.choice } : {}), ...(answer.note ? { note: answer.note } : {}) };
  return { ...draft, answers };
}

export function isEmpty(draft: QuestionnaireDraft): boolean {
  return Object.keys(draft.answers).length === 0;
}

/** How many of these questions are answered. */
export function answeredCount(questions: readonly QuestionSpec[], answers: Readonly<Record<string, Answer>>): number {
  return questions.filter((question) => isAnswered(question, answers[question.id])).length;
}

/** Each question's place: its part, its number in the part (from 0) and in the whole set (from 1). */
export type Place = { question: QuestionSpec; section: string; sectionNumber: number; inSection: number; number: number };

export function placesOf(set: QuestionSet): Place[] {
  let number = 0;
  return set.sections.flatMap((section, sectionIndex) =>
    section.questions.map((question, inSection) => ({ question, section: section.id, sectionNumber: sectionIndex + 1, inSection, number: ++number })),
  );
}

export function placeOf(set: QuestionSet, id: string): Place | undefined {
  return placesOf(set).find((place) => place.question.id === id);
}

/** The answers as they are sent: notes trimmed, nothing empty, with the day the person completed it. */
export function toSubmission(draft: QuestionnaireDraft, meta: { id: string; createdAt: string; completedOn: string }): QuestionnaireAnswers {
  const answers: Record<string, Answer> = {};
  for (const [id, answer] of Object.entries(draft.answers)) {
    const note = answer.note?.trim();
    const kept: Answer = { ...(answer.choice !== undefined ? { choice: answer.choice } : {}), ...(note ? { note } : {}) };
    if (kept.choice !== undefined || kept.note !== undefined) answers[id] = kept;
  }
  return {
    id: meta.id,
    questionSet: draft.questionSet,
    completedOn: meta.completedOn,
    answers,
    createdAt: meta.createdAt,
    ...(draft.replaces ? { replaces: draft.replaces } : {}),
  };
}

/** A questionnaire that was sent, back as a draft to change (the person changes it and sends it again). */
export function fromSubmission(answers: QuestionnaireAnswers, mode: Mode): QuestionnaireDraft {
  return { questionSet: answers.questionSet, answers: { ...answers.answers }, mode, at: null, replaces: answers.id };
}

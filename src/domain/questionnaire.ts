import { z } from 'zod';
import { ClientId, IsoDate, IsoDateTime } from './ids.ts';
import { questionSets } from './questionnaire-sets.ts';
import { freeText, utf8Length } from './text.ts';

/** How much a statement in the self-assessment questionnaire is true for the person. */
export const AgreementAnswer = z.enum(['agree', 'disagree', 'notSure']);
export type AgreementAnswer = z.infer<typeof AgreementAnswer>;

/** Whether something in the person's life is a problem for them (the scale of `saq-1`). */
export const ProblemAnswer = z.enum(['problem', 'sometimes', 'notAProblem', 'notSure']);
export type ProblemAnswer = z.infer<typeof ProblemAnswer>;

/** Any answer on any scale; a question set says which scale its statements use. */
export const AnswerChoice = z.enum(['agree', 'disagree', 'notSure', 'problem', 'sometimes', 'notAProblem'] satisfies Array<AgreementAnswer | ProblemAnswer>);
export type AnswerChoice = z.infer<typeof AnswerChoice>;

/**
 * The bounds of one questionnaire, checked by the service and by the app (so the app can tell the
 * person before sending). The self-assessment has a few dozen statements; these leave room for
 * longer question sets while keeping one questionnaire well inside one push (see maxOutboxItemBytes
 * in sync.ts).
 */
export const questionnaireLimits = {
  /** Answers in one questionnaire. */
  maxAnswers: 100,
  /** Characters in one answer's note. */
  noteMaxLength: 1000,
  /** Bytes of all the answers together, as UTF-8 JSON. */
  maxAnswersBytes: 48 * 1024,
} as const;

/** The message keys of the questionnaire's own checks. */
export const questionnaireIssues = {
  tooManyAnswers: 'questionnaire.tooManyAnswers',
  tooBig: 'questionnaire.tooBig',
  noteTooLong: 'questionnaire.noteTooLong',
  /** The question set is not one this version knows (questionnaire-sets.ts). */
  unknownQuestionSet: 'questionnaire.unknownQuestionSet',
  /** An answer to a question the set does not have. */
  unknownQuestion: 'questionnaire.unknownQuestion',
  /** A choice not on the set's scale, or a choice for an open question. */
  notOnScale: 'questionnaire.notOnScale',
  /** A statement the set requires has no choice. */
  required: 'questionnaire.required',
} as const;

export const QuestionId = z.string().max(64).regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/);
export type QuestionId = z.infer<typeof QuestionId>;

/**
 * One question of a set: a `statement` is answered on the set's scale (and may have a note); an
 * `open` question is answered in the person's own words (a note only). `required`: the
 * questionnaire cannot be sent without it (the check page names it).
 */
export type QuestionSpec = { readonly id: string; readonly kind: 'statement' | 'open'; readonly required: boolean };
export type QuestionSection = { readonly id: string; readonly questions: readonly QuestionSpec[] };
/** A versioned question set (the sets themselves are in questionnaire-sets.ts; their words in locales/). */
export type QuestionSet = { readonly id: string; readonly scale: readonly AnswerChoice[]; readonly sections: readonly QuestionSection[] };

export const Answer = z.object({
  choice: AnswerChoice.optional(),
  note: freeText().max(questionnaireLimits.noteMaxLength, { message: questionnaireIssues.noteTooLong }).optional(),
});
export type Answer = z.infer<typeof Answer>;

const Answers = z
  .record(QuestionId, Answer)
  .refine((answers) => Object.keys(answers).length <= questionnaireLimits.maxAnswers, { message: questionnaireIssues.tooManyAnswers, abort: true })
  .refine((answers) => utf8Length(JSON.stringify(answers)) <= questionnaireLimits.maxAnswersBytes, { message: questionnaireIssues.tooBig });

/** Every question of a set, in the order the person meets them. */
export function questionsOf(set: QuestionSet): QuestionSpec[] {
  return set.sections.flatMap((section) => section.questions);
}

/** The required questions that have no answer yet, in order. */
export function unansweredRequired(set: QuestionSet, answers: Readonly<Record<string, Answer | undefined>>): QuestionSpec[] {
  return questionsOf(set).filter((question) => question.required && !isAnswered(question, answers[question.id]));
}

/** A statement is answered by a choice; an open question by some words. */
export function isAnswered(question: QuestionSpec, answer: Answer | undefined): boolean {
  if (!answer) return false;
  return question.kind === 'statement' ? answer.choice !== undefined : (answer.note ?? '').trim() !== '';
}

/** Checks the answers against their question set: known set, known questions, choices on its scale, every required one there. */
function checkAgainstSet(questionnaire: { questionSet: string; answers: Record<string, Answer> }, ctx: z.RefinementCtx): void {
  const set = questionSets.get(questionnaire.questionSet);
  if (!set) {
    ctx.addIssue({ code: 'custom', message: questionnaireIssues.unknownQuestionSet, path: ['questionSet'] });
    return;
  }
  const questions = new Map(questionsOf(set).map((question) => [question.id, question]));
  for (const [id, answer] of Object.entries(questionnaire.answers)) {
    const question = questions.get(id);
    if (!question) ctx.addIssue({ code: 'custom', message: questionnaireIssues.unknownQuestion, path: ['answers', id] });
    else if (answer.choice !== undefined && (question.kind === 'open' || !set.scale.includes(answer.choice)))
      ctx.addIssue({ code: 'custom', message: questionnaireIssues.notOnScale, path: ['answers', id, 'choice'] });
  }
  for (const question of unansweredRequired(set, questionnaire.answers))
    ctx.addIssue({ code: 'custom', message: questionnaireIssues.required, path: ['answers', question.id] });
}

/**
 * The self-assessment questionnaire (SAQ) answers. It must carry a clear date, and fit the
 * question set it names (the service refuses an unknown set: a wrong version).
 */
export const QuestionnaireAnswers = z
  .object({
    id: ClientId,
    /** Which version of the question set these answers are for (questionnaire-sets.ts). */
    questionSet: z.string().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    /** The date the person completed it; an undated questionnaire is not valid. */
    completedOn: IsoDate,
    answers: Answers,
    createdAt: IsoDateTime,
    /**
     * When these answers replace a questionnaire the service turned down (the person changed it
     * and sent it again): the earlier one's id. The earlier one stays as it was, linked.
     */
    replaces: ClientId.optional(),
  })
  .superRefine(checkAgainstSet);
export type QuestionnaireAnswers = z.infer<typeof QuestionnaireAnswers>;

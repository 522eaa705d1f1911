import { z } from 'zod';
import { ClientId, IsoDate, IsoDateTime } from './ids.ts';
import { freeText, utf8Length } from './text.ts';

/** How much a statement in the self-assessment questionnaire is true for the person. */
export const AgreementAnswer = z.enum(['agree', 'disagree', 'notSure']);
export type AgreementAnswer = z.infer<typeof AgreementAnswer>;

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
} as const;

export const QuestionId = z.string().max(64).regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/);

export const Answer = z.object({
  choice: AgreementAnswer.optional(),
  note: freeText().max(questionnaireLimits.noteMaxLength, { message: questionnaireIssues.noteTooLong }).optional(),
});
export type Answer = z.infer<typeof Answer>;

const Answers = z
  .record(QuestionId, Answer)
  .refine((answers) => Object.keys(answers).length <= questionnaireLimits.maxAnswers, { message: questionnaireIssues.tooManyAnswers, abort: true })
  .refine((answers) => utf8Length(JSON.stringify(answers)) <= questionnaireLimits.maxAnswersBytes, { message: questionnaireIssues.tooBig });

/** The self-assessment questionnaire (SAQ) answers. It must carry a clear date. */
export const QuestionnaireAnswers = z.object({
  id: ClientId,
  /** Which version of the question set these answers are for. */
  questionSet: z.string().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  /** The date the person completed it; an undated questionnaire is not valid. */
  completedOn: IsoDate,
  answers: Answers,
  createdAt: IsoDateTime,
});
export type QuestionnaireAnswers = z.infer<typeof QuestionnaireAnswers>;

import { z } from 'zod';
import { ClientId, IsoDate, IsoDateTime } from './ids.ts';

/** How much a statement in the self-assessment questionnaire is true for the person. */
export const AgreementAnswer = z.enum(['agree', 'disagree', 'notSure']);
export type AgreementAnswer = z.infer<typeof AgreementAnswer>;

export const QuestionId = z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/);

export const Answer = z.object({
  choice: AgreementAnswer.optional(),
  note: z.string().max(1000).optional(),
});
export type Answer = z.infer<typeof Answer>;

/** The self-assessment questionnaire (SAQ) answers. It must carry a clear date. */
export const QuestionnaireAnswers = z.object({
  id: ClientId,
  /** Which version of the question set these answers are for. */
  questionSet: z.string().min(1).max(32),
  /** The date the person completed it; an undated questionnaire is not valid. */
  completedOn: IsoDate,
  answers: z.record(QuestionId, Answer),
  createdAt: IsoDateTime,
});
export type QuestionnaireAnswers = z.infer<typeof QuestionnaireAnswers>;

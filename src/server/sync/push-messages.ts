import type { PushResult } from '../../domain/sync.ts';

type Rejected = Extract<PushResult, { status: 'rejected' }>;

/** Plain words for a rejected outbox item: what went wrong and what to do. */
export const pushMessages = {
  idInUse:
    'This could not be saved because its reference number is already in use. Please make it again and send it. If this keeps happening, ask a member of staff.',
  invalid: 'Some of this is not filled in right, so it was not sent. Please check it and send it again.',
  detailsTooLong: 'This is too long. Please make it shorter and send it again.',
  detailsMissing: 'This is empty. Please write what you want to ask and send it again.',
  noteMissing: 'This note is empty. Please write what you have done and send it again.',
  undated: 'This needs the date you filled it in. Please add the date and send it again.',
  hiddenCharacter:
    'This has a hidden character in it that cannot be sent. It may have come from copying and pasting. Please type it again and send it.',
  tooManyAnswers: 'This has too many answers to send. Please check it and send it again.',
  tooBig: 'This is too long to send. Please make your notes shorter and send it again.',
  alreadyOpen:
    'You already have an application of this kind waiting for an answer, so this one was not sent. You can send a new one when the OMU has answered it.',
  unknownQuestionSet:
    'This questionnaire is from a version of the app the service does not know. Please update the app, check your answers and send it again.',
  answersMissing: 'Some questions that need an answer have none. Please answer them and send it again.',
  fieldNotForType: 'One of the answers does not fit this kind of application. Please check it and send it again.',
  changedAfterSending:
    'Something different was sent before with the same reference number, so this was not saved. Please make it again and send it. If this keeps happening, ask a member of staff.',
} as const;

export function rejected(id: string, code: Rejected['code'], message: string): Rejected {
  return { id, status: 'rejected', code, message };
}

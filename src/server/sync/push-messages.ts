import type { PushResult } from '../../domain/sync.ts';

type Rejected = Extract<PushResult, { status: 'rejected' }>;

/** Plain words for a rejected outbox item: what went wrong and what to do. */
export const pushMessages = {
  idInUse:
    'This could not be saved because its reference number is already in use. Please make it again and send it. If this keeps happening, ask a member of staff.',
  invalid: 'Some of this is not filled in right, so it was not sent. Please check it and send it again.',
  detailsTooLong: 'This is too long. Please make it shorter and send it again.',
  detailsMissing: 'This is empty. Please write what you want to ask and send it again.',
  undated: 'This needs the date you filled it in. Please add the date and send it again.',
} as const;

export function rejected(id: string, code: Rejected['code'], message: string): Rejected {
  return { id, status: 'rejected', code, message };
}

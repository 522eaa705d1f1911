import type { ApiError } from '../../domain/sync.ts';

/** An error response: the HTTP status and a `{code, message}` body in plain words. */
export type ErrorReply = { status: number; body: ApiError };

const byFastifyCode: Record<string, ApiError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'tooLarge', message: 'What was sent is too big.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupportedType', message: 'The service only accepts JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'badRequest', message: 'The size of what was sent does not match its content.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'badRequest', message: 'Nothing was sent, but something was expected.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'badRequest', message: 'What was sent could not be read.' },
  FST_ERR_VALIDATION: { code: 'invalid', message: 'Some of what was sent is not right.' },
};

export const notFoundError: ApiError = { code: 'notFound', message: 'There is nothing at this address.' };

export const methodNotAllowedError: ApiError = { code: 'methodNotAllowed', message: 'This address does not accept that kind of request.' };

const serverError: ApiError = { code: 'serverError', message: 'Something went wrong on our side. Please try again later.' };

function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500;
}

/**
 * Turns any thrown error into a reply. Server faults never show their details: they are logged.
 * A client fault (4xx) keeps its status and gets a plain explanation.
 */
export function toErrorReply(error: unknown): ErrorReply {
  const status = statusOf(error);
  if (status >= 500) return { status, body: serverError };
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' ? byFastifyCode[code] : undefined;
  if (known) return { status, body: known };
  if (status === 404) return { status, body: notFoundError };
  if (status === 405) return { status, body: methodNotAllowedError };
  if (status === 429) return { status, body: { code: 'tooManyRequests', message: 'Too many tries. Please wait a moment and try again.' } };
  return { status, body: { code: 'badRequest', message: 'The request could not be understood.' } };
}

import type { FastifyReply } from 'fastify';
import type { ApiError } from '../../domain/sync.ts';
import { describeWait } from '../auth/sign-in-limits.ts';

/** The error bodies of sign-in and sync, in plain words (a reading age of about 9). */
export const apiErrors = {
  signInNeeded: { code: 'signInNeeded', message: 'Please sign in again.' },
  wrongSignIn: {
    code: 'wrongSignIn',
    message:
      'The prison number or PIN is not right. Please check them and try again. If you have forgotten your PIN, ask a member of staff.',
  },
  invalidPrisonNumber: {
    code: 'invalidPrisonNumber',
    message: 'A prison number has 1 letter, then 4 numbers, then 2 letters, like A1234BC. Please check it.',
  },
  invalidPin: { code: 'invalidPin', message: 'Your PIN is 6 to 12 numbers. Please check it.' },
  invalid: { code: 'invalid', message: 'Some of what was sent is not right.' },
  invalidToken: { code: 'invalid', message: 'The sign-in details sent are not right. Please sign in again.' },
  unsupportedVersion: {
    code: 'unsupportedVersion',
    message: 'This app is out of date. Please close it and open it again to get the new version.',
  },
  emptyBatch: { code: 'emptyBatch', message: 'Nothing was sent, but something was expected.' },
  tooManyItems: { code: 'tooManyItems', message: 'Too many things were sent at once. Please send fewer at a time.' },
  changePinFirst: {
    code: 'changePinFirst',
    message: 'Please choose your own PIN first. Then your plan and messages can come to this device.',
  },
  wrongCurrentPin: {
    code: 'wrongCurrentPin',
    message: 'The PIN you use now is not right. Please check it and try again. If you have forgotten it, ask a member of staff.',
  },
  samePin: { code: 'samePin', message: 'Your new PIN must be different from the one you use now.' },
  invalidNewPin: { code: 'invalidNewPin', message: 'Your new PIN must be 6 to 12 numbers. Please check it.' },
  storeUnavailable: { code: 'storeUnavailable', message: 'The service cannot reach its database just now. Please try again later.' },
  tooManySyncs: {
    code: 'tooManyRequests',
    message: 'This device asked for too much in a short time. It will try again by itself in a moment.',
  },
} as const satisfies Record<string, ApiError>;

/**
 * Seconds a client should wait before trying again when the database is down. Short, because the
 * usual cause is a restart or a failover of a few seconds (measured in test/server/pg-restart.test.ts):
 * the app waits at least this long, so with 30 every device stayed idle for 30 s after a 3 s
 * restart. Five does not make a storm: devices arrive spread out, and the app's own backoff (full
 * jitter, doubling) soon waits longer than this when the database stays down.
 */
export const storeDownRetryAfterSeconds = 5;

export function tooManyTries(waitSeconds: number): ApiError {
  return {
    code: 'tooManyTries',
    message: `The PIN was wrong too many times. Please wait ${describeWait(waitSeconds)}, then try again. If you have forgotten your PIN, ask a member of staff.`,
  };
}

/** An address that got wrong PINs for many different prison numbers: it waits (the address cap). */
export function tooManyTriesFromHere(waitSeconds: number): ApiError {
  return {
    code: 'tooManyTries',
    message: `Too many wrong PINs have been put in from this place. Please wait ${describeWait(waitSeconds)}, then try again. If you need help, ask a member of staff.`,
  };
}

/** The whole-account limit: someone may be guessing this PIN, so only devices used before still work. */
export const askStaffToSignIn: ApiError = {
  code: 'askStaff',
  message:
    'Too many wrong PINs were put in for this prison number today. To keep your account safe, you cannot sign in on this device today. Please ask a member of staff to help you. You can still sign in on a device you have used before.',
};

export function sendError(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(status).send(body);
}

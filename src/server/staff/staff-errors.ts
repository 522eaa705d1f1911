import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { describeWait } from '../auth/sign-in-limits.ts';
import type { StaffApiError } from '../../domain/staff.ts';

/** The staff API's errors, in plain words, each with a stable code the console can act on. */
export const staffErrors = {
  signInNeeded: { code: 'staffSignInNeeded', message: 'Please sign in again. Your sign-in has ended, or you have not signed in yet.' },
  wrongSignIn: { code: 'wrongSignIn', message: 'The username or password is not right. Please check them and try again.' },
  accountDisabled: {
    code: 'accountDisabled',
    message: 'This account is switched off. Please ask an administrator in your prison to switch it on again.',
  },
  badOrigin: {
    code: 'badOrigin',
    message: 'This request did not come from the staff pages of this service, so it was refused.',
  },
  badCsrfToken: {
    code: 'badCsrfToken',
    message: 'This request did not carry the check that proves it came from your own sign-in. Please reload the page and try again.',
  },
  notAllowed: { code: 'notAllowed', message: 'Your role does not allow this. Ask an administrator if you need it.' },
  changePasswordFirst: { code: 'changePasswordFirst', message: 'Please choose a new password before you do anything else.' },
  otherPrison: { code: 'otherPrison', message: 'You can only see the people and applications of your own prison.' },
  notFound: { code: 'notFound', message: 'There is nothing with this id in your prison.' },
  alreadyOpen: {
    code: 'alreadyOpen',
    message: 'This person already has an open application of this type, so this one cannot be opened again. Answer or close the other one first.',
  },
  threadFull: {
    code: 'threadFull',
    message: 'This application has as many messages as it can hold. Please close it; the person can send a new one.',
  },
  usernameTaken: { code: 'usernameTaken', message: 'Someone already has this username. Please choose another.' },
  cannotDisableSelf: { code: 'cannotDisableSelf', message: 'You cannot switch off your own account. Ask another administrator.' },
  wrongCurrentPassword: { code: 'wrongCurrentPassword', message: 'Your current password is not right. Please check it and try again.' },
  samePassword: { code: 'samePassword', message: 'The new password must be different from the one you have now.' },
  prisonNumberTaken: {
    code: 'prisonNumberTaken',
    message: 'Someone with this prison number is already enrolled. Search for them instead, or check the number.',
  },
  pomNotFound: {
    code: 'invalid',
    message: 'There is no member of staff with this id in your prison who can be a POM. Please choose another.',
  },
  olderVersion: {
    code: 'olderVersion',
    message: 'This plan is older than the one held. It was not saved. Reload the plan to see the newest version.',
  },
  versionTaken: {
    code: 'versionTaken',
    message: 'Someone else saved this version of the plan first. It was not saved. Reload the plan and make your changes again.',
  },
  systemTokenRefused: {
    code: 'systemTokenRefused',
    message: 'This token does not work here. It may be wrong or revoked. Ask an administrator for a new one.',
  },
  systemNotAllowed: {
    code: 'notAllowed',
    message: 'A connected system can only put plans and read people of its own prison. Everything else needs a staff sign-in.',
  },
  unsupportedVersion: {
    code: 'unsupportedVersion',
    message: 'This version of the staff API is not served here. This service serves version 1, under /api/staff/v1/.',
  },
} as const satisfies Record<string, StaffApiError>;

export function tooManyStaffTries(waitSeconds: number): StaffApiError {
  return {
    code: 'tooManyTries',
    message: `The password was wrong too many times. Please wait ${describeWait(waitSeconds)}, then try again. If you have forgotten it, ask an administrator.`,
  };
}

/** Plain words for a message key of the domain schemas, or for a kind of zod issue, about one field. */
const wordsByKey: Record<string, string> = {
  'text.controlCharacters': 'has a hidden character in it (perhaps from copying and pasting). Please type it again.',
  'password.tooShort': 'must be at least 12 characters. A few words together make a good password.',
  'password.tooLong': 'must be at most 128 characters.',
  'username.format': 'must be 3 to 64 letters, numbers, dots, dashes or underscores, starting with a letter or number.',
  'limit.format': 'must be a whole number from 1 to 100.',
  'limit.tooBig': 'must be a whole number from 1 to 100.',
  'olderThanDays.format': 'must be a whole number of days.',
  'after.format': 'is not a page marker this service gave.',
  'before.format': 'is not a page marker this service gave.',
  'prisonId.format': 'is not a prison code.',
  'prisonNumber.format': 'is not a prison number. A prison number has 1 letter, then 4 numbers, then 2 letters, like A1234BC.',
  'q.tooLong': 'must be at most 100 characters.',
  'audit.oneSubject': 'Ask for the trail of one person (personId) or of one member of staff (staffId), not both.',
};

const wordsByIssue: Record<string, string> = {
  invalid_value: 'is not one of the values this service knows.',
  invalid_type: 'is missing, or is not the right kind of value.',
  too_small: 'is empty or too short.',
  too_big: 'is too long.',
  invalid_format: 'is not in the right format.',
  unrecognized_keys: 'is not something this service takes.',
};

/**
 * One plain message naming the first field at fault, for a request the schema refused. The field
 * is named without list positions (`type`, not `type.0`, for one value of a list), or with them
 * (`plan.objectives.1.title`) for a document such as a plan, where the position says which item.
 */
export function invalidRequest(error: z.ZodError, options: { positions?: boolean } = {}): StaffApiError {
  const issue = error.issues[0];
  const field = issue?.path.filter((part) => options.positions ? typeof part !== 'symbol' : typeof part === 'string').join('.') || undefined;
  const keyed = issue ? wordsByKey[issue.message] : undefined;
  if (issue?.message === 'audit.oneSubject') return { code: 'invalid', message: keyed!, ...(field ? { field } : {}) };
  const words = keyed ?? (issue ? wordsByIssue[issue.code] : undefined) ?? 'is not right.';
  return { code: 'invalid', message: field ? `"${field}" ${words}` : `What was sent ${words}`, ...(field ? { field } : {}) };
}

export function sendStaffError(reply: FastifyReply, status: number, body: StaffApiError): FastifyReply {
  return reply.code(status).send(body);
}

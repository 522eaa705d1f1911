import type { ApiError } from '../../domain/sync.ts';

/**
 * Plain words for delivery from kiosks (a reading age of about 9, like src/server/http/api-errors.ts).
 * A kiosk never shows a per-item refusal to anyone: the item waits for its owner's own next
 * sign-in, which sends it the usual way. The words say that, for whoever reads the logs.
 */
export const deliveryMessages = {
  cannotOpen: 'This could not be opened, so the kiosk could not send it. It will be sent when its owner next signs in.',
  notAuthored: 'This could not be checked as written by its owner, so it was not sent. It will be sent when its owner next signs in.',
  secretRevoked: 'Sending for this person from kiosks has been stopped, so it was not sent. It will be sent when its owner next signs in.',
  secretExpired: 'This was written too long ago for a kiosk to send it. It will be sent when its owner next signs in.',
  itemInvalid: 'Some of this is not filled in right, so it was not sent. Its owner can check it when they next sign in.',
  ownerUnknown: 'The person this belongs to is not known here, so it was not sent.',
} as const;

/** Error bodies of the delivery routes. */
export const deliveryErrors = {
  deviceNotEnrolled: {
    code: 'deviceNotEnrolled',
    message: 'This kiosk is not set up to send things for people, or it has been stopped. Ask a member of staff to set it up.',
  },
  invalidEnrolCode: { code: 'invalidEnrolCode', message: 'A set-up code has 12 letters and numbers. Please check it and try again.' },
  wrongEnrolCode: {
    code: 'wrongEnrolCode',
    message: 'This set-up code is not right. It may have been used already, or it may be too old. Ask for a new code.',
  },
} as const satisfies Record<string, ApiError>;

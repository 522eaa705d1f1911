import { z } from 'zod';
import { OpaqueId, PrisonNumber } from './ids.ts';

/**
 * Sign-in messages, shared by the app and the sync service.
 * The figures here are the service's policy; the app only shows them.
 */

/** A PIN is 6 to 12 digits. The service keeps only a salted scrypt hash of it. */
export const minPinLength = 6;
export const maxPinLength = 12;

export const Pin = z
  .string()
  .regex(/^\d+$/, { message: 'pin.digitsOnly' })
  .min(minPinLength, { message: 'pin.tooShort' })
  .max(maxPinLength, { message: 'pin.tooLong' });

/** An access token lives this long (15 minutes). The app refreshes it before then, or on a 401. */
export const accessTokenLifetimeSeconds = 15 * 60;
/** A sign-in lasts at most this long (12 hours); after that the person puts in their PIN again. */
export const sessionLifetimeSeconds = 12 * 60 * 60;

/** An opaque token: 32 random bytes, base64url (43 characters). It means nothing by itself. */
export const SessionToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: 'token.format' });
export type SessionToken = z.infer<typeof SessionToken>;

/**
 * A device's own random id, made once and kept in the device database. It names no one. The
 * service counts wrong PINs per prison number and device together, so one person's typos never
 * make someone else on the same kiosk wait.
 */
export const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, { message: 'deviceId.format' });
export type DeviceId = z.infer<typeof DeviceId>;

/** At most this many known-device proofs go with one sign-in (the people on this device whose hint matches). */
export const maxKnownDeviceProofs = 8;

export const SignInRequest = z.object({
  prisonNumber: PrisonNumber,
  pin: Pin,
  /** The device this is typed on. Without it the service counts by the client's address instead. */
  deviceId: DeviceId.optional(),
  /**
   * Proofs the service gave this device at earlier sign-ins (see `SignInResponse.deviceProof`).
   * One that belongs to this person and device lets them in even while someone elsewhere is
   * guessing their PIN.
   */
  knownDeviceProofs: z.array(SessionToken).max(maxKnownDeviceProofs).optional(),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** Who signed in: an opaque id (never the prison number) and the name to greet them by. */
export const SignedInPerson = z.object({ personId: OpaqueId, displayName: z.string().min(1).max(100) });
export type SignedInPerson = z.infer<typeof SignedInPerson>;

/** The answer to a sign-in, and to a refresh (which gives a new pair of tokens). */
export const SignInResponse = z.object({
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken: SessionToken,
  /** Use once, on POST /api/auth/refresh, to get a new pair. Using it twice ends the sign-in. */
  refreshToken: SessionToken,
  /** Seconds until the access token stops working. */
  expiresIn: z.number().int().positive(),
  /** Seconds until the refresh token stops working (the end of this sign-in). */
  refreshExpiresIn: z.number().int().positive(),
  person: SignedInPerson,
  /**
   * A new known-device proof for this person on this device, given when the sign-in sent a device
   * id but no proof that still works. Keep it with this person's record on the device and send it
   * with their later sign-ins here. Absent when the one sent still works: keep that one.
   */
  deviceProof: SessionToken.optional(),
  /**
   * True when the PIN used is a one-time PIN staff gave (at enrolment or a reset): the person must
   * choose their own (POST /api/auth/pin) before anything else; sync answers 403 `changePinFirst`
   * until then. Absent otherwise.
   */
  mustChangePin: z.literal(true).optional(),
});
export type SignInResponse = z.infer<typeof SignInResponse>;

export const RefreshRequest = z.object({ refreshToken: SessionToken });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const RefreshResponse = SignInResponse;
export type RefreshResponse = SignInResponse;

/**
 * Sign-out: send the access token as a Bearer header, the refresh token in the body, or both.
 * Either one ends the whole sign-in. Answered with 204, also when it had already ended.
 */
export const SignOutRequest = z.object({ refreshToken: SessionToken.optional() });
export type SignOutRequest = z.infer<typeof SignOutRequest>;

/**
 * POST /api/auth/pin (Bearer access token): the person chooses a new PIN. The current PIN is
 * checked under the sign-in limits (a wrong one counts as a wrong sign-in). On success every
 * sign-in of the person ends, this one too, and known-device proofs stop working: sign in again
 * with the new PIN. Answered with 204.
 */
export const ChangePinRequest = z.object({
  currentPin: z.string().min(1).max(maxPinLength),
  newPin: Pin,
  /** The device this is typed on, counted as for a sign-in. */
  deviceId: DeviceId.optional(),
});
export type ChangePinRequest = z.infer<typeof ChangePinRequest>;

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

/**
 * A resume token lets a device where the person's PIN just opened their own sealed data here start
 * a new sign-in without the service checking the PIN again (its slow hash is most of a morning's
 * cost). It works for this long after the PIN sign-in it came from (30 days), however often it is
 * used; then the PIN goes to the service again. See src/server/NOTES.md, "Resume on a known device".
 */
export const resumeLifetimeSeconds = 30 * 24 * 60 * 60;

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
  /**
   * A new resume token for this person on this device (given with every sign-in that sent a device
   * id, and with every resume, which uses up the one sent). Keep it SEALED with the person's own
   * data: only someone whose PIN opens that data can use it. Absent after a refresh.
   */
  resumeToken: SessionToken.optional(),
});
export type SignInResponse = z.infer<typeof SignInResponse>;

/**
 * POST /api/auth/resume: a new sign-in from a device the person signed in on with their PIN in the
 * last 30 days, after their PIN opened their sealed data here. Single use: the answer carries the
 * next token. 401 `signInNeeded` when it no longer works (used, lapsed, another device, a new PIN,
 * a one-time PIN): then sign in with the PIN.
 */
export const ResumeRequest = z.object({ deviceId: DeviceId, resumeToken: SessionToken });
export type ResumeRequest = z.infer<typeof ResumeRequest>;

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

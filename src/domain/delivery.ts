import { z } from 'zod';
import { ClientId, IsoDateTime, OpaqueId } from './ids.ts';
import { acceptedSchemaVersions, maxPushBatch, OutboxItem } from './sync.ts';

/**
 * Delivery without the person: a kiosk sends a signed-out person's waiting items for them.
 * Shared by the app (which seals) and the service (which opens and checks). The design and its
 * risks are in the README ("Shared kiosks") and src/server/NOTES.md ("Delivery from kiosks").
 *
 * - Each item is sealed to the service's public key (ECDH P-256 with a fresh key pair per item,
 *   HKDF-SHA-256, AES-256-GCM); the key id, the person id and the item id are the associated data.
 *   Nobody at the kiosk can read or change it.
 * - Inside, the item carries the id of a delivery secret the service gave that person at an online
 *   sign-in, and an HMAC-SHA-256 under that secret: proof that the person wrote it while signed in.
 * - A kiosk's device credential (enrolled by staff) may push only these sealed envelopes.
 */

/** Standard base64 (padded), as the app's bytes helpers write it. */
const base64 = (length: { min?: number; max: number }) =>
  z
    .string()
    .min(length.min ?? 0)
    .max(length.max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'base64' });

/** What the sealing is: shown by the service with its key, checked by the app before it seals. */
export const deliveryAlgorithm = 'ECDH-P256+HKDF-SHA256+A256GCM';

/**
 * The labels that keep every use of a key apart. Ids are opaque ids or UUIDs, which never hold `|`,
 * so no two different inputs give the same label.
 */
export const deliveryLabels = {
  /** AES-GCM associated data: what the envelope says about itself, bound to the ciphertext. */
  associatedData: (keyId: string, personId: string, itemId: string) => `spc-delivery-v1|aad|${keyId}|${personId}|${itemId}`,
  /** HKDF info: the AES key is for this service key only. */
  keyInfo: (keyId: string) => `spc-delivery-v1|key|${keyId}`,
  /** What the person's HMAC covers: the exact text of the authored body. */
  mac: (body: string) => `spc-delivery-v1|mac|${body}`,
  /** How the service derives a delivery secret from its secret key (it never stores the secret). */
  secret: (secretId: string, personId: string) => `spc-delivery-v1|secret|${secretId}|${personId}`,
} as const;

/**
 * How long the service accepts items authenticated with one delivery secret: 14 days from the
 * online sign-in that got it. Long enough for a person to use a kiosk offline for a week (signing
 * in offline each day) and for the kiosk to be offline for a week more before it delivers. After
 * that the kiosk cannot deliver those items; they wait for the person's own next sign-in there.
 */
export const deliverySecretLifetimeDays = 14;

/** A staff enrolment code works once, within this time. */
export const enrolmentCodeLifetimeHours = 24;

/** `GET /api/delivery/key`: the service's current public key, remembered on the device for offline use. */
export const DeliveryKey = z.object({
  keyId: OpaqueId,
  algorithm: z.literal(deliveryAlgorithm),
  /** The P-256 public key as an uncompressed point (65 bytes), base64. */
  publicKey: base64({ min: 88, max: 88 }),
});
export type DeliveryKey = z.infer<typeof DeliveryKey>;

/** `POST /api/delivery/secret` (with the person's access token): one secret per sign-in. */
export const DeliverySecret = z.object({
  secretId: OpaqueId,
  /** 32 bytes, base64: the HMAC-SHA-256 key. Kept sealed under the person's own key on the device. */
  secret: base64({ min: 44, max: 44 }),
  issuedAt: IsoDateTime,
  /** After this the service no longer accepts items authenticated with it. */
  expiresAt: IsoDateTime,
});
export type DeliverySecret = z.infer<typeof DeliverySecret>;

/** The most characters of ciphertext one envelope may carry (an item the sync push would take, sealed). */
export const maxEnvelopeCiphertextChars = 360_000;

/** One sealed item, as stored in the outbox row and pushed by the kiosk. */
export const DeliveryEnvelope = z.object({
  v: z.literal(1),
  /** The outbox item's own id: the idempotency key, answered about in the results. */
  id: ClientId,
  /** Whose item the envelope says it is; checked against the secret inside. */
  personId: OpaqueId,
  /** Which service key it is sealed to (keys rotate; old ones still open what was sealed under them). */
  keyId: OpaqueId,
  /** The one-off public key, an uncompressed P-256 point (65 bytes), base64. */
  epk: base64({ min: 88, max: 88 }),
  /** AES-GCM nonce, 12 bytes, base64. */
  iv: base64({ min: 16, max: 16 }),
  ct: base64({ min: 1, max: maxEnvelopeCiphertextChars }),
});
export type DeliveryEnvelope = z.infer<typeof DeliveryEnvelope>;

/** What the person wrote, as authenticated: the JSON text of this is what the HMAC covers. */
export const DeliveryAuthored = z.object({
  personId: OpaqueId,
  secretId: OpaqueId,
  item: OutboxItem,
});
export type DeliveryAuthored = z.infer<typeof DeliveryAuthored>;

/** The plaintext inside an envelope: the authored body (exact text) and its HMAC, base64. */
export const DeliveryPlaintext = z.object({
  body: z.string().max(maxEnvelopeCiphertextChars),
  mac: base64({ min: 44, max: 44 }),
});
export type DeliveryPlaintext = z.infer<typeof DeliveryPlaintext>;

/** `POST /api/delivery/push` (with a kiosk's device credential). Answered like a sync push. */
export const DeliveryPushRequest = z.object({
  schemaVersion: z.number().int().refine((v) => acceptedSchemaVersions.includes(v)),
  envelopes: z.array(DeliveryEnvelope).min(1).max(maxPushBatch),
});
export type DeliveryPushRequest = z.infer<typeof DeliveryPushRequest>;

/**
 * Enrolment codes: 12 letters and numbers from Crockford's base32 (no I, L, O or U), 60 random bits,
 * shown in groups of four. Staff may type them in small letters, with spaces or dashes, or with
 * O for 0 and I or L for 1.
 */
export const enrolmentCodeLength = 12;
const enrolmentCodePattern = /^[0-9A-HJKMNP-TV-Z]{12}$/;

export function normaliseEnrolmentCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function isEnrolmentCode(normalised: string): boolean {
  return enrolmentCodePattern.test(normalised);
}

/** `ABCD-EFGH-JKMN`, for showing. */
export function formatEnrolmentCode(normalised: string): string {
  return normalised.match(/.{1,4}/g)?.join('-') ?? normalised;
}

/** `POST /api/delivery/enrol`: the code staff typed, once. */
export const EnrolRequest = z.object({ code: z.string().max(64) });
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deviceId: OpaqueId,
  name: z.string().min(1).max(100),
  /** The device credential: 32 random bytes, base64url. Sent as `Authorization: Bearer …` on push only. */
  credential: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** A kiosk's name, as staff give it at enrolment. */
export const DeviceName = z
  .string()
  .trim()
  .min(1, { message: 'Give the kiosk a name, for example "Wing B kiosk 2".' })
  .max(100, { message: 'A kiosk name has at most 100 characters.' })
  .regex(/^[^\p{Cc}]*$/u, { message: 'A kiosk name cannot have control characters.' });

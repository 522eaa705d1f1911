/**
 * Keys for the personal data store.
 *
 * Each person has a random 256-bit AES-GCM **data key**. It never leaves the device in clear and is
 * kept on disk only wrapped (AES-GCM) under a **wrapping key** derived from the person's prison
 * number and PIN with PBKDF2-HMAC-SHA-256.
 *
 * Why 600,000 iterations: it is OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. Measured on the build
 * machine, WebCrypto (native code) takes about 0.53 s for 600,000 iterations. The slowest device
 * we expect is a low-end in-cell tablet (quad-core ARM Cortex-A53 class, roughly 4–5× slower per
 * core), so about 2–2.5 s there, paid once per unlock, behind an "Unlocking…" message; a wing kiosk
 * (x86) is well under 1 s. Going higher would make unlock on the tablets feel broken; going lower
 * buys nothing a person would notice. Each record stores its own iteration count, so the figure can
 * be raised later (the key is re-wrapped at the next unlock; see `needsRewrap`).
 *
 * Honest limit: a PIN has little entropy. Iterations slow an attacker who has copied the device's
 * storage; they cannot stop one. The real protection is that storage is not reachable on a locked-down
 * device, and that the derivation also needs the prison number. See src/app/sync/NOTES.md.
 */
import { fromBase64, toBase64 } from './bytes.ts';

export const pbkdf2Iterations = 600_000;

/** Bytes of random salt per person. */
const saltBytes = 16;
const ivBytes = 12;

/** Bytes are kept as base64 text so every store and clone keeps them intact. */
export type WrappedKey = { iv: string; ct: string };

const encoder = new TextEncoder();

/** What the person knows, as one string: prison number (normalised) and PIN. */
export function secretFor(prisonNumber: string, pin: string): string {
  return `${prisonNumber.trim().toUpperCase()}\u0000${pin}`;
}

export function newSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(saltBytes));
}

export async function deriveWrappingKey(secret: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: Uint8Array.from(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A new data key. Returned non-extractable, together with its wrapped form for storage. */
export async function createDataKey(wrappingKey: CryptoKey, personId: string): Promise<{ key: CryptoKey; wrapped: WrappedKey }> {
  const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const wrapped = await wrapDataKey(extractable, wrappingKey, personId);
  // Use a non-extractable handle from now on: the raw key can never be read back out of memory.
  const key = await unwrapDataKey(wrapped, wrappingKey, personId);
  return { key, wrapped };
}

async function wrapDataKey(dataKey: CryptoKey, wrappingKey: CryptoKey, personId: string): Promise<WrappedKey> {
  const iv = crypto.getRandomValues(new Uint8Array(ivBytes));
  const ct = await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: aad(personId) });
  return { iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Unwraps a data key; rejects (OperationError) when the secret was wrong. */
export async function unwrapDataKey(wrapped: WrappedKey, wrappingKey: CryptoKey, personId: string): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    fromBase64(wrapped.ct),
    wrappingKey,
    { name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: aad(personId) },
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Re-wraps a data key under a new wrapping key (PIN change, higher iteration count). */
export async function rewrapDataKey(
  wrapped: WrappedKey,
  oldWrappingKey: CryptoKey,
  newWrappingKey: CryptoKey,
  personId: string,
): Promise<WrappedKey> {
  const extractable = await crypto.subtle.unwrapKey(
    'raw',
    fromBase64(wrapped.ct),
    oldWrappingKey,
    { name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: aad(personId) },
    { name: 'AES-GCM', length: 256 },
    true,
    ['encrypt', 'decrypt'],
  );
  return wrapDataKey(extractable, newWrappingKey, personId);
}

export function needsRewrap(iterations: number): boolean {
  return iterations < pbkdf2Iterations;
}

function aad(personId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`spc-data-key-v1|${personId}`);
}

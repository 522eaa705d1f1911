import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DeliveryAuthored, DeliveryPlaintext, deliveryLabels, type DeliveryEnvelope } from '../../domain/delivery.ts';
import { OutboxItem, type PushResult } from '../../domain/sync.ts';
import { rejected } from '../sync/push-messages.ts';
import type { DeliveryStore } from './delivery-store.ts';
import { deriveSecret, type KeyRing } from './keys.ts';
import { deliveryMessages } from './messages.ts';

/**
 * Opening and checking one sealed envelope (src/domain/delivery.ts has the format). Pure apart
 * from reading keys and secrets: nothing is written here.
 */

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The plaintext of an envelope, or null if it does not open: wrong key, or any byte of the
 * ciphertext, nonce, one-off key, key id, person id or item id changed since it was sealed.
 */
export async function openEnvelope(envelope: DeliveryEnvelope, privateKey: CryptoKey): Promise<string | null> {
  const epk = Buffer.from(envelope.epk, 'base64');
  try {
    const theirs = await subtle.importKey('raw', epk, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const shared = await subtle.deriveBits({ name: 'ECDH', public: theirs }, privateKey, 256);
    const material = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    const key = await subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: epk, info: encoder.encode(deliveryLabels.keyInfo(envelope.keyId)) },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      ['decrypt'],
    );
    const plain = await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: Buffer.from(envelope.iv, 'base64'),
        additionalData: encoder.encode(deliveryLabels.associatedData(envelope.keyId, envelope.personId, envelope.id)),
      },
      key,
      Buffer.from(envelope.ct, 'base64'),
    );
    return decoder.decode(plain);
  } catch {
    return null;
  }
}

/** Whether `mac` (base64) is the HMAC of `body` under `secret`, compared in constant time. */
export function macMatches(secret: Buffer, body: string, mac: string): boolean {
  const expected = createHmac('sha256', secret).update(deliveryLabels.mac(body)).digest();
  const given = Buffer.from(mac, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The authored body, read only as far as needed to find the secret (the item is checked after the HMAC). */
const BodyHeader = DeliveryAuthored.extend({ item: z.unknown() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type Checked = { ok: true; personId: string; item: OutboxItem } | { ok: false; result: Extract<PushResult, { status: 'rejected' }> };

/**
 * Opens an envelope and checks that its owner wrote it while signed in:
 * - it opens under one of the service's seal keys (else `invalid`: nobody changed it on the way);
 * - the delivery secret it names exists, is this same person's, and its HMAC matches (else
 *   `notAllowed`: made by someone without that person's secret);
 * - the secret is not revoked (`notAllowed`) and has not run out (`tooLate`);
 * - the item inside is a valid outbox item with the envelope's own id (else `invalid`).
 */
export async function checkEnvelope(
  envelope: DeliveryEnvelope,
  deps: { keys: KeyRing; store: Pick<DeliveryStore, 'getSecret'>; now: Date },
): Promise<Checked> {
  const refuse = (code: 'invalid' | 'notAllowed' | 'tooLate', message: string): Checked => ({ ok: false, result: rejected(envelope.id, code, message) });

  const privateKey = await deps.keys.sealPrivateKey(envelope.keyId);
  if (!privateKey) return refuse('invalid', deliveryMessages.cannotOpen);
  const opened = await openEnvelope(envelope, privateKey);
  if (opened === null) return refuse('invalid', deliveryMessages.cannotOpen);
  const plaintext = DeliveryPlaintext.safeParse(parseJson(opened));
  if (!plaintext.success) return refuse('invalid', deliveryMessages.cannotOpen);
  const header = BodyHeader.safeParse(parseJson(plaintext.data.body));
  if (!header.success) return refuse('notAllowed', deliveryMessages.notAuthored);
  const { personId, secretId } = header.data;

  const secret = await deps.store.getSecret(secretId);
  if (!secret || secret.personId !== envelope.personId || personId !== envelope.personId) return refuse('notAllowed', deliveryMessages.notAuthored);
  const secretKey = await deps.keys.secretKey(secret.keyId);
  if (!secretKey || !macMatches(deriveSecret(secretKey, secretId, envelope.personId), plaintext.data.body, plaintext.data.mac)) {
    return refuse('notAllowed', deliveryMessages.notAuthored);
  }
  if (secret.revokedAt !== null) return refuse('notAllowed', deliveryMessages.secretRevoked);
  if (deps.now.toISOString() >= secret.expiresAt) return refuse('tooLate', deliveryMessages.secretExpired);

  const item = OutboxItem.safeParse(header.data.item);
  if (!item.success || item.data.id !== envelope.id) return refuse('invalid', deliveryMessages.itemInvalid);
  return { ok: true, personId: envelope.personId, item: item.data };
}

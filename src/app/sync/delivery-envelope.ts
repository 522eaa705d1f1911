import { DeliveryEnvelope, deliveryLabels, type DeliveryAuthored, type DeliveryKey, type DeliveryPlaintext } from '../../domain/delivery.ts';
import { OutboxItem } from '../../domain/sync.ts';
import { fromBase64, toBase64 } from '../data/crypto/bytes.ts';

/**
 * Seals one outbox item for delivery by a kiosk (format: src/domain/delivery.ts). Pure WebCrypto:
 * 1. the authored body (person id, delivery secret id, the item) gets an HMAC-SHA-256 under the
 *    person's delivery secret, which only their signed-in session has;
 * 2. body and HMAC are sealed to the service's public key: a fresh ECDH P-256 key pair for each
 *    item, HKDF-SHA-256 to an AES-256-GCM key, with the key id, person id and item id as the
 *    associated data. Only the service can open it; any change to any part makes it fail to open.
 * The one-off private key is never extractable and is dropped when this returns.
 */

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const ecdh = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** The delivery secret as a signing key (not extractable). */
export async function importDeliverySecret(base64: string): Promise<CryptoKey> {
  return subtle.importKey('raw', fromBase64(base64), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export type SealInput = {
  serviceKey: DeliveryKey;
  personId: string;
  secretId: string;
  /** From importDeliverySecret. */
  secret: CryptoKey;
  item: OutboxItem;
};

export async function sealEnvelope(input: SealInput): Promise<DeliveryEnvelope> {
  const { serviceKey, personId, secretId, secret } = input;
  const item = OutboxItem.parse(input.item);
  const authored: DeliveryAuthored = { personId, secretId, item };
  const body = JSON.stringify(authored);
  const mac = new Uint8Array(await subtle.sign('HMAC', secret, encoder.encode(deliveryLabels.mac(body))));
  const inside: DeliveryPlaintext = { body, mac: toBase64(mac) };
  const plaintext = encoder.encode(JSON.stringify(inside));

  const theirs = await subtle.importKey('raw', fromBase64(serviceKey.publicKey), ecdh, false, []);
  const mine = (await subtle.generateKey(ecdh, false, ['deriveBits'])) as CryptoKeyPair;
  const epk = new Uint8Array(await subtle.exportKey('raw', mine.publicKey));
  const shared = await subtle.deriveBits({ name: 'ECDH', public: theirs }, mine.privateKey, 256);
  const material = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const key = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: epk, info: encoder.encode(deliveryLabels.keyInfo(serviceKey.keyId)) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const additionalData = encoder.encode(deliveryLabels.associatedData(serviceKey.keyId, personId, item.id));
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, plaintext));
  return DeliveryEnvelope.parse({ v: 1, id: item.id, personId, keyId: serviceKey.keyId, epk: toBase64(epk), iv: toBase64(iv), ct: toBase64(ct) });
}

import { createHmac, randomBytes } from 'node:crypto';
import { deliveryAlgorithm, deliveryLabels, type DeliveryKey } from '../../domain/delivery.ts';
import { newOpaqueId } from '../ids.ts';
import type { DeliveryStore, KeyPurpose, NewDeliveryKey } from './delivery-store.ts';

/**
 * The service's delivery keys. They live in the database (so every service process uses the same
 * ones) and are made the first time one is needed. Rotating makes a new current key of a purpose;
 * retired keys are kept, so items sealed (or secrets issued) under them still open (or check).
 */

const subtle = globalThis.crypto.subtle;
const ecdh = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A new ECDH P-256 key pair for sealing: devices get the public half. */
export async function newSealKey(now: Date): Promise<NewDeliveryKey> {
  const pair = (await subtle.generateKey(ecdh, true, ['deriveBits'])) as CryptoKeyPair;
  const publicKey = Buffer.from(await subtle.exportKey('raw', pair.publicKey)).toString('base64');
  const privateKey = Buffer.from(await subtle.exportKey('pkcs8', pair.privateKey)).toString('base64');
  return { keyId: newOpaqueId('dk'), purpose: 'seal', publicKey, privateKey, createdAt: now.toISOString() };
}

/** A new 256-bit key that delivery secrets are derived from. */
export async function newSecretKey(now: Date): Promise<NewDeliveryKey> {
  return { keyId: newOpaqueId('dsk'), purpose: 'secret', publicKey: null, privateKey: randomBytes(32).toString('base64'), createdAt: now.toISOString() };
}

const makers: Record<KeyPurpose, (now: Date) => Promise<NewDeliveryKey>> = { seal: newSealKey, secret: newSecretKey };

/** Makes a new current key of each purpose. Returns the new key ids. */
export async function rotateDeliveryKeys(store: DeliveryStore, now: Date): Promise<{ seal: string; secret: string }> {
  const seal = await newSealKey(now);
  const secret = await newSecretKey(now);
  await store.rotateKey(seal, now.toISOString());
  await store.rotateKey(secret, now.toISOString());
  return { seal: seal.keyId, secret: secret.keyId };
}

/** The delivery secret of `secretId` for `personId`: derived, never stored (32 bytes). */
export function deriveSecret(secretKey: Buffer, secretId: string, personId: string): Buffer {
  return createHmac('sha256', secretKey).update(deliveryLabels.secret(secretId, personId)).digest();
}

export type KeyRing = {
  /** The public key devices should seal to now. */
  currentSealKey(): Promise<DeliveryKey>;
  /** The private key of a seal key id (retired or not), or null if there is no such key. */
  sealPrivateKey(keyId: string): Promise<CryptoKey | null>;
  /** The key new delivery secrets are derived from now. */
  currentSecretKey(): Promise<{ keyId: string }>;
  /** A secret key by id (retired or not), or null. */
  secretKey(keyId: string): Promise<Buffer | null>;
};

/**
 * Keys as one service process uses them. The current keys are read again after `refreshMs` (on the
 * service's clock), so a rotation by another process is picked up; a key found by id never changes,
 * so it is kept. Unknown ids are not remembered (they may be made up by whoever sends them).
 */
export function createKeyRing(store: Pick<DeliveryStore, 'currentKey' | 'getKey'>, now: () => Date, refreshMs = 60_000): KeyRing {
  const current = new Map<KeyPurpose, { keyId: string; publicKey: string | null; readAt: number }>();
  const privateKeys = new Map<string, Promise<CryptoKey>>();
  const secretKeys = new Map<string, Buffer>();

  async function currentOf(purpose: KeyPurpose) {
    const at = now().getTime();
    const cached = current.get(purpose);
    if (cached && at - cached.readAt < refreshMs && at >= cached.readAt) return cached;
    const record = await store.currentKey(purpose, () => makers[purpose](now()));
    const fresh = { keyId: record.keyId, publicKey: record.publicKey, readAt: at };
    current.set(purpose, fresh);
    return fresh;
  }

  return {
    async currentSealKey() {
      const key = await currentOf('seal');
      return { keyId: key.keyId, algorithm: deliveryAlgorithm, publicKey: key.publicKey ?? '' };
    },

    async sealPrivateKey(keyId) {
      const known = privateKeys.get(keyId);
      if (known) return known;
      const record = await store.getKey(keyId);
      if (!record || record.purpose !== 'seal') return null;
      const imported = subtle.importKey('pkcs8', Buffer.from(record.privateKey, 'base64'), ecdh, false, ['deriveBits']);
      privateKeys.set(keyId, imported);
      return imported;
    },

    async currentSecretKey() {
      const key = await currentOf('secret');
      return { keyId: key.keyId };
    },

    async secretKey(keyId) {
      const known = secretKeys.get(keyId);
      if (known) return known;
      const record = await store.getKey(keyId);
      if (!record || record.purpose !== 'secret') return null;
      const bytes = Buffer.from(record.privateKey, 'base64');
      secretKeys.set(keyId, bytes);
      return bytes;
    },
  };
}

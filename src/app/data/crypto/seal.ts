import { fromBase64, toBase64 } from './bytes.ts';

/**
 * Sealing: AES-GCM with a fresh 96-bit IV per value. The additional data binds each ciphertext to
 * its person, table and row, so a sealed value copied into another row or another person's
 * database does not open.
 */
export type Sealed = { v: 1; iv: string; ct: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Where a sealed value lives; becomes the AES-GCM additional data. */
export type SealContext = { personId: string; table: string; id: string };

function aad(context: SealContext): Uint8Array<ArrayBuffer> {
  return encoder.encode(`spc-seal-v1|${context.personId}|${context.table}|${context.id}`);
}

export async function seal(key: CryptoKey, value: unknown, context: SealContext): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify(value));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(context) }, key, plain);
  return { v: 1, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/** Opens a sealed value. Rejects when the key, the context or the bytes are wrong. */
export async function open(key: CryptoKey, sealed: Sealed, context: SealContext): Promise<unknown> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: aad(context) },
    key,
    fromBase64(sealed.ct),
  );
  return JSON.parse(decoder.decode(plain)) as unknown;
}

export function isSealed(value: unknown): value is Sealed {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Sealed).v === 1 &&
    typeof (value as Sealed).iv === 'string' &&
    typeof (value as Sealed).ct === 'string'
  );
}

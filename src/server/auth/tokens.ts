import { createHash, randomBytes } from 'node:crypto';

/** A new opaque token: 32 random bytes as base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps instead of a token: its SHA-256, in hex. A random 256-bit token needs no salt or slow hash. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const bearerPattern = /^Bearer ([A-Za-z0-9_-]{43})$/i;

/** The token from an `Authorization: Bearer …` header, or null when there is none or it is not one of ours. */
export function bearerToken(header: string | undefined): string | null {
  if (typeof header !== 'string') return null;
  return bearerPattern.exec(header.trim())?.[1] ?? null;
}

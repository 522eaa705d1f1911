import { randomBytes } from 'node:crypto';

/** A new opaque id: a short prefix and 16 random bytes. Carries no meaning (no name, no prison number). */
export function newOpaqueId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The staff sign-in cookie and the CSRF token bound to it.
 *
 * The cookie holds an opaque token (32 random bytes, base64url); the store keeps only its SHA-256.
 * It is HttpOnly (no script can read it), SameSite=Strict (no other site's page can make the
 * browser send it), Path=/, and Secure when the staff origin is https, under the `__Host-` prefix
 * (which the browser accepts only from a secure origin, with no Domain: no other host can set it).
 * It has no Max-Age: it goes when the browser closes; the service ends it sooner (idle, lifetime).
 *
 * The CSRF token is an HMAC of a fixed label under the session token: it is bound to this sign-in,
 * needs no storage, and cannot be worked out without the cookie. It travels in the response body
 * and comes back in the `x-csrf-token` header, compared in constant time.
 */

export function staffCookieName(secure: boolean): string {
  return secure ? '__Host-spc-staff' : 'spc-staff';
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The token in our cookie, or null when there is none (or it is not one of ours). */
export function readSessionCookie(header: string | undefined, name: string): string | null {
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at === -1) continue;
    if (part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    if (tokenPattern.test(value)) return value;
  }
  return null;
}

function attributes(secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Set-Cookie for a new sign-in. */
export function sessionCookie(name: string, token: string, secure: boolean): string {
  return `${name}=${token}; ${attributes(secure)}`;
}

/** Set-Cookie that makes the browser forget the cookie (at sign-out, or when the sign-in has ended). */
export function clearedSessionCookie(name: string, secure: boolean): string {
  return `${name}=; ${attributes(secure)}; Max-Age=0`;
}

const csrfLabel = 'spc-staff-csrf-v1';

/** The CSRF token of a sign-in: 43 characters, the same for the whole sign-in. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update(csrfLabel).digest('base64url');
}

/** True only when `sent` is this sign-in's CSRF token (constant time: nothing leaks how much matched). */
export function csrfMatches(sessionToken: string, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

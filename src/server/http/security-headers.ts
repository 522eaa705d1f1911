import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The Content-Security-Policy: only this origin, no eval'd script, no framing, and no inline script
 * except the app's own boot script, which the prisoner listener adds by its hash (app.ts).
 * No 'upgrade-insecure-requests', because prison networks may serve the app over plain HTTP.
 */
export const contentSecurityPolicyDirectives = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly be compiled (read-aloud's offline voice, espeak-ng, runs
  // in a Web Worker); it allows no JavaScript eval.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

/**
 * The staff console's own, stricter policy (served by the staff listener only): nothing but its
 * own scripts, styles, fonts and API; no WebAssembly, no workers (so no service worker can ever be
 * registered there), no manifest, no media, and nothing else by default.
 */
export const staffContentSecurityPolicyDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'none'"],
  'manifest-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * Helmet's settings. HSTS (`Strict-Transport-Security`) only when the deployment says it is served
 * over HTTPS (PUBLIC_ORIGIN starts with https://): prison networks may serve plain HTTP, and a
 * browser told to insist on HTTPS for a name that has none could not reach the service at all.
 */
export function helmetOptions(options: { https: boolean; csp?: CspDirectives | undefined }): HelmetOptions {
  const directives: CspDirectives = options.csp ?? contentSecurityPolicyDirectives;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(Object.entries(directives).map(([key, value]) => [key, [...value]])),
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
  };
}

/** Browser features the app never uses are switched off. */
export const permissionsPolicy = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/**
 * Every security header as a list, worked out once at start-up by running helmet's middleware
 * against a stand-in response (our policy has nothing that varies per request). Set on every
 * answer: by an onRequest hook for the routes, and written directly on the raw errors Node and
 * the router send before any hook runs (protocol-errors.ts).
 */
export function securityHeaderList(options: { https: boolean; csp?: CspDirectives | undefined }): Array<[string, string]> {
  const headers = new Map<string, string>([['permissions-policy', permissionsPolicy]]);
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let failed: unknown;
  helmet(helmetOptions(options))({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  return [...headers];
}

/**
 * The Origin check on every request to the staff listener that changes something (and on sign-in):
 * a browser always says which page sent a POST, so one sent by another site's page is refused
 * before anything is read, whatever cookie it carried. A request without an Origin header is
 * refused too: the staff API is for the console in a browser, and systems that connect to it
 * later get their own tokens, not cookies.
 */

/** Loopback names a browser on the same machine may use for the staff listener. */
const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The origins staff pages may come from: STAFF_ORIGIN when it is set; otherwise the staff
 * listener's own loopback addresses (the configuration refuses a non-loopback STAFF_HOST without
 * STAFF_ORIGIN, so no origin is ever taken from a request's Host header).
 */
export function allowedStaffOrigins(options: { staffOrigin: string | undefined; staffPort: number }): string[] {
  if (options.staffOrigin) return [options.staffOrigin];
  return loopbackHosts.map((host) => `http://${host}:${options.staffPort}`);
}

export function originAllowed(origin: string | string[] | undefined, allowed: readonly string[]): boolean {
  return typeof origin === 'string' && allowed.includes(origin.toLowerCase());
}

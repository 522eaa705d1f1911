/**
 * Whether an error means the database could not be reached or dropped the connection (nothing was
 * wrong with the request): the service answers 503 `storeUnavailable` with Retry-After, and the
 * device sends the same thing again later. Decided from the error itself, not only from a ping
 * afterwards: a query refused while PostgreSQL was starting up ("the database system is starting
 * up") was followed by a ping that found it up, and the request was answered 500
 * (test/server/pg-restart.test.ts). Pure; knows PostgreSQL's and Node's codes, and pg's own words.
 */

/** SQLSTATEs: class 08 (connection exception) and these, which end or refuse a session. */
const unavailableStates = new Set([
  '57P01', // admin_shutdown: the server is stopping (a fast shutdown or restart)
  '57P02', // crash_shutdown: another server process crashed
  '57P03', // cannot_connect_now: starting up, shutting down, or in recovery
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

/** Node's socket errors on the way to the database. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg's own errors for a connection that ended, could not be made in time, or gave no answer in time (query_timeout). */
const pgMessages = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /not queryable/, /^Query read timeout/];

export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || unavailableStates.has(code) || socketCodes.has(code))) return true;
    if (typeof message === 'string' && pgMessages.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

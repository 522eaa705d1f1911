import type { FastifyInstance } from 'fastify';
import type { ApiError } from '../../domain/sync.ts';
import { isApiPath, pathOf } from './paths.ts';

/**
 * A cap on the API requests one process works on at once. Past it a request is answered at once
 * with 503 `busy` and Retry-After, before its body is read, instead of joining a queue: a
 * process that takes every request when it cannot keep up makes all of them slow, and the ones
 * it finally answers may come after the device gave up on them. A device takes the 503 as "try
 * again later" (the app's sync waits at least Retry-After) and loses nothing it holds.
 *
 * Not counted, and never refused: liveness and readiness, so a busy process is not taken for a
 * dead one, and what is not under /api (static files, the staff listener's /metrics).
 */
export const busy: ApiError = {
  code: 'busy',
  message: 'The service is very busy just now. Nothing is lost: it will try again in a moment.',
};

/** Seconds a refused device is asked to wait: short, as a peak passes in seconds to minutes. */
export const busyRetryAfterSeconds = 2;

const neverRefused = new Set(['/api/health', '/api/ready']);

export type InFlightCap = {
  /** Requests being worked on now. */
  inFlight(): number;
  /** Requests refused with 503 `busy` since the process started. */
  refused(): number;
};

export function capRequestsInFlight(app: FastifyInstance, max: number): InFlightCap {
  let inFlight = 0;
  let refused = 0;
  app.addHook('onRequest', (request, reply, done) => {
    const path = pathOf(request.url);
    if (!isApiPath(path) || neverRefused.has(path)) return done();
    if (inFlight >= max) {
      refused++;
      void reply.code(503).header('retry-after', String(busyRetryAfterSeconds)).send(busy);
      return;
    }
    inFlight++;
    // 'close' comes once whichever way the request ends: answered, failed, or the device went away.
    reply.raw.once('close', () => inFlight--);
    done();
  });
  return { inFlight: () => inFlight, refused: () => refused };
}

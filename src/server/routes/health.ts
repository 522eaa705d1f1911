import type { FastifyInstance } from 'fastify';
import type { Health, Readiness } from '../../domain/sync.ts';
import { apiErrors, storeDownRetryAfterSeconds } from '../http/api-errors.ts';
import type { Store } from '../store/store.ts';

/**
 * Liveness and readiness, on both listeners:
 * - `GET /api/health`: the process answers (it never asks the database, so a database that is
 *   down does not make a supervisor restart every process, which would not help);
 * - `GET /api/ready`: the process can serve, that is its database answers: 200, or 503
 *   `storeUnavailable` with Retry-After, so a load balancer sends requests to another process;
 *   also 503 when the database has not answered within `readinessDeadlineMs` (a network that
 *   drops everything gives no error at all).
 */
/** Readiness says 503 when the database has not answered within this (a load balancer's check must not hang). */
export const readinessDeadlineMs = 2_000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The database did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function registerHealthRoute(app: FastifyInstance, store: Store): void {
  app.get('/api/health', async () => {
    const health: Health = { status: 'ok', engine: store.engine, time: new Date().toISOString() };
    return health;
  });

  app.get('/api/ready', async (request, reply) => {
    try {
      await within(store.ping(), readinessDeadlineMs);
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check could not reach the store');
      return reply.code(503).header('retry-after', String(storeDownRetryAfterSeconds)).send(apiErrors.storeUnavailable);
    }
    const ready: Readiness = { status: 'ready', engine: store.engine, time: new Date().toISOString() };
    return ready;
  });
}

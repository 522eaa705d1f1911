import type { FastifyInstance } from 'fastify';
import type { Health } from '../../domain/sync.ts';
import type { Store } from '../store/store.ts';

/** GET /api/health: is the service up, and can it reach its database? */
export function registerHealthRoute(app: FastifyInstance, store: Store): void {
  app.get('/api/health', async (request, reply) => {
    try {
      await store.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'health check could not reach the store');
      return reply
        .code(503)
        .header('retry-after', '30')
        .send({ code: 'storeUnavailable', message: 'The service cannot reach its database just now. Please try again later.' });
    }
    const health: Health = { status: 'ok', engine: store.engine, time: new Date().toISOString() };
    return health;
  });
}

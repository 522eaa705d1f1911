import type { FastifyInstance } from 'fastify';
import type { DeviceMode } from '../../domain/device.ts';

/** GET /config.json: what the deployment tells the app (the person can never change it). */
export function registerClientConfigRoute(app: FastifyInstance, deviceMode: DeviceMode): void {
  app.get('/config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return { deviceMode };
  });
}

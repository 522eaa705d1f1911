import type { FastifyInstance } from 'fastify';
import type { ApplicationType } from '../../domain/application.ts';
import type { DeviceMode } from '../../domain/device.ts';
import { type ReplyTime, withDefaultReplyTimes } from '../../domain/reply-times.ts';

/**
 * GET /config.json: what the deployment tells the app (the person can never change it): the
 * device mode and, where people sign in, how long the OMU usually takes to answer each type of
 * application (`ClientReplyTimes` in src/domain/reply-times.ts). No personal data.
 */
export function registerClientConfigRoute(app: FastifyInstance, deviceMode: DeviceMode, replyTimes?: Record<ApplicationType, ReplyTime>): void {
  const body = deviceMode === 'public' ? { deviceMode } : { deviceMode, replyTimes: replyTimes ?? withDefaultReplyTimes(null) };
  app.get('/config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return body;
  });
}

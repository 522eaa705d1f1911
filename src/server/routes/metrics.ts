import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from '../metrics/metrics.ts';

/** The answer when /metrics needs a token and the right one was not sent. */
export const metricsTokenNeeded = { code: 'metricsTokenNeeded', message: 'This address needs the metrics token (METRICS_TOKEN) as a Bearer token.' };

function sameToken(sent: string | null, expected: string): boolean {
  if (sent === null) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics on the staff listener only (never where prisoners' devices can reach): this
 * process's counts in the Prometheus text format. With METRICS_TOKEN set, only a scraper that
 * sends it as a Bearer token gets them.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServiceMetrics, token: string | undefined): void {
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined && !sameToken(/^Bearer (\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1] ?? null, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(metricsTokenNeeded);
    }
    return reply.header('cache-control', 'no-store').type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render());
  });
}

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

/** The answer when the other service processes' figures could not be gathered (WORKERS=N). */
export const metricsUnavailable = { code: 'metricsUnavailable', message: 'The figures of every service process could not be gathered just now. Please try again.' };

/** Where a scrape's text comes from: this process's own figures, or (WORKERS=N) every process's added up; null when they could not be gathered. */
export type MetricsText = () => Promise<string | null>;

/**
 * GET /metrics on the staff listener only (never where prisoners' devices can reach): the counts
 * in the Prometheus text format (with WORKERS=N, every worker's added up: process/metrics-gather.ts).
 * With METRICS_TOKEN set, only a scraper that sends it as a Bearer token gets them.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServiceMetrics, token: string | undefined, text?: MetricsText): void {
  const read: MetricsText = text ?? (async () => metrics.render());
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined && !sameToken(/^Bearer (\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1] ?? null, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send(metricsTokenNeeded);
    }
    const body = await read();
    // A partial total would look like a counter reset to the scraper: better a failed scrape.
    if (body === null) return reply.code(503).header('retry-after', '5').send(metricsUnavailable);
    return reply.header('cache-control', 'no-store').type('text/plain; version=0.0.4; charset=utf-8').send(body);
  });
}

/**
 * One service process over the estate's PostgreSQL, for the morning simulation: the real service
 * on 127.0.0.1, both listeners (buildServer for the tablets, buildStaffServer for staff), started
 * with `fork`. Talks over IPC:
 *   child → { type: 'ready', port, staffPort }   parent → { type: 'stats' }   child → ServiceStats
 *   parent → { type: 'stop' }                     child exits
 * The database URL comes in ESTATE_DATABASE_URL. Each request's time inside the service (from
 * Fastify having the request to the reply sent: reply.elapsedTime) is kept per route, so the
 * bench can tell the service's own time from the time a request waited in the load generator.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.ts';
import { buildStaffServer } from '../../src/server/staff/staff-app.ts';
import { openStore } from '../../src/server/store/index.ts';
import { estateStaffOrigin } from './staff.ts';

export type ServiceStats = {
  type: 'stats';
  cpuMs: number;
  rssBytes: number;
  maxRssBytes: number;
  /** Each route's times inside the service (ms), as `METHOD /url`. */
  serviceMs: Record<string, number[]>;
  /** How late the event loop ran (ms): p50, p99 and the worst, over the whole run. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Requests waiting for a database connection, sampled every 20 ms: the most seen, and the share of samples with any. */
  poolWaiting: { max: number; shareWaiting: number; connections: number };
};

const store = await openStore({ databaseUrl: process.env.ESTATE_DATABASE_URL!, dataDir: '' });
// Only /api is used: an empty folder stands in for the built app.
const distDir = await mkdtemp(join(tmpdir(), 'spc-estate-dist-'));
// Every simulated tablet comes from 127.0.0.1, as a prison behind one address would.
const connections = { maxPerAddress: 100_000 };
const server = await buildServer({ store, distDir, deviceMode: 'tablet', logger: false, connections });
const staffServer = await buildStaffServer({ store, logger: false, staffPort: 0, staffOrigin: estateStaffOrigin, connections });

const serviceMs = new Map<string, number[]>();
function timeRoutes(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const key = `${request.method} ${request.routeOptions.url ?? '?'}`;
    let samples = serviceMs.get(key);
    if (!samples) serviceMs.set(key, (samples = []));
    samples.push(reply.elapsedTime);
  });
}
timeRoutes(server);
timeRoutes(staffServer);

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('No address');
  return address.port;
}
const port = await listen(server);
const staffPort = await listen(staffServer);
const cpuAtStart = process.cpuUsage();
let maxRss = process.memoryUsage().rss;
setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 500).unref();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const pool = { samples: 0, waitingSamples: 0, max: 0, connections: 0 };
setInterval(() => {
  const use = store.poolUse();
  if (!use) return;
  pool.samples++;
  if (use.waiting > 0) pool.waitingSamples++;
  pool.max = Math.max(pool.max, use.waiting);
  pool.connections = Math.max(pool.connections, use.total);
}, 20).unref();

async function stop(): Promise<never> {
  for (const app of [server, staffServer]) {
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
  }
  await store.close();
  await rm(distDir, { recursive: true, force: true });
  process.exit(0);
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage(cpuAtStart);
    const rss = process.memoryUsage().rss;
    process.send!({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, rssBytes: rss, maxRssBytes: Math.max(maxRss, rss), serviceMs: Object.fromEntries(serviceMs),
      eventLoopDelayMs: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      poolWaiting: { max: pool.max, shareWaiting: pool.samples ? pool.waitingSamples / pool.samples : 0, connections: pool.connections },
    } satisfies ServiceStats);
  } else if (message.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.send!({ type: 'ready', port, staffPort });

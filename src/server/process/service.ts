import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app.ts';
import { describeDatabase, type ServerConfig } from '../config.ts';
import { seedDemoData } from '../demo/index.ts';
import { createServiceMetrics } from '../metrics/metrics.ts';
import { buildStaffServer } from '../staff/staff-app.ts';
import { openStore, type Store } from '../store/index.ts';
import { drainAndClose } from './drain.ts';
import { workerMetricsSource } from './metrics-gather.ts';
import { errorFields, type ProcessLog } from './process-log.ts';

export type ServiceProcess = { store: Store; listeners: FastifyInstance[] };

export type ServiceProcessOptions = {
  config: ServerConfig;
  log: ProcessLog;
  /** A worker of WORKERS=N: the primary has migrated and seeded already, and relays stop signals. */
  worker: boolean;
  fail(message: string): never;
};

/**
 * One service process: opens the store (migrating it: several processes starting at once take
 * turns under the schema lock), builds both listeners on it, listens, and on SIGTERM or SIGINT
 * drains (process/drain.ts) and exits. Everything it keeps is in the database, so any number of
 * these can serve the same PostgreSQL (src/server/NOTES.md, "Several service processes").
 */
export async function startServiceProcess({ config, log, worker, fail }: ServiceProcessOptions): Promise<ServiceProcess> {
  const store: Store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // Another process's long transaction holds a table the migration must change: said, so a stuck start can be explained.
    onMigrationRetry: ({ migration, attempt, waitMs }) =>
      log.warn('A migration gave up waiting for a table lock and will be tried again', { migration, attempt, waitMs }),
  }).catch((error: unknown) =>
    fail(`Could not open the database (${describeDatabase(config)}):\n  ${(error as Error).message}`),
  );
  if (config.demoData && !worker) await seedDemoData(store);

  const metrics = createServiceMetrics();
  metrics.watchPool(() => store.poolUse());
  const app = await buildServer({
    store,
    metrics,
    distDir: config.distDir,
    deviceMode: config.deviceMode,
    logger: true,
    trustProxy: config.trustProxy,
    connections: { maxPerAddress: config.maxConnectionsPerAddress, maxRequestsInFlight: config.maxRequestsInFlight },
    replyTimes: config.replyTimes,
    ...(config.publicOrigin ? { publicOrigin: config.publicOrigin } : {}),
  });
  // The staff listener: same process, same store, its own address. Families' deployments have none.
  const staffApp =
    config.deviceMode === 'public'
      ? null
      : await buildStaffServer({
          store,
          logger: true,
          staffPort: config.staffPort,
          staffOrigin: config.staffOrigin,
          staffDistDir: config.staffDistDir,
          replyTimes: config.replyTimes,
          trustProxy: config.trustProxy,
          connections: { maxPerAddress: config.maxConnectionsPerAddress, maxRequestsInFlight: config.maxRequestsInFlight },
          metrics,
          metricsToken: config.metricsToken,
          // A worker's scrape asks the primary for every worker's figures added up.
          ...(worker ? { metricsText: workerMetricsSource(metrics) } : {}),
        });
  const listeners = staffApp ? [app, staffApp] : [app];

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A worker hears Ctrl+C twice (from the terminal and from the primary): the drain's own bound ends it.
      if (worker) return;
      log.error('stop signal again: stopping now', { signal });
      process.exit(1);
    }
    stopping = true;
    log.info('stopping: no new connections; requests already started may finish', { signal, graceSeconds: config.shutdownGraceSeconds });
    try {
      const outcome = await drainAndClose(listeners, store, config.shutdownGraceSeconds * 1000);
      if (outcome.drained) log.info('stopped', { tookMs: outcome.tookMs });
      else log.warn('stopped: some requests did not finish in time and their connections were cut', { tookMs: outcome.tookMs });
      process.exit(0);
    } catch (error) {
      log.error('could not stop cleanly', { err: errorFields(error) });
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const addresses: Array<[FastifyInstance, string, number]> = [[app, config.host, config.port]];
  if (staffApp) addresses.push([staffApp, config.staffHost, config.staffPort]);
  for (const [listener, host, port] of addresses) {
    try {
      await listener.listen({ port, host });
    } catch (error) {
      await Promise.all(listeners.map((l) => l.close())).catch(() => undefined);
      await store.close().catch(() => undefined);
      fail(`Could not listen on ${host}:${port}: ${(error as Error).message}`);
    }
  }
  return { store, listeners };
}

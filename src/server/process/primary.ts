import cluster, { type Worker } from 'node:cluster';
import { createMetricsGatherer } from './metrics-gather.ts';
import type { ProcessLog } from './process-log.ts';

/** A worker that dies this often within a minute is not started again: the primary stops. */
const maxRestartsPerMinute = 5;

export type PrimaryOptions = {
  workers: number;
  log: ProcessLog;
  /** Called once every worker is listening on both ports. */
  onListening(): void;
};

/**
 * WORKERS=N on one machine: this process forks N service processes (node:cluster), which share
 * both listening ports (the primary hands each new connection to the next worker in turn). It
 * serves nothing itself. A worker that dies is started again (unless it keeps dying); SIGTERM or
 * SIGINT is passed on to every worker, each drains, and the primary exits when they all have.
 * The primary must migrate and seed before calling this (workers skip the demo seed). A scrape of
 * /metrics on any worker is answered with every worker's figures added up (metrics-gather.ts).
 */
export function runPrimary({ workers, log, onListening }: PrimaryOptions): void {
  let stopping = false;
  let listening = 0;
  let announced = false;
  const restarts: number[] = [];
  const failed = new Set<number>();
  const metrics = createMetricsGatherer();

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      metrics.onMessage(worker, message);
      if ((message as { type?: unknown } | null)?.type !== 'listening') return;
      listening += 1;
      if (listening === workers && !announced) {
        announced = true;
        onListening();
      }
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    metrics.onExit(worker);
    if (code !== 0) failed.add(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log.info('every service process has stopped', { failed: failed.size });
        process.exit(failed.size === 0 ? 0 : 1);
      }
      return;
    }
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
    if (restarts.length > maxRestartsPerMinute) {
      log.error('service processes keep stopping: giving up', { code, signal, restartsInAMinute: restarts.length });
      stopAll('giving up', 1);
      return;
    }
    log.warn('a service process stopped: starting another', { workerPid: worker.process.pid, code, signal });
    listening = Math.max(0, listening - 1);
    fork();
  });

  const stopAll = (reason: string, exitCode: number) => {
    stopping = true;
    if (exitCode !== 0) failed.add(-1);
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    log.info('stopping every service process', { reason, processes: alive.length });
    if (alive.length === 0) process.exit(exitCode);
    for (const worker of alive) worker.process.kill('SIGTERM');
  };

  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals > 1) {
        log.error('stop signal again: stopping every process now', { signal });
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        process.exit(1);
      }
      stopAll(signal, 0);
    });
  }

  for (let i = 0; i < workers; i += 1) fork();
}

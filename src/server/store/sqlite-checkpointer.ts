import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * With SQLite's default settings, the connection that commits also runs the checkpoint (copying the
 * write-ahead log into the database file, and syncing both to disk) every 1,000 pages. node:sqlite
 * is synchronous, so that copy and its disk syncs would stall the service's event loop. Instead a
 * worker thread checkpoints every `intervalMs`, on its own connection, as SQLite's documentation
 * suggests; the service's connection keeps an automatic checkpoint only as a backstop, at
 * `backstopPages`, should the worker fall behind or stop. Durability is unchanged.
 */
export const checkpointIntervalMs = 200;
export const backstopPages = 10_000;

export type Checkpointer = { stop(): Promise<void> };

export function startCheckpointer(file: string, intervalMs = checkpointIntervalMs): Checkpointer {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), { workerData: { file, intervalMs } });
  // Never keeps the process alive, and a failure here only means the backstop takes over.
  worker.unref();
  let failed = false;
  worker.on('error', () => {
    failed = true;
  });
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        if (failed) return;
        const stopped = once(worker, 'message').catch(() => undefined);
        worker.postMessage('stop');
        await Promise.race([stopped, once(worker, 'exit')]);
        await worker.terminate();
      })();
      return stopping;
    },
  };
}

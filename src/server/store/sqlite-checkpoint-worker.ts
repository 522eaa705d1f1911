/**
 * Runs in a worker thread beside the embedded database (see sqlite-checkpointer.ts). Every few
 * hundred milliseconds it copies what the write-ahead log holds into the database file, on its
 * own connection. A PASSIVE checkpoint never waits for the service's reads or writes and never
 * makes them wait.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file);
// Same durability as the service's connection: a checkpoint syncs the log, then the database file.
db.exec('PRAGMA synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // Busy or briefly unable: the next turn tries again, and the service's own checkpoint is the backstop.
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('stopped');
  parentPort?.close();
});

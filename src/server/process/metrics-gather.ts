import cluster, { type Worker } from 'node:cluster';
import { countsOnly, renderSnapshot, sumSnapshots, type MetricsSnapshot, type ServiceMetrics } from '../metrics/metrics.ts';

/**
 * GET /metrics with WORKERS=N: a scrape reaches one worker (the primary hands connections out in
 * turn), which asks the primary; the primary asks every live worker for its snapshot, adds them
 * up (metrics.ts `sumSnapshots`) and sends the text back. Messages over node:cluster's IPC:
 *
 *   worker → primary  `spc-metrics-ask`             a scrape came in
 *   primary → workers `spc-metrics-snapshot`        send me your figures
 *   workers → primary `spc-metrics-snapshot-reply`  { snapshot }
 *   primary → worker  `spc-metrics-total`           { text }: the whole machine's figures
 *
 * So that totals never go down (Prometheus would read a drop as a counter reset): a worker that
 * does not answer in time is counted as its last snapshot (its counts only, not its gauges), and
 * a worker that stopped keeps counting as its last snapshot for as long as the primary runs. What
 * a worker counted after its last snapshot and before it stopped is lost.
 */
type Message =
  | { type: 'spc-metrics-ask'; id: number }
  | { type: 'spc-metrics-snapshot'; id: number }
  | { type: 'spc-metrics-snapshot-reply'; id: number; snapshot: MetricsSnapshot }
  | { type: 'spc-metrics-total'; id: number; text: string };

const metricsMessage = (message: unknown): Message | null => {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('spc-metrics-') ? (message as Message) : null;
};

const emptySnapshot: MetricsSnapshot = { counters: {}, histograms: {}, gauges: {} };

/** How long the primary waits for the workers' snapshots, and a worker for the primary's total. */
export const gatherTimeoutMs = 1_000;
const askTimeoutMs = 3_000;

/** In the primary: answers workers' scrapes with every worker's figures added up. */
export function createMetricsGatherer(timeoutMs = gatherTimeoutMs) {
  const lastSnapshot = new Map<number, MetricsSnapshot>();
  let stoppedCounts = emptySnapshot;
  let stoppedProcesses = 0;
  let nextRound = 0;
  const rounds = new Map<number, (workerId: number, snapshot: MetricsSnapshot) => void>();

  async function gather(): Promise<string> {
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected());
    const round = ++nextRound;
    const answered = new Map<number, MetricsSnapshot>();
    await new Promise<void>((done) => {
      const timer = setTimeout(done, timeoutMs);
      rounds.set(round, (workerId, snapshot) => {
        answered.set(workerId, snapshot);
        if (answered.size === live.length) {
          clearTimeout(timer);
          done();
        }
      });
      if (live.length === 0) done();
      for (const worker of live) worker.send({ type: 'spc-metrics-snapshot', id: round } satisfies Message);
    });
    rounds.delete(round);
    const parts: MetricsSnapshot[] = [stoppedCounts];
    let late = 0;
    for (const worker of live) {
      const snapshot = answered.get(worker.id);
      if (snapshot) {
        lastSnapshot.set(worker.id, snapshot);
        parts.push(snapshot);
      } else {
        late += 1;
        const last = lastSnapshot.get(worker.id);
        if (last) parts.push(countsOnly(last));
      }
    }
    return renderSnapshot(sumSnapshots(parts), { answered: answered.size, late, stopped: stoppedProcesses });
  }

  return {
    /** Every message a worker sends the primary passes through here. */
    onMessage(worker: Worker, raw: unknown): void {
      const message = metricsMessage(raw);
      if (message?.type === 'spc-metrics-ask') {
        void gather().then((text) => {
          if (worker.isConnected()) worker.send({ type: 'spc-metrics-total', id: message.id, text } satisfies Message);
        });
      } else if (message?.type === 'spc-metrics-snapshot-reply') {
        rounds.get(message.id)?.(worker.id, message.snapshot);
      }
    },
    /** A worker stopped: its counts as last sent stay in the totals. */
    onExit(worker: Worker): void {
      const last = lastSnapshot.get(worker.id);
      lastSnapshot.delete(worker.id);
      stoppedProcesses += 1;
      if (last) stoppedCounts = sumSnapshots([stoppedCounts, countsOnly(last)]);
    },
  };
}

/**
 * In a worker: answers the primary's requests for this process's snapshot, and returns how a
 * scrape gets the whole machine's text (null when the primary did not answer in time).
 */
export function workerMetricsSource(metrics: ServiceMetrics, timeoutMs = askTimeoutMs): () => Promise<string | null> {
  let nextAsk = 0;
  const asks = new Map<number, (text: string) => void>();
  process.on('message', (raw: unknown) => {
    const message = metricsMessage(raw);
    if (message?.type === 'spc-metrics-snapshot') {
      process.send?.({ type: 'spc-metrics-snapshot-reply', id: message.id, snapshot: metrics.snapshot() } satisfies Message);
    } else if (message?.type === 'spc-metrics-total') {
      asks.get(message.id)?.(message.text);
    }
  });
  return () =>
    new Promise((resolve) => {
      const id = ++nextAsk;
      const timer = setTimeout(() => {
        asks.delete(id);
        resolve(null);
      }, timeoutMs);
      asks.set(id, (text) => {
        clearTimeout(timer);
        asks.delete(id);
        resolve(text);
      });
      process.send?.({ type: 'spc-metrics-ask', id } satisfies Message);
    });
}

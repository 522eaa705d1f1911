/**
 * The service's own counts, in the Prometheus text format (version 0.0.4), kept in this process's
 * memory and served by the staff listener at GET /metrics (routes/metrics.ts). No library: a
 * handful of counters, one histogram and gauges read when scraped. Labels are route patterns,
 * methods, statuses and outcomes only, never anything about a person. With WORKERS=N each
 * process's snapshot is sent to the primary, which adds them up (`sumSnapshots`, pure) for a scrape.
 */
export type PoolUse = { total: number; idle: number; waiting: number };

export type ServiceMetrics = {
  /** One answered request on `listener` ('people' or 'staff'), by its route pattern. */
  request(listener: string, method: string, route: string, status: number, seconds: number): void;
  /** The outcomes of one push's items. */
  pushResults(results: ReadonlyArray<{ status: string }>): void;
  /** A sign-in that was made to wait or refused by a limit (`pair`, `address` or `account`). */
  signInHeld(limit: string): void;
  /** Where the database pool's figures come from (PostgreSQL only). */
  watchPool(read: () => PoolUse | null): void;
  /** This process's figures now, as plain data (sent between processes with WORKERS=N). */
  snapshot(): MetricsSnapshot;
  /** This process's figures in the text format. */
  render(): string;
};

/** Latency buckets in seconds: fine below 100 ms, where the targets are. */
export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Labels = Record<string, string>;
export type Sample = { labels: Labels; value: number };
export type HistogramSample = { labels: Labels; buckets: number[]; sum: number; count: number };

/**
 * Every figure of one process (or of several added up), by metric name: plain data that survives
 * `process.send` (JSON), and that `sumSnapshots` adds up.
 */
export type MetricsSnapshot = {
  counters: Record<string, Sample[]>;
  histograms: Record<string, HistogramSample[]>;
  gauges: Record<string, Sample[]>;
};

/** How many service processes a scrape covers (WORKERS=N only; see process/metrics-gather.ts). */
export type ProcessCount = { answered: number; late: number; stopped: number };

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([name, value]) => `${name}="${escape(value)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
};

function counter() {
  const values = new Map<string, Sample>();
  return {
    add(labels: Labels, by = 1) {
      const key = labelText(labels);
      const entry = values.get(key) ?? { labels, value: 0 };
      entry.value += by;
      values.set(key, entry);
    },
    samples: (): Sample[] => [...values.values()].map((entry) => ({ labels: { ...entry.labels }, value: entry.value })),
  };
}

function histogram() {
  const series = new Map<string, HistogramSample>();
  return {
    observe(labels: Labels, value: number) {
      const key = labelText(labels);
      const entry = series.get(key) ?? { labels, buckets: latencyBuckets.map(() => 0), sum: 0, count: 0 };
      latencyBuckets.forEach((le, i) => {
        if (value <= le) entry.buckets[i]! += 1;
      });
      entry.sum += value;
      entry.count += 1;
      series.set(key, entry);
    },
    samples: (): HistogramSample[] => [...series.values()].map((entry) => ({ ...entry, labels: { ...entry.labels }, buckets: [...entry.buckets] })),
  };
}

/** Each metric: its type and help line, in the order they are written. */
const described: ReadonlyArray<{ name: string; type: 'counter' | 'histogram' | 'gauge'; help: string }> = [
  { name: 'spc_http_requests_total', type: 'counter', help: 'Requests answered, by listener, method, route pattern and status.' },
  { name: 'spc_http_request_duration_seconds', type: 'histogram', help: 'Time to answer a request, by listener and route pattern.' },
  { name: 'spc_sync_push_items_total', type: 'counter', help: 'Pushed items by outcome: applied, duplicate (sent before) or rejected.' },
  { name: 'spc_sign_in_held_total', type: 'counter', help: 'Sign-ins made to wait or refused by a limit: pair (person and device), address, account.' },
  { name: 'spc_db_pool_connections', type: 'gauge', help: 'Database pool connections: total open, idle, and requests waiting for one (all service processes added up).' },
  { name: 'spc_process_resident_memory_bytes', type: 'gauge', help: 'Resident memory of the service processes (added up).' },
];

function mergeSamples(lists: Sample[][]): Sample[] {
  const byKey = new Map<string, Sample>();
  for (const sample of lists.flat()) {
    const key = labelText(sample.labels);
    const entry = byKey.get(key);
    if (entry) entry.value += sample.value;
    else byKey.set(key, { labels: { ...sample.labels }, value: sample.value });
  }
  return [...byKey.values()];
}

function mergeHistograms(lists: HistogramSample[][]): HistogramSample[] {
  const byKey = new Map<string, HistogramSample>();
  for (const sample of lists.flat()) {
    const key = labelText(sample.labels);
    const entry = byKey.get(key);
    if (!entry) {
      byKey.set(key, { labels: { ...sample.labels }, buckets: [...sample.buckets], sum: sample.sum, count: sample.count });
      continue;
    }
    sample.buckets.forEach((n, i) => (entry.buckets[i] = (entry.buckets[i] ?? 0) + n));
    entry.sum += sample.sum;
    entry.count += sample.count;
  }
  return [...byKey.values()];
}

function mergeByName<T>(records: Array<Record<string, T[]>>, merge: (lists: T[][]) => T[]): Record<string, T[]> {
  const names = [...new Set(records.flatMap((record) => Object.keys(record)))];
  return Object.fromEntries(names.map((name) => [name, merge(records.map((record) => record[name] ?? []))]));
}

/**
 * Several processes' figures added up, series by series (same name and labels): counters and
 * histogram buckets, sums and counts add; gauges add too (pool connections and memory: what the
 * database and the machine carry is the total).
 */
export function sumSnapshots(snapshots: readonly MetricsSnapshot[]): MetricsSnapshot {
  return {
    counters: mergeByName(snapshots.map((s) => s.counters), mergeSamples),
    histograms: mergeByName(snapshots.map((s) => s.histograms), mergeHistograms),
    gauges: mergeByName(snapshots.map((s) => s.gauges), mergeSamples),
  };
}

/** The counts only (no gauges): what is kept of a process that stopped or did not answer in time. */
export function countsOnly(snapshot: MetricsSnapshot): MetricsSnapshot {
  return { counters: snapshot.counters, histograms: snapshot.histograms, gauges: {} };
}

/** The text format of a snapshot; `processes` adds how many processes it covers (WORKERS=N). */
export function renderSnapshot(snapshot: MetricsSnapshot, processes?: ProcessCount): string {
  const lines: string[] = [];
  for (const { name, type, help } of described) {
    const body =
      type === 'histogram'
        ? (snapshot.histograms[name] ?? []).flatMap((entry) => [
            ...latencyBuckets.map((le, i) => `${name}_bucket${labelText({ ...entry.labels, le: String(le) })} ${entry.buckets[i] ?? 0}`),
            `${name}_bucket${labelText({ ...entry.labels, le: '+Inf' })} ${entry.count}`,
            `${name}_sum${labelText(entry.labels)} ${entry.sum}`,
            `${name}_count${labelText(entry.labels)} ${entry.count}`,
          ])
        : ((type === 'counter' ? snapshot.counters : snapshot.gauges)[name] ?? []).map((entry) => `${name}${labelText(entry.labels)} ${entry.value}`);
    // A gauge nobody reported (the pool on SQLite) is left out; counters are always written.
    if (type === 'gauge' && body.length === 0) continue;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...body);
  }
  if (processes) {
    lines.push(
      '# HELP spc_metrics_processes Service processes in this scrape: answered now; late (alive, did not answer in time: their counts as last sent); stopped (their counts as last sent, so totals never go down).',
      '# TYPE spc_metrics_processes gauge',
      `spc_metrics_processes{state="answered"} ${processes.answered}`,
      `spc_metrics_processes{state="late"} ${processes.late}`,
      `spc_metrics_processes{state="stopped"} ${processes.stopped}`,
    );
  }
  return [...lines, ''].join('\n');
}

export function createServiceMetrics(): ServiceMetrics {
  const requests = counter();
  const durations = histogram();
  const pushItems = counter();
  const held = counter();
  let pool: () => PoolUse | null = () => null;
  // Every outcome is there from the start (at 0), so a rate can be taken before the first one.
  for (const result of ['applied', 'duplicate', 'rejected']) pushItems.add({ result }, 0);
  for (const limit of ['pair', 'address', 'account']) held.add({ limit }, 0);

  const snapshot = (): MetricsSnapshot => {
    const use = pool();
    return {
      counters: { spc_http_requests_total: requests.samples(), spc_sync_push_items_total: pushItems.samples(), spc_sign_in_held_total: held.samples() },
      histograms: { spc_http_request_duration_seconds: durations.samples() },
      gauges: {
        ...(use
          ? {
              spc_db_pool_connections: [
                { labels: { state: 'total' }, value: use.total },
                { labels: { state: 'idle' }, value: use.idle },
                { labels: { state: 'waiting' }, value: use.waiting },
              ],
            }
          : {}),
        spc_process_resident_memory_bytes: [{ labels: {}, value: process.memoryUsage.rss() }],
      },
    };
  };

  return {
    request(listener, method, route, status, seconds) {
      requests.add({ listener, method, route, status: String(status) });
      durations.observe({ listener, route }, seconds);
    },
    pushResults(results) {
      for (const { status } of results) pushItems.add({ result: status });
    },
    signInHeld(limit) {
      held.add({ limit });
    },
    watchPool(read) {
      pool = read;
    },
    snapshot,
    render: () => renderSnapshot(snapshot()),
  };
}

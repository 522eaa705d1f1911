/**
 * The service's own counts, in the Prometheus text format (version 0.0.4), kept in this process's
 * memory and served by the staff listener at GET /metrics (routes/metrics.ts). No library: a
 * handful of counters, one histogram and gauges read when scraped. Labels are route patterns,
 * methods, statuses and outcomes only, never anything about a person.
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
  render(): string;
};

/** Latency buckets in seconds: fine below 100 ms, where the targets are. */
export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Labels = Record<string, string>;

const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const parts = Object.entries(labels).map(([name, value]) => `${name}="${escape(value)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
};

function counter() {
  const values = new Map<string, { labels: Labels; value: number }>();
  return {
    add(labels: Labels, by = 1) {
      const key = labelText(labels);
      const entry = values.get(key) ?? { labels, value: 0 };
      entry.value += by;
      values.set(key, entry);
    },
    lines: (name: string) => [...values.values()].map((entry) => `${name}${labelText(entry.labels)} ${entry.value}`),
  };
}

function histogram() {
  const series = new Map<string, { labels: Labels; buckets: number[]; sum: number; count: number }>();
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
    lines: (name: string) =>
      [...series.values()].flatMap((entry) => [
        ...latencyBuckets.map((le, i) => `${name}_bucket${labelText({ ...entry.labels, le: String(le) })} ${entry.buckets[i]}`),
        `${name}_bucket${labelText({ ...entry.labels, le: '+Inf' })} ${entry.count}`,
        `${name}_sum${labelText(entry.labels)} ${entry.sum}`,
        `${name}_count${labelText(entry.labels)} ${entry.count}`,
      ]),
  };
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

  const block = (name: string, type: string, help: string, lines: string[]) => [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines];

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
    render() {
      const use = pool();
      return [
        ...block('spc_http_requests_total', 'counter', 'Requests answered, by listener, method, route pattern and status.', requests.lines('spc_http_requests_total')),
        ...block('spc_http_request_duration_seconds', 'histogram', 'Time to answer a request, by listener and route pattern.', durations.lines('spc_http_request_duration_seconds')),
        ...block('spc_sync_push_items_total', 'counter', 'Pushed items by outcome: applied, duplicate (sent before) or rejected.', pushItems.lines('spc_sync_push_items_total')),
        ...block('spc_sign_in_held_total', 'counter', 'Sign-ins made to wait or refused by a limit: pair (person and device), address, account.', held.lines('spc_sign_in_held_total')),
        ...(use
          ? block('spc_db_pool_connections', 'gauge', 'Database pool connections: total open, idle, and requests waiting for one.', [
              `spc_db_pool_connections{state="total"} ${use.total}`,
              `spc_db_pool_connections{state="idle"} ${use.idle}`,
              `spc_db_pool_connections{state="waiting"} ${use.waiting}`,
            ])
          : []),
        ...block('spc_process_resident_memory_bytes', 'gauge', 'Resident memory of this process.', [`spc_process_resident_memory_bytes ${process.memoryUsage.rss()}`]),
        '',
      ].join('\n');
    },
  };
}

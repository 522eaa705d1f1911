import { describe, expect, it } from 'vitest';
import { countsOnly, createServiceMetrics, latencyBuckets, renderSnapshot, sumSnapshots } from '../../src/server/metrics/metrics.ts';

/** The value of one series, read from the text as a scraper would. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`No ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

/** Two processes' figures, as two workers would count them. */
function twoWorkers() {
  const a = createServiceMetrics();
  const b = createServiceMetrics();
  a.watchPool(() => ({ total: 3, idle: 2, waiting: 0 }));
  b.watchPool(() => ({ total: 5, idle: 1, waiting: 2 }));
  a.request('people', 'GET', '/api/sync/pull', 200, 0.004);
  a.request('people', 'GET', '/api/sync/pull', 200, 0.2);
  b.request('people', 'GET', '/api/sync/pull', 200, 3);
  b.request('people', 'POST', '/api/sync/push', 503, 0.03);
  a.pushResults([{ status: 'applied' }, { status: 'duplicate' }]);
  b.pushResults([{ status: 'applied' }, { status: 'rejected' }, { status: 'applied' }]);
  b.signInHeld('pair');
  return { a, b };
}

describe('metrics added up across service processes', () => {
  it('adds counters series by series, and keeps series only one process has', () => {
    const { a, b } = twoWorkers();
    const text = renderSnapshot(sumSnapshots([a.snapshot(), b.snapshot()]));
    expect(sample(text, 'spc_http_requests_total{listener="people",method="GET",route="/api/sync/pull",status="200"}')).toBe(3);
    expect(sample(text, 'spc_http_requests_total{listener="people",method="POST",route="/api/sync/push",status="503"}')).toBe(1);
    expect(sample(text, 'spc_sync_push_items_total{result="applied"}')).toBe(3);
    expect(sample(text, 'spc_sync_push_items_total{result="duplicate"}')).toBe(1);
    expect(sample(text, 'spc_sync_push_items_total{result="rejected"}')).toBe(1);
    expect(sample(text, 'spc_sign_in_held_total{limit="pair"}')).toBe(1);
    expect(sample(text, 'spc_sign_in_held_total{limit="account"}')).toBe(0);
    // Each series once, with one HELP and TYPE per metric.
    expect(text.match(/^# TYPE spc_http_requests_total counter$/gm)).toHaveLength(1);
    expect(text.match(/^spc_sync_push_items_total\{result="applied"\} /gm)).toHaveLength(1);
  });

  it('adds histograms bucket by bucket, with their sums and counts', () => {
    const { a, b } = twoWorkers();
    const text = renderSnapshot(sumSnapshots([a.snapshot(), b.snapshot()]));
    const series = (le: string) => `spc_http_request_duration_seconds_bucket{listener="people",route="/api/sync/pull",le="${le}"}`;
    expect(sample(text, series('0.005'))).toBe(1);
    expect(sample(text, series('0.25'))).toBe(2);
    expect(sample(text, series('2.5'))).toBe(2);
    expect(sample(text, series('5'))).toBe(3);
    expect(sample(text, series('+Inf'))).toBe(3);
    expect(sample(text, 'spc_http_request_duration_seconds_count{listener="people",route="/api/sync/pull"}')).toBe(3);
    expect(sample(text, 'spc_http_request_duration_seconds_sum{listener="people",route="/api/sync/pull"}')).toBeCloseTo(3.204, 6);
    expect(text.split('\n').filter((l) => l.startsWith('spc_http_request_duration_seconds_bucket{listener="people",route="/api/sync/pull"'))).toHaveLength(latencyBuckets.length + 1);
  });

  it('adds the pool gauges (what the database carries is the total) and says how many processes answered', () => {
    const { a, b } = twoWorkers();
    const text = renderSnapshot(sumSnapshots([a.snapshot(), b.snapshot()]), { answered: 2, late: 0, stopped: 1 });
    expect(sample(text, 'spc_db_pool_connections{state="total"}')).toBe(8);
    expect(sample(text, 'spc_db_pool_connections{state="idle"}')).toBe(3);
    expect(sample(text, 'spc_db_pool_connections{state="waiting"}')).toBe(2);
    expect(sample(text, 'spc_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'spc_metrics_processes{state="answered"}')).toBe(2);
    expect(sample(text, 'spc_metrics_processes{state="stopped"}')).toBe(1);
  });

  it('keeps a stopped process\'s counts but not its gauges, so totals never go down', () => {
    const { a, b } = twoWorkers();
    const text = renderSnapshot(sumSnapshots([countsOnly(a.snapshot()), b.snapshot()]));
    expect(sample(text, 'spc_sync_push_items_total{result="applied"}')).toBe(3);
    expect(sample(text, 'spc_db_pool_connections{state="total"}')).toBe(5);
  });

  it('renders one process as before, and adding up nothing gives zero counts', () => {
    const { a } = twoWorkers();
    const one = a.snapshot();
    expect(renderSnapshot(sumSnapshots([one]))).toBe(renderSnapshot(one));
    expect(a.render()).not.toContain('spc_metrics_processes');
    const none = renderSnapshot(sumSnapshots([]));
    expect(none).toContain('# TYPE spc_http_requests_total counter');
    expect(none).not.toContain('spc_db_pool_connections');
  });

  it('does not change the snapshots it adds up', () => {
    const { a, b } = twoWorkers();
    const first = a.snapshot();
    const copy = JSON.parse(JSON.stringify(first)) as unknown;
    sumSnapshots([first, b.snapshot(), first]);
    expect(first).toEqual(copy);
  });
});

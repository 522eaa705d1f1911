/** Small helpers for the sync bench: percentiles, a text table, a bounded worker pool. */

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Nearest-rank percentile of sorted values (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   '));
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '—');
export const perSecond = (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-GB')}/s` : '—');

/** Runs `worker(index)` on `concurrency` lanes until `next()` returns null. */
export async function pool<T>(concurrency: number, next: () => T | null, worker: (job: T) => Promise<void>): Promise<void> {
  const lanes = Array.from({ length: concurrency }, async () => {
    for (let job = next(); job !== null; job = next()) await worker(job);
  });
  await Promise.all(lanes);
}

export const sleep = (msToWait: number) => new Promise<void>((resolve) => setTimeout(resolve, msToWait));

/**
 * What the database's time in a morning was spent on, statement by statement, from
 * pg_stat_statements (loaded by `startBenchCluster({ statementStats: true })`). Reset before a
 * morning; read after it. Only the bench uses it: the service never needs the module.
 */
import type pg from 'pg';

export type StatementCost = { statement: string; calls: number; totalMs: number; meanMs: number; rows: number; share: number };

export async function resetStatementStats(admin: pg.Client): Promise<void> {
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await admin.query('SELECT pg_stat_statements_reset()');
}

/** The `top` statements by total execution time, with their share of all statements' time. */
export async function readStatementStats(admin: pg.Client, top = 12): Promise<StatementCost[]> {
  const { rows } = await admin.query<{ query: string; calls: string; total: number; mean: number; rows: string; share: number }>(
    `SELECT query, calls, total_exec_time AS total, mean_exec_time AS mean, rows,
       total_exec_time / NULLIF(sum(total_exec_time) OVER (), 0) AS share
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     ORDER BY total_exec_time DESC LIMIT $1`,
    [top],
  );
  return rows.map((row) => ({
    statement: row.query.replace(/\s+/g, ' ').slice(0, 110),
    calls: Number(row.calls),
    totalMs: row.total,
    meanMs: row.mean,
    rows: Number(row.rows),
    share: row.share ?? 0,
  }));
}

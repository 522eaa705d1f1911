import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readStatementStats, resetStatementStats } from '../../bench/estate/statement-stats.ts';
import { startBenchCluster, type BenchCluster } from '../../bench/sync/pg-cluster.ts';
import { describeOnEngine } from './support/engines.ts';

/**
 * `node bench/morning.ts --statements`: the bench's own throwaway server with pg_stat_statements
 * loaded, reset before a morning and read after it. Its figures found the slow sign-in look-up,
 * so the harness is tested here: what runs after the reset is counted, what ran before is not,
 * and the shares are of this database's statements.
 */
describeOnEngine('postgres', 'bench statement stats', () => {
  let cluster: BenchCluster | null = null;
  let admin: pg.Client;
  let other: pg.Client;

  beforeAll(async () => {
    cluster = await startBenchCluster({ statementStats: true });
    if (!cluster) throw new Error('PostgreSQL is set up for these tests, but its server programs were not found.');
    admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    other = new pg.Client({ connectionString: cluster.url });
    await other.connect();
  }, 120_000);

  afterAll(async () => {
    await other?.end();
    await admin?.end();
    cluster?.stop();
  });

  it('counts each statement run after the reset, with its share of the time, and forgets what ran before', async () => {
    await resetStatementStats(admin);
    await other.query('CREATE TABLE counted (n integer)');
    await other.query('SELECT COUNT(*) FROM counted WHERE n > $1', [0]);
    await resetStatementStats(admin);

    for (let n = 0; n < 7; n++) await other.query('INSERT INTO   counted\n  (n) VALUES ($1)', [n]);
    for (let n = 0; n < 3; n++) await other.query('SELECT pg_sleep(0.02), n FROM counted WHERE n = $1', [n]);

    const top = await readStatementStats(admin, 50);
    const insert = top.find((row) => row.statement.startsWith('INSERT INTO counted (n) VALUES'));
    const sleep = top.find((row) => row.statement.startsWith('SELECT pg_sleep'));
    expect(insert, JSON.stringify(top, null, 2)).toMatchObject({ calls: 7, rows: 7 });
    expect(sleep).toMatchObject({ calls: 3, rows: 3 });
    // Three sleeps of 20 ms: the dearest statement, by its total and by its mean.
    expect(top[0]!.statement).toBe(sleep!.statement);
    expect(sleep!.totalMs).toBeGreaterThanOrEqual(55);
    expect(sleep!.meanMs).toBeCloseTo(sleep!.totalMs / 3, 5);
    expect(sleep!.share).toBeGreaterThan(0.5);
    // Before the second reset: neither the table's creation nor the first count is there.
    expect(top.some((row) => row.statement.startsWith('CREATE TABLE counted'))).toBe(false);
    expect(top.some((row) => row.statement.startsWith('SELECT COUNT(*) FROM counted'))).toBe(false);
    const shares = top.reduce((sum, row) => sum + row.share, 0);
    expect(shares).toBeGreaterThan(0.9);
    expect(shares).toBeLessThanOrEqual(1.000001);
    // `top` is a limit.
    expect(await readStatementStats(admin, 1)).toHaveLength(1);
  }, 60_000);
});

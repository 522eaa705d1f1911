/**
 * A throwaway PostgreSQL (test/pg/cluster.ts: fresh folder, 127.0.0.1 only, removed afterwards),
 * switched back to PostgreSQL's durable defaults for the bench. cluster.ts turns fsync,
 * synchronous_commit and full_page_writes off for fast tests; a bench of a real deployment must
 * pay for each commit reaching the disk, as the embedded engine's figures do (within its settings).
 */
import pg from 'pg';
import { findServerBinDir, startCluster, type Cluster } from '../../test/pg/cluster.ts';

export type BenchCluster = Cluster & { binDir: string; settings: Record<string, string> };

/**
 * What a deployment sets on its own database server, sized for this box (24 GB, 2 cores, SSD) and
 * an estate's 6 GB database: a quarter of the memory for PostgreSQL's own cache (its default is
 * 128 MB, so each page of a large database is copied in from the system's cache again and again),
 * the planner told the rest is cached and the disk is an SSD, and checkpoints far enough apart that
 * a morning does not write each page it touches in full to the log more than once. The README's
 * "Operations" gives the same lines ("PostgreSQL settings").
 */
export const deploymentSettings: Record<string, string> = {
  shared_buffers: '6GB',
  effective_cache_size: '16GB',
  random_page_cost: '1.1',
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
};

/**
 * null when PostgreSQL's server programs are not installed (the bench then says SKIPPED).
 * `deployment`: also apply `deploymentSettings` (the server restarts once for shared_buffers).
 * `statementStats`: load pg_stat_statements (PostgreSQL's own contrib module) for the bench's figures.
 */
export async function startBenchCluster(options: { deployment?: boolean; statementStats?: boolean } = {}): Promise<BenchCluster | null> {
  const binDir = findServerBinDir();
  if (!binDir) return null;
  const cluster = await startCluster(binDir, 'companion_bench');
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      // ALTER SYSTEM writes postgresql.auto.conf, which wins over cluster.ts's lines; all three
      // take effect on reload.
      for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) await client.query(`ALTER SYSTEM SET ${setting} = on`);
      if (options.deployment) {
        for (const [setting, value] of Object.entries(deploymentSettings)) await client.query(`ALTER SYSTEM SET ${setting} = '${value}'`);
      }
      // What each statement costs the database (`statementStats`, bench/estate/statement-stats.ts).
      if (options.statementStats) await client.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
      await client.query('SELECT pg_reload_conf()');
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await client.end();
    }
    if (options.deployment || options.statementStats) {
      await cluster.stopServer();
      await cluster.startServer();
    }
    const reader = new pg.Client({ connectionString: cluster.url });
    await reader.connect();
    try {
      const names = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'server_version', ...Object.keys(deploymentSettings)];
      const rows = await reader.query<{ name: string; setting: string; unit: string | null }>(
        'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
        [names],
      );
      const settings = Object.fromEntries(rows.rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]));
      return { ...cluster, binDir, settings };
    } finally {
      await reader.end();
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

/**
 * A throwaway PostgreSQL (test/pg/cluster.ts: fresh folder, 127.0.0.1 only, removed afterwards),
 * switched back to PostgreSQL's durable defaults for the bench. cluster.ts turns fsync,
 * synchronous_commit and full_page_writes off for fast tests; a bench of a real deployment must
 * pay for each commit reaching the disk, as the embedded engine's figures do (within its settings).
 */
import pg from 'pg';
import { findServerBinDir, startCluster, type Cluster } from '../../test/pg/cluster.ts';

export type BenchCluster = Cluster & { binDir: string; settings: Record<string, string> };

/** null when PostgreSQL's server programs are not installed (the bench then says SKIPPED). */
export async function startBenchCluster(): Promise<BenchCluster | null> {
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
      await client.query('SELECT pg_reload_conf()');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const rows = await client.query<{ name: string; setting: string }>(
        `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'server_version') ORDER BY name`,
      );
      const settings = Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
      return { ...cluster, binDir, settings };
    } finally {
      await client.end();
    }
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

// `node bench/backup.ts [--people=5000 --prisons=10 --months=12]`
// How big a backup of a generated estate (bench/estate/) is and how long `npm run backup` and
// `npm run restore` take, on both engines: the estate is loaded into a throwaway PostgreSQL and,
// row for row, into an embedded database; then each is backed up and restored into a new one
// through the real commands. Prints a table; the figures are in README.md, "Backup and restore".
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openSqliteDriver } from '../src/server/store/sqlite.ts';
import { createSqlStore } from '../src/server/store/sql-store.ts';
import { estateTables, generateEstate } from './estate/generate.ts';
import { estateHashes, loadEstate } from './estate/load.ts';
import { startBenchCluster } from './sync/pg-cluster.ts';
import { printTable } from './sync/stats.ts';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '5000' },
    prisons: { type: 'string', default: '10' },
    months: { type: 'string', default: '12' },
  },
});
const estate = { seed: 3, people: Number(args.people), prisons: Number(args.prisons), months: Number(args.months), longHistoryMonths: 24, today: new Date().toISOString().slice(0, 10) };

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/server/backup/cli-main.ts', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, ms: performance.now() - started }));
  });
}

async function loadEstateSqlite(dataDir: string): Promise<void> {
  const driver = openSqliteDriver(dataDir);
  const store = createSqlStore(driver);
  await store.migrate();
  for (const prison of generateEstate({ ...estate, ...(await estateHashes()) })) {
    await driver.transaction(async (tx) => {
      for (const table of estateTables) {
        const { columns, rows } = prison.tables[table];
        const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        for (const row of rows) await tx.run(sql, row);
      }
    });
  }
  await store.close();
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rows: string[][] = [];
const work = await mkdtemp(join(tmpdir(), 'spc-backup-bench-'));
try {
  console.log(`An estate of ${estate.people} people in ${estate.prisons} prisons, ${estate.months} months of history…`);
  const source = join(work, 'source');
  await loadEstateSqlite(source);
  const sqliteBackup = join(work, 'estate.db');
  const backedUp = await runCli(['backup', sqliteBackup], { DATA_DIR: source });
  if (backedUp.code !== 0) throw new Error(backedUp.output);
  const restored = await runCli(['restore', sqliteBackup], { DATA_DIR: join(work, 'target') });
  if (restored.code !== 0) throw new Error(restored.output);
  rows.push(['embedded', mb((await stat(join(source, 'companion.db'))).size), mb((await stat(sqliteBackup)).size), s(backedUp.ms), s(restored.ms)]);

  const cluster = await startBenchCluster();
  if (!cluster) {
    console.log('PostgreSQL: SKIPPED (its server programs were not found).');
  } else {
    try {
      const loaded = await loadEstate(cluster.url, estate);
      const pgBackup = join(work, 'estate.pgdump');
      const pgBacked = await runCli(['backup', pgBackup], { DATABASE_URL: cluster.url });
      if (pgBacked.code !== 0) throw new Error(pgBacked.output);
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query('CREATE DATABASE restored');
      await admin.end();
      const target = new URL(cluster.url);
      target.pathname = '/restored';
      const pgRestored = await runCli(['restore', pgBackup], { DATABASE_URL: target.toString() });
      if (pgRestored.code !== 0) throw new Error(pgRestored.output);
      rows.push(['PostgreSQL', mb(loaded.databaseBytes), mb((await stat(pgBackup)).size), s(pgBacked.ms), s(pgRestored.ms)]);
    } finally {
      cluster.stop();
    }
  }
  printTable([['engine', 'database', 'backup file', 'npm run backup', 'npm run restore'], ...rows]);
  console.log('Times include starting Node (about 0.5 s) and reading each file back whole to check it.');
} finally {
  await rm(work, { recursive: true, force: true });
}

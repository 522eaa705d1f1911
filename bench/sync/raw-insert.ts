/**
 * The floor: the raw engine's own insert rate. One single-row INSERT per transaction
 * (BEGIN; INSERT; COMMIT) into a table shaped like processed_outbox, with the same durability
 * settings as the service, straight through node:sqlite and through pg (no HTTP, no service code).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { v7 } from 'uuid';
import { backstopPages, startCheckpointer } from '../../src/server/store/sqlite-checkpointer.ts';
import { sqliteSynchronous } from '../../src/server/store/sqlite.ts';
import { pool } from './stats.ts';

export type RawInsertFigures = { engine: string; seconds: number; rows: number; rowsPerSecond: number; connections: number; settings: string };

const tableSql = `CREATE TABLE raw_outbox (
  id TEXT PRIMARY KEY, person_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, received_at TEXT NOT NULL)`;
const insertSql = 'INSERT INTO raw_outbox (id, person_id, kind, payload, received_at) VALUES (?, ?, ?, ?, ?)';
const digest = `sha256:${'ab'.repeat(32)}`;

/**
 * node:sqlite, one connection (SQLite has one writer anyway), with the service's durability settings
 * (sqlite.ts): WAL, synchronous = FULL. Plain, SQLite checkpoints as it does by default (on the
 * committing connection, every 1,000 pages): this is the floor. With `backgroundCheckpoints`, the
 * engine is run as the service runs it (a checkpoint thread, the backstop at 10,000 pages), shown
 * for information: it is the fairer comparison for the service's own arrangement.
 */
export async function rawSqliteInserts(seconds: number, opts: { backgroundCheckpoints?: boolean } = {}): Promise<RawInsertFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'spc-bench-raw-'));
  try {
    const file = join(dir, 'raw.db');
    const db = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: true });
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${sqliteSynchronous}; PRAGMA foreign_keys = ON;`);
    if (opts.backgroundCheckpoints) db.exec(`PRAGMA wal_autocheckpoint = ${backstopPages}`);
    db.exec(tableSql);
    const checkpointer = opts.backgroundCheckpoints ? startCheckpointer(file) : null;
    const insert = db.prepare(insertSql);
    let rows = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    while (performance.now() < deadline) {
      for (let i = 0; i < 100; i++) {
        db.exec('BEGIN IMMEDIATE');
        insert.run(v7(), 'p_bench', 'application', digest, new Date().toISOString());
        db.exec('COMMIT');
        rows += 1;
      }
    }
    const elapsed = (performance.now() - started) / 1000;
    await checkpointer?.stop();
    db.close();
    const settings = `WAL, synchronous=${sqliteSynchronous}, ${opts.backgroundCheckpoints ? 'checkpoints on a background thread' : 'default checkpoints'}`;
    return { engine: 'sqlite', seconds: elapsed, rows, rowsPerSecond: rows / elapsed, connections: 1, settings };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pg with as many connections as the service's pool (10), each BEGIN; INSERT; COMMIT in turn. */
export async function rawPostgresInserts(databaseUrl: string, seconds: number, connections = 10): Promise<RawInsertFigures> {
  const client = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    await client.query(`DROP TABLE IF EXISTS raw_outbox; ${tableSql}`);
    const settings = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method') ORDER BY name`,
    );
    const sql = insertSql.replace(/\?/g, (() => { let i = 0; return () => `$${++i}`; })());
    let rows = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await pool(
      connections,
      () => (performance.now() < deadline ? 1 : null),
      async () => {
        const c = await client.connect();
        try {
          await c.query('BEGIN');
          await c.query(sql, [v7(), 'p_bench', 'application', digest, new Date().toISOString()]);
          await c.query('COMMIT');
          rows += 1;
        } finally {
          c.release();
        }
      },
    );
    const elapsed = (performance.now() - started) / 1000;
    await client.query('DROP TABLE raw_outbox');
    return {
      engine: 'postgres',
      seconds: elapsed,
      rows,
      rowsPerSecond: rows / elapsed,
      connections,
      settings: settings.rows.map((r) => `${r.name}=${r.setting}`).join(', '),
    };
  } finally {
    await client.end();
  }
}

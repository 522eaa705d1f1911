import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { openStore, type OpenStoreOptions, type Store } from '../../../src/server/store/index.ts';
import { openPostgresDriver } from '../../../src/server/store/postgres.ts';
import type { SqlDriver } from '../../../src/server/store/sql-driver.ts';
import { openSqliteDriver, sqliteFileName } from '../../../src/server/store/sqlite.ts';
import { makeTempDir } from './temp-dir.ts';

/**
 * One isolated place to keep data (a temp folder, or a PostgreSQL schema of its own), which can
 * be opened more than once, to check what survives a restart.
 */
export type StoreHarness = {
  /** Opens the store (migrating it); `options` as openStore takes them, but for where the data is. */
  open(options?: StoreExtras): Promise<Store>;
  /** How many rows a table holds, read over a connection of the test's own (not through the store). */
  countRows(table: string): Promise<number>;
  /** The same place through the bare driver, with no migrations applied (to test a migration on old data). */
  openDriver(): SqlDriver;
  dispose(): Promise<void>;
};

export type HarnessFactory = () => Promise<StoreHarness>;
type StoreExtras = Omit<OpenStoreOptions, 'databaseUrl' | 'dataDir'>;

const tableName = /^[a-z_]+$/;

function checkedTable(table: string): string {
  if (!tableName.test(table)) throw new Error(`Not a table name: ${table}`);
  return table;
}

export const sqliteHarness: HarnessFactory = async () => {
  const temp = await makeTempDir('store');
  return {
    open: (options = {}) => openStore({ ...options, dataDir: temp.dir }),
    openDriver: () => openSqliteDriver(temp.dir),
    async countRows(table) {
      const db = new DatabaseSync(join(temp.dir, sqliteFileName), { readOnly: true });
      try {
        const row = db.prepare(`SELECT COUNT(*) AS n FROM ${checkedTable(table)}`).get() as { n: number };
        return Number(row.n);
      } finally {
        db.close();
      }
    },
    dispose: temp.remove,
  };
};

/** Each harness gets a fresh schema, found through the connection's search_path. */
export function postgresHarness(databaseUrl: string): HarnessFactory {
  return async () => {
    const schema = `contract_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      async open(options = {}) {
        const store = await openStore({ ...options, databaseUrl: url.toString(), dataDir: '' });
        // Prove the tables went into this run's own schema, not a shared one.
        const { rows } = await admin.query('SELECT to_regclass($1) AS found', [`${schema}.schema_migrations`]);
        if (!rows[0]?.found) throw new Error(`Migrations did not run inside schema ${schema}.`);
        return store;
      },
      async countRows(table) {
        const { rows } = await admin.query(`SELECT COUNT(*) AS n FROM ${schema}.${checkedTable(table)}`);
        return Number(rows[0]?.n);
      },
      openDriver: () => openPostgresDriver(url.toString()),
      async dispose() {
        try {
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        } finally {
          await admin.end();
        }
      },
    };
  };
}

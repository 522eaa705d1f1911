import { openPostgresDriver, type PostgresTimeouts } from './postgres.ts';
import { createSqlStore } from './sql-store.ts';
import { openSqliteDriver } from './sqlite.ts';
import type { MigrationRetryListener, Store } from './store.ts';

export * from './store.ts';

export type OpenStoreOptions = {
  /** A PostgreSQL connection URL. When absent, the embedded engine is used. */
  databaseUrl?: string;
  /** Where the embedded engine keeps its file. */
  dataDir: string;
  /** PostgreSQL: how long to wait for a connection and for an answer (defaultPostgresTimeouts). */
  postgresTimeouts?: PostgresTimeouts;
  /** Told each time a migration waits for a table lock and will be tried again (the service logs it). */
  onMigrationRetry?: MigrationRetryListener;
};

/** Opens the right engine and brings its schema up to date before anything else uses it. */
export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const driver = opts.databaseUrl ? openPostgresDriver(opts.databaseUrl, opts.postgresTimeouts) : openSqliteDriver(opts.dataDir);
  const store = createSqlStore(driver);
  try {
    await store.migrate(opts.onMigrationRetry ? { onRetry: opts.onMigrationRetry } : {});
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

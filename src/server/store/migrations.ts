import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect, SqlDriver, SqlExecutor } from './sql-driver.ts';

/** Where the migration files live: NNN_name.sql, applied in number order. */
export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export type Migration = { version: number; name: string; sql: string };

/**
 * The line a migration's file starts with to say that it only adds (expand, never contract: the
 * rules in src/server/NOTES.md, "Migrations while other processes serve"), so the version before
 * it may still start on the schema it makes. Recorded in `schema_migrations.additive`.
 */
export const additiveMarker = '-- additive: older versions may run on this schema';

/** True when the migration's first line is `additiveMarker`. */
export function isAdditive(migration: Pick<Migration, 'sql'>): boolean {
  return migration.sql.trimStart().split('\n', 1)[0]!.trim() === additiveMarker;
}

const fileNamePattern = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Lock number shared by everything that changes the schema or loads first data. */
export const schemaLockId = 7_310_001;

/** Reads "001_initial.sql" as version 1, name "001_initial"; anything else is not a migration. */
export function parseMigrationFileName(fileName: string): { version: number; name: string } | null {
  const match = fileNamePattern.exec(fileName);
  if (!match?.[1]) return null;
  return { version: Number(match[1]), name: fileName.slice(0, -'.sql'.length) };
}

/**
 * Fills in the dialect tokens a migration may use:
 * - `__IDENTITY_PRIMARY_KEY__`, an integer key the database assigns and that only grows;
 * - `__APPEND_ONLY__(table)`, triggers that refuse every UPDATE and DELETE on the table.
 */
export function renderMigrationSql(sql: string, dialect: Pick<Dialect, 'identityPrimaryKey'> & Partial<Dialect>): string {
  return sql.replaceAll('__IDENTITY_PRIMARY_KEY__', dialect.identityPrimaryKey).replace(/__APPEND_ONLY__\(([a-z_]+)\)/g, (token, table: string) => {
    if (!dialect.appendOnlySql) throw new Error(`This dialect cannot render ${token}.`);
    return dialect.appendOnlySql(table);
  });
}

/** What the database says when something tries to change or delete a row of an append-only table. */
export function appendOnlyMessage(table: string): string {
  return `append-only: rows of ${table} cannot be changed or deleted`;
}

export async function loadMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for (const fileName of (await readdir(dir)).sort()) {
    if (!fileName.endsWith('.sql')) continue;
    const parsed = parseMigrationFileName(fileName);
    if (!parsed) throw new Error(`Migration file name must look like 001_name.sql: ${fileName}`);
    if (migrations.some((m) => m.version === parsed.version)) {
      throw new Error(`Two migration files have the number ${parsed.version}.`);
    }
    migrations.push({ ...parsed, sql: await readFile(join(dir, fileName), 'utf8') });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

/** How migrations wait for locks (PostgreSQL), and whom they tell when they try again. */
export type MigrationOptions = {
  /**
   * PostgreSQL: how long one migration's statements may wait for a table lock before they give up
   * (`lock_timeout`). A migration that alters a table needs its ACCESS EXCLUSIVE lock; while it
   * waits behind another process's long transaction, every query on that table queues behind it.
   * Giving up soon and trying again later keeps that queue short.
   */
  lockTimeoutMs?: number;
  /** How many times one migration is tried before starting fails. */
  attempts?: number;
  /** The wait before the second try; it doubles each time, up to `maxRetryWaitMs`. */
  firstRetryWaitMs?: number;
  maxRetryWaitMs?: number;
  /** Told each time a migration gave up waiting for a lock and will be tried again. */
  onRetry?(retry: { migration: string; attempt: number; waitMs: number }): void;
};

export const migrationDefaults = { lockTimeoutMs: 1_000, attempts: 10, firstRetryWaitMs: 500, maxRetryWaitMs: 15_000 } as const;

/** Thrown when the database holds migrations this version of the code does not know. */
export class SchemaNewerThanCodeError extends Error {
  override readonly name = 'SchemaNewerThanCodeError';
}

/** Thrown when a migration could not get its locks in any of its tries. */
export class MigrationLockError extends Error {
  override readonly name = 'MigrationLockError';
}

/** PostgreSQL's lock_not_available: a statement gave up waiting for a lock (lock_timeout). */
function isLockTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '55P03';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies, in order, each migration not yet recorded in `schema_migrations`: each one in its own
 * transaction together with its record, so a failed migration leaves nothing half done.
 * Safe when two servers start at once: they take turns, and the second finds nothing to do.
 * Safe while other processes serve (PostgreSQL): a migration's statements wait at most
 * `lockTimeoutMs` for a lock, then the migration is rolled back and tried again after a pause
 * (src/server/NOTES.md, "Migrations while other processes serve").
 * Refuses, before changing anything, a database that holds a migration `migrations` does not
 * have: it was brought up by a newer version of the code, which this one cannot know is safe to
 * run on, unless each such migration was marked additive (`additiveMarker`) when it was applied.
 */
export async function applyMigrations(driver: SqlDriver, migrations: readonly Migration[], options: MigrationOptions = {}): Promise<string[]> {
  const settings = { ...migrationDefaults, ...options };
  const lock = async (tx: { all: SqlDriver['all'] }) => {
    if (driver.dialect.exclusiveLockSql) await tx.all(driver.dialect.exclusiveLockSql, [schemaLockId]);
  };
  // `additive` came after the table: a database made before it gets the column (0 for every row so far).
  const addAdditiveColumn = async (tx: SqlExecutor) => {
    const columns =
      driver.engine === 'postgres'
        ? await tx.all<{ name: string }>(
            "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
          )
        : await tx.all<{ name: string }>('PRAGMA table_info(schema_migrations)');
    if (!columns.some((column) => column.name === 'additive')) await tx.exec('ALTER TABLE schema_migrations ADD COLUMN additive INTEGER NOT NULL DEFAULT 0');
  };
  await driver.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    await addAdditiveColumn(tx);
    const recorded = await tx.all<{ version: number; name: string; additive: number | string }>(
      'SELECT version, name, additive FROM schema_migrations ORDER BY version',
    );
    const known = new Set(migrations.map((m) => m.version));
    const unknown = recorded.filter((row) => !known.has(Number(row.version)));
    // Newer migrations that all say they only add leave this version able to run.
    const refused = unknown.filter((row) => Number(row.additive) !== 1);
    if (refused.length > 0) {
      const newest = migrations.at(-1)?.name ?? 'none';
      throw new SchemaNewerThanCodeError(
        `The database was brought up to date by a newer version of the service: it has ${refused.map((row) => row.name).join(', ')}, ` +
          `which this version does not know (it knows up to ${newest}). Start the newer version, or restore a backup made before it.`,
      );
    }
  });

  const applied: string[] = [];
  for (const migration of migrations) {
    let didApply = false;
    for (let attempt = 1; ; attempt++) {
      try {
        didApply = await driver.transaction(async (tx) => {
          await lock(tx);
          const done = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
          if (done.length > 0) return false;
          // After the schema lock (another process migrating is waited for in full), before the DDL.
          if (driver.engine === 'postgres') await tx.exec(`SET LOCAL lock_timeout = '${Math.round(settings.lockTimeoutMs)}ms'`);
          await tx.exec(renderMigrationSql(migration.sql, driver.dialect));
          await tx.run('INSERT INTO schema_migrations (version, name, applied_at, additive) VALUES (?, ?, ?, ?)', [
            migration.version,
            migration.name,
            new Date().toISOString(),
            isAdditive(migration) ? 1 : 0,
          ]);
          return true;
        });
        break;
      } catch (error) {
        if (!isLockTimeout(error)) throw error;
        if (attempt >= settings.attempts) {
          throw new MigrationLockError(
            `Migration ${migration.name} could not get the locks it needs in ${attempt} tries: another process holds a long transaction on a table it changes. ` +
              'Nothing of it was applied. Find the long transaction (pg_stat_activity) or start again when it is over.',
          );
        }
        const waitMs = Math.min(settings.firstRetryWaitMs * 2 ** (attempt - 1), settings.maxRetryWaitMs);
        settings.onRetry?.({ migration: migration.name, attempt, waitMs });
        await pause(waitMs);
      }
    }
    if (didApply) applied.push(migration.name);
  }
  return applied;
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect, SqlDriver } from './sql-driver.ts';

/** Where the migration files live: NNN_name.sql, applied in number order. */
export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export type Migration = { version: number; name: string; sql: string };

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

/**
 * Applies, in order, each migration not yet recorded in `schema_migrations`: each one in its own
 * transaction together with its record, so a failed migration leaves nothing half done.
 * Safe when two servers start at once: they take turns, and the second finds nothing to do.
 */
export async function applyMigrations(driver: SqlDriver, migrations: readonly Migration[]): Promise<string[]> {
  const lock = async (tx: { all: SqlDriver['all'] }) => {
    if (driver.dialect.exclusiveLockSql) await tx.all(driver.dialect.exclusiveLockSql, [schemaLockId]);
  };
  await driver.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });

  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await driver.transaction(async (tx) => {
      await lock(tx);
      const done = await tx.all('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
      if (done.length > 0) return false;
      await tx.exec(renderMigrationSql(migration.sql, driver.dialect));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  return applied;
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Mutex } from './mutex.ts';
import type { Dialect, SqlDriver, SqlExecutor, SqlValue } from './sql-driver.ts';

/** The embedded database file, inside the data directory. */
export const sqliteFileName = 'companion.db';

const sqliteDialect: Dialect = {
  // AUTOINCREMENT: a key is never reused, even after the newest row is deleted.
  identityPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  // BEGIN IMMEDIATE already takes the only write lock.
  exclusiveLockSql: null,
};

/**
 * The embedded engine: one SQLite file (WAL mode) through node:sqlite.
 * node:sqlite is synchronous, so every call is queued behind a mutex: a transaction that awaits
 * between statements must not let other work slip into it.
 */
export function openSqliteDriver(dataDir: string): SqlDriver {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, sqliteFileName), { timeout: 5000, enableForeignKeyConstraints: true });
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');

  const mutex = new Mutex();
  const statements = new Map<string, StatementSync>();
  let open = true;

  function prepare(sql: string): StatementSync {
    if (!open) throw new Error('The embedded database is closed.');
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  }

  // Runs straight away; only for use while holding the mutex.
  const direct: SqlExecutor = {
    async all<Row>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params) as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return Number(prepare(sql).run(...params).changes);
    },
    async exec(script: string) {
      if (!open) throw new Error('The embedded database is closed.');
      db.exec(script);
    },
  };

  return {
    engine: 'sqlite',
    dialect: sqliteDialect,
    all: (sql, params) => mutex.run(() => direct.all(sql, params)),
    run: (sql, params) => mutex.run(() => direct.run(sql, params)),
    exec: (script) => mutex.run(() => direct.exec(script)),
    transaction: (work) =>
      mutex.run(async () => {
        await direct.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          await direct.exec('COMMIT');
          return result;
        } catch (error) {
          if (open && db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    isUniqueViolation(error) {
      // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
      const code = (error as { errcode?: unknown } | null)?.errcode;
      return code === 2067 || code === 1555;
    },
    close: () =>
      mutex.run(() => {
        if (!open) return;
        open = false;
        statements.clear();
        db.close();
      }),
  };
}

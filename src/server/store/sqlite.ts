import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { createGroupCommit, type SyncConnection } from './group-commit.ts';
import { Mutex } from './mutex.ts';
import { backstopPages, startCheckpointer } from './sqlite-checkpointer.ts';
import { appendOnlyMessage } from './migrations.ts';
import type { Dialect, SqlDriver, SqlExecutor, SqlValue } from './sql-driver.ts';

/** The embedded database file, inside the data directory. */
export const sqliteFileName = 'companion.db';

/** How hard SQLite syncs a commit to disk (see openSqliteDriver). The bench's floor uses the same. */
export const sqliteSynchronous = 'FULL';

const sqliteDialect: Dialect = {
  // AUTOINCREMENT: a key is never reused, even after the newest row is deleted.
  identityPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  // BEGIN IMMEDIATE already takes the only write lock.
  exclusiveLockSql: null,
  appendOnlySql: (table) =>
    ['UPDATE', 'DELETE']
      .map(
        (event) =>
          `CREATE TRIGGER ${table}_no_${event.toLowerCase()} BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, '${appendOnlyMessage(table)}'); END;`,
      )
      .join('\n'),
};

/**
 * The embedded engine: one SQLite file (WAL mode) through node:sqlite.
 * `synchronous = FULL`: every commit syncs the write-ahead log before the caller hears "done", so
 * an item answered "applied" survives a power cut (NORMAL could roll the last commits back, after
 * the device had already deleted its copy). Group commit spreads the cost of that sync.
 * node:sqlite is synchronous, so every call is queued behind a mutex: a transaction that awaits
 * between statements must not let other work slip into it. Transactions asked for together share
 * one commit (group-commit.ts); checkpoints run on a worker thread (sqlite-checkpointer.ts).
 */
export function openSqliteDriver(dataDir: string): SqlDriver {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, sqliteFileName);
  const db = new DatabaseSync(file, { timeout: 5000, enableForeignKeyConstraints: true });
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${sqliteSynchronous}; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = ${backstopPages};`);
  const checkpointer = startCheckpointer(file);

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

  const connection: SyncConnection = {
    exec(sql) {
      if (!open) throw new Error('The embedded database is closed.');
      db.exec(sql);
    },
    get isTransaction() {
      return open && db.isTransaction;
    },
  };
  const groupCommit = createGroupCommit(connection, direct, mutex);

  return {
    engine: 'sqlite',
    dialect: sqliteDialect,
    all: (sql, params) => mutex.run(() => direct.all(sql, params)),
    run: (sql, params) => mutex.run(() => direct.run(sql, params)),
    exec: (script) => mutex.run(() => direct.exec(script)),
    transaction: groupCommit,
    isUniqueViolation(error) {
      // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
      const code = (error as { errcode?: unknown } | null)?.errcode;
      return code === 2067 || code === 1555;
    },
    isForeignKeyViolation(error) {
      // SQLITE_CONSTRAINT_FOREIGNKEY
      return (error as { errcode?: unknown } | null)?.errcode === 787;
    },
    close: () =>
      mutex.run(async () => {
        if (!open) return;
        open = false;
        await checkpointer.stop();
        statements.clear();
        db.close();
      }),
  };
}

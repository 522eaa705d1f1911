import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { sqliteFileName } from '../store/sqlite.ts';
import { BackupError } from './backup-error.ts';
import { partialPathOf, publishBackup, removeQuietly } from './backup-file.ts';
import { checkBackupSchema, endSignInsStatements, type RecordedMigration } from './restored-schema.ts';

export type BackupResult = { path: string; bytes: number; ms: number; people: number };
export type RestoreResult = { bytes: number; ms: number; people: number };

/** Every page in one step: the copy is one read transaction, one moment of the database. */
const allPagesAtOnce = 2 ** 31 - 1;

function recordedMigrations(db: DatabaseSync): RecordedMigration[] {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return [];
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all().map((row) => ({ version: Number(row.version), name: String(row.name) }));
}

function countPeople(db: DatabaseSync): number {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'people'").get();
  return table ? Number(db.prepare('SELECT COUNT(*) AS n FROM people').get()?.n ?? 0) : 0;
}

/** Opens a copy and checks it is whole: SQLite's integrity check, and a schema this version knows. */
async function checkCopy(path: string, what: string): Promise<{ db: DatabaseSync; recorded: RecordedMigration[] }> {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: 5000 });
  } catch (error) {
    throw new BackupError(`${what} could not be opened: ${(error as Error).message}.`);
  }
  try {
    const problems = db.prepare('PRAGMA integrity_check').all().map((row) => String(row.integrity_check));
    if (problems.join() !== 'ok') throw new BackupError(`${what} is damaged: ${problems.slice(0, 3).join('; ')}.`);
    const recorded = recordedMigrations(db);
    await checkBackupSchema(recorded, what);
    return { db, recorded };
  } catch (error) {
    db.close();
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${what} is damaged or not a backup of this service: ${(error as Error).message}.`);
  }
}

/**
 * An online backup of the embedded database, taken while the service serves and writes: SQLite's
 * backup API on a connection of our own copies every page in one step, inside one read
 * transaction, so the copy is the database as it was at one moment, with what the write-ahead log
 * held by then (WAL readers never block the service's writer, nor it them). The copy is then made
 * a single file (journal mode DELETE), checked, synced and only then given its name.
 */
export async function backupSqlite(dataDir: string, path: string): Promise<BackupResult> {
  const file = join(dataDir, sqliteFileName);
  if (!existsSync(file)) throw new BackupError(`There is no embedded database at ${file}: nothing to back up. Check DATA_DIR.`);
  const started = performance.now();
  const partial = partialPathOf(path);
  const source = new DatabaseSync(file, { timeout: 5000 });
  try {
    await backup(source, partial, { rate: allPagesAtOnce });
  } catch (error) {
    removeQuietly(partial);
    throw new BackupError(`The backup could not be made: ${(error as Error).message}.`);
  } finally {
    source.close();
  }
  let people: number;
  try {
    const { db } = await checkCopy(partial, 'The new backup');
    try {
      db.exec('PRAGMA journal_mode = DELETE');
      people = countPeople(db);
    } finally {
      db.close();
    }
    publishBackup(partial, path);
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
  return { path, bytes: statSync(path).size, ms: performance.now() - started, people };
}

/** True when the database file is open in another process (the service): it will not give up WAL mode. */
function inUse(db: DatabaseSync): boolean {
  try {
    db.exec('PRAGMA journal_mode = DELETE');
    return false;
  } catch (error) {
    if ((error as { errcode?: number }).errcode === 5) return true;
    throw error;
  }
}

/**
 * Puts a backup in place of the embedded database. The service must be stopped (a database in
 * use is refused). A database that already has people is refused unless `force`. The backup is
 * copied next to the database, checked, its sign-ins ended, and only then renamed over it, so a
 * restore that fails leaves the database as it was.
 */
export async function restoreSqlite(backupPath: string, dataDir: string, opts: { force: boolean; now: Date }): Promise<RestoreResult> {
  const started = performance.now();
  const target = join(dataDir, sqliteFileName);
  if (existsSync(target)) {
    const current = new DatabaseSync(target, { timeout: 0 });
    try {
      if (inUse(current)) throw new BackupError(`The database at ${target} is in use: stop the service (and anything else using it), then restore.`);
      const people = countPeople(current);
      if (people > 0 && !opts.force) {
        throw new BackupError(`The database at ${target} already has data (${people} people). A restore would replace all of it. To do that, run the restore again with --force.`);
      }
    } finally {
      current.close();
    }
  }

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const partial = partialPathOf(target);
  removeQuietly(partial);
  try {
    copyFileSync(backupPath, partial);
    const { db, recorded } = await checkCopy(partial, `The backup ${backupPath}`);
    let people: number;
    try {
      db.exec('PRAGMA journal_mode = DELETE');
      for (const sql of endSignInsStatements(recorded)) db.prepare(sql).run(opts.now.toISOString());
      people = countPeople(db);
    } finally {
      db.close();
    }
    for (const leftover of ['-wal', '-shm']) removeQuietly(`${target}${leftover}`);
    publishBackup(partial, target);
    return { bytes: statSync(target).size, ms: performance.now() - started, people };
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
}

import { statSync } from 'node:fs';
import pg from 'pg';
import { BackupError } from './backup-error.ts';
import { partialPathOf, publishBackup, removeQuietly } from './backup-file.ts';
import { findPgTool, pgConnection, runPgTool } from './pg-tools.ts';
import { checkBackupSchema, endSignInsStatements, type RecordedMigration } from './restored-schema.ts';
import type { BackupResult, RestoreResult } from './sqlite-backup.ts';

type Env = Record<string, string | undefined>;

/** The last lines PostgreSQL's program wrote, for a message. */
const lastWords = (stderr: string) => stderr.trim().split('\n').slice(-3).join(' / ') || 'no message';

/**
 * Reads a whole pg_dump file without a database (pg_restore writing its SQL to /dev/null, which
 * unpacks every block, so a damaged or cut file is found before anything is changed), then the
 * rows of schema_migrations in it: `pg_restore --data-only --table=schema_migrations --file=-`
 * prints that table's COPY block, which we parse here.
 */
async function migrationsInDump(pgRestore: string, path: string): Promise<RecordedMigration[]> {
  const whole = await runPgTool(pgRestore, ['--file=/dev/null', path]);
  if (whole.code !== 0) throw new BackupError(`The backup ${path} is damaged or not a pg_dump file: ${lastWords(whole.stderr)}.`);
  const data = await runPgTool(pgRestore, ['--data-only', '--table=schema_migrations', '--file=-', path]);
  if (data.code !== 0) throw new BackupError(`The backup ${path} is damaged: ${lastWords(data.stderr)}.`);
  const lines = data.stdout.split('\n');
  const start = lines.findIndex((line) => /^COPY \S*schema_migrations /.test(line));
  if (start < 0) return [];
  const recorded: RecordedMigration[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    const [version, name] = line.split('\t');
    recorded.push({ version: Number(version), name: String(name) });
  }
  return recorded;
}

async function countPeople(client: pg.Client): Promise<number> {
  const exists = await client.query("SELECT to_regclass('people') AS t");
  if (!exists.rows[0]?.t) return 0;
  return Number((await client.query('SELECT COUNT(*) AS n FROM people')).rows[0]?.n ?? 0);
}

/**
 * pg_dump in its custom format (compressed; pg_restore can restore all or part of it). pg_dump
 * reads in one repeatable-read snapshot, so the dump is the database at one moment while the
 * service keeps serving and writing (it takes only ACCESS SHARE locks: a migration's ALTER waits
 * for it, which is why migrations give up and retry rather than queue). Written to a partial name,
 * read back whole with pg_restore, synced, then named.
 */
export async function backupPostgres(databaseUrl: string, path: string, env: Env = process.env): Promise<BackupResult> {
  const pgDump = findPgTool('pg_dump', env);
  const pgRestore = findPgTool('pg_restore', env);
  const connection = pgConnection(databaseUrl);
  const started = performance.now();
  const partial = partialPathOf(path);
  try {
    const dumped = await runPgTool(pgDump, ['--format=custom', `--file=${partial}`, `--dbname=${connection.url}`], connection.env);
    if (dumped.code !== 0) throw new BackupError(`pg_dump could not make the backup: ${lastWords(dumped.stderr)}.`);
    const recorded = await migrationsInDump(pgRestore, partial);
    await checkBackupSchema(recorded, 'The new backup');
    publishBackup(partial, path);
  } catch (error) {
    removeQuietly(partial);
    throw error;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return { path, bytes: statSync(path).size, ms: performance.now() - started, people: await countPeople(client) };
  } finally {
    await client.end();
  }
}

/**
 * pg_restore into the database DATABASE_URL names, in one transaction (all or nothing), without
 * the dump's owners and grants (the target's own roles apply). A database that already has people
 * is refused unless `force`, which first drops what the backup holds (--clean). Then every sign-in
 * is ended, in the same way as on the embedded engine.
 */
export async function restorePostgres(backupPath: string, databaseUrl: string, opts: { force: boolean; now: Date }, env: Env = process.env): Promise<RestoreResult> {
  const pgRestore = findPgTool('pg_restore', env);
  const started = performance.now();
  const recorded = await migrationsInDump(pgRestore, backupPath);
  await checkBackupSchema(recorded, `The backup ${backupPath}`);

  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Could not reach the database to restore into: ${(error as Error).message}.`);
  }
  try {
    const people = await countPeople(client);
    const tables = Number((await client.query("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).rows[0]?.n ?? 0);
    if (tables > 0 && !opts.force) {
      throw new BackupError(
        `The database to restore into already has tables${people > 0 ? ` and data (${people} people)` : ''}. A restore would replace them. To do that, stop the service and run the restore again with --force.`,
      );
    }
    const connection = pgConnection(databaseUrl);
    const restored = await runPgTool(
      pgRestore,
      ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', ...(opts.force ? ['--clean', '--if-exists'] : []), `--dbname=${connection.url}`, backupPath],
      connection.env,
    );
    if (restored.code !== 0) throw new BackupError(`pg_restore could not restore the backup (nothing was changed): ${lastWords(restored.stderr)}.`);
    for (const sql of endSignInsStatements(recorded)) await client.query(sql.replace('?', '$1'), [opts.now.toISOString()]);
    return { bytes: statSync(backupPath).size, ms: performance.now() - started, people: await countPeople(client) };
  } finally {
    await client.end();
  }
}

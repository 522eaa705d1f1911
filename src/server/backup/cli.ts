import { describeDatabase, type ServerConfig } from '../config.ts';
import { BackupError } from './backup-error.ts';
import { backupKindOf, checkChecksum, checksumPathOf, newBackupPath, sizeInWords, writeChecksum } from './backup-file.ts';
import { backupPostgres, restorePostgres } from './postgres-backup.ts';
import { backupSqlite, restoreSqlite } from './sqlite-backup.ts';

/**
 * `npm run backup` and `npm run restore`: the logic (tested through the real command); cli-main.ts
 * reads the service's settings.
 */
export const backupUsage = `Backup and restore of the service's database (the one DATABASE_URL or DATA_DIR names).

  npm run backup                       write a backup to ./backups/companion-<engine>-<time>.<db|pgdump>
  npm run backup -- <file>             write it to <file> (never over a file that is there)
  npm run restore -- <file>            put the backup in place, into a database with no data yet
  npm run restore -- <file> --force    put it in place of a database that has data (all of it is replaced)

The backup can be taken while the service runs. Stop the service before a restore.
A backup holds everyone's personal data: keep it as safely as the database itself.`;

const personalDataWarning = 'It holds personal data: keep it encrypted and where only those who restore the service can read it.';

export type BackupCliDeps = {
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>;
  env: Record<string, string | undefined>;
  now: () => Date;
  cwd: string;
  print(line: string): void;
  printError(line: string): void;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function backupCommand(args: readonly string[], deps: BackupCliDeps): Promise<number> {
  const [given, ...extra] = args;
  if (extra.length > 0 || given?.startsWith('--')) throw new BackupError(`Give at most one file name.\n\n${backupUsage}`);
  const engine = deps.config.databaseUrl ? 'postgres' : 'sqlite';
  const path = newBackupPath(given, engine, deps.now(), deps.cwd);
  deps.print(`Backing up ${describeDatabase(deps.config)} …`);
  const result = deps.config.databaseUrl ? await backupPostgres(deps.config.databaseUrl, path, deps.env) : await backupSqlite(deps.config.dataDir, path);
  await writeChecksum(result.path);
  deps.print(`Backup written: ${result.path} (${sizeInWords(result.bytes)}, ${result.people} people, ${seconds(result.ms)}), with its checksum in ${checksumPathOf(result.path)}.`);
  deps.print(personalDataWarning);
  return 0;
}

async function restoreCommand(args: readonly string[], deps: BackupCliDeps): Promise<number> {
  const force = args.includes('--force');
  const files = args.filter((arg) => arg !== '--force');
  if (files.length !== 1 || files[0]!.startsWith('--')) throw new BackupError(`Give the backup file to restore.\n\n${backupUsage}`);
  const file = files[0]!;
  const kind = backupKindOf(file);
  const engine = deps.config.databaseUrl ? 'postgres' : 'sqlite';
  if (kind !== engine) {
    throw new BackupError(
      `${file} is a backup of the ${kind === 'sqlite' ? 'embedded database' : 'PostgreSQL database'}, but the settings name ${describeDatabase(deps.config)}. Restore it with the settings it was made with.`,
    );
  }
  if (!(await checkChecksum(file))) deps.print(`There is no checksum file beside the backup (${checksumPathOf(file)}): only the database's own checks of the file apply.`);
  deps.print(`Restoring ${file} into ${describeDatabase(deps.config)} …`);
  const options = { force, now: deps.now() };
  const result = deps.config.databaseUrl
    ? await restorePostgres(file, deps.config.databaseUrl, options, deps.env)
    : await restoreSqlite(file, deps.config.dataDir, options);
  deps.print(`Restored: ${result.people} people, from a backup of ${sizeInWords(result.bytes)}, in ${seconds(result.ms)}.`);
  deps.print('Every sign-in was ended: people sign in again with their PIN, staff with their password.');
  deps.print('Anything sent or changed after the backup was made is not in it (see README, "Backup and restore").');
  return 0;
}

/** Runs `backup` or `restore` with its arguments. Returns the exit code; never writes a backup to stdout. */
export async function runBackupCli(command: string | undefined, args: readonly string[], deps: BackupCliDeps): Promise<number> {
  try {
    if (command === 'backup') return await backupCommand(args, deps);
    if (command === 'restore') return await restoreCommand(args, deps);
    deps.printError(backupUsage);
    return 2;
  } catch (error) {
    deps.printError(error instanceof BackupError ? error.message : `The ${command} did not finish: ${(error as Error).message}`);
    return 1;
  }
}

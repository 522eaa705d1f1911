import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Engine } from '../store/store.ts';
import { BackupError } from './backup-error.ts';

/** What a backup file is, from its first bytes: SQLite's own header, or pg_dump's custom format. */
export type BackupKind = Engine;

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');
const pgDumpMagic = Buffer.from('PGDMP', 'latin1');

/** The file name a backup gets when none is given: ./backups/companion-<engine>-<UTC time>.<ext>. */
export function defaultBackupPath(engine: Engine, now: Date, cwd: string = process.cwd()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return resolve(cwd, 'backups', `companion-${engine}-${stamp}.${engine === 'sqlite' ? 'db' : 'pgdump'}`);
}

/**
 * Where a new backup goes. Never to standard output (a backup is written to a file or not at
 * all), never over a file that is already there (it may be the only good backup).
 */
export function newBackupPath(given: string | undefined, engine: Engine, now: Date, cwd: string = process.cwd()): string {
  if (given === '-' || given === '/dev/stdout' || given === '/dev/fd/1') {
    throw new BackupError('A backup is written to a file, never to the screen or a pipe. Give a file name, for example: npm run backup -- /var/backups/companion.db');
  }
  const path = given ? resolve(cwd, given) : defaultBackupPath(engine, now, cwd);
  if (existsSync(path)) throw new BackupError(`There is already a file at ${path}. A backup never writes over another file: give a new name.`);
  // The folder is made for the owner only: the file holds personal data.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return path;
}

/** The name a backup is written under until it is complete and checked, next to where it goes. */
export const partialPathOf = (path: string) => `${path}.partial`;

/** Makes a finished, checked file visible under its name, readable by its owner only, and on disk for sure. */
export function publishBackup(partialPath: string, path: string): void {
  chmodSync(partialPath, 0o600);
  const fd = openSync(partialPath, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partialPath, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

export function removeQuietly(path: string): void {
  rmSync(path, { force: true });
}

/** Which engine a backup file is for, from its first bytes; a plain message when it is neither. */
export function backupKindOf(path: string): BackupKind {
  if (!existsSync(path)) throw new BackupError(`There is no backup file at ${path}.`);
  if (!statSync(path).isFile()) throw new BackupError(`${path} is not a file. Give the backup file itself.`);
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read >= sqliteMagic.length && head.subarray(0, sqliteMagic.length).equals(sqliteMagic)) return 'sqlite';
  if (read >= pgDumpMagic.length && head.subarray(0, pgDumpMagic.length).equals(pgDumpMagic)) return 'postgres';
  throw new BackupError(`${path} is not a backup made by npm run backup (it is damaged, or another kind of file).`);
}

/** "1.4 MB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** The checksum file written beside a backup, in the `sha256sum` format (so `sha256sum -c` checks it too). */
export const checksumPathOf = (path: string) => `${path}.sha256`;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes `<backup>.sha256` beside a finished backup. */
export async function writeChecksum(path: string): Promise<void> {
  writeFileSync(checksumPathOf(path), `${await sha256Of(path)}  ${basename(path)}\n`, { mode: 0o600 });
}

/**
 * Checks a backup against the checksum file beside it. A mismatch is refused (the file changed
 * since it was written: damaged or cut short). Returns false when there is no checksum file (a
 * backup copied without it): then only the engine's own checks of the file apply.
 */
export async function checkChecksum(path: string): Promise<boolean> {
  const checksumPath = checksumPathOf(path);
  if (!existsSync(checksumPath)) return false;
  const expected = /^([0-9a-f]{64})\b/.exec(readFileSync(checksumPath, 'utf8').trim())?.[1];
  if (!expected) throw new BackupError(`The checksum file ${checksumPath} cannot be read. Check the backup by hand (sha256sum -c) or move the checksum file away.`);
  if ((await sha256Of(path)) !== expected) {
    throw new BackupError(`The backup ${path} is damaged: it no longer matches the checksum written with it (${checksumPath}). Nothing was changed. Use another backup.`);
  }
  return true;
}

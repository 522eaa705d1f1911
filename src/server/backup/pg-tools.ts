import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BackupError } from './backup-error.ts';

export type PgTool = 'pg_dump' | 'pg_restore';

/** Debian's folders of PostgreSQL programs, /usr/lib/postgresql/<version>/bin, newest version first. */
export function debianPgBinDirs(): string[] {
  const debianRoot = '/usr/lib/postgresql';
  if (!existsSync(debianRoot)) return [];
  return readdirSync(debianRoot)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(debianRoot, version, 'bin'));
}

/**
 * Where pg_dump and pg_restore are: PG_BIN_DIR when set, else Debian's versioned folders
 * (/usr/lib/postgresql/<version>/bin, newest first: pg_dump must not be older than the server),
 * else the PATH. Debian's /usr/bin/pg_dump is a wrapper that needs a local cluster's settings, so
 * the versioned folder comes first.
 */
export function findPgTool(tool: PgTool, env: Record<string, string | undefined> = process.env): string {
  const configured = env.PG_BIN_DIR?.trim();
  if (configured) {
    const path = join(configured, tool);
    if (!existsSync(path)) throw new BackupError(`${tool} is not in PG_BIN_DIR (${configured}). Set PG_BIN_DIR to the folder that holds PostgreSQL's ${tool}.`);
    return path;
  }
  for (const dir of debianPgBinDirs()) {
    const path = join(dir, tool);
    if (existsSync(path)) return path;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, tool))) return join(dir, tool);
  }
  throw new BackupError(
    `${tool} was not found. Install PostgreSQL's client programs (on Debian: apt-get install postgresql-client), or set PG_BIN_DIR to the folder that holds them.`,
  );
}

/**
 * The connection for PostgreSQL's own programs: the URL without its password (so it is not in
 * the process list) and the password in PGPASSWORD.
 */
export function pgConnection(databaseUrl: string): { url: string; env: Record<string, string> } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export type ToolRun = { code: number; stdout: string; stderr: string };

/** Runs one of PostgreSQL's programs and collects what it says. Its output never goes to our stdout. */
export function runPgTool(path: string, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new BackupError(`Could not run ${path}: ${error.message}`)));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

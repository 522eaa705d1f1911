/**
 * A throwaway PostgreSQL server for tests: found (or installed), created in a fresh temporary
 * folder, listening only on 127.0.0.1, and removed again afterwards.
 */
import { execFile, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { debianPgBinDirs } from '../../src/server/backup/pg-tools.ts';

const serverTools = ['initdb', 'pg_ctl', 'postgres'];

function hasServerTools(dir: string): boolean {
  return serverTools.every((tool) => existsSync(join(dir, tool)));
}

function quiet(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Where PostgreSQL's server programs are: Debian's versioned folders (newest first), pg_config, then PATH. */
export function findServerBinDir(): string | null {
  for (const dir of debianPgBinDirs()) {
    if (hasServerTools(dir)) return dir;
  }
  const fromPgConfig = quiet('pg_config', ['--bindir']);
  if (fromPgConfig && hasServerTools(fromPgConfig)) return fromPgConfig;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && hasServerTools(dir)) return dir;
  }
  return null;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian's PostgreSQL packages. Only possible as root. */
export function installWithApt(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    console.error(`with-postgres: apt-get ${args.join(' ')}`);
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`apt-get ${args[0]} failed (exit ${result.status ?? result.signal}).`);
  }
}

/** A free TCP port on 127.0.0.1 (there is a small chance another program takes it first). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port.'))));
    });
  });
}

export type Cluster = {
  url: string;
  /** Stops the server and deletes its folder. */
  stop(): void;
  /**
   * Stops the server as an operator's restart does (`pg_ctl stop -m fast`: open sessions are cut,
   * transactions in flight roll back), keeping its data. Does not block the event loop.
   */
  stopServer(): Promise<void>;
  /** Starts it again on the same data folder and port, and resolves once it takes connections. */
  startServer(): Promise<void>;
};

type RunAs = { user: string; uid: number; gid: number } | null;

/** PostgreSQL refuses to run as root, so as root the cluster belongs to an ordinary account. */
function chooseAccount(): RunAs {
  if (!isRoot()) return null;
  for (const user of ['postgres', 'nobody']) {
    const uid = quiet('id', ['-u', user]);
    const gid = quiet('id', ['-g', user]);
    if (uid && gid) return { user, uid: Number(uid), gid: Number(gid) };
  }
  throw new Error('Running as root, but there is no "postgres" or "nobody" account to run PostgreSQL as.');
}

/** Creates, starts and returns a fresh cluster with one database. `stop()` removes everything. */
export async function startCluster(binDir: string, database: string): Promise<Cluster> {
  const account = chooseAccount();
  const root = mkdtempSync(join(tmpdir(), 'companion-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  let started = false;

  const run = (tool: string, args: string[], options: SpawnSyncOptions = {}) => {
    const command = join(binDir, tool);
    const [file, fullArgs] = account ? ['runuser', ['-u', account.user, '--', command, ...args]] : [command, args];
    return spawnSync(file, fullArgs, { encoding: 'utf8', ...options });
  };

  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const command = join(binDir, tool);
      const [file, fullArgs] = account ? ['runuser', ['-u', account.user, '--', command, ...args]] : [command, args];
      execFile(file, fullArgs, { encoding: 'utf8' }, (error, stdout, stderr) =>
        error ? reject(new Error(`${tool} ${args.join(' ')} failed:\n${stderr || stdout}`)) : resolve(),
      );
    });

  const stopServer = async () => {
    await runAsync('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    started = false;
  };
  const startServer = async () => {
    await runAsync('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    started = true;
  };

  const stop = () => {
    if (started) {
      const fast = run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
      if (fast.status !== 0) run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      started = false;
    }
    rmSync(root, { recursive: true, force: true });
  };

  try {
    if (account) chownSync(root, account.uid, account.gid);
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(root, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account) chownSync(passwordFile, account.uid, account.gid);

    const init = run('initdb', [
      '-D', dataDir, '-U', 'postgres', `--pwfile=${passwordFile}`,
      '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '--encoding=UTF8', '--no-locale',
    ]);
    rmSync(passwordFile, { force: true });
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stderr || init.stdout}`);

    const port = await findFreePort();
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        '# Throwaway test server: only this machine, and speed over durability.',
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${root}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        '',
      ].join('\n'),
    );

    const start = run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    if (start.status !== 0) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      throw new Error(`PostgreSQL did not start:\n${start.stderr || start.stdout}\n${log}`);
    }
    started = true;

    const adminUrl = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
    return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`, stop, stopServer, startServer };
  } catch (error) {
    stop();
    throw error;
  }
}

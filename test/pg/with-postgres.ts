/**
 * Runs a command against a throwaway PostgreSQL server:
 *
 *   node test/pg/with-postgres.ts <command> [args…]
 *
 * Starts a fresh cluster (installing Debian's postgresql package first if it is missing and we
 * are root), sets TEST_DATABASE_URL for the command, then stops the server and deletes its folder
 * however the command ends, and exits with the command's exit code.
 * If TEST_DATABASE_URL is already set (for example a CI service container), that database is used.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findServerBinDir, installWithApt, isRoot, startCluster, type Cluster } from './cluster.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function say(message: string): void {
  console.error(`with-postgres: ${message}`);
}

function exitCodeFor(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal ? 128 + (constants.signals[signal] ?? 1) : 1;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    say('usage: node test/pg/with-postgres.ts <command> [args…]');
    return 2;
  }

  let cluster: Cluster | null = null;
  let stopped = false;
  const cleanUp = () => {
    if (stopped) return;
    stopped = true;
    try {
      cluster?.stop();
    } catch (error) {
      say(`could not clean up: ${(error as Error).message}`);
    }
  };
  // Last resort: whatever makes this process exit, the server goes too.
  process.on('exit', cleanUp);

  let child: ReturnType<typeof spawn> | null = null;
  let interrupted: NodeJS.Signals | null = null;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      interrupted = signal;
      if (child && child.exitCode === null) {
        child.kill(signal);
      } else {
        cleanUp();
        process.exit(exitCodeFor(null, signal));
      }
    });
  }

  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (databaseUrl) {
    say('TEST_DATABASE_URL is already set: using that database.');
  } else {
    let binDir = findServerBinDir();
    if (!binDir && isRoot()) {
      say('PostgreSQL server programs not found: installing the Debian "postgresql" package.');
      installWithApt();
      binDir = findServerBinDir();
    }
    if (!binDir) {
      say(
        'PostgreSQL server programs (initdb, pg_ctl, postgres) were not found.\n' +
          '  Install PostgreSQL (on Debian or Ubuntu: sudo apt-get install postgresql),\n' +
          '  or set TEST_DATABASE_URL to a database you can use for tests.',
      );
      return 1;
    }
    say(`starting a throwaway PostgreSQL from ${binDir}`);
    cluster = await startCluster(binDir, 'companion_test');
    databaseUrl = cluster.url;
    if (interrupted) return exitCodeFor(null, interrupted);
  }

  // The project's own tools (vitest) and its pinned Node come first, as inside an npm script.
  const path = [join(projectRoot, 'node_modules', '.bin'), dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  const env = { ...process.env, PATH: path, TEST_DATABASE_URL: databaseUrl };
  const running = spawn(command, args, { stdio: 'inherit', env });
  child = running;
  return new Promise<number>((resolveExit) => {
    running.on('error', (error) => {
      say(`could not run ${command}: ${error.message}`);
      resolveExit(127);
    });
    running.on('exit', (code, signal) => resolveExit(exitCodeFor(code, signal)));
  });
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  say((error as Error).message);
}
process.exit(exitCode);

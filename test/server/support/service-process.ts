import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findFreePort } from '../../pg/cluster.ts';
import { projectPath } from '../../project-path.ts';
import { makeTempDir } from './temp-dir.ts';

/**
 * The real service (`node src/server/main.ts`) as a child process, as it runs in production:
 * its own ports, its settings from the environment, its whole output (stdout and stderr) kept
 * for the test to read.
 */
export type ServiceChild = {
  port: number;
  staffPort: number;
  base: string;
  staffBase: string;
  pid: number;
  /** Everything it has written so far, stdout and stderr together. */
  output(): string;
  /** Its log lines that are JSON, parsed. */
  logLines(): Array<Record<string, unknown>>;
  /** Resolves when it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const readyWithinMs = 60_000;

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** Starts the service with `env` over a minimal environment and waits until both listeners are ready. */
export async function startServiceChild(env: Record<string, string>): Promise<ServiceChild> {
  const port = Number(env.PORT ?? (await findFreePort()));
  const staffPort = Number(env.STAFF_PORT ?? (await findFreePort()));
  const child: ChildProcess = spawn(process.execPath, [projectPath('src/server/main.ts')], {
    cwd: projectPath(),
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', STAFF_HOST: '127.0.0.1', ...env, PORT: String(port), STAFF_PORT: String(staffPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));

  const base = `http://127.0.0.1:${port}`;
  const staffBase = `http://127.0.0.1:${staffPort}`;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (gone) throw new Error(`The service stopped before it was ready:\n${output}`);
    if ((await answers(`${base}/api/ready`)) && (await answers(`${staffBase}/api/ready`))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The service was not ready within ${readyWithinMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    port,
    staffPort,
    base,
    staffBase,
    pid: child.pid!,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    signal: (signal) => {
      if (!gone) child.kill(signal);
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Where a service child keeps its data: a temp folder (embedded) or a fresh PostgreSQL schema. */
export type ServiceDatabase = { env: Record<string, string>; dispose(): Promise<void> };

export async function serviceDatabase(engine: 'sqlite' | 'postgres', databaseUrl?: string): Promise<ServiceDatabase> {
  if (engine === 'sqlite') {
    const temp = await makeTempDir('service-data');
    return { env: { DATA_DIR: temp.dir }, dispose: temp.remove };
  }
  if (!databaseUrl) throw new Error('PostgreSQL needs TEST_DATABASE_URL.');
  const schema = `service_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: url.toString() },
    async dispose() {
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Signs in over HTTP as a person would; returns the whole answer's body. */
export async function signInOver(base: string, prisonNumber: string, pin: string, deviceId?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prisonNumber, pin, ...(deviceId ? { deviceId } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchPerson, CountMessage, EngineName, ErrorMessage, ReadyMessage, StatsMessage } from './protocol.ts';

export type BenchService = {
  baseUrl: string;
  people: BenchPerson[];
  setupMs: number;
  pid: number;
  /** How many items (applications and questionnaires) the store holds for the bench people (asked of the service's own store). */
  countItems(): Promise<number>;
  /** Event-loop delay and GC in the service process since the last call. */
  stats(): Promise<StatsMessage>;
  stop(): Promise<void>;
};

const serverProcess = fileURLToPath(new URL('./server-process.ts', import.meta.url));

function ask<T extends { type: string }>(child: ChildProcess, message: unknown, expect: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (answer: T | ErrorMessage) => {
      cleanup();
      if (answer.type === 'error') reject(new Error(`service: ${(answer as ErrorMessage).message}`));
      else if (answer.type !== expect) reject(new Error(`service answered ${answer.type}, not ${expect}`));
      else resolve(answer as T);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the service process ended (${code})`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(message as object);
  });
}

/** Starts the real service (buildServer + openStore) in a child process, with `devices` people. */
export async function startBenchService(engine: EngineName, devices: number, databaseUrl?: string): Promise<BenchService> {
  // The same Node as this process (Node 24: runs .ts directly).
  const child = fork(serverProcess, [], { execPath: process.execPath, execArgv: process.env.SPC_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SPC_BENCH_PROFILE}`] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.send({ type: 'stop' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const ready = await ask<ReadyMessage>(child, { type: 'start', engine, devices, ...(databaseUrl ? { databaseUrl } : {}) }, 'ready');
    return {
      baseUrl: `http://127.0.0.1:${ready.port}`,
      people: ready.people,
      setupMs: ready.setupMs,
      pid: child.pid!,
      countItems: async () => (await ask<CountMessage>(child, { type: 'count' }, 'count')).items,
      stats: () => ask<StatsMessage>(child, { type: 'stats' }, 'stats'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

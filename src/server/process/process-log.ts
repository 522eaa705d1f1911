import { hostname } from 'node:os';

/**
 * Lines the process writes itself (start, stop, a worker that died), outside any request: one JSON
 * object a line, in the same shape as the request logs (pino's: `level`, `time`, `pid`,
 * `hostname`, `msg`), so one parser reads the whole log. Never a person's data.
 */
export type ProcessLog = {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

const levels = { info: 30, warn: 40, error: 50 } as const;

export function processLog(write: (line: string) => void = (line) => process.stdout.write(line)): ProcessLog {
  const host = hostname();
  const line = (level: keyof typeof levels) => (msg: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ level: levels[level], time: Date.now(), pid: process.pid, hostname: host, ...fields, msg })}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/** An error as a log field: its kind, code and message only (a database error's `detail` can hold the values of a row). */
export function errorFields(error: unknown): { type: string; code?: string; message: string } {
  const err = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  return {
    type: typeof err?.name === 'string' ? err.name : 'Error',
    ...(typeof err?.code === 'string' ? { code: err.code } : {}),
    message: typeof err?.message === 'string' ? err.message : String(error),
  };
}

import { resolve } from 'node:path';
import { z } from 'zod';
import { DeviceMode } from '../domain/device.ts';

/** How the service is set up, read from environment variables. */
export type ServerConfig = {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  deviceMode: DeviceMode;
  distDir: string;
  /** Load the demo people into an empty database. */
  demoData: boolean;
};

/** An empty variable counts as not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const EnvSchema = z.object({
  PORT: optional(
    z
      .string()
      .regex(/^\d+$/, { message: 'PORT must be a whole number' })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: 'PORT must be between 1 and 65535' }).max(65535, { message: 'PORT must be between 1 and 65535' })),
  ),
  HOST: optional(z.string().trim()),
  DATABASE_URL: optional(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' }),
  ),
  DATA_DIR: optional(z.string()),
  DEVICE_MODE: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(DeviceMode.options, { message: `DEVICE_MODE must be one of: ${DeviceMode.options.join(', ')}` })),
  ),
  DIST_DIR: optional(z.string()),
  DEMO_DATA: optional(
    z.enum(['on', 'off', 'true', 'false'], { message: 'DEMO_DATA must be on or off' }).transform((v) => v === 'on' || v === 'true'),
  ),
});

/** Thrown when the environment is not right; the message says what to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads the config from `env`. Relative folders are taken from `cwd`. */
export function parseConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): ServerConfig {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const problems = [...new Set(result.error.issues.map((issue) => issue.message))];
    throw new ConfigError(`The server settings are not right:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const vars = result.data;
  return {
    port: vars.PORT ?? 8080,
    host: vars.HOST ?? '127.0.0.1',
    databaseUrl: vars.DATABASE_URL,
    dataDir: resolve(cwd, vars.DATA_DIR ?? 'data'),
    deviceMode: vars.DEVICE_MODE ?? 'tablet',
    distDir: resolve(cwd, vars.DIST_DIR ?? 'dist'),
    demoData: vars.DEMO_DATA ?? true,
  };
}

/** The database URL without its password, for messages. */
export function describeDatabase(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded (SQLite) in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

import { resolve } from 'node:path';
import { z } from 'zod';
import { ApplicationType } from '../domain/application.ts';
import { DeviceMode } from '../domain/device.ts';
import { type ReplyTime, ReplyTimes, replyTimeLimits, withDefaultReplyTimes } from '../domain/reply-times.ts';
import { parseAddressOrRange } from './http/client-address.ts';
import { isLoopbackHost } from './staff/origin-check.ts';

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
  /**
   * Addresses (or CIDR ranges) of reverse proxies in front of the service. Only from these is
   * X-Forwarded-For believed, so `request.ip` is the device's own address behind them; they are
   * also exempt from the per-address connection cap (they carry many devices' connections).
   */
  trustProxy: string[];
  /**
   * The site's address as people reach it, e.g. https://companion.example.gov.uk: every absolute
   * URL the service makes (the public pages' canonical and hreflang links) starts with it; nothing
   * is taken from the request's Host header. When it starts with https, the service sends HSTS.
   */
  publicOrigin: string | undefined;
  /** Open connections one client address may hold at once (proxies in `trustProxy` excepted). */
  maxConnectionsPerAddress: number;
  /** API requests each listener of a process works on at once; the next gets 503 `busy` with Retry-After. */
  maxRequestsInFlight: number;
  /** The staff listener (the OMU API): its own port and address, served by the same process and store. */
  staffPort: number;
  staffHost: string;
  /**
   * The staff pages' address as staff reach it, e.g. https://omu.companion.example.gov.uk. The only
   * origin whose requests may change anything; https makes the sign-in cookie Secure. Needed when
   * STAFF_HOST is not a loopback address; without it, only the staff port on this machine is allowed.
   */
  staffOrigin: string | undefined;
  /** The built staff console (`vite build --config vite.staff.config.ts`), served by the staff listener only. */
  staffDistDir: string;
  /** How long the OMU usually takes to answer each type of application (REPLY_TIMES over the defaults). */
  replyTimes: Record<ApplicationType, ReplyTime>;
  /** Service processes on this machine (node:cluster), sharing both ports; above 1 needs PostgreSQL. */
  workers: number;
  /** On SIGTERM or SIGINT: how long requests already started may take to finish before their connections are cut. */
  shutdownGraceSeconds: number;
  /** When set, the staff listener's GET /metrics answers only this Bearer token. */
  metricsToken: string | undefined;
};

/** Seconds a stopping process lets requests already started finish, unless SHUTDOWN_GRACE_SECONDS says otherwise. */
export const defaultShutdownGraceSeconds = 20;

/** The most service processes WORKERS may ask for on one machine. */
export const maxWorkers = 64;

/** The staff listener's port unless STAFF_PORT says otherwise. */
export const defaultStaffPort = 8081;

/**
 * API requests one listener of one process works on at once unless MAX_REQUESTS_IN_FLIGHT says
 * otherwise; past it, 503 `busy` with Retry-After (http/in-flight-cap.ts). A process answered
 * about 350 requests a second in the estate's morning on 2 cores (bench/README.md), so a request
 * past 1,024 would wait about 3 s or more: better told to come back. A bank of kiosks
 * signing 300 people in at once still all get in (sign-in-api-suite.ts).
 */
export const defaultMaxRequestsInFlight = 1024;

/** Open connections per client address unless MAX_CONNECTIONS_PER_ADDRESS says otherwise. */
export const defaultMaxConnectionsPerAddress = 32;

/** An empty variable counts as not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const portNumber = (name: string) =>
  z
    .string()
    .regex(/^\d+$/, { message: `${name} must be a whole number` })
    .transform(Number)
    .pipe(z.number().int().min(1, { message: `${name} must be between 1 and 65535` }).max(65535, { message: `${name} must be between 1 and 65535` }));

/** An origin setting: the address with no path, normalised. */
const originSetting = (name: string, example: string) =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const origin = originOf(text);
      if (origin === null) {
        ctx.addIssue({ code: 'custom', message: `${name} must be the site's address with no path, starting http:// or https:// (for example ${example})` });
        return z.NEVER;
      }
      return origin;
    });

const EnvSchema = z.object({
  PORT: optional(portNumber('PORT')),
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
  STAFF_DIST_DIR: optional(z.string()),
  DEMO_DATA: optional(
    z.enum(['on', 'off', 'true', 'false'], { message: 'DEMO_DATA must be on or off' }).transform((v) => v === 'on' || v === 'true'),
  ),
  TRUST_PROXY: optional(
    z
      .string()
      .transform((text) => text.split(/[\s,]+/).filter(Boolean))
      .refine((list) => list.every((entry) => parseAddressOrRange(entry) !== null), {
        message: 'TRUST_PROXY must be a list of proxy addresses or CIDR ranges, separated by commas (for example 10.0.0.5,10.1.0.0/16)',
      })
      .transform((list) => list.map((entry) => entry.toLowerCase())),
  ),
  PUBLIC_ORIGIN: optional(originSetting('PUBLIC_ORIGIN', 'https://companion.example.gov.uk')),
  REPLY_TIMES: optional(
    z
      .string()
      .transform((text, ctx) => {
        const entries = text
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .map((entry) => entry.split('=').map((part) => part.trim()));
        const wrong = `REPLY_TIMES must be kinds of application and working days, like seeMyPom=5,copyOfOasys=20. Kinds: ${ApplicationType.options.join(', ')}; days: ${replyTimeLimits.minWorkingDays} to ${replyTimeLimits.maxWorkingDays}`;
        if (entries.some((entry) => entry.length !== 2 || !/^\d{1,3}$/.test(entry[1]!))) {
          ctx.addIssue({ code: 'custom', message: wrong });
          return z.NEVER;
        }
        const parsed = ReplyTimes.safeParse(Object.fromEntries(entries.map(([type, days]) => [type, { workingDays: Number(days) }])));
        if (!parsed.success) {
          ctx.addIssue({ code: 'custom', message: wrong });
          return z.NEVER;
        }
        return parsed.data;
      }),
  ),
  MAX_CONNECTIONS_PER_ADDRESS: optional(
    z
      .string()
      .regex(/^\d{1,6}$/, { message: 'MAX_CONNECTIONS_PER_ADDRESS must be a whole number from 1 up' })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: 'MAX_CONNECTIONS_PER_ADDRESS must be a whole number from 1 up' })),
  ),
  MAX_REQUESTS_IN_FLIGHT: optional(
    z
      .string()
      .regex(/^\d{1,6}$/, { message: 'MAX_REQUESTS_IN_FLIGHT must be a whole number from 1 up' })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: 'MAX_REQUESTS_IN_FLIGHT must be a whole number from 1 up' })),
  ),
  STAFF_PORT: optional(portNumber('STAFF_PORT')),
  STAFF_HOST: optional(z.string().trim()),
  STAFF_ORIGIN: optional(originSetting('STAFF_ORIGIN', 'https://omu.companion.example.gov.uk')),
  WORKERS: optional(
    z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, { message: `WORKERS must be a whole number from 1 to ${maxWorkers}` })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: `WORKERS must be a whole number from 1 to ${maxWorkers}` }).max(maxWorkers, { message: `WORKERS must be a whole number from 1 to ${maxWorkers}` })),
  ),
  METRICS_TOKEN: optional(
    z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{16,200}$/, { message: 'METRICS_TOKEN must be 16 to 200 letters, digits or symbols, with no spaces' }),
  ),
  SHUTDOWN_GRACE_SECONDS: optional(
    z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, { message: 'SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 1 to 3600' })
      .transform(Number)
      .pipe(z.number().int().min(1, { message: 'SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 1 to 3600' }).max(3600, { message: 'SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 1 to 3600' })),
  ),
});

/** "https://Example.org/" → "https://example.org"; null for anything with a path, query, user or another scheme. */
function originOf(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const plain = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  const nothingElse = url.pathname === '/' && url.search === '' && url.hash === '' && !/[?#]/.test(text);
  return plain && nothingElse ? url.origin : null;
}

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
  const port = vars.PORT ?? 8080;
  const staffPort = vars.STAFF_PORT ?? defaultStaffPort;
  const staffHost = vars.STAFF_HOST ?? '127.0.0.1';
  const problems: string[] = [];
  if (staffPort === port) problems.push(`STAFF_PORT must be a different port from PORT (both are ${port})`);
  if (!vars.STAFF_ORIGIN && !isLoopbackHost(staffHost)) {
    problems.push('STAFF_ORIGIN must be set when STAFF_HOST is not 127.0.0.1 or localhost: it is the staff pages\' address as staff reach it (for example https://omu.companion.example.gov.uk)');
  }
  if ((vars.WORKERS ?? 1) > 1 && !vars.DATABASE_URL) {
    problems.push('WORKERS above 1 needs DATABASE_URL (PostgreSQL): the embedded database is for one service process');
  }
  if (problems.length > 0) throw new ConfigError(`The server settings are not right:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return {
    port,
    host: vars.HOST ?? '127.0.0.1',
    databaseUrl: vars.DATABASE_URL,
    dataDir: resolve(cwd, vars.DATA_DIR ?? 'data'),
    deviceMode: vars.DEVICE_MODE ?? 'tablet',
    distDir: resolve(cwd, vars.DIST_DIR ?? 'dist'),
    demoData: vars.DEMO_DATA ?? true,
    trustProxy: vars.TRUST_PROXY ?? [],
    publicOrigin: vars.PUBLIC_ORIGIN,
    maxConnectionsPerAddress: vars.MAX_CONNECTIONS_PER_ADDRESS ?? defaultMaxConnectionsPerAddress,
    maxRequestsInFlight: vars.MAX_REQUESTS_IN_FLIGHT ?? defaultMaxRequestsInFlight,
    staffPort,
    staffHost,
    staffOrigin: vars.STAFF_ORIGIN,
    staffDistDir: resolve(cwd, vars.STAFF_DIST_DIR ?? 'dist-staff'),
    replyTimes: withDefaultReplyTimes(vars.REPLY_TIMES),
    workers: vars.WORKERS ?? 1,
    shutdownGraceSeconds: vars.SHUTDOWN_GRACE_SECONDS ?? defaultShutdownGraceSeconds,
    metricsToken: vars.METRICS_TOKEN,
  };
}

/** For the command-line tools: the settings, or their plain message on stderr and exit code 1. */
export function parseConfigOrExit(env: Record<string, string | undefined>): ServerConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
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

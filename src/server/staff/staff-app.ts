import type { FastifyInstance } from 'fastify';
import type { ApplicationType } from '../../domain/application.ts';
import type { ReplyTime } from '../../domain/reply-times.ts';
import { staffApiVersion, staffSessionLimits } from '../../domain/staff.ts';
import { defaultHousekeeping, startSweeper, type HousekeepingOptions } from '../auth/housekeeping.ts';
import { defaultScryptParams, type ScryptParams } from '../auth/pin-hash.ts';
import type { ConnectionLimits } from '../http/connection-guard.ts';
import { createHardenedServer, replyNotFound, setErrorReplies } from '../http/hardened-server.ts';
import { staffContentSecurityPolicyDirectives } from '../http/security-headers.ts';
import { pathOf } from '../http/paths.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import { registerHealthRoute } from '../routes/health.ts';
import { registerMetricsRoute, type MetricsText } from '../routes/metrics.ts';
import { registerStaffAccountRoutes } from '../routes/staff-accounts.ts';
import { registerStaffAuditRoutes } from '../routes/staff-audit.ts';
import { registerStaffAuthRoutes } from '../routes/staff-auth.ts';
import { registerStaffInboxRoutes, staffInboxBodyLimitBytes } from '../routes/staff-inbox.ts';
import { registerStaffReplyTimesRoute } from '../routes/staff-reply-times.ts';
import { registerStaffPeopleRoutes } from '../routes/staff-people.ts';
import { registerStaffSystemRoutes } from '../routes/staff-systems.ts';
import type { Store } from '../store/store.ts';
import { consoleBuilt, registerConsoleFiles, sendConsolePage } from './console-files.ts';
import { allowedStaffOrigins, originAllowed } from './origin-check.ts';
import { staffCookieName } from './session-cookie.ts';
import { staffSignInPolicy } from './sign-in-waits.ts';
import { isStateChanging, type StaffContext } from './staff-context.ts';
import { sendStaffError, staffErrors } from './staff-errors.ts';
import type { StaffSignInPolicy } from './staff-store.ts';
import { isSystemPlanPut } from './system-auth.ts';

export type BuildStaffServerOptions = {
  store: Store;
  logger?: boolean;
  /** The clock for idle expiry and sign-in waits (tests move it instead of sleeping). */
  now?: () => Date;
  /** STAFF_ORIGIN: the staff pages' address as staff reach it; its scheme decides the cookie's Secure flag. */
  staffOrigin?: string | undefined;
  /** STAFF_PORT: without STAFF_ORIGIN, pages from this port on a loopback address are the only ones allowed. */
  staffPort: number;
  trustProxy?: readonly string[];
  connections?: Partial<ConnectionLimits>;
  /** The scrypt cost for passwords (tests pass a small one). */
  passwordHashParams?: ScryptParams;
  signInPolicy?: StaffSignInPolicy;
  sessionLimits?: { idleSeconds: number; lifetimeSeconds: number };
  /** The sweeper of ended staff sign-ins and forgotten counters; false turns it off. */
  housekeeping?: HousekeepingOptions | false;
  /** REPLY_TIMES over the defaults: the usual reply time per type, for the inbox. */
  replyTimes?: Record<ApplicationType, ReplyTime> | undefined;
  /** The built staff console (dist-staff/), served at `/`; without it (or not built) the listener serves the API only. */
  staffDistDir?: string | undefined;
  /** This process's counts: counted on this listener too, and served at GET /metrics. */
  metrics?: ServiceMetrics | undefined;
  /** METRICS_TOKEN: when set, /metrics answers only a Bearer token equal to it. */
  metricsToken?: string | undefined;
  /** With WORKERS=N: every worker's figures added up, for /metrics (process/metrics-gather.ts). */
  metricsText?: MetricsText | undefined;
};

const versionedStaffPath = /^\/api\/staff\/v(\d+)(\/|$)/;

/** A counter is swept only once no count could still use it. */
function longestForget(policy: StaffSignInPolicy): number {
  return Math.max(policy.pair.forgetAfterSeconds, policy.account.forgetAfterSeconds, policy.address.forgetAfterSeconds);
}

/**
 * The staff listener: a Fastify instance of its own, on STAFF_HOST:STAFF_PORT, with the same
 * hardening as the prisoner-facing one (http/hardened-server.ts) and the same store. It serves the
 * staff API and the staff console (src/staff, built to dist-staff/, with its own stricter
 * Content-Security-Policy), and nothing of the prisoners' (no app, no sign-in or sync); the
 * prisoner-facing listener has none of this. Not yet listening.
 */
export async function buildStaffServer(opts: BuildStaffServerOptions): Promise<FastifyInstance> {
  const secureCookie = opts.staffOrigin?.startsWith('https:') ?? false;
  const app = createHardenedServer({
    logger: opts.logger ?? false,
    bodyLimit: staffInboxBodyLimitBytes,
    trustProxy: opts.trustProxy ?? [],
    connections: opts.connections,
    https: secureCookie,
    csp: staffContentSecurityPolicyDirectives,
    metrics: opts.metrics ? { sink: opts.metrics, listener: 'staff' } : undefined,
  });
  const allowedOrigins = allowedStaffOrigins({ staffOrigin: opts.staffOrigin, staffPort: opts.staffPort });
  const limits = opts.sessionLimits ?? staffSessionLimits;
  const ctx: StaffContext = {
    store: opts.store,
    now: opts.now ?? (() => new Date()),
    cookieName: staffCookieName(secureCookie),
    secureCookie,
    passwordHashParams: opts.passwordHashParams ?? defaultScryptParams,
    signInPolicy: opts.signInPolicy ?? staffSignInPolicy,
    idleSeconds: limits.idleSeconds,
    lifetimeSeconds: limits.lifetimeSeconds,
  };

  // Every request that would change something (sign-in too) must come from the staff pages
  // themselves: checked before the body is read or any route runs. The one exception is a
  // connected system's PUT of a plan, which carries its own token and is never taken as a
  // staff sign-in (system-auth.ts).
  app.addHook('onRequest', async (request, reply) => {
    if (isStateChanging(request.method) && !isSystemPlanPut(request) && !originAllowed(request.headers.origin, allowedOrigins)) {
      return sendStaffError(reply, 403, staffErrors.badOrigin);
    }
  });

  const servesConsole = opts.staffDistDir !== undefined && consoleBuilt(opts.staffDistDir);
  if (servesConsole) await registerConsoleFiles(app, opts.staffDistDir!);

  registerHealthRoute(app, opts.store);
  if (opts.metrics) registerMetricsRoute(app, opts.metrics, opts.metricsToken, opts.metricsText);
  registerStaffAuthRoutes(app, ctx);
  registerStaffAccountRoutes(app, ctx);
  registerStaffInboxRoutes(app, ctx);
  registerStaffAuditRoutes(app, ctx);
  registerStaffReplyTimesRoute(app, ctx, opts.replyTimes);
  registerStaffPeopleRoutes(app, ctx);
  registerStaffSystemRoutes(app, ctx);

  const housekeeping = opts.housekeeping ?? defaultHousekeeping;
  if (housekeeping) {
    const sweeper = startSweeper({
      every: housekeeping,
      sweep: (batchSize) =>
        opts.store.staff.sweep(ctx.now().toISOString(), { batchSize, idleSeconds: ctx.idleSeconds, forgetAfterSeconds: longestForget(ctx.signInPolicy) }),
      onError: (error) => app.log.warn({ err: error }, 'sweeping old staff sign-ins failed; the next run tries again'),
    });
    app.addHook('onClose', () => sweeper.stop());
  }

  setErrorReplies(app, opts.store);
  app.setNotFoundHandler((request, reply) => {
    const version = versionedStaffPath.exec(pathOf(request.url))?.[1];
    if (version !== undefined && Number(version) !== staffApiVersion) return sendStaffError(reply, 404, staffErrors.unsupportedVersion);
    return (servesConsole ? sendConsolePage(request, reply) : null) ?? replyNotFound(app, request, reply);
  });
  return app;
}

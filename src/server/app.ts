import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import type { ApplicationType } from '../domain/application.ts';
import type { DeviceMode } from '../domain/device.ts';
import { defaultHousekeeping, type HousekeepingOptions } from './auth/housekeeping.ts';
import { defaultScryptParams, type ScryptParams } from './auth/pin-hash.ts';
import { maxPushBodyBytes } from '../domain/sync.ts';
import type { ReplyTime } from '../domain/reply-times.ts';
import { defaultSignInLimits, type SignInLimits } from './auth/sign-in-limits.ts';
import type { ConnectionLimits } from './http/connection-guard.ts';
import { createHardenedServer, replyNotFound, setErrorReplies } from './http/hardened-server.ts';
import { appInlineScriptHashes } from './http/inline-scripts.ts';
import { acceptsHtml, isApiPath, pathOf } from './http/paths.ts';
import { contentSecurityPolicyDirectives } from './http/security-headers.ts';
import { registerStaticFiles } from './http/static-files.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerClientConfigRoute } from './routes/client-config.ts';
import { registerDeliveryRoutes } from './routes/delivery.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerSyncRoutes } from './routes/sync.ts';
import type { ServiceMetrics } from './metrics/metrics.ts';
import type { Store } from './store/store.ts';
import type { RateLimit } from './sync/rate-limit.ts';

export type BuildServerOptions = {
  store: Store;
  /** The built app (the output of `vite build`). */
  distDir: string;
  deviceMode: DeviceMode;
  logger?: boolean;
  /** The clock for token expiry and sign-in waits (tests move it instead of sleeping). */
  now?: () => Date;
  /** The brute-force limits on sign-in; see src/server/auth/sign-in-limits.ts. */
  signInLimits?: SignInLimits;
  /** The scrypt cost for PINs (tests pass a small one); see src/server/auth/pin-hash.ts. */
  pinHashParams?: ScryptParams;
  /** The sweeper of expired sign-in rows (src/server/auth/housekeeping.ts); false turns it off. */
  signInHousekeeping?: HousekeepingOptions | false;
  /** PUBLIC_ORIGIN: the start of every absolute URL the service makes; https here turns HSTS on. */
  publicOrigin?: string;
  /** TRUST_PROXY: reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). */
  trustProxy?: readonly string[];
  /** The rate limit on sync per signed-in person; see src/server/sync/rate-limit.ts. */
  syncRateLimit?: RateLimit;
  /** Time-outs and the per-address connection cap; see src/server/http/connection-guard.ts. */
  connections?: Partial<ConnectionLimits>;
  /** REPLY_TIMES: the usual reply time per type of application, for /config.json (defaults otherwise). */
  replyTimes?: Record<ApplicationType, ReplyTime>;
  /** This process's counts; the staff listener serves them at /metrics (metrics/metrics.ts). */
  metrics?: ServiceMetrics;
};

/** Requests bigger than this are refused with 413 (the push limit, shared with the app). */
export const bodyLimitBytes = maxPushBodyBytes;

/** The sync service: the built app, /config.json and /api/*. Not yet listening. */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const app = createHardenedServer({
    logger: opts.logger ?? false,
    bodyLimit: bodyLimitBytes,
    trustProxy: opts.trustProxy ?? [],
    connections: opts.connections,
    https: opts.publicOrigin?.startsWith('https:') ?? false,
    // The app's own inline boot script (display settings before the first paint), by its hash only.
    csp: { ...contentSecurityPolicyDirectives, 'script-src': [...contentSecurityPolicyDirectives['script-src'], ...appInlineScriptHashes(opts.distDir)] },
    metrics: opts.metrics ? { sink: opts.metrics, listener: 'people' } : undefined,
  });

  // Compression must be registered before the static files so it applies to them.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
  await registerStaticFiles(app, opts.distDir, { deviceMode: opts.deviceMode, ...(opts.publicOrigin ? { origin: opts.publicOrigin } : {}) });

  registerHealthRoute(app, opts.store);
  registerClientConfigRoute(app, opts.deviceMode, opts.replyTimes);
  const apiContext = {
    store: opts.store,
    now: opts.now ?? (() => new Date()),
    signInLimits: opts.signInLimits ?? defaultSignInLimits,
    pinHashParams: opts.pinHashParams ?? defaultScryptParams,
    signInHousekeeping: opts.signInHousekeeping ?? defaultHousekeeping,
    metrics: opts.metrics,
  };
  // Families' devices (`public`) have no sign-in and nothing personal: no such endpoints at all.
  if (opts.deviceMode !== 'public') {
    registerAuthRoutes(app, apiContext);
    registerSyncRoutes(app, apiContext, opts.syncRateLimit);
  }
  registerDeliveryRoutes(app, { ...apiContext, deviceMode: opts.deviceMode });

  // When the database cannot be reached, the answer says so, and when to try again: the app retries later.
  setErrorReplies(app, opts.store);

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    // A deep link into the app (for example /plan/objective-1) gets the app's page, which routes itself.
    if (isRead && !isApiPath(path) && !path.startsWith('/assets/') && acceptsHtml(request.headers.accept)) {
      return reply.sendFile('index.html');
    }
    return replyNotFound(app, request, reply);
  });

  return app;
}

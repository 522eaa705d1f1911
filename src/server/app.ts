import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { DeviceMode } from '../domain/device.ts';
import { defaultSignInLimits, type SignInLimits } from './auth/sign-in-limits.ts';
import { apiErrors, storeDownRetryAfterSeconds } from './http/api-errors.ts';
import { notFoundError, toErrorReply } from './http/errors.ts';
import { acceptsHtml, isApiPath, pathOf } from './http/paths.ts';
import { helmetOptions, permissionsPolicy } from './http/security-headers.ts';
import { registerStaticFiles } from './http/static-files.ts';
import { registerAuthRoutes } from './routes/auth.ts';
import { registerClientConfigRoute } from './routes/client-config.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerSyncRoutes } from './routes/sync.ts';
import type { Store } from './store/store.ts';

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
};

/** Requests bigger than this are refused with 413. */
export const bodyLimitBytes = 256 * 1024;

/** The sync service: the built app, /config.json and /api/*. Not yet listening. */
export async function buildServer(opts: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: bodyLimitBytes });

  // Helmet's middleware is built once, here, not on every request.
  const applySecurityHeaders = helmet(helmetOptions);
  app.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('permissions-policy', permissionsPolicy);
    applySecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
  app.addHook('onSend', async (request, reply, payload) => {
    // API answers are personal or live: never kept by the browser or a proxy.
    if (isApiPath(pathOf(request.url))) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Compression must be registered before the static files so it applies to them.
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
  await registerStaticFiles(app, opts.distDir, { deviceMode: opts.deviceMode });

  registerHealthRoute(app, opts.store);
  registerClientConfigRoute(app, opts.deviceMode);
  const apiContext = { store: opts.store, now: opts.now ?? (() => new Date()), signInLimits: opts.signInLimits ?? defaultSignInLimits };
  // Families' devices (`public`) have no sign-in and nothing personal: no such endpoints at all.
  if (opts.deviceMode !== 'public') {
    registerAuthRoutes(app, apiContext);
    registerSyncRoutes(app, apiContext);
  }

  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = toErrorReply(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      // When the database cannot be reached, say so, and when to try again: the app retries later.
      const storeDown = await opts.store.ping().then(
        () => false,
        () => true,
      );
      if (storeDown) {
        return reply.code(503).header('retry-after', String(storeDownRetryAfterSeconds)).send(apiErrors.storeUnavailable);
      }
    }
    return reply.code(status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    // A deep link into the app (for example /plan/objective-1) gets the app's page, which routes itself.
    if (isRead && !isApiPath(path) && !path.startsWith('/assets/') && acceptsHtml(request.headers.accept)) {
      return reply.sendFile('index.html');
    }
    // A miss is never worth keeping: the file may exist after the next deployment.
    return reply.code(404).header('cache-control', 'no-store').send(notFoundError);
  });

  return app;
}

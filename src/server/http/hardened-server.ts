import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Store } from '../store/store.ts';
import { isDatabaseUnreachable } from '../store/unreachable.ts';
import { apiErrors, storeDownRetryAfterSeconds } from './api-errors.ts';
import { addressMatcher } from './client-address.ts';
import { defaultConnectionLimits, guardConnections, type ConnectionLimits } from './connection-guard.ts';
import { methodNotAllowedError, notFoundError, toErrorReply } from './errors.ts';
import { registerExpectContinue } from './expect-continue.ts';
import { capRequestsInFlight } from './in-flight-cap.ts';
import { serviceLogOptions } from './log-options.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import { isApiPath, pathOf } from './paths.ts';
import { allowedMethods, clientErrorHandler, frameworkErrorHandler, refuseWithoutHost, registerExpectationFailed } from './protocol-errors.ts';
import { type CspDirectives, securityHeaderList } from './security-headers.ts';

/**
 * What every listener of the service shares (the prisoner-facing one and the staff one): the
 * time-outs and the cap on connections per address, the security headers on every answer, the
 * service's own answers for what goes wrong below the routes, `Cache-Control: no-store` on the
 * API, and one error shape. Each listener then adds its own routes.
 */
export type HardenedServerOptions = {
  logger: boolean;
  /** Requests bigger than this are refused with 413 (a route may set a smaller limit). */
  bodyLimit: number;
  /** TRUST_PROXY: reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). */
  trustProxy: readonly string[];
  connections?: Partial<ConnectionLimits> | undefined;
  /** Served over HTTPS (the listener's public origin starts with https://): HSTS is sent. */
  https: boolean;
  /** The Content-Security-Policy, when not the app's own (the staff listener has a stricter one). */
  csp?: CspDirectives | undefined;
  /** Where each answered request is counted (by route pattern), and under which listener's name. */
  metrics?: { sink: ServiceMetrics; listener: string } | undefined;
};

export function createHardenedServer(opts: HardenedServerOptions): FastifyInstance {
  const connections = { ...defaultConnectionLimits, ...opts.connections };
  // Worked out once, here, not on every request; also written on the raw protocol errors.
  const securityHeaders = securityHeaderList({ https: opts.https, csp: opts.csp });
  const app = Fastify({
    // JSON lines with no personal data (log-options.ts); tests run without a logger.
    logger: opts.logger ? serviceLogOptions : false,
    bodyLimit: opts.bodyLimit,
    // Only listed proxies: trusting any sender would let it choose the address the sign-in limits see.
    trustProxy: opts.trustProxy.length > 0 ? [...opts.trustProxy] : false,
    requestTimeout: connections.requestTimeoutMs,
    keepAliveTimeout: connections.keepAliveTimeoutMs,
    connectionTimeout: connections.idleTimeoutMs,
    http: {
      headersTimeout: connections.headersTimeoutMs,
      connectionsCheckingInterval: connections.checkIntervalMs,
      // A request with no Host is answered by the hook below, in the service's own shape.
      requireHostHeader: false,
    },
    clientErrorHandler: clientErrorHandler(securityHeaders),
    frameworkErrors: frameworkErrorHandler(securityHeaders),
  });

  guardConnections(app.server, connections, addressMatcher(opts.trustProxy), securityHeaders);

  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    if (refuseWithoutHost(request, reply)) return;
    done();
  });
  // After the security headers, so a refusal carries them too.
  capRequestsInFlight(app, connections.maxRequestsInFlight);
  const metrics = opts.metrics;
  if (metrics) {
    app.addHook('onResponse', async (request, reply) => {
      metrics.sink.request(metrics.listener, request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    });
  }
  registerExpectContinue(app);
  registerExpectationFailed(app, securityHeaders);
  app.addHook('onSend', async (request, reply, payload) => {
    // API answers are personal or live: never kept by the browser or a proxy.
    if (isApiPath(pathOf(request.url))) reply.header('cache-control', 'no-store');
    return payload;
  });
  return app;
}

/**
 * Every thrown error as `{code, message}`: a client's fault keeps its status with plain words; a
 * fault of ours is logged, and answered 503 `storeUnavailable` with Retry-After when the
 * database cannot be reached (the error says so, or a ping fails; the client tries again later),
 * otherwise 500 with no details.
 */
export function setErrorReplies(app: FastifyInstance, store: Store): void {
  app.setErrorHandler(async (error, request, reply) => {
    const { status, body } = toErrorReply(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      // The error itself may say so (a connection refused or cut); otherwise ask the database.
      const storeDown =
        isDatabaseUnreachable(error) ||
        (await store.ping().then(
          () => false,
          () => true,
        ));
      if (storeDown) {
        return reply.code(503).header('retry-after', String(storeDownRetryAfterSeconds)).send(apiErrors.storeUnavailable);
      }
    }
    return reply.code(status).send(body);
  });
}

/** A miss: 405 with Allow for an API address asked with a method it does not take, otherwise 404. */
export function replyNotFound(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = pathOf(request.url);
  const allowed = isApiPath(path) ? allowedMethods(app, path) : [];
  if (allowed.length > 0) return reply.code(405).header('allow', allowed.join(', ')).send(methodNotAllowedError);
  // A miss is never worth keeping: the file may exist after the next deployment.
  return reply.code(404).header('cache-control', 'no-store').send(notFoundError);
}

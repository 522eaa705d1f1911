import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../domain/sync.ts';

/**
 * Answers for what goes wrong below the routes, so that every error the service sends is
 * `{code, message}` with the security headers, like every other answer:
 * - Node's HTTP parser refuses a request (a made-up method, headers too large, a broken request
 *   line, a request that took too long): `clientError`, answered on the raw socket, which is then
 *   closed (the parser cannot find where the next request would start);
 * - Fastify's router cannot decode the address (`frameworkErrors`: no hooks have run);
 * - an HTTP/1.1 request has no Host header (Node would answer an empty 400 itself);
 * - an `Expect` header other than 100-continue (Node would answer an empty 417 itself).
 * The `Expect: 100-continue` handshake is in expect-continue.ts.
 */

export type HeaderList = ReadonlyArray<readonly [string, string]>;

const protocolErrors = {
  badRequest: { code: 'badRequest', message: 'The request could not be understood.' },
  headersTooLarge: { code: 'headersTooLarge', message: 'The request has too much in its headers. Please send less.' },
  tooSlow: { code: 'tooSlow', message: 'The request took too long to arrive, so it was stopped. Please try again.' },
  noHost: { code: 'noHost', message: 'The request must say which site it is for, in a Host header.' },
  expectationFailed: { code: 'expectationFailed', message: 'The request asked for something the service cannot do (an Expect header).' },
} as const satisfies Record<string, ApiError>;

/** The headers every raw error carries: the security headers, and never kept by a cache. */
function errorHeaders(securityHeaders: HeaderList, body: string): Array<[string, string]> {
  return [
    ...securityHeaders.map(([name, value]): [string, string] => [name, value]),
    ['cache-control', 'no-store'],
    ['content-type', 'application/json; charset=utf-8'],
    ['content-length', String(Buffer.byteLength(body))],
  ];
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  417: 'Expectation Failed',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
};

/** A whole HTTP/1.1 response as text, for a socket the HTTP server no longer answers on. */
export function rawErrorResponse(status: number, error: ApiError, securityHeaders: HeaderList, extra: HeaderList = []): string {
  const body = JSON.stringify(error);
  const lines = [...errorHeaders(securityHeaders, body), ...extra, ['connection', 'close']].map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Answers through a ServerResponse (the HTTP server still owns the socket). */
export function sendRawError(res: ServerResponse, status: number, error: ApiError, securityHeaders: HeaderList): void {
  const body = JSON.stringify(error);
  res.writeHead(status, errorHeaders(securityHeaders, body).flat());
  res.end(body);
}

/** Fastify's `clientErrorHandler`: Node's parser refused what arrived on this socket. */
export function clientErrorHandler(securityHeaders: HeaderList) {
  return function onClientError(error: Error & { code?: string }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, body] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, protocolErrors.tooSlow]
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, protocolErrors.headersTooLarge]
          : [400, protocolErrors.badRequest];
    // As Node does: only when no answer has started on this socket.
    const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !answering?.headersSent) socket.end(rawErrorResponse(status, body, securityHeaders));
    socket.destroySoon();
  };
}

/** Fastify's `frameworkErrors`: the router could not read the address. No hook has run, so the headers are set here. */
export function frameworkErrorHandler(securityHeaders: HeaderList) {
  return function onFrameworkError(_error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    for (const [name, value] of securityHeaders) reply.header(name, value);
    void reply.code(400).header('cache-control', 'no-store').send(protocolErrors.badRequest);
  };
}

/** For the first onRequest hook, after the security headers: HTTP/1.1 requires a Host header. */
export function refuseWithoutHost(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.raw.httpVersion !== '1.1' || request.headers.host !== undefined) return false;
  void reply.code(400).header('connection', 'close').send(protocolErrors.noHost);
  return true;
}

/** Answers an `Expect` header other than 100-continue (Node's own answer would be an empty 417). */
export function registerExpectationFailed(app: FastifyInstance, securityHeaders: HeaderList): void {
  app.server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    res.shouldKeepAlive = false;
    sendRawError(res, 417, protocolErrors.expectationFailed, securityHeaders);
  });
}

/**
 * The methods some route answers at `path` (for a 405's Allow header); empty when none does. A
 * route with parameters (`/applications/:id`) counts; a catch-all (the static files' `/*`) does not.
 */
export function allowedMethods(app: FastifyInstance, path: string): string[] {
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
  return methods.filter((method) => {
    const route = app.findRoute({ url: path, method });
    return route !== null && !('*' in (route.params ?? {}));
  });
}

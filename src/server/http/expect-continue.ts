import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * `Expect: 100-continue`: a client asks before sending a body whether it is wanted. Node answers
 * "100 Continue" at once by itself, before anyone has looked at the request, so an oversized body
 * would be sent in full only to be refused. Here the request goes to the routes first, and
 * "100 Continue" is sent only once the route is known and the announced size fits its own limit.
 * A body too big gets its 413 (`{code, message}`, from the body parser, which closes the
 * connection) without ever being sent.
 */
export function registerExpectContinue(app: FastifyInstance): void {
  // With a listener here Node no longer answers by itself: the request goes through as any other.
  app.server.on('checkContinue', (req, res) => app.server.emit('request', req, res));
  app.addHook('preParsing', async (request, reply, payload) => {
    if (wantsContinue(request) && fits(request)) reply.raw.writeContinue();
    return payload;
  });
}

function wantsContinue(request: FastifyRequest): boolean {
  return request.headers.expect?.trim().toLowerCase() === '100-continue' && !request.raw.complete;
}

function fits(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length']);
  // Without a length (chunked), the limit is checked while the body arrives.
  return Number.isNaN(length) || length <= request.routeOptions.bodyLimit;
}

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/sync.ts';
import { buildServer } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { openSocket, parseRaw, sendRaw, type RawResponse } from './support/raw-http.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * Errors below the routes: what Node's HTTP parser and Fastify's router refuse before any route
 * runs. Sent as raw bytes over a real socket (inject cannot send a broken request). Every answer
 * must still be `{code, message}` in plain words, with the security headers.
 */
let app: FastifyInstance;
let store: Store;
let port = 0;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  const temp = await makeTempDir('protocol');
  cleanups.push(temp.remove);
  store = await openStore({ dataDir: temp.dir });
  cleanups.push(() => store.close());
  app = await buildServer({ store, distDir: dist.dir, deviceMode: 'tablet' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Not listening on a TCP port.');
  port = address.port;
});

afterAll(async () => {
  await app.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function expectPlainError(response: RawResponse, status: number, code?: string): ApiError {
  expect(response.status, JSON.stringify(response)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['permissions-policy']).toContain('camera=()');
  expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  const body = ApiError.parse(JSON.parse(response.body));
  if (code) expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(10);
  expect(body.message).not.toMatch(/FST_|HPE_|ERR_|statusCode/);
  return body;
}

describe('errors Node refuses before Fastify sees the request', () => {
  it.each([
    ['a method HTTP does not have', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    ['both Content-Length and Transfer-Encoding', 'POST /api/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
    ['an HTTP/2 preface on the HTTP/1 port', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a header name with a space in it', 'GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'],
  ])('answers %s with 400, then closes', async (_name, request) => {
    const response = await sendRaw(port, request);
    expectPlainError(response, 400, 'badRequest');
    expect(response.closed).toBe(true);
  });

  it('answers headers that are too large with 431', async () => {
    const response = await sendRaw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectPlainError(response, 431, 'headersTooLarge');
  });

  it('answers an HTTP/1.1 request with no Host header with 400 and says why', async () => {
    const response = await sendRaw(port, 'GET /api/health HTTP/1.1\r\n\r\n');
    const body = expectPlainError(response, 400, 'noHost');
    expect(body.message).toMatch(/Host/);
  });

  it('answers an Expect it does not know with 417', async () => {
    const response = await sendRaw(
      port,
      'POST /api/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: tea\r\n\r\n{}',
    );
    expectPlainError(response, 417, 'expectationFailed');
  });
});

describe('errors the router finds', () => {
  it('answers an address that cannot be decoded with 400', async () => {
    for (const path of ['/api/%zz', '/%E0%A4%A']) {
      expectPlainError(await sendRaw(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`), 400, 'badRequest');
    }
  });

  it('answers a method an API address does not take with 405 and the methods it does', async () => {
    for (const method of ['DELETE', 'PUT', 'PROPFIND', 'OPTIONS']) {
      const response = await sendRaw(port, `${method} /api/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`);
      expectPlainError(response, 405, 'methodNotAllowed');
      expect(response.headers.allow).toBe('POST');
    }
    const pull = await sendRaw(port, 'POST /api/sync/pull HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
    expectPlainError(pull, 405, 'methodNotAllowed');
    expect(pull.headers.allow).toBe('GET, HEAD');
    // An address that does not exist is still a 404.
    expectPlainError(await sendRaw(port, 'DELETE /api/nothing HTTP/1.1\r\nHost: x\r\n\r\n'), 404, 'notFound');
  });

  it('answers bad JSON and the wrong content type from a real socket with the same shape', async () => {
    const json = 'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n{';
    expectPlainError(await sendRaw(port, json), 400, 'badRequest');
    const form = 'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 4\r\n\r\n<a/>';
    expectPlainError(await sendRaw(port, form), 415, 'unsupportedType');
  });
});

describe('a body too big for the address', () => {
  it('is answered 413 before 100 Continue, so the body is never sent', async () => {
    const request =
      'POST /api/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ' +
      'x'.repeat(43) +
      '\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n\r\n';
    const response = await sendRaw(port, request);
    expect(response.statusLines).toEqual(['HTTP/1.1 413 Payload Too Large']);
    expectPlainError(response, 413, 'tooLarge');
  });

  it('uses each address\'s own limit: sign-in refuses more than 4 KB before 100 Continue', async () => {
    const request = 'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n';
    const response = await sendRaw(port, request);
    expect(response.statusLines).toEqual(['HTTP/1.1 413 Payload Too Large']);
    expectPlainError(response, 413, 'tooLarge');
  });

  it('gets 100 Continue when it fits, and then its answer', async () => {
    const body = JSON.stringify({ prisonNumber: 'A1234BC', pin: '12' });
    const socket = await openSocket(port);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const text = () => Buffer.concat(received).toString('utf8');
    const waitFor = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    socket.write(`POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`);
    await waitFor(() => text().includes('\r\n\r\n'));
    expect(text()).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    socket.write(body);
    await waitFor(() => text().endsWith('}'));
    socket.destroy();
    const response = parseRaw(text(), false);
    expect(response.statusLines[0]).toBe('HTTP/1.1 100 Continue');
    expectPlainError(response, 400, 'invalidPin');
  });
});

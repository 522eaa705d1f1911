import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/sync.ts';
import { buildServer, type BuildServerOptions } from '../../src/server/app.ts';
import { defaultMaxConnectionsPerAddress } from '../../src/server/config.ts';
import { defaultConnectionLimits } from '../../src/server/http/connection-guard.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { parseRaw, sendRaw } from './support/raw-http.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * Time-outs and the per-address connection cap, over real sockets: a device (or someone) that
 * opens connections and never finishes its requests must not hold the service's sockets for ever.
 */
let store: Store;
let distDir = '';
const cleanups: Array<() => Promise<void>> = [];
const servers: FastifyInstance[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  distDir = dist.dir;
  const temp = await makeTempDir('connections');
  cleanups.push(temp.remove);
  store = await openStore({ dataDir: temp.dir });
  cleanups.push(() => store.close());
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function listen(options: Partial<BuildServerOptions> = {}): Promise<{ server: FastifyInstance; port: number }> {
  const server = await buildServer({ store, distDir, deviceMode: 'tablet', ...options });
  servers.push(server);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('Not listening on a TCP port.');
  return { server, port: address.port };
}

/** A connection from `from` (any 127.x.y.z address reaches the loopback on Linux). */
function open(port: number, from = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: from }, () => resolve(socket));
    sockets.push(socket);
    socket.once('error', reject);
  });
}

/** Resolves with what arrived on the socket once the server has closed it, and when. */
function closedBy(socket: Socket, started: number): Promise<{ text: string; afterMs: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), afterMs: performance.now() - started }));
  });
}

const health = 'GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n';

describe('time-outs', () => {
  it('has a request, header, keep-alive and idle time-out by default (none was set before)', async () => {
    const { server } = await listen();
    expect(server.server.requestTimeout).toBe(defaultConnectionLimits.requestTimeoutMs);
    expect(server.server.headersTimeout).toBe(defaultConnectionLimits.headersTimeoutMs);
    expect(server.server.keepAliveTimeout).toBe(defaultConnectionLimits.keepAliveTimeoutMs);
    expect(server.server.timeout).toBe(defaultConnectionLimits.idleTimeoutMs);
    for (const value of [server.server.requestTimeout, server.server.headersTimeout, server.server.keepAliveTimeout, server.server.timeout]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(60_000);
    }
    expect(defaultConnectionLimits.headersTimeoutMs).toBeLessThan(defaultConnectionLimits.requestTimeoutMs);
  });

  it('closes 20 requests whose bodies never finish within the time-out, each with a 408 the app can read', async () => {
    const requestTimeoutMs = 1000;
    const { port } = await listen({ connections: { requestTimeoutMs, headersTimeoutMs: 800, checkIntervalMs: 100 } });
    const started = performance.now();
    const closes = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const socket = await open(port);
        const closed = closedBy(socket, started);
        // Says 100 bytes are coming, sends 10, then nothing.
        socket.write('POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"prisonNu');
        return closed;
      }),
    );
    for (const { text, afterMs } of closes) {
      expect(afterMs).toBeGreaterThanOrEqual(requestTimeoutMs - 50);
      expect(afterMs).toBeLessThan(requestTimeoutMs + 2000);
      const response = parseRaw(text, true);
      expect(response.status).toBe(408);
      expect(ApiError.parse(JSON.parse(response.body)).code).toBe('tooSlow');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('closes connections whose headers never finish, and idle kept-alive ones', async () => {
    const { port } = await listen({ connections: { requestTimeoutMs: 2000, headersTimeoutMs: 500, keepAliveTimeoutMs: 300, checkIntervalMs: 100 } });
    const started = performance.now();
    const slowHeaders = await open(port);
    const headersClosed = closedBy(slowHeaders, started);
    slowHeaders.write('GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const idle = await open(port);
    const idleClosed = closedBy(idle, started);
    idle.write(health);
    const [headers, kept] = await Promise.all([headersClosed, idleClosed]);
    expect(headers.afterMs).toBeLessThan(500 + 2000);
    expect(parseRaw(headers.text, true).status).toBe(408);
    expect(parseRaw(kept.text, true).status).toBe(200);
    expect(kept.afterMs).toBeLessThan(300 + 1500);
  });
});

describe('connections per client address', () => {
  it('refuses connection 21 from one address with a readable 429, while other addresses still connect', async () => {
    const { port } = await listen({ connections: { maxPerAddress: 20 } });
    const held = await Promise.all(Array.from({ length: 20 }, () => open(port, '127.0.0.1')));
    // A held connection works (sendRaw closes it afterwards); its place is then taken again.
    expect((await sendRaw(port, health, { socket: held.shift()! })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    held.push(await open(port, '127.0.0.1'));
    expect((await sendRaw(port, health, { socket: held.at(-1)! })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    held[held.length - 1] = await open(port, '127.0.0.1');

    const refused = await sendRaw(port, health, { socket: await open(port, '127.0.0.1') });
    expect(refused.status).toBe(429);
    expect(refused.closed).toBe(true);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
    expect(ApiError.parse(JSON.parse(refused.body)).code).toBe('tooManyConnections');

    // Someone else is not held up.
    expect((await sendRaw(port, health, { socket: await open(port, '127.0.0.2') })).status).toBe(200);
    // When one closes, the address may connect again.
    held.pop()!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await sendRaw(port, health, { socket: await open(port, '127.0.0.1') })).status).toBe(200);
  });

  it('does not count the connections of a trusted proxy, which carries many devices', async () => {
    const { port } = await listen({ connections: { maxPerAddress: 5 }, trustProxy: ['127.0.0.3'] });
    const viaProxy = await Promise.all(Array.from({ length: 12 }, () => open(port, '127.0.0.3')));
    expect((await sendRaw(port, health, { socket: viaProxy[11]! })).status).toBe(200);
    await Promise.all(Array.from({ length: 5 }, () => open(port, '127.0.0.4')));
    expect((await sendRaw(port, health, { socket: await open(port, '127.0.0.4') })).status).toBe(429);
  });

  it('uses the setting MAX_CONNECTIONS_PER_ADDRESS by default', () => {
    expect(defaultConnectionLimits.maxPerAddress).toBe(defaultMaxConnectionsPerAddress);
  });
});

describe('requests in flight at once', () => {
  const pull = 'GET /api/sync/pull?cursor=0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
  /** A push whose body never finishes: it stays in flight until its socket goes. */
  async function holdPush(port: number): Promise<Socket> {
    const socket = await open(port);
    socket.on('error', () => undefined);
    socket.write('POST /api/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"schemaVer');
    return socket;
  }

  it('answers the request past the cap 503 busy with Retry-After at once, keeps health and readiness, and takes requests again when one ends', async () => {
    const { port } = await listen({ connections: { maxRequestsInFlight: 3 } });
    const held = await Promise.all([holdPush(port), holdPush(port), holdPush(port)]);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = performance.now();
    const refused = await sendRaw(port, pull);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.headers['cache-control']).toBe('no-store');
    const body = ApiError.parse(JSON.parse(refused.body));
    expect(body.code).toBe('busy');
    expect(body.message).toMatch(/busy/);
    // A busy process is not a dead or unready one.
    expect((await sendRaw(port, 'GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);
    expect((await sendRaw(port, 'GET /api/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status).toBe(200);

    // A device that goes away mid-request frees its place.
    held[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await sendRaw(port, pull)).status).toBe(401);
    expect((await sendRaw(port, pull)).status).toBe(401);
  });

  it('counts only requests still being worked on: 30 one after another under a cap of 1 are all answered', async () => {
    const { port } = await listen({ connections: { maxRequestsInFlight: 1 } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await sendRaw(port, pull)).status);
    expect(statuses).toEqual(Array.from({ length: 30 }, () => 401));
  });
});

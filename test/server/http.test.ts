import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, Health, Readiness } from '../../src/domain/sync.ts';
import { buildServer } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { fixtureIndexHtml, hashedAssetBody, hashedAssetPath, makeFixtureDist } from './support/fixture-dist.ts';
import { makeTempDir } from './support/temp-dir.ts';
import { ClientReplyTimes, defaultReplyTimes } from '../../src/domain/reply-times.ts';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let app: FastifyInstance;
let store: Store;
const cleanups: Array<() => Promise<void>> = [];
let distDir = '';

async function freshStore(): Promise<Store> {
  const temp = await makeTempDir('http-store');
  const opened = await openStore({ dataDir: temp.dir });
  cleanups.push(async () => {
    await opened.close();
    await temp.remove();
  });
  return opened;
}

beforeAll(async () => {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  distDir = dist.dir;
  store = await freshStore();
  app = await buildServer({ store, distDir, deviceMode: 'tablet' });
  // A stand-in JSON endpoint, to check how the service treats bad bodies on every /api route.
  app.post('/api/test/echo', async (request) => ({ received: request.body }));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function expectApiError(response: { headers: Record<string, unknown>; json(): unknown }, code?: string) {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = ApiError.parse(response.json());
  if (code) expect(body.code).toBe(code);
  expect(body.message.length).toBeGreaterThan(0);
  return body;
}

describe('health', () => {
  it('reports ok with the engine, after asking the store', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const health = Health.parse(response.json());
    expect(health.engine).toBe('sqlite');
    expect(response.headers['cache-control']).toBe('no-store');
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(Readiness.parse(ready.json()).engine).toBe('sqlite');
  });

  it('stays live when the store is down, and answers readiness 503 with a plain error and Retry-After', async () => {
    const broken = await freshStore();
    const server = await buildServer({ store: broken, distDir, deviceMode: 'tablet' });
    await broken.close();
    // Liveness never asks the database: restarting the process would not bring it back.
    const live = await server.inject({ method: 'GET', url: '/api/health' });
    expect(live.statusCode).toBe(200);
    expect(Health.parse(live.json()).status).toBe('ok');
    const response = await server.inject({ method: 'GET', url: '/api/ready' });
    expect(response.statusCode).toBe(503);
    expectApiError(response, 'storeUnavailable');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['retry-after']).toBe('5');
    await server.close();
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: html });
    const csp = String(response.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    // WebAssembly may be compiled (read-aloud's speech engine); JavaScript may never be eval'd.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('sends the other protective headers, and never Clear-Site-Data', async () => {
    for (const url of ['/', '/api/health', hashedAssetPath, '/api/nothing-here', '/config.json']) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['x-frame-options']).toBe('DENY');
      const permissions = String(response.headers['permissions-policy']);
      for (const feature of ['camera=()', 'microphone=()', 'geolocation=()']) expect(permissions).toContain(feature);
      expect(response.headers['clear-site-data']).toBeUndefined();
    }
  });
});

describe('static files', () => {
  it('caches hashed assets for a year and revalidates everything else', async () => {
    const cases: Array<[string, string]> = [
      [hashedAssetPath, 'public, max-age=31536000, immutable'],
      ['/', 'no-cache'],
      ['/index.html', 'no-cache'],
      ['/sw.js', 'no-cache'],
      ['/manifest.webmanifest', 'no-cache'],
      ['/display-settings-boot.js', 'no-cache'],
      ['/icons/icon.svg', 'no-cache'],
    ];
    for (const [url, cacheControl] of cases) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe(cacheControl);
    }
  });

  it('compresses with brotli or gzip', async () => {
    const br = await app.inject({ method: 'GET', url: hashedAssetPath, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(hashedAssetBody.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(hashedAssetBody);

    const gzip = await app.inject({ method: 'GET', url: hashedAssetPath, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(hashedAssetBody);

    const plain = await app.inject({ method: 'GET', url: hashedAssetPath });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(hashedAssetBody);
  });

  it('opens the app for a deep link, but not for a missing asset or API path', async () => {
    const deepLink = await app.inject({ method: 'GET', url: '/plan/objective-1?from=home', headers: html });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.headers['content-type']).toMatch(/^text\/html/);
    expect(deepLink.headers['cache-control']).toBe('no-cache');
    expect(deepLink.body).toBe(fixtureIndexHtml);

    const notHtml = await app.inject({ method: 'GET', url: '/plan/objective-1', headers: { accept: 'application/json' } });
    expect(notHtml.statusCode).toBe(404);

    const missingAsset = await app.inject({ method: 'GET', url: '/assets/index-Missing1.js', headers: html });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.headers['cache-control']).toBe('no-store');
  });

  it('never serves a file from an api folder or a dotfile', async () => {
    const dotfile = await app.inject({ method: 'GET', url: '/.env' });
    expect(dotfile.statusCode).toBe(404);
    expect(dotfile.body).not.toContain('SECRET');
    const api = await app.inject({ method: 'GET', url: '/api/only-a-file.txt' });
    expect(api.statusCode).toBe(404);
    expectApiError(api, 'notFound');
  });
});

describe('/api errors', () => {
  it('answers an unknown /api path with 404 JSON, even for a browser', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await app.inject({ method, url: '/api/no-such-thing', headers: html });
      expect(response.statusCode).toBe(404);
      expectApiError(response, 'notFound');
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"items": [',
    });
    expect(response.statusCode).toBe(400);
    expectApiError(response, 'badRequest');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a body that is too big with 413', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(300 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expectApiError(response, 'tooLarge');
  });

  it('refuses a body that is not JSON with 415, and an empty JSON body with 400', async () => {
    const xml = await app.inject({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    expect(xml.statusCode).toBe(415);
    expectApiError(xml, 'unsupportedType');
    const empty = await app.inject({ method: 'POST', url: '/api/test/echo', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expectApiError(empty);
  });

  it('accepts a good JSON body', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { ok: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: { ok: true } });
  });

  it('hides the details of a server fault', async () => {
    const server = await buildServer({ store, distDir, deviceMode: 'tablet' });
    server.get('/api/test/boom', async () => {
      throw new Error('secret internal detail');
    });
    const response = await server.inject({ method: 'GET', url: '/api/test/boom' });
    expect(response.statusCode).toBe(500);
    const body = expectApiError(response, 'serverError');
    expect(body.message).not.toContain('secret');
    await server.close();
  });
});

describe('client addresses behind a proxy (TRUST_PROXY)', () => {
  async function ipServer(trustProxy?: string[]) {
    const server = await buildServer({ store, distDir, deviceMode: 'tablet', ...(trustProxy ? { trustProxy } : {}) });
    // The address every limit uses.
    server.get('/api/test/ip', async (request) => ({ ip: request.ip }));
    await server.ready();
    return server;
  }
  const ipOf = async (server: FastifyInstance, remoteAddress: string, forwarded?: string) =>
    (await server.inject({ method: 'GET', url: '/api/test/ip', remoteAddress, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} })).json().ip;

  it('believes X-Forwarded-For only from a listed proxy, and never by default', async () => {
    const none = await ipServer();
    expect(await ipOf(none, '10.0.0.1', '203.0.113.7')).toBe('10.0.0.1');
    await none.close();

    const behind = await ipServer(['10.0.0.1', '10.8.0.0/16']);
    expect(await ipOf(behind, '10.0.0.1', '203.0.113.7')).toBe('203.0.113.7');
    expect(await ipOf(behind, '10.8.4.2', '203.0.113.8')).toBe('203.0.113.8');
    // A device that is not a proxy cannot choose its own address.
    expect(await ipOf(behind, '10.9.0.1', '203.0.113.9')).toBe('10.9.0.1');
    // Only the last hop added by a trusted proxy counts; what the device wrote before it does not.
    expect(await ipOf(behind, '10.0.0.1', '1.2.3.4, 203.0.113.10')).toBe('203.0.113.10');
    await behind.close();
  });
});

describe('/config.json', () => {
  it.each(['public', 'tablet', 'kiosk'] as const)('tells the app the device mode (%s)', async (deviceMode) => {
    const server = await buildServer({ store, distDir, deviceMode });
    const response = await server.inject({ method: 'GET', url: '/config.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ deviceMode });
    expect(response.headers['cache-control']).toBe('no-cache');
    await server.close();
  });

  it('tells a prison device how long the OMU usually takes to answer each type (the deployment\'s, else the defaults), in the shared shape; families get none', async () => {
    const replyTimes = { ...defaultReplyTimes, seeMyPom: { workingDays: 3 } };
    const server = await buildServer({ store, distDir, deviceMode: 'kiosk', replyTimes });
    const body = (await server.inject({ method: 'GET', url: '/config.json' })).json() as { replyTimes: unknown };
    expect(ClientReplyTimes.parse(body.replyTimes)).toEqual(replyTimes);
    await server.close();
    const plain = await buildServer({ store, distDir, deviceMode: 'tablet' });
    expect((await plain.inject({ method: 'GET', url: '/config.json' })).json()).toEqual({ deviceMode: 'tablet', replyTimes: defaultReplyTimes });
    await plain.close();
    const families = await buildServer({ store, distDir, deviceMode: 'public' });
    expect((await families.inject({ method: 'GET', url: '/config.json' })).json()).toEqual({ deviceMode: 'public' });
    await families.close();
  });
});

describe('over a real socket', () => {
  it('serves health and the app on 127.0.0.1', async () => {
    const server = await buildServer({ store, distDir, deviceMode: 'kiosk' });
    await server.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = server.server.address();
      if (!address || typeof address === 'string') throw new Error('Not listening on a TCP port.');
      expect(address.address).toBe('127.0.0.1');
      const base = `http://127.0.0.1:${address.port}`;
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(Health.parse(await health.json()).engine).toBe('sqlite');

      const page = await fetch(`${base}/some/deep/link`, { headers: html });
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(fixtureIndexHtml);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

      const asset = await fetch(`${base}${hashedAssetPath}`, { headers: { 'accept-encoding': 'br' } });
      expect(asset.headers.get('content-encoding')).toBe('br');
      expect(await asset.text()).toBe(hashedAssetBody);
    } finally {
      await server.close();
    }
  });
});

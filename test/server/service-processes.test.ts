import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse } from '../../src/domain/sync.ts';
import { demoSignIns } from '../../src/server/demo/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { serviceDatabase, signInOver, startServiceChild, type ServiceChild } from './support/service-process.ts';

/**
 * Two real service processes (node src/server/main.ts, each with its own pool) on one
 * PostgreSQL, started at the same moment on an empty schema (so both migrate and seed at once):
 * whatever one process does to a sign-in, the other sees at once. Then WORKERS=2 on one machine.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const [alex, bo, cal] = demoSignIns;
const cleanups: Array<() => Promise<unknown>> = [];
const deviceId = () => randomBytes(16).toString('base64url');

async function post(base: string, path: string, body: unknown, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const pull = (base: string, token: string) => fetch(`${base}/api/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${token}` } });

describe.skipIf(!databaseUrl)('two service processes on one PostgreSQL', () => {
  let a: ServiceChild;
  let b: ServiceChild;

  beforeAll(async () => {
    const db = await serviceDatabase('postgres', databaseUrl);
    cleanups.push(db.dispose);
    const dist = await makeFixtureDist();
    cleanups.push(dist.remove);
    const env = { ...db.env, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on' };
    [a, b] = await Promise.all([startServiceChild(env), startServiceChild(env)]);
    cleanups.push(() => a.stop(), () => b.stop());
  });

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('both started at once on an empty database: one set of migrations, one set of demo people', async () => {
    const fromA = await signInOver(a.base, alex!.prisonNumber, alex!.pin);
    const fromB = await signInOver(b.base, alex!.prisonNumber, alex!.pin);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    // The same person on both: one row, not two seeded copies.
    expect((fromA.body.person as { personId: string }).personId).toBe((fromB.body.person as { personId: string }).personId);
  });

  it('a sign-in made on one process works on the other, and signing out on the other ends it on both', async () => {
    const signIn = await signInOver(a.base, bo!.prisonNumber, bo!.pin);
    const token = String(signIn.body.accessToken);
    const pulled = await pull(b.base, token);
    expect(pulled.status).toBe(200);
    expect(PullResponse.parse(await pulled.json()).changes.length).toBeGreaterThan(0);

    const out = await fetch(`${b.base}/api/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    expect((await pull(a.base, token)).status).toBe(401);
  });

  it('a refresh token rotated on one process is refused as reused on the other, which ends the sign-in everywhere', async () => {
    const signIn = await signInOver(a.base, cal!.prisonNumber, cal!.pin);
    const first = String(signIn.body.refreshToken);
    const rotated = await post(a.base, '/api/auth/refresh', { refreshToken: first });
    expect(rotated.status).toBe(200);
    const newAccess = String(rotated.body.accessToken);
    expect((await pull(b.base, newAccess)).status).toBe(200);

    const reused = await post(b.base, '/api/auth/refresh', { refreshToken: first });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('signInNeeded');
    // Reuse ended the whole sign-in: the pair made on A no longer works on either process.
    expect((await pull(a.base, newAccess)).status).toBe(401);
    expect((await post(a.base, '/api/auth/refresh', { refreshToken: String(rotated.body.refreshToken) })).status).toBe(401);
  });

  it('wrong PINs count across both processes: four on A and B, the fifth is held on A, and the right PIN on B waits too', async () => {
    const device = deviceId();
    const wrongPin = alex!.pin === '000000' ? '111111' : '000000';
    for (const [n, service] of [a, b, a, b].entries()) {
      const attempt = await signInOver(service.base, alex!.prisonNumber, wrongPin, device);
      expect([attempt.status, attempt.body.code], `try ${n + 1}`).toEqual([401, 'wrongSignIn']);
    }
    // The fifth wrong PIN is answered with the wait, as on one process (sign-in-api-suite.ts).
    const fifth = await post(a.base, '/api/auth/sign-in', { prisonNumber: alex!.prisonNumber, pin: wrongPin, deviceId: device });
    expect([fifth.status, fifth.body.code, fifth.headers.get('retry-after')]).toEqual([429, 'tooManyTries', '30']);
    for (const service of [b, a]) {
      const held = await post(service.base, '/api/auth/sign-in', { prisonNumber: alex!.prisonNumber, pin: alex!.pin, deviceId: device });
      expect([held.status, held.body.code]).toEqual([429, 'tooManyTries']);
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!databaseUrl)('WORKERS=2 on one machine', () => {
  it('serves from two processes on the same ports, and SIGTERM stops them all with exit 0', async () => {
    const db = await serviceDatabase('postgres', databaseUrl);
    const dist = await makeFixtureDist();
    try {
      const service = await startServiceChild({ ...db.env, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on', WORKERS: '2' });
      try {
        // Ready answers once one worker listens; the primary says "listening" once both do.
        for (let waited = 0; !service.logLines().some((line) => line.msg === 'listening') && waited < 20_000; waited += 100) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(service.logLines().some((line) => line.msg === 'listening')).toBe(true);
        const signIn = await signInOver(service.base, alex!.prisonNumber, alex!.pin);
        expect(signIn.status).toBe(200);
        const token = String(signIn.body.accessToken);
        // Each fetch with `connection: close` is a new connection; the primary hands them out in turn.
        for (let i = 0; i < 12; i += 1) {
          const response = await fetch(`${service.base}/api/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
          expect(response.status).toBe(200);
          await response.arrayBuffer();
        }
        const servedBy = new Set(
          service
            .logLines()
            .filter((line) => line.msg === 'incoming request' && (line.req as { route?: string } | undefined)?.route === '/api/sync/pull')
            .map((line) => line.pid),
        );
        expect(servedBy.size).toBe(2);
        expect(servedBy.has(service.pid)).toBe(false);
      } finally {
        expect(await service.stop()).toEqual({ code: 0, signal: null });
      }
      const stopped = service.logLines().filter((line) => line.msg === 'stopped');
      expect(stopped.length).toBe(2);
      expect(service.logLines().some((line) => line.msg === 'every service process has stopped' && line.failed === 0)).toBe(true);
    } finally {
      await dist.remove();
      await db.dispose();
    }
  });
});

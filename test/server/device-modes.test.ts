import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceMode } from '../../src/domain/device.ts';
import { buildServer } from '../../src/server/app.ts';
import { seedDemoData } from '../../src/server/demo/index.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * Device modes, set by the deployment only. A `public` deployment (families, often on the open
 * internet) has no sign-in and no personal data at all: its service has no sign-in or sync
 * endpoints, so nobody can try PINs or read a plan through it.
 */

const servers = new Map<DeviceMode, FastifyInstance>();
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  for (const mode of ['public', 'tablet', 'kiosk'] as const) {
    const temp = await makeTempDir(`modes-${mode}`);
    const store: Store = await openStore({ dataDir: temp.dir });
    await seedDemoData(store);
    cleanups.push(async () => {
      await store.close();
      await temp.remove();
    });
    const app = await buildServer({ store, distDir: dist.dir, deviceMode: mode });
    await app.ready();
    servers.set(mode, app);
  }
});

afterAll(async () => {
  for (const app of servers.values()) await app.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const personal = [
  { method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: 'A1234BC', pin: '482913' } },
  { method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: 'x'.repeat(43) } },
  { method: 'POST', url: '/api/auth/resume', payload: { deviceId: 'd'.repeat(22), resumeToken: 'x'.repeat(43) } },
  { method: 'POST', url: '/api/auth/sign-out', payload: {} },
  { method: 'GET', url: '/api/sync/pull?cursor=0' },
  { method: 'POST', url: '/api/sync/push', payload: { schemaVersion: 1, items: [] } },
] as const;

describe('device modes on the service', () => {
  it.each(['public', 'tablet', 'kiosk'] as const)('/config.json tells the app the deployment’s mode (%s)', async (mode) => {
    const response = await servers.get(mode)!.inject({ method: 'GET', url: '/config.json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ deviceMode: mode });
  });

  it.each(personal)('public: $method $url does not exist (no sign-in, nothing personal)', async (request) => {
    const response = await servers.get('public')!.inject(request);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(response.headers['content-security-policy']).toBeDefined();
  });

  it('public: the demo prison number and PIN sign nobody in', async () => {
    const response = await servers.get('public')!.inject(personal[0]);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('accessToken');
  });

  it.each(['tablet', 'kiosk'] as const)('%s: sign-in works', async (mode) => {
    const response = await servers.get(mode)!.inject(personal[0]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveProperty('accessToken');
  });
});

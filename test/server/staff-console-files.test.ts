import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { buildStaffServer } from '../../src/server/staff/staff-app.ts';
import type { Store } from '../../src/server/store/index.ts';
import { describeOnEngine } from './support/engines.ts';
import { fixtureIndexHtml, makeFixtureDist } from './support/fixture-dist.ts';
import type { StoreHarness } from './support/store-harness.ts';
import { makeTempDir } from './support/temp-dir.ts';

/**
 * The staff console's files: served by the staff listener at `/` with its own strict
 * Content-Security-Policy and sensible caching, and never by the prisoner-facing listener.
 */
const consoleHtml = '<!doctype html><html lang="en"><head><title>OMU staff console</title></head><body><div id="root"></div></body></html>';
const consoleAsset = '/assets/index-St4ffC0n.js';

for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'the staff console files', (makeHarness) => {
    describe(`the staff console's files: ${engine}`, () => {
      let appDist: { dir: string; remove(): Promise<void> };
      let staffDist: { dir: string; remove(): Promise<void> };
      let harness: StoreHarness;
      let store: Store;
      const servers: FastifyInstance[] = [];

      beforeAll(async () => {
        appDist = await makeFixtureDist();
        staffDist = await makeTempDir('dist-staff');
        await mkdir(join(staffDist.dir, 'assets'));
        await writeFile(join(staffDist.dir, 'index.html'), consoleHtml);
        await writeFile(join(staffDist.dir, consoleAsset), 'console.log("console");\n');
      });
      afterAll(async () => {
        await appDist?.remove();
        await staffDist?.remove();
      });
      beforeEach(async () => {
        harness = await makeHarness();
        store = await harness.open();
      });
      afterEach(async () => {
        for (const server of servers.splice(0)) await server.close();
        await store.close().catch(() => undefined);
        await harness.dispose();
      });

      async function staffListener(staffDistDir?: string): Promise<FastifyInstance> {
        const server = await buildStaffServer({ store, staffOrigin: 'http://staff.test', staffPort: 8081, housekeeping: false, staffDistDir });
        servers.push(server);
        await server.ready();
        return server;
      }
      async function prisonerListener(): Promise<FastifyInstance> {
        const server = await buildServer({ store, distDir: appDist.dir, deviceMode: 'tablet', signInHousekeeping: false });
        servers.push(server);
        await server.ready();
        return server;
      }

      it('serves the console at / and at every page address, never kept, with a CSP that allows no worker, no eval and nothing from elsewhere', async () => {
        const staff = await staffListener(staffDist.dir);
        for (const url of ['/', '/people/A1234BC', '/applications?status=open']) {
          const page = await staff.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
          expect(page.statusCode, url).toBe(200);
          expect(page.body, url).toBe(consoleHtml);
          expect(page.headers['cache-control'], url).toBe('no-store');
          const csp = String(page.headers['content-security-policy']);
          for (const directive of ["default-src 'none'", "script-src 'self'", "worker-src 'none'", "manifest-src 'none'", "frame-ancestors 'none'", "connect-src 'self'"]) {
            expect(csp, `${url}: ${directive}`).toContain(directive);
          }
          expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval/);
        }
        const asset = await staff.inject({ method: 'GET', url: consoleAsset });
        expect(asset.statusCode).toBe(200);
        expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      });

      it('keeps the API as it was: JSON errors, no page for /api or a missing asset', async () => {
        const staff = await staffListener(staffDist.dir);
        const session = await staff.inject({ method: 'GET', url: '/api/staff/v1/session', headers: { accept: 'text/html' } });
        expect(session.statusCode).toBe(401);
        expect(session.json()).toMatchObject({ code: 'staffSignInNeeded' });
        expect((await staff.inject({ method: 'GET', url: '/api/nothing', headers: { accept: 'text/html' } })).statusCode).toBe(404);
        const missing = await staff.inject({ method: 'GET', url: '/assets/gone-12345678.js', headers: { accept: 'text/html' } });
        expect(missing.statusCode).toBe(404);
        expect(missing.body).not.toBe(consoleHtml);
        // A page address asked for by something that is not a browser gets no page either.
        expect((await staff.inject({ method: 'GET', url: '/people' })).statusCode).toBe(404);
        // Only GET and HEAD: a POST to a page address is not the page.
        expect((await staff.inject({ method: 'POST', url: '/people', headers: { accept: 'text/html', origin: 'http://staff.test' }, payload: {} })).statusCode).toBe(404);
      });

      it('the prisoner-facing listener never serves the console, not even its files by name', async () => {
        const prisoner = await prisonerListener();
        const asset = await prisoner.inject({ method: 'GET', url: consoleAsset });
        expect(asset.statusCode).toBe(404);
        for (const url of ['/', '/people/A1234BC']) {
          const page = await prisoner.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
          expect(page.body, url).toBe(fixtureIndexHtml);
          expect(page.body, url).not.toContain('OMU staff console');
        }
        expect(String((await prisoner.inject({ method: 'GET', url: '/' })).headers['content-security-policy'])).toContain('wasm-unsafe-eval');
      });

      it('without a built console the staff listener serves the API only', async () => {
        const empty = await makeTempDir('dist-staff-empty');
        try {
          for (const staff of [await staffListener(undefined), await staffListener(empty.dir)]) {
            expect((await staff.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } })).statusCode).toBe(404);
            expect((await staff.inject({ method: 'GET', url: '/api/staff/v1/session' })).statusCode).toBe(401);
          }
        } finally {
          await empty.remove();
        }
      });
    });
  });
}

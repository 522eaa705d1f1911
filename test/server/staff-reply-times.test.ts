import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultReplyTimes, withDefaultReplyTimes } from '../../src/domain/reply-times.ts';
import { StaffReplyTimes } from '../../src/domain/staff.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../src/server/ids.ts';
import { buildStaffServer } from '../../src/server/staff/staff-app.ts';
import type { Store } from '../../src/server/store/index.ts';
import { describeOnEngine } from './support/engines.ts';
import type { StoreHarness } from './support/store-harness.ts';

/** GET reply-times on the staff listener: the deployment's table for the inbox, to signed-in staff only. */
const cheap = { N: 1024, r: 8, p: 1 };
const origin = 'http://staff.test';
const password = 'north pom password';

for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'staff reply times', (makeHarness) => {
    describe(`GET reply-times: ${engine}`, () => {
      let harness: StoreHarness;
      let store: Store;
      const servers: FastifyInstance[] = [];

      beforeEach(async () => {
        harness = await makeHarness();
        store = await harness.open();
        await store.staff.putPrisons([{ prisonId: 'NTH', name: 'HMP North' }]);
        await store.staff.insertAccount(
          { staffId: newOpaqueId('st'), username: 'pom.north', displayName: 'Priya', role: 'pom', prisonId: 'NTH', passwordHash: await hashPin(password, cheap), mustChangePassword: false, createdAt: new Date().toISOString() },
          null,
        );
      });
      afterEach(async () => {
        for (const server of servers.splice(0)) await server.close();
        await store.close().catch(() => undefined);
        await harness.dispose();
      });

      async function listener(replyTimes?: Parameters<typeof buildStaffServer>[0]['replyTimes']): Promise<FastifyInstance> {
        const server = await buildStaffServer({ store, staffOrigin: origin, staffPort: 8081, housekeeping: false, passwordHashParams: cheap, replyTimes });
        servers.push(server);
        await server.ready();
        return server;
      }
      async function cookieFor(server: FastifyInstance): Promise<string> {
        const response = await server.inject({ method: 'POST', url: '/api/staff/v1/sign-in', headers: { origin }, payload: { username: 'pom.north', password } });
        expect(response.statusCode, response.body).toBe(200);
        return String(response.headers['set-cookie']).split(';')[0]!;
      }

      it('answers the deployment’s reply times to a signed-in member, and nothing without a sign-in', async () => {
        const server = await listener(withDefaultReplyTimes({ seeMyPom: { workingDays: 3 } }));
        expect((await server.inject({ method: 'GET', url: '/api/staff/v1/reply-times' })).statusCode).toBe(401);
        const response = await server.inject({ method: 'GET', url: '/api/staff/v1/reply-times', headers: { cookie: await cookieFor(server) } });
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        const body = StaffReplyTimes.parse(response.json());
        expect(body.replyTimes.seeMyPom).toEqual({ workingDays: 3 });
        expect(body.replyTimes.copyOfOasys).toEqual(defaultReplyTimes.copyOfOasys);
      });

      it('without settings, the defaults', async () => {
        const server = await listener();
        const response = await server.inject({ method: 'GET', url: '/api/staff/v1/reply-times', headers: { cookie: await cookieFor(server) } });
        expect(StaffReplyTimes.parse(response.json()).replyTimes).toEqual(defaultReplyTimes);
      });
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { currentSchemaVersion } from '../../src/domain/sync.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPin, type ScryptParams } from '../../src/server/auth/pin-hash.ts';
import { createServiceMetrics, type ServiceMetrics } from '../../src/server/metrics/metrics.ts';
import { buildStaffServer } from '../../src/server/staff/staff-app.ts';
import type { Store } from '../../src/server/store/index.ts';
import { describeOnEngine } from './support/engines.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationItem } from './support/outbox.ts';
import type { StoreHarness } from './support/store-harness.ts';

/**
 * GET /metrics on the staff listener: the Prometheus text format with requests by route and
 * status, latency histograms, push outcomes, sign-in holds and (PostgreSQL) pool use; only with
 * the token when METRICS_TOKEN is set; never on the prisoners' listener.
 */
const cheap: ScryptParams = { N: 1024, r: 8, p: 1 };
const token = 'scrape-token-for-the-test-0123';

/** The value of one series, read from the text as a scraper would. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`No ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'metrics', (makeHarness) => {
    describe(`metrics on the staff listener: ${engine}`, () => {
      let harness: StoreHarness;
      let store: Store;
      let metrics: ServiceMetrics;
      let people: FastifyInstance;
      let staff: FastifyInstance;
      let removeDist: () => Promise<void>;

      beforeAll(async () => {
        harness = await makeHarness();
        store = await harness.open();
        const dist = await makeFixtureDist();
        removeDist = dist.remove;
        metrics = createServiceMetrics();
        metrics.watchPool(() => store.poolUse());
        people = await buildServer({ store, distDir: dist.dir, deviceMode: 'tablet', pinHashParams: cheap, signInHousekeeping: false, metrics });
        staff = await buildStaffServer({ store, staffPort: 8081, housekeeping: false, metrics, metricsToken: token });
      });

      afterAll(async () => {
        await people.close();
        await staff.close();
        await store.close();
        await harness.dispose();
        await removeDist();
      });

      const scrape = async () => {
        const response = await staff.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
        return response.body;
      };

      it('counts requests by route pattern and status, with a latency histogram, and push outcomes', async () => {
        await store.insertPerson({ personId: 'p-metrics', prisonNumber: 'M1234ET', displayName: 'Metric Person', pinHash: await hashPin('135790', cheap) });
        const before = await scrape();
        expect(sample(before, 'spc_sync_push_items_total{result="applied"}')).toBe(0);

        const signIn = await people.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: 'M1234ET', pin: '135790' } });
        expect(signIn.statusCode, signIn.body).toBe(200);
        const auth = { authorization: `Bearer ${signIn.json<{ accessToken: string }>().accessToken}` };
        const item = applicationItem('Metrics test words');
        const broken = { ...applicationItem('x'), payload: { nonsense: true } };
        for (let i = 0; i < 2; i += 1) {
          await people.inject({ method: 'POST', url: '/api/sync/push', headers: auth, payload: { schemaVersion: currentSchemaVersion, items: [item, broken] } });
        }
        for (let i = 0; i < 6; i += 1) {
          await people.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: 'M1234ET', pin: '000000', deviceId: 'metrics-device-000000001' } });
        }

        const text = await scrape();
        expect(sample(text, 'spc_http_requests_total{listener="people",method="POST",route="/api/sync/push",status="200"}')).toBe(2);
        expect(sample(text, 'spc_http_requests_total{listener="people",method="POST",route="/api/auth/sign-in",status="429"}')).toBe(2);
        expect(sample(text, 'spc_http_request_duration_seconds_count{listener="people",route="/api/sync/push"}')).toBe(2);
        expect(sample(text, 'spc_http_request_duration_seconds_bucket{listener="people",route="/api/sync/push",le="+Inf"}')).toBe(2);
        expect(sample(text, 'spc_sync_push_items_total{result="applied"}')).toBe(1);
        expect(sample(text, 'spc_sync_push_items_total{result="duplicate"}')).toBe(1);
        expect(sample(text, 'spc_sync_push_items_total{result="rejected"}')).toBe(2);
        expect(sample(text, 'spc_sign_in_held_total{limit="pair"}')).toBe(2);
        // The staff listener's own requests are counted under its name (the scrapes before this one).
        expect(sample(text, 'spc_http_requests_total{listener="staff",method="GET",route="/metrics",status="200"}')).toBeGreaterThanOrEqual(1);
        expect(text).toContain('# TYPE spc_http_request_duration_seconds histogram');
        if (engine === 'postgres') expect(sample(text, 'spc_db_pool_connections{state="total"}')).toBeGreaterThan(0);
        else expect(text).not.toContain('spc_db_pool_connections');
        // Nothing about a person in any label.
        expect(text).not.toMatch(/M1234ET|Metric Person|p-metrics/);
      });

      it('answers only the metrics token, and is not on the prisoners\' listener', async () => {
        for (const authorization of [undefined, 'Bearer wrong-token-wrong-token-00', `Bearer ${token}x`]) {
          const response = await staff.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
          expect(response.statusCode).toBe(401);
          expect(response.json()).toMatchObject({ code: 'metricsTokenNeeded' });
        }
        expect((await people.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      });
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchemaVersion } from '../../src/domain/sync.ts';
import { demoSignIns } from '../../src/server/demo/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationOfType } from './support/outbox.ts';
import { serviceDatabase, signInOver, startServiceChild, type ServiceChild } from './support/service-process.ts';

/**
 * GET /metrics with WORKERS=2 (node:cluster, two real worker processes on PostgreSQL): whichever
 * worker a scrape reaches, it answers with both workers' counts added up; a worker that dies
 * keeps its counts (as last scraped) in the totals; METRICS_TOKEN is still needed.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const token = 'workers-metrics-token-0123456789';
const [alex] = demoSignIns;
const cleanups: Array<() => Promise<unknown>> = [];

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`No ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

describe.skipIf(!databaseUrl)('metrics added up across WORKERS=2', () => {
  let service: ServiceChild;

  beforeAll(async () => {
    const db = await serviceDatabase('postgres', databaseUrl);
    cleanups.push(db.dispose);
    const dist = await makeFixtureDist();
    cleanups.push(dist.remove);
    service = await startServiceChild({ ...db.env, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on', WORKERS: '2', METRICS_TOKEN: token });
    cleanups.push(() => service.stop());
    // Ready answers as soon as one worker listens; the primary says when both do.
    for (let i = 0; i < 300 && !service.logLines().some((line) => line.msg === 'listening' && line.pid === service.pid); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A scrape on a new connection (so the primary hands it to the next worker), and who answered it. */
  const scrape = async () => {
    const response = await fetch(`${service.staffBase}/metrics`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
    expect(response.status).toBe(200);
    return response.text();
  };

  const servedBy = (route: string) =>
    new Set(
      service
        .logLines()
        .filter((line) => line.msg === 'incoming request' && (line.req as { route?: string } | undefined)?.route === route)
        .map((line) => line.pid as number),
    );

  it('answers every scrape with both workers\' counts added up', async () => {
    const healthChecks = 40;
    for (let i = 0; i < healthChecks; i += 1) {
      const response = await fetch(`${service.base}/api/health`, { headers: { connection: 'close' } });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const signIn = await signInOver(service.base, alex!.prisonNumber, alex!.pin);
    expect(signIn.status).toBe(200);
    const items = [applicationOfType(0, 'Counted once'), applicationOfType(1, 'Counted twice')];
    // Four pushes of the same two items on new connections: 2 applied, then 6 duplicates, on both workers.
    for (let i = 0; i < 4; i += 1) {
      const push = await fetch(`${service.base}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${String(signIn.body.accessToken)}`, connection: 'close' },
        body: JSON.stringify({ schemaVersion: currentSchemaVersion, items }),
      });
      expect(push.status).toBe(200);
      await push.arrayBuffer();
    }
    expect(servedBy('/api/health').size, 'the health checks reached both workers').toBe(2);
    expect(servedBy('/api/sync/push').size, 'the pushes reached both workers').toBe(2);

    for (let i = 0; i < 4; i += 1) {
      const text = await scrape();
      expect(sample(text, 'spc_http_requests_total{listener="people",method="GET",route="/api/health",status="200"}')).toBe(healthChecks);
      expect(sample(text, 'spc_http_request_duration_seconds_count{listener="people",route="/api/health"}')).toBe(healthChecks);
      expect(sample(text, 'spc_http_request_duration_seconds_bucket{listener="people",route="/api/health",le="+Inf"}')).toBe(healthChecks);
      expect(sample(text, 'spc_http_requests_total{listener="people",method="POST",route="/api/sync/push",status="200"}')).toBe(4);
      expect(sample(text, 'spc_sync_push_items_total{result="applied"}')).toBe(2);
      expect(sample(text, 'spc_sync_push_items_total{result="duplicate"}')).toBe(6);
      expect(sample(text, 'spc_metrics_processes{state="answered"}')).toBe(2);
      expect(sample(text, 'spc_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(2);
      // The scrapes before this one, whichever worker answered them.
      const scrapes = 'spc_http_requests_total{listener="staff",method="GET",route="/metrics",status="200"}';
      if (i === 0) expect(text).not.toContain(scrapes);
      else expect(sample(text, scrapes)).toBe(i);
    }
    expect(servedBy('/metrics').size, 'the scrapes reached both workers').toBe(2);
  });

  it('still needs the metrics token', async () => {
    for (const authorization of [undefined, 'Bearer not-the-token-not-the-token-0']) {
      const response = await fetch(`${service.staffBase}/metrics`, { headers: { connection: 'close', ...(authorization ? { authorization } : {}) } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'metricsTokenNeeded' });
    }
  });

  it('keeps a worker\'s counts in the totals after it dies, and says so', async () => {
    const before = await scrape();
    const healthBefore = sample(before, 'spc_http_requests_total{listener="people",method="GET",route="/api/health",status="200"}');
    const [victim] = [...servedBy('/api/health')];
    process.kill(victim!, 'SIGKILL');
    // The primary starts another worker; wait until both answer again.
    let text = '';
    for (let i = 0; i < 100; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const response = await fetch(`${service.staffBase}/metrics`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } }).catch(() => null);
      if (response?.status !== 200) continue;
      text = await response.text();
      if (sample(text, 'spc_metrics_processes{state="answered"}') === 2 && sample(text, 'spc_metrics_processes{state="stopped"}') === 1) break;
    }
    expect(sample(text, 'spc_metrics_processes{state="stopped"}')).toBe(1);
    expect(sample(text, 'spc_metrics_processes{state="answered"}')).toBe(2);
    expect(sample(text, 'spc_http_requests_total{listener="people",method="GET",route="/api/health",status="200"}')).toBe(healthBefore);
    expect(sample(text, 'spc_sync_push_items_total{result="applied"}')).toBe(2);
  });
});

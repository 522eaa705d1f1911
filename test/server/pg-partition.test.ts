import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchemaVersion, PullResponse, PushResponse, type OutboxItem } from '../../src/domain/sync.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { storeDownRetryAfterSeconds } from '../../src/server/http/api-errors.ts';
import { readinessDeadlineMs } from '../../src/server/routes/health.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { progressNoteItem } from './support/outbox.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

/**
 * A network partition between the service and PostgreSQL: bytes stop moving both ways, with no
 * refusal and no reset (a relay of the test's own, support/tcp-proxy.ts, pauses both sides).
 * Unlike a restart (pg-restart.test.ts), nothing ever fails by itself: without time-outs every
 * request waited for ever. Here the service's pool is given short ones (1 s to connect, 1 s for
 * an answer; the defaults are 10 s and 20 s), and every request that needs the database must be
 * answered 503 `storeUnavailable` with Retry-After within a bound; liveness stays 200 and
 * readiness says 503 within its deadline. When the network heals the same process serves again by
 * itself, and a batch sent during the partition, sent again, is stored exactly once.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const cheap = { N: 1024, r: 8, p: 1 };
const timeouts = { connectMs: 1_000, answerMs: 1_000 };
/** An answer during the partition may wait for one time-out, then a rollback's: never more than this. */
const answerBoundMs = 4_000;

describe.skipIf(!databaseUrl)('the network to PostgreSQL partitioned and healed', () => {
  let admin: pg.Client;
  let schema: string;
  let proxy: TcpProxy;
  let store: Store;
  let app: FastifyInstance;
  let removeDist: () => Promise<void>;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    schema = `partition_${Math.random().toString(36).slice(2, 10)}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const target = new URL(databaseUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(databaseUrl!);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    through.searchParams.set('options', `-c search_path=${schema}`);
    store = await openStore({ databaseUrl: through.toString(), dataDir: '', postgresTimeouts: timeouts });
    for (let n = 0; n < 3; n++) {
      await store.insertPerson({ personId: `partition-${n}`, prisonNumber: `P${1000 + n}TS`, displayName: `Partition Person ${n}`, pinHash: await hashPin(`40000${n}`, cheap) });
    }
    const dist = await makeFixtureDist();
    removeDist = dist.remove;
    app = await buildServer({ store, distDir: dist.dir, deviceMode: 'tablet', logger: false });
  });

  afterAll(async () => {
    proxy?.heal();
    await app?.close();
    await store?.close();
    await proxy?.close();
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
    await removeDist?.();
  });

  async function timed(request: InjectOptions) {
    const started = performance.now();
    const response = await app.inject(request);
    return { status: response.statusCode, retryAfter: response.headers['retry-after'], body: response.json() as { code?: string }, ms: performance.now() - started };
  }
  const push = (token: string, items: OutboxItem[]) =>
    timed({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { schemaVersion: currentSchemaVersion, items } });
  const pull = (token: string) => timed({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${token}` } });

  it('answers 503 with Retry-After within a bound while cut off, recovers by itself, and stores a resent batch once', { timeout: 60_000 }, async () => {
    const tokens: string[] = [];
    for (let n = 0; n < 3; n++) {
      const signedIn = await timed({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: `P${1000 + n}TS`, pin: `40000${n}`, deviceId: `partition-device-${n}-000000` } });
      expect(signedIn.status).toBe(200);
      tokens.push((signedIn.body as unknown as { accessToken: string }).accessToken);
    }
    const before = [progressNoteItem('Written before the partition')];
    expect((await push(tokens[0]!, before)).status).toBe(200);

    proxy.partition();
    const during = tokens.map((_, n) => [progressNoteItem(`Device ${n} note sent while cut off`), progressNoteItem(`Device ${n} second note sent while cut off`)]);
    const answers = await Promise.all([
      ...tokens.map((token, n) => push(token, during[n]!)),
      ...tokens.map((token) => pull(token)),
      timed({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: 'P1000TS', pin: '400000', deviceId: 'partition-device-0-000000' } }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.body.code).toBe('storeUnavailable');
      expect(answer.retryAfter).toBe(String(storeDownRetryAfterSeconds));
      expect(answer.ms).toBeLessThan(answerBoundMs);
    }
    const ready = await timed({ method: 'GET', url: '/api/ready' });
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(readinessDeadlineMs + 1_000);
    expect((await timed({ method: 'GET', url: '/api/health' })).status).toBe(200);
    // Still cut off a few seconds on: still 503, never a hang.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const later = await pull(tokens[1]!);
    expect(later.status).toBe(503);
    expect(later.ms).toBeLessThan(answerBoundMs);

    proxy.heal();
    // The same process serves again by itself; each device sends its batch again, as the outbox does.
    let readyAgain = 0;
    for (let i = 0; i < 40 && readyAgain !== 200; i++) {
      readyAgain = (await timed({ method: 'GET', url: '/api/ready' })).status;
      if (readyAgain !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(readyAgain).toBe(200);
    for (const [n, token] of tokens.entries()) {
      const resent = await push(token, during[n]!);
      expect(resent.status).toBe(200);
      for (const result of PushResponse.parse(resent.body).results) expect(['applied', 'duplicate']).toContain(result.status);
      const pulled = await pull(token);
      expect(pulled.status).toBe(200);
      PullResponse.parse(pulled.body);
    }
    // Every note exactly once: the one from before, and each sent during the partition.
    const { rows } = await admin.query<{ text: string; n: string }>(`SELECT text, COUNT(*) AS n FROM ${schema}.progress_notes GROUP BY text ORDER BY text`);
    const expected = [...before, ...during.flat()].map((item) => (item.payload as { text: string }).text).sort();
    expect(rows.map((row) => row.text)).toEqual(expected);
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
  });
});

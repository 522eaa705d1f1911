import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchemaVersion, PullResponse, PushResponse, type OutboxItem } from '../../src/domain/sync.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { storeDownRetryAfterSeconds } from '../../src/server/http/api-errors.ts';
import { openStore } from '../../src/server/store/index.ts';
import { findServerBinDir, startCluster, type Cluster } from '../pg/cluster.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationOfType, everyApplicationType, progressNoteItem } from './support/outbox.ts';
import { startServiceChild, type ServiceChild } from './support/service-process.ts';

/**
 * PostgreSQL stopped and started again under load, below a real service process
 * (`node src/server/main.ts`), on a throwaway cluster of the test's own (so no other test file
 * loses its database). Devices behave like the app's outbox: each has its own items with stable
 * ids and sends them in small batches; a network error, a 503 or any 5xx means "send the same
 * batch again later" (after Retry-After, never sooner); `duplicate` counts as done. They pull
 * after each push. A prober asks readiness, liveness and a pull every 300 ms throughout.
 *
 * While the database is down every answer that needs it is 503 `storeUnavailable` with
 * Retry-After (never a 500, never an answer slower than a bound), liveness stays 200 and
 * readiness says 503; sign-in gets 503 and counts no wrong PIN. When the database is back the same
 * process serves again by itself, and in the end every item is stored exactly once (rows counted
 * in the tables) and every device's pull shows each of its applications once. One push is
 * caught part way through its transaction when the database stops (it waits on a row lock the
 * test holds, after its processed-id rows are written): it must roll back, and its resend apply.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const binDir = findServerBinDir();
const cheap = { N: 1024, r: 8, p: 1 };
const deviceCount = 10;
const notesPerDevice = 15;
const batchSize = 3;
/** No answer may take longer than this, outage or not (the pool's connection time-out is below it). */
const answerBoundMs = 6_000;
/** How long the database stays down. */
const outageMs = 3_000;

type Answer = { at: number; path: string; status: number | 'network' | 'timeout'; retryAfter: string | null; code: string | null; ms: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const prisonNumber = (n: number) => `R${1000 + n}ST`;
const pinOf = (n: number) => String(200_000 + n * 7);
const wrongPinOf = (n: number) => String(300_000 + n * 7);

describe.skipIf(!databaseUrl || !binDir)('PostgreSQL restarted under load', () => {
  let cluster: Cluster;
  let service: ServiceChild;
  let removeDist: () => Promise<void>;
  const answers: Answer[] = [];
  /** The prober runs while this is true (also ended by afterAll if the test fails part way). */
  let probing = false;

  /** One request, timed and recorded; never throws. */
  async function call(path: string, init: RequestInit & { base?: string } = {}): Promise<{ answer: Answer; body: unknown }> {
    const started = Date.now();
    const record = (status: Answer['status'], response?: Response, body?: unknown) => {
      const code = body && typeof body === 'object' && 'code' in body ? String((body as { code: unknown }).code) : null;
      const answer: Answer = { at: started, path, status, retryAfter: response?.headers.get('retry-after') ?? null, code, ms: Date.now() - started };
      answers.push(answer);
      return { answer, body };
    };
    try {
      const response = await fetch(`${init.base ?? service.base}${path}`, { ...init, signal: AbortSignal.timeout(answerBoundMs + 4_000) });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return record(response.status, response, body);
    } catch (error) {
      return record((error as Error).name === 'TimeoutError' ? 'timeout' : 'network');
    }
  }

  const json = (body: unknown, token?: string): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

  async function signIn(n: number, pin = pinOf(n), deviceId = `restart-device-${n}-0000000`) {
    return call('/api/auth/sign-in', json({ prisonNumber: prisonNumber(n), pin, deviceId }));
  }

  async function tokenFor(n: number): Promise<string> {
    const { answer, body } = await signIn(n);
    if (answer.status !== 200) throw new Error(`Sign-in ${n} answered ${answer.status}`);
    return (body as { accessToken: string }).accessToken;
  }

  /** The wait the app would take after a refusal: never less than Retry-After, with jitter on top. */
  const waitAfter = (answer: Answer, attempt: number) =>
    sleep(Math.max(Math.random() * Math.min(4_000, 500 * 2 ** attempt), answer.retryAfter ? Number(answer.retryAfter) * 1000 : 0));

  type Device = { n: number; token: string; items: OutboxItem[]; applied: Map<string, number>; acknowledged: Set<string>; rejected: string[] };

  /** Sends `batch` until it is answered 200 (same ids each time), as the outbox does. */
  async function sendUntilAnswered(device: Device, batch: OutboxItem[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const { answer, body } = await call('/api/sync/push', json({ schemaVersion: currentSchemaVersion, items: batch }, device.token));
      if (answer.status === 200) {
        for (const result of PushResponse.parse(body).results) {
          if (result.status === 'rejected') device.rejected.push(`${result.id}: ${result.code}`);
          if (result.status === 'applied') device.applied.set(result.id, (device.applied.get(result.id) ?? 0) + 1);
          device.acknowledged.add(result.id);
        }
        return;
      }
      await waitAfter(answer, attempt);
    }
  }

  async function runDevice(device: Device, pace: number): Promise<void> {
    for (let i = 0; i < device.items.length; i += batchSize) {
      await sendUntilAnswered(device, device.items.slice(i, i + batchSize));
      await call('/api/sync/pull?cursor=0', { headers: { authorization: `Bearer ${device.token}` } });
      await sleep(pace);
    }
  }

  /** Every page of the person's pull, from the start. */
  async function pullAll(token: string): Promise<PullResponse['changes']> {
    const changes: PullResponse['changes'] = [];
    let cursor = '0';
    for (;;) {
      const { answer, body } = await call(`/api/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);
      const page = PullResponse.parse(body);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return changes;
    }
  }

  beforeAll(async () => {
    cluster = await startCluster(binDir!, 'restart_test');
    const store = await openStore({ databaseUrl: cluster.url, dataDir: '' });
    try {
      // Devices 0…9, the one whose push is cut (10), the one signing in during the outage (11), the prober (12).
      for (let n = 0; n <= deviceCount + 2; n += 1) {
        await store.insertPerson({ personId: `restart-${n}`, prisonNumber: prisonNumber(n), displayName: `Restart Person ${n}`, pinHash: await hashPin(pinOf(n), cheap) });
      }
    } finally {
      await store.close();
    }
    const dist = await makeFixtureDist();
    removeDist = dist.remove;
    service = await startServiceChild({ DATABASE_URL: cluster.url, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'off' });
  });

  afterAll(async () => {
    probing = false;
    await service?.stop();
    cluster?.stop();
    await removeDist?.();
  });

  it('answers 503 with Retry-After while the database is down, recovers by itself, and stores every item exactly once', { timeout: 90_000 }, async () => {
    const devices: Device[] = [];
    for (let n = 0; n < deviceCount; n += 1) {
      const items: OutboxItem[] = [
        ...everyApplicationType.map((_, i) => applicationOfType(i, `Device ${n} application ${i}`)),
        ...Array.from({ length: notesPerDevice }, (_, i) => progressNoteItem(`Device ${n} note ${i}`)),
      ].sort(() => Math.random() - 0.5);
      devices.push({ n, token: await tokenFor(n), items, applied: new Map(), acknowledged: new Set(), rejected: [] });
    }
    const cutN = deviceCount;
    const cut: Device = {
      n: cutN,
      token: await tokenFor(cutN),
      items: [progressNoteItem('Cut note before'), applicationOfType(0, 'The application whose push is cut'), progressNoteItem('Cut note after')],
      applied: new Map(),
      acknowledged: new Set(),
      rejected: [],
    };
    const outagePerson = deviceCount + 1;
    const proberToken = await tokenFor(deviceCount + 2);

    // The prober: liveness, readiness and a pull, every 300 ms, until told to stop.
    probing = true;
    const prober = (async () => {
      while (probing) {
        await Promise.all([call('/api/health'), call('/api/ready'), call('/api/sync/pull?cursor=0', { headers: { authorization: `Bearer ${proberToken}` } })]);
        await sleep(300);
      }
    })();

    const load = Promise.all(devices.map((device) => runDevice(device, 250)));
    await sleep(1_500);

    // A push caught part way: the test holds an uncommitted row with the application's id, so the
    // push writes its processed ids, then waits on that row's key when it inserts the application.
    const blocker = new pg.Client({ connectionString: cluster.url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query('BEGIN');
    const cutApplication = cut.items[1]!;
    await blocker.query(
      `INSERT INTO applications (id, person_id, type, details, status, created_at, received_at, updated_at) VALUES ($1, 'restart-${deviceCount + 2}', 'seeMyPom', 'held by the test', 'received', $2, $2, $2)`,
      [cutApplication.id, new Date().toISOString()],
    );
    const cutPush = call('/api/sync/push', json({ schemaVersion: currentSchemaVersion, items: cut.items }, cut.token));
    const watcher = new pg.Client({ connectionString: cluster.url });
    watcher.on('error', () => undefined);
    await watcher.connect();
    for (let i = 0; ; i += 1) {
      const waiting = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO applications%'`);
      if (waiting.rowCount) break;
      if (i > 200) throw new Error('The cut push never reached the application insert.');
      await sleep(25);
    }
    const processedBeforeStop = await watcher.query('SELECT count(*)::int AS n FROM processed_outbox WHERE person_id = $1', [`restart-${cutN}`]);
    expect(processedBeforeStop.rows[0].n, 'nothing of the cut push is committed yet').toBe(0);
    await watcher.end();

    // The restart: stopped (sessions cut), down for a while, started on the same data and port.
    const stopAsked = Date.now();
    await cluster.stopServer();
    const down = Date.now();
    const cutAnswer = (await cutPush).answer;

    // Sign-in during the outage: wrong PINs and the right one, all 503, none counted.
    const outageSignIns: Answer[] = [];
    for (const pin of [wrongPinOf(outagePerson), wrongPinOf(outagePerson), wrongPinOf(outagePerson), pinOf(outagePerson), wrongPinOf(outagePerson)]) {
      outageSignIns.push((await signIn(outagePerson, pin)).answer);
    }
    await sleep(Math.max(0, outageMs - (Date.now() - down)));
    const startAsked = Date.now();
    await cluster.startServer();
    const up = Date.now();

    // It recovers by itself: readiness says so again soon, with the same process.
    let readyAgain: number | null = null;
    for (let i = 0; i < 100 && readyAgain === null; i += 1) {
      const { answer } = await call('/api/ready');
      if (answer.status === 200) readyAgain = Date.now();
      else await sleep(100);
    }
    expect(readyAgain, `ready again within 10 s of the database being back; the service said:\n${service.output().slice(-3000)}`).not.toBeNull();

    await sendUntilAnswered(cut, cut.items);
    await load;
    const caughtUp = Date.now();
    probing = false;
    await prober;

    // During the outage, every answer needing the database was 503 storeUnavailable with Retry-After.
    const needsDatabase = (a: Answer) => a.path !== '/api/health';
    const during = answers.filter((a) => a.at >= down && a.at + a.ms <= startAsked);
    const overall503 = answers.filter((a) => a.status === 503);
    const summary = {
      outageMs: up - stopAsked,
      stopTookMs: down - stopAsked,
      startTookMs: up - startAsked,
      readyAgainAfterMs: readyAgain! - up,
      caughtUpAfterMs: caughtUp - up,
      requests: answers.length,
      answered503: overall503.length,
      during: during.length,
      statuses: Object.fromEntries([...new Set(answers.map((a) => String(a.status)))].map((s) => [s, answers.filter((a) => String(a.status) === s).length])),
      slowestMs: Math.max(...answers.map((a) => a.ms)),
      cutPush: cutAnswer.status,
    };
    console.log(`pg-restart: ${JSON.stringify(summary)}`);

    expect(during.filter(needsDatabase).length, 'requests reached the service while the database was down').toBeGreaterThan(20);
    for (const a of during.filter(needsDatabase)) expect([a.path, a.status, a.code]).toEqual([a.path, 503, 'storeUnavailable']);
    for (const a of during.filter((x) => x.path === '/api/health')) expect(a.status).toBe(200);
    // Over the whole run: only 200 or 503, every 503 with the Retry-After the service promises, none slow.
    const serviceErrors = service.logLines().filter((line) => Number(line.level) >= 50).slice(-5).map((line) => JSON.stringify(line));
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503), `answers other than 200 and 503; the service logged:\n${serviceErrors.join('\n')}`).toEqual([]);
    for (const a of overall503) expect([a.code, a.retryAfter]).toEqual(['storeUnavailable', String(storeDownRetryAfterSeconds)]);
    expect(summary.slowestMs, 'slowest answer').toBeLessThan(answerBoundMs);
    // Once ready again, no more 503 (the pool has let go of its dead connections).
    expect(answers.filter((a) => a.status === 503 && a.at > readyAgain! + 500)).toEqual([]);

    // Devices honour Retry-After, so it decides how soon they catch up after a restart of a few seconds.
    expect(summary.caughtUpAfterMs, 'every device caught up after the database was back').toBeLessThan(15_000);

    // The cut push was refused, and its resend applied every item (not "duplicate": nothing had committed).
    expect([cutAnswer.status, cutAnswer.code]).toEqual([503, 'storeUnavailable']);
    expect(cut.rejected).toEqual([]);
    expect([...cut.applied.keys()].sort()).toEqual(cut.items.map((item) => item.id).sort());

    // Sign-in during the outage: 503, and no wrong PIN was counted: four wrong ones now are answered
    // "wrong" (a fifth counted one would be held), and the right PIN still signs in.
    for (const a of outageSignIns) expect([a.status, a.code, a.retryAfter]).toEqual([503, 'storeUnavailable', String(storeDownRetryAfterSeconds)]);
    for (let i = 0; i < 4; i += 1) expect((await signIn(outagePerson, wrongPinOf(outagePerson))).answer.status, `wrong PIN ${i + 1} after`).toBe(401);
    expect((await signIn(outagePerson)).answer.status).toBe(200);

    // Every item exactly once: each acknowledged, none applied twice, one row each in the tables.
    const everyDevice = [...devices, cut];
    for (const device of everyDevice) {
      expect(device.rejected).toEqual([]);
      expect(device.acknowledged.size).toBe(device.items.length);
      for (const [id, times] of device.applied) expect(times, id).toBe(1);
    }
    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const people = everyDevice.map((d) => `restart-${d.n}`);
      const sent = everyDevice.flatMap((d) => d.items);
      const count = async (sql: string) => (await db.query(sql, [people])).rows.map((row: { id: string }) => row.id).sort();
      const sentIds = (kind: OutboxItem['kind']) => sent.filter((item) => item.kind === kind).map((item) => item.id).sort();
      expect(await count('SELECT id FROM processed_outbox WHERE person_id = ANY($1)')).toEqual(sent.map((item) => item.id).sort());
      expect(await count('SELECT id FROM applications WHERE person_id = ANY($1)')).toEqual(sentIds('application'));
      expect(await count('SELECT id FROM progress_notes WHERE person_id = ANY($1)')).toEqual(sentIds('progressNote'));
      // One first reply per application in the change log (a doubled effect would show here: no key stops it).
      expect(await count(`SELECT entity_id AS id FROM change_log WHERE entity = 'applicationReply' AND person_id = ANY($1)`)).toEqual(sentIds('application'));
      console.log(`pg-restart: items sent ${sent.length}, processed rows ${sent.length}, applications ${sentIds('application').length}, notes ${sentIds('progressNote').length}`);
    } finally {
      await db.end();
    }
    // Each device's pull shows each of its applications once.
    for (const device of everyDevice) {
      const replies = (await pullAll(device.token)).filter((change) => change.entity === 'applicationReply').map((change) => change.data.applicationId).sort();
      expect(replies).toEqual(device.items.filter((item) => item.kind === 'application').map((item) => item.id).sort());
    }

    // The same process served throughout: it never stopped.
    let exited = false;
    void service.exited.then(() => (exited = true));
    await sleep(0);
    expect(exited).toBe(false);
    await blocker.end().catch(() => undefined);
  });
});

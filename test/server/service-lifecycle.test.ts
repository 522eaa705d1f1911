import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { currentSchemaVersion as schemaVersion, PushResponse } from '../../src/domain/sync.ts';
import { demoSignIns } from '../../src/server/demo/index.ts';
import { openStore } from '../../src/server/store/index.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationItem } from './support/outbox.ts';
import { openSocket, parseRaw } from './support/raw-http.ts';
import { serviceDatabase, signInOver, startServiceChild, type ServiceChild } from './support/service-process.ts';

/**
 * The real service process (node src/server/main.ts) stopping on SIGTERM: it stops accepting at
 * once, lets a request already started finish, closes its store and exits 0; a request that does
 * not finish within SHUTDOWN_GRACE_SECONDS is cut, and the process still exits.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const engines = ['sqlite', ...(databaseUrl ? ['postgres' as const] : [])] as const;
const person = demoSignIns[0]!;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(engine: 'sqlite' | 'postgres', env: Record<string, string> = {}) {
  const db = await serviceDatabase(engine, databaseUrl);
  cleanups.push(db.dispose);
  const dist = await makeFixtureDist();
  cleanups.push(dist.remove);
  const service = await startServiceChild({ ...db.env, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on', ...env });
  cleanups.push(() => service.stop());
  return { service, db };
}

/** A push whose body is sent only in part: the request is in flight until `finish` sends the rest. */
async function halfSentPush(service: ServiceChild, accessToken: string, details: string) {
  const item = applicationItem(details);
  const body = Buffer.from(JSON.stringify({ schemaVersion, items: [item] }));
  const socket: Socket = await openSocket(service.port);
  const received: Buffer[] = [];
  let closed = false;
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  const head = `POST /api/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${accessToken}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  socket.write(Buffer.concat([Buffer.from(head), body.subarray(0, 20)]));
  return {
    item,
    finish: () => socket.write(body.subarray(20)),
    answer: async () => {
      const deadline = Date.now() + 15_000;
      while (!closed && Date.now() < deadline) {
        const raw = parseRaw(Buffer.concat(received).toString('utf8'), false);
        if (raw.status >= 200 && raw.headers['content-length'] && Buffer.byteLength(raw.body) >= Number(raw.headers['content-length'])) return raw;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return parseRaw(Buffer.concat(received).toString('utf8'), closed);
    },
  };
}

async function waitForLog(service: ServiceChild, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!service.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`No "${text}" in the log:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

for (const engine of engines) {
  describe(`stopping a service process: ${engine}`, () => {
    it('on SIGTERM stops accepting, lets a push already started finish and be applied, then exits 0', async () => {
      const { service, db } = await started(engine, { SHUTDOWN_GRACE_SECONDS: '20' });
      const signIn = await signInOver(service.base, person.prisonNumber, person.pin);
      expect(signIn.status).toBe(200);
      const push = await halfSentPush(service, String(signIn.body.accessToken), 'Please can I see my POM before my review.');
      await new Promise((resolve) => setTimeout(resolve, 200));

      service.signal('SIGTERM');
      await waitForLog(service, 'stopping: no new connections');
      // New connections are refused at once on both listeners (a load balancer moves on).
      expect(await refused(`${service.base}/api/health`)).toBe(true);
      expect(await refused(`${service.staffBase}/api/health`)).toBe(true);

      push.finish();
      const answer = await push.answer();
      expect(answer.status, answer.body).toBe(200);
      expect(PushResponse.parse(JSON.parse(answer.body)).results).toEqual([{ id: push.item.id, status: 'applied' }]);
      expect(await service.exited).toEqual({ code: 0, signal: null });
      expect(service.logLines().some((line) => line.msg === 'stopped')).toBe(true);

      // Applied means stored: the application is there when the database is opened again.
      const store = await openStore({ dataDir: db.env.DATA_DIR ?? '', ...(db.env.DATABASE_URL ? { databaseUrl: db.env.DATABASE_URL } : {}) });
      try {
        const owner = await store.getPerson(person.prisonNumber);
        expect((await store.listApplications(owner!.personId)).map((a) => a.id)).toEqual([push.item.id]);
      } finally {
        await store.close();
      }
    });

    it('cuts a request that does not finish within SHUTDOWN_GRACE_SECONDS, and still exits 0 soon after', async () => {
      const { service, db } = await started(engine, { SHUTDOWN_GRACE_SECONDS: '1' });
      const signIn = await signInOver(service.base, person.prisonNumber, person.pin);
      const push = await halfSentPush(service, String(signIn.body.accessToken), 'This one is never sent in full.');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stoppedAt = performance.now();
      service.signal('SIGTERM');
      expect(await service.exited).toEqual({ code: 0, signal: null });
      const tookMs = performance.now() - stoppedAt;
      expect(tookMs).toBeGreaterThanOrEqual(900);
      expect(tookMs).toBeLessThan(8_000);
      expect(service.logLines().some((line) => String(line.msg).startsWith('stopped: some requests did not finish in time'))).toBe(true);
      expect((await push.answer()).closed).toBe(true);

      const store = await openStore({ dataDir: db.env.DATA_DIR ?? '', ...(db.env.DATABASE_URL ? { databaseUrl: db.env.DATABASE_URL } : {}) });
      try {
        const owner = await store.getPerson(person.prisonNumber);
        expect(await store.listApplications(owner!.personId)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('answers liveness without the database and readiness from it, on both listeners', async () => {
      const { service } = await started(engine);
      for (const base of [service.base, service.staffBase]) {
        const live = await fetch(`${base}/api/health`);
        expect(live.status).toBe(200);
        expect(((await live.json()) as { engine: string }).engine).toBe(engine);
        const ready = await fetch(`${base}/api/ready`);
        expect(ready.status).toBe(200);
        expect(((await ready.json()) as { status: string }).status).toBe('ready');
      }
    });
  });
}

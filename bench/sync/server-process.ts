/**
 * The sync service under test, in its own process (as in production: the load generator must not
 * share the service's event loop). Started by bench/sync.ts with `fork`; talks over IPC:
 *   parent → { type: 'start', engine, databaseUrl?, devices }   child → { type: 'ready', port, people, setupMs }
 *   parent → { type: 'count' }                                  child → { type: 'count', items }
 *   parent → { type: 'stop' }                                   child exits
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { buildServer } from '../../src/server/app.ts';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { demoPeople } from '../../src/server/demo/index.ts';
import { newOpaqueId } from '../../src/server/ids.ts';
import { openStore, type Store } from '../../src/server/store/index.ts';
import { benchPin, benchPrisonNumber, type BenchPerson, type CountMessage, type ReadyMessage, type StartMessage, type StatsMessage } from './protocol.ts';

let store: Store | null = null;

// Where the service's time goes during a phase: event-loop delay, and garbage-collection pauses.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let gcMs = 0;
let gcMaxMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcMaxMs = Math.max(gcMaxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

let cpuMark = process.cpuUsage();
let wallMark = performance.now();

function takeStats(): StatsMessage {
  const cpu = process.cpuUsage(cpuMark);
  const stats: StatsMessage = {
    type: 'stats',
    cpuShare: (cpu.user + cpu.system) / 1000 / (performance.now() - wallMark),
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
    gcMs,
    gcMaxMs,
  };
  loopDelay.reset();
  cpuMark = process.cpuUsage();
  wallMark = performance.now();
  gcMs = 0;
  gcMaxMs = 0;
  return stats;
}
let dataDir: string | null = null;
let distDir: string | null = null;
let people: BenchPerson[] = [];
let close: (() => Promise<void>) | null = null;

async function start(message: StartMessage): Promise<ReadyMessage> {
  const started = performance.now();
  dataDir = await mkdtemp(join(tmpdir(), 'spc-bench-sync-data-'));
  // The bench needs only /api: an empty folder stands in for the built app.
  distDir = await mkdtemp(join(tmpdir(), 'spc-bench-sync-dist-'));
  store = await openStore({ dataDir, ...(message.databaseUrl ? { databaseUrl: message.databaseUrl } : {}) });

  // scrypt is slow on purpose (N=2^15: ~0.15 s each here). The bench people share ONE hash made
  // with N=2^10, the lowest cost the service accepts, so 200 sign-ins take seconds, not minutes.
  // Sign-in is not what is measured: its time is excluded from every figure.
  const pinHash = await hashPin(benchPin, { N: 2 ** 10, r: 8, p: 1 });
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  people = [];
  for (let i = 0; i < message.devices; i++) {
    const personId = newOpaqueId('p');
    const prisonNumber = benchPrisonNumber(i);
    const demo = demoPeople[i % demoPeople.length]!;
    await store.insertPerson({ personId, prisonNumber, displayName: `${demo.displayName} ${i}`, pinHash });
    // A real demo plan each, so the first pull has something to carry.
    await store.putPlan(demo.buildPlan({ personId, planId: newOpaqueId('plan'), today, now: now.toISOString() }));
    people.push({ personId, prisonNumber, pin: benchPin });
  }

  const server = await buildServer({
    store,
    distDir,
    deviceMode: 'tablet',
    logger: false,
    // Every simulated device signs in from 127.0.0.1, as a prison behind one address would: the
    // default limits let them all in (sign-ins at once are not counted against the address).
    // The cap on open connections per address is raised: 200 devices each hold their own.
    connections: { maxPerAddress: 10_000 },
    // And the sync rate limit per person: each simulated device pushes many times a second, far
    // beyond any real one (which the limit is sized for).
    syncRateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('No address');
  close = async () => {
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
  };
  return { type: 'ready', port: address.port, people, setupMs: performance.now() - started };
}

async function count(): Promise<CountMessage> {
  let items = 0;
  for (const person of people) items += (await store!.listApplications(person.personId)).length + (await store!.listQuestionnaires(person.personId)).length;
  return { type: 'count', items };
}

async function stop(): Promise<void> {
  await close?.();
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (distDir) await rm(distDir, { recursive: true, force: true });
}

process.on('message', (message: { type: string }) => {
  const reply = (value: unknown) => process.send!(value);
  const fail = (error: unknown) => reply({ type: 'error', message: (error as Error).stack ?? String(error) });
  if (message.type === 'start') start(message as StartMessage).then(reply, fail);
  else if (message.type === 'count') count().then(reply, fail);
  else if (message.type === 'stats') reply(takeStats());
  else if (message.type === 'stop')
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
process.on('disconnect', () => void stop().finally(() => process.exit(0)));

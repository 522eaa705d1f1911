// `node bench/sync.ts [--devices=200 --seconds=8 --pull-seconds=8 --batch=10 --concurrency=16 --items=1000]`
// The sync service under load, on the embedded store AND on PostgreSQL in one run: push
// throughput against the raw engine's own insert rate, pull latency with many devices, and the
// real client flushing a long outbox. Prints a table, PASS/FAIL per target, writes
// bench/results/sync-<timestamp>.json. See bench/README.md, "Sync service and client".
import { cpus, loadavg, totalmem } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { clientFlush, type ClientFlushFigures } from './sync/client-flush.ts';
import { applicationItem, applicationTypes, runPull, runPullBurst, runPush, signInAll, type PullFigures, type PushFigures } from './sync/load.ts';
import { startBenchCluster, type BenchCluster } from './sync/pg-cluster.ts';
import type { EngineName, StatsMessage } from './sync/protocol.ts';
import { rawPostgresInserts, rawSqliteInserts, type RawInsertFigures } from './sync/raw-insert.ts';
import { startBenchService } from './sync/service.ts';
import { ms, perSecond, printTable } from './sync/stats.ts';
import { sqliteSynchronous } from '../src/server/store/sqlite.ts';
import { writeResults } from './results-file.ts';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '8' },
    'pull-seconds': { type: 'string', default: '8' },
    'pull-interval': { type: 'string', default: '1000' },
    batch: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '16' },
    items: { type: 'string', default: '1000' },
    'raw-seconds': { type: 'string', default: '4' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    name: { type: 'string', default: 'sync' },
  },
});
const opts = {
  devices: Number(args.devices),
  seconds: Number(args.seconds),
  pullSeconds: Number(args['pull-seconds']),
  pullIntervalMs: Number(args['pull-interval']),
  batch: Number(args.batch),
  concurrency: Number(args.concurrency),
  items: Number(args.items),
  rawSeconds: Number(args['raw-seconds']),
  warmupSeconds: 1,
  /** Applications per device before the pull phase (one of each type), so every first pull carries the same. */
  seedItems: applicationTypes.length,
};
const engines = args.engines.split(',').map((e) => e.trim()) as EngineName[];

const targets = { pushToRaw: 0.5, pullP99Ms: 50, flushMs: 10_000 };
const load = () => loadavg().map((n) => Number(n.toFixed(2))) as [number, number, number];

type EngineRun = {
  engine: EngineName;
  skipped?: string;
  settings?: string;
  load?: { before: number[]; after: number[] };
  signInMs?: number;
  setupMs?: number;
  raw?: RawInsertFigures;
  /** sqlite only: the engine as the service runs it (checkpoints on a background thread), for information. */
  rawAsService?: RawInsertFigures;
  warmup?: PushFigures;
  push?: PushFigures;
  storedAfterPush?: number;
  appliedTotal?: number;
  seeded?: number;
  pull?: PullFigures;
  burst?: PullFigures;
  client?: ClientFlushFigures;
  serviceDuring?: { push: StatsMessage; pull: StatsMessage };
  benchDuring?: { pull: { loopDelayP99Ms: number; loopDelayMaxMs: number }; pushCpuShare?: number };
  storedAfterClient?: number;
};

// The load generator's own event-loop delay: a stall here shows up as latency too.
const ownLoop = monitorEventLoopDelay({ resolution: 10 });
ownLoop.enable();

const loadAtStart = load();
console.log(`\nSync bench: ${opts.devices} devices, ${cpus().length} cores, Node ${process.version}, load average ${loadAtStart.join(' ')}`);
if (loadAtStart[0] > cpus().length / 2) {
  console.log(`WARNING: the machine is busy (load ${loadAtStart[0]} on ${cpus().length} cores); figures will be noisy.`);
}

async function runEngine(engine: EngineName): Promise<EngineRun> {
  const run: EngineRun = { engine };
  let cluster: BenchCluster | null = null;
  try {
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      console.log('\n[postgres] starting a throwaway PostgreSQL (test/pg/cluster.ts), durable settings');
      cluster = await startBenchCluster();
      if (!cluster) {
        run.skipped = 'PostgreSQL server programs (initdb, pg_ctl, postgres) not found';
        console.log(`\n  !!!!!!!! [postgres] SKIPPED: ${run.skipped} !!!!!!!!\n`);
        return run;
      }
      databaseUrl = cluster.url;
      run.settings = `PostgreSQL ${cluster.settings.server_version}: fsync=${cluster.settings.fsync}, synchronous_commit=${cluster.settings.synchronous_commit}, full_page_writes=${cluster.settings.full_page_writes}, wal_sync_method=${cluster.settings.wal_sync_method}; pool 10`;
    } else {
      run.settings = `node:sqlite, WAL, synchronous=${sqliteSynchronous}`;
    }
    const before = load();

    console.log(`[${engine}] raw engine: one INSERT per transaction for ${opts.rawSeconds} s`);
    run.raw = engine === 'sqlite' ? await rawSqliteInserts(opts.rawSeconds) : await rawPostgresInserts(databaseUrl!, opts.rawSeconds);
    console.log(`  ${perSecond(run.raw.rowsPerSecond)} (${run.raw.settings})`);
    if (engine === 'sqlite') {
      run.rawAsService = await rawSqliteInserts(opts.rawSeconds, { backgroundCheckpoints: true });
      console.log(`  ${perSecond(run.rawAsService.rowsPerSecond)} (${run.rawAsService.settings})`);
    }

    console.log(`[${engine}] service: ${opts.devices} people + 1 for the client, each with a demo plan; signing in over HTTP`);
    const service = await startBenchService(engine, opts.devices + 1, databaseUrl);
    try {
      run.setupMs = service.setupMs;
      const people = service.people.slice(0, opts.devices);
      const clientPerson = service.people[opts.devices]!;
      const signedIn = await signInAll(service.baseUrl, people);
      run.signInMs = signedIn.ms;
      const devices = signedIn.devices;

      // A fixed history for the pull: every device's plan and the replies to `seedItems` applications
      // (one batch each, one application of every type: a person may have one open per type).
      const seed = await runPush(service.baseUrl, devices, { count: devices.length, batch: opts.seedItems, concurrency: opts.concurrency, make: applicationItem });
      run.seeded = seed.applied;

      console.log(`[${engine}] pull: plan + ${opts.seedItems} replies each; ${opts.devices} devices, each every ${opts.pullIntervalMs} ms for ${opts.pullSeconds} s, then all at once`);
      // Warm-up (not counted): the pull route's code paths are cold after the push.
      await runPull(service.baseUrl, devices.slice(0, 20), { seconds: opts.warmupSeconds, intervalMs: 100 });
      await service.stats();
      ownLoop.reset();
      run.pull = await runPull(service.baseUrl, devices, { seconds: opts.pullSeconds, intervalMs: opts.pullIntervalMs });
      const pullStats = await service.stats();
      run.benchDuring = { pull: { loopDelayP99Ms: ownLoop.percentile(99) / 1e6, loopDelayMaxMs: ownLoop.max / 1e6 } };
      console.log(`  ${run.pull.requests} requests, p50 ${ms(run.pull.latency.p50)} p99 ${ms(run.pull.latency.p99)} max ${ms(run.pull.latency.max)}`);
      run.burst = await runPullBurst(service.baseUrl, devices);

      console.log(`[${engine}] push: ${opts.warmupSeconds} s warm-up, then ${opts.seconds} s, batches of ${opts.batch}, ${opts.concurrency} in flight`);
      run.warmup = await runPush(service.baseUrl, devices, { seconds: opts.warmupSeconds, batch: opts.batch, concurrency: opts.concurrency });
      await service.stats();
      const benchCpu = process.cpuUsage();
      const benchWall = performance.now();
      run.push = await runPush(service.baseUrl, devices, { seconds: opts.seconds, batch: opts.batch, concurrency: opts.concurrency });
      console.log(`  ${perSecond(run.push.itemsPerSecond)} applied, request p50 ${ms(run.push.requestLatency.p50)} p99 ${ms(run.push.requestLatency.p99)}`);
      run.serviceDuring = { push: await service.stats(), pull: pullStats };
      const used = process.cpuUsage(benchCpu);
      run.benchDuring!.pushCpuShare = (used.user + used.system) / 1000 / (performance.now() - benchWall);
      run.appliedTotal = run.seeded + run.warmup.applied + run.push.applied;
      run.storedAfterPush = await service.countItems();
      console.log(`  stored items ${run.storedAfterPush}, applied answers ${run.appliedTotal}`);

      console.log(`[${engine}] client: enqueue ${opts.items} items, then flushOutbox`);
      run.client = await clientFlush(service.baseUrl, clientPerson, opts.items);
      console.log(`  flushed in ${ms(run.client.flushMs)}`);
      run.storedAfterClient = await service.countItems();
    } finally {
      await service.stop();
    }
    run.load = { before, after: load() };
    return run;
  } finally {
    cluster?.stop();
  }
}

const runs: EngineRun[] = [];
for (const engine of engines) runs.push(await runEngine(engine));

// One table, engines side by side.
const cell = (run: EngineRun, value: (r: EngineRun) => string) => (run.skipped ? 'SKIPPED' : value(run));
const exactlyOnce = (r: EngineRun) =>
  r.storedAfterPush === r.appliedTotal && r.storedAfterClient === r.appliedTotal! + r.client!.applied && r.client!.applied === opts.items;
console.log(`\nSync service and client (${opts.devices} devices; load average at start ${loadAtStart.join(' ')})\n`);
printTable([
  ['figure', ...runs.map((r) => r.engine)],
  ['raw engine: 1-row INSERT per transaction', ...runs.map((r) => cell(r, (x) => perSecond(x.raw!.rowsPerSecond)))],
  ['push: items applied', ...runs.map((r) => cell(r, (x) => perSecond(x.push!.itemsPerSecond)))],
  ['push ÷ raw', ...runs.map((r) => cell(r, (x) => `${((100 * x.push!.itemsPerSecond) / x.raw!.rowsPerSecond).toFixed(0)} %`))],
  ['raw, checkpoints on a thread as the service (information)', ...runs.map((r) => cell(r, (x) => (x.rawAsService ? perSecond(x.rawAsService.rowsPerSecond) : '—')))],
  ['push ÷ that (information)', ...runs.map((r) => cell(r, (x) => (x.rawAsService ? `${((100 * x.push!.itemsPerSecond) / x.rawAsService.rowsPerSecond).toFixed(0)} %` : '—')))],
  ['push request p50 / p99', ...runs.map((r) => cell(r, (x) => `${ms(x.push!.requestLatency.p50)} / ${ms(x.push!.requestLatency.p99)}`))],
  ['push HTTP errors / rejected', ...runs.map((r) => cell(r, (x) => `${x.push!.httpErrors} / ${x.push!.rejected}`))],
  ['stored = applied (exactly once)', ...runs.map((r) => cell(r, (x) => `${x.storedAfterClient} = ${x.appliedTotal! + x.client!.applied}`))],
  ['pull requests (rate)', ...runs.map((r) => cell(r, (x) => `${x.pull!.requests} (${x.pull!.requestsPerSecond.toFixed(0)}/s)`))],
  ['pull p50', ...runs.map((r) => cell(r, (x) => ms(x.pull!.latency.p50)))],
  ['pull p95', ...runs.map((r) => cell(r, (x) => ms(x.pull!.latency.p95)))],
  ['pull p99', ...runs.map((r) => cell(r, (x) => ms(x.pull!.latency.p99)))],
  ['pull max', ...runs.map((r) => cell(r, (x) => ms(x.pull!.latency.max)))],
  ['pull p99: first (cursor 0) / incremental', ...runs.map((r) => cell(r, (x) => `${ms(x.pull!.fromZero.p99)} / ${ms(x.pull!.incremental.p99)}`))],
  ['pull burst (all at once) p50 / p99', ...runs.map((r) => cell(r, (x) => `${ms(x.burst!.latency.p50)} / ${ms(x.burst!.latency.p99)}`))],
  [`client: enqueue ${opts.items}`, ...runs.map((r) => cell(r, (x) => ms(x.client!.enqueueMs)))],
  [`client: flush ${opts.items}`, ...runs.map((r) => cell(r, (x) => ms(x.client!.flushMs)))],
  [`client: pull (replies to its ${applicationTypes.length} applications)`, ...runs.map((r) => cell(r, (x) => ms(x.client!.pullMs)))],
  ['CPU share during push: service / bench', ...runs.map((r) => cell(r, (x) => `${(100 * x.serviceDuring!.push.cpuShare).toFixed(0)} % / ${(100 * x.benchDuring!.pushCpuShare!).toFixed(0)} %`))],
  ['service loop delay max / GC total, push', ...runs.map((r) => cell(r, (x) => `${ms(x.serviceDuring!.push.loopDelayMaxMs)} / ${ms(x.serviceDuring!.push.gcMs)}`))],
  ['service loop delay max / GC total, pull', ...runs.map((r) => cell(r, (x) => `${ms(x.serviceDuring!.pull.loopDelayMaxMs)} / ${ms(x.serviceDuring!.pull.gcMs)}`))],
  ['bench (client side) loop delay max, pull', ...runs.map((r) => cell(r, (x) => ms(x.benchDuring!.pull.loopDelayMaxMs)))],
  ['load average before → after', ...runs.map((r) => cell(r, (x) => `${x.load!.before[0]} → ${x.load!.after[0]}`))],
]);
for (const r of runs) if (r.settings) console.log(`  ${r.engine}: ${r.settings}`);

const checks = runs.flatMap((r) =>
  r.skipped
    ? [{ engine: r.engine, target: 'all', value: 'SKIPPED', pass: null as boolean | null }]
    : [
        { engine: r.engine, target: `push ≥ ${targets.pushToRaw * 100} % of raw insert rate`, value: `${((100 * r.push!.itemsPerSecond) / r.raw!.rowsPerSecond).toFixed(0)} %`, pass: r.push!.itemsPerSecond >= targets.pushToRaw * r.raw!.rowsPerSecond },
        { engine: r.engine, target: `pull p99 < ${targets.pullP99Ms} ms (${opts.devices} devices)`, value: ms(r.pull!.latency.p99), pass: r.pull!.latency.p99 < targets.pullP99Ms && r.pull!.httpErrors === 0 },
        { engine: r.engine, target: `client flushes ${opts.items} in < ${targets.flushMs / 1000} s`, value: ms(r.client!.flushMs), pass: r.client!.flushMs < targets.flushMs && r.client!.waitingAfter === 0 },
        { engine: r.engine, target: 'stored items = applied (exactly once)', value: `${r.storedAfterClient}`, pass: exactlyOnce(r) && r.push!.httpErrors === 0 },
      ],
);
console.log('\nTargets\n');
printTable([['engine', 'target', 'value', 'result'], ...checks.map((c) => [c.engine, c.target, c.value, c.pass === null ? 'SKIPPED' : c.pass ? 'PASS' : 'FAIL'])]);

await writeResults(args.name, {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 1e9), node: process.version, loadAtStart, loadAtEnd: load() },
  method: { ...opts, pinHash: 'scrypt N=2^10 (bench people only), sign-in excluded', signInLimits: 'the defaults', clientPbkdf2Iterations: runs.find((r) => r.client)?.client?.pbkdf2Iterations },
  targets,
  runs,
  checks,
});
if (checks.some((c) => c.pass === false)) process.exitCode = 1;

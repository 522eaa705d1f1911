// `node bench/morning.ts [--people=85000 --prisons=120 --months=12 --processes=1,2 --window=300 --push-share=0.3 --in-flight=64 --postgres=deployment|defaults]`
// The estate's morning on PostgreSQL: generates and loads an estate (bench/estate/), gives everyone
// the one PIN hash at the real scrypt cost, then for each number of service processes every tablet
// resumes (or, its token lapsed, signs in with the PIN), pulls and a share push, while staff work the
// inbox of the prison with two years of history over the staff listener. Prints a table, checks the targets, writes
// bench/results/morning-<timestamp>.json. See bench/README.md, "The estate's morning".
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadEstate } from './estate/load.ts';
import { databaseUsage, runMorning, startServices, type MorningResult } from './estate/morning.ts';
import { estateToday } from './estate/generate.ts';
import { writeResults } from './results-file.ts';
import { setPinCost } from './estate/sign-ins.ts';
import { defaultScryptParams } from '../src/server/auth/pin-hash.ts';
import { readStatementStats, resetStatementStats, type StatementCost } from './estate/statement-stats.ts';
import { startBenchCluster } from './sync/pg-cluster.ts';
import { ms, printTable, summarize, type LatencySummary } from './sync/stats.ts';
import { staffApiBase } from '../src/domain/staff.ts';
import type { ServiceStats } from './estate/service-process.ts';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '85000' },
    prisons: { type: 'string', default: '120' },
    months: { type: 'string', default: '12' },
    processes: { type: 'string', default: '1,2' },
    window: { type: 'string', default: '300' },
    'push-share': { type: 'string', default: '0.3' },
    'in-flight': { type: 'string', default: '64' },
    seed: { type: 'string', default: '1' },
    name: { type: 'string', default: 'morning' },
    // deployment: PostgreSQL set up as the README's "PostgreSQL settings" say; defaults: as installed.
    postgres: { type: 'string', default: 'deployment' },
    // Also what each statement cost the database (pg_stat_statements): a table after each morning.
    statements: { type: 'boolean', default: false },
  },
});
const people = Number(args.people);
const prisons = Number(args.prisons);
const targets = { morningMs: 10 * 60_000, goalMorningMs: 5 * 60_000, pullP99Ms: 100, inboxP99Ms: 100 };

const cluster = await startBenchCluster({ deployment: args.postgres === 'deployment', statementStats: args.statements });
if (!cluster) {
  console.log('SKIPPED: PostgreSQL server programs were not found (see test/pg/with-postgres.ts).');
  process.exit(0);
}
const loadAtStart = loadavg();
try {
  console.log(`Loading an estate of ${people} people in ${prisons} prisons (${args.months} months; the first prison 24)…`);
  const loaded = await loadEstate(cluster.url, { seed: Number(args.seed), people, prisons, months: Number(args.months), longHistoryMonths: 24, today: estateToday() }, (done, of) => {
    if (done % Math.max(1, Math.floor(of / 10)) === 0) console.log(`  ${done} of ${of} prisons`);
  });
  console.log(`Loaded in ${(loaded.loadMs / 1000).toFixed(0)} s (generating ${(loaded.generateMs / 1000).toFixed(0)} s); database ${(loaded.databaseBytes / 2 ** 20).toFixed(0)} MB`);
  printTable([
    ['table', 'rows', 'MB with indexes'],
    ...Object.entries(loaded.tableBytes)
      .filter(([table]) => table in loaded.rows)
      .map(([table, bytes]) => [table, String(loaded.rows[table as keyof typeof loaded.rows]), (bytes / 2 ** 20).toFixed(1)]),
  ]);

  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  // A year of history is long settled in a real estate: vacuumed, its pages written out. Without
  // this, autovacuum's first pass over the freshly loaded tables ran during the morning.
  const settling = performance.now();
  await admin.query('VACUUM (ANALYZE)');
  await admin.query('CHECKPOINT');
  const settleMs = performance.now() - settling;
  console.log(`VACUUM (ANALYZE) and CHECKPOINT after loading: ${(settleMs / 1000).toFixed(0)} s`);
  // The PIN sign-ins of the morning (tablets whose resume token lapsed) pay the real scrypt cost.
  await setPinCost(admin, defaultScryptParams);
  type Run = MorningResult & {
    processes: number;
    serviceCpuMs: number;
    serviceMaxRssMb: number;
    /** Time inside the service per route (all processes together), apart from the time seen by the load generator. */
    serviceMs: Record<string, LatencySummary>;
    eventLoopDelayMs: ServiceStats['eventLoopDelayMs'][];
    poolWaiting: ServiceStats['poolWaiting'][];
    databaseCpuMs: number | null;
    databaseRssMb: number | null;
    loadDuring: number[];
    statements: StatementCost[] | null;
  };
  const runs: Run[] = [];
  // The tablets keep their newest resume token from one morning to the next.
  const resumeTokens = new Map<string, string>();
  for (const processes of args.processes.split(',').map(Number)) {
    // Overnight staff answer the morning before's applications (each pusher sends an `other` one,
    // and a second open one of the same type would rightly be refused: alreadyOpen).
    await admin.query("UPDATE applications SET status = 'answered' WHERE type = 'other' AND status = 'received'");
    // A day on, another 1 in 31 of the tablets' resume tokens has lapsed (the first morning's
    // lapsed ones the generator chose; the PIN sign-ins then gave those tablets new tokens).
    if (runs.length > 0) {
      await admin.query(
        `UPDATE known_devices SET resume_expires_at = $1
         WHERE ('x' || substr(md5(person_id || $2), 1, 8))::bit(32)::bigint % 31 = 0`,
        [new Date(Date.now() - 60_000).toISOString(), String(runs.length)],
      );
    }
    const services = await startServices(cluster.url, processes);
    if (args.statements) await resetStatementStats(admin);
    const dbBefore = await databaseUsage(admin);
    console.log(`\nMorning with ${processes} service process(es)…`);
    const result = await runMorning({
      databaseUrl: cluster.url,
      bases: services.bases,
      staffBases: services.staffBases,
      windowMs: Number(args.window) * 1000,
      pushShare: Number(args['push-share']),
      maxInFlight: Number(args['in-flight']),
      inboxPrisonId: 'E000',
      seed: Number(args.seed) + processes,
      resumeTokens,
    });
    const dbAfter = await databaseUsage(admin);
    const statements = args.statements ? await readStatementStats(admin) : null;
    const stats = await services.stats();
    await services.stop();
    runs.push({
      ...result,
      processes,
      serviceCpuMs: stats.reduce((sum, s) => sum + s.cpuMs, 0),
      serviceMaxRssMb: Math.max(...stats.map((s) => s.maxRssBytes)) / 2 ** 20,
      serviceMs: Object.fromEntries(
        [...new Set(stats.flatMap((s) => Object.keys(s.serviceMs)))].map((route) => [route, summarize(stats.flatMap((s) => s.serviceMs[route] ?? []))]),
      ),
      eventLoopDelayMs: stats.map((s) => s.eventLoopDelayMs),
      poolWaiting: stats.map((s) => s.poolWaiting),
      databaseCpuMs: dbBefore && dbAfter ? dbAfter.cpuMs - dbBefore.cpuMs : null,
      databaseRssMb: dbAfter ? dbAfter.rssBytes / 2 ** 20 : null,
      loadDuring: loadavg(),
      statements,
    });
  }
  await admin.end();

  console.log(`\nEstate morning: ${people} people, ${prisons} prisons, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB; load average at start ${loadAtStart.map((n) => n.toFixed(1)).join(' ')}`);
  const inside = (run: Run, route: string) => {
    const summary = run.serviceMs[route];
    return summary ? `${ms(summary.p50)} / ${ms(summary.p99)}` : '—';
  };
  const row = (label: string, pick: (run: (typeof runs)[number]) => string) => [label, ...runs.map(pick)];
  printTable([
    row('service processes', (r) => String(r.processes)),
    row('whole morning', (r) => `${(r.morningMs / 1000).toFixed(1)} s`),
    row('tablets / pushes', (r) => `${r.devices} / ${r.pushes}`),
    row('resume p50 / p99', (r) => `${ms(r.resume.p50)} / ${ms(r.resume.p99)}`),
    row('PIN sign-ins (token lapsed) / p50 / p99', (r) => `${r.pinSignIns} / ${ms(r.signIn.p50)} / ${ms(r.signIn.p99)}`),
    row('pull page p50 / p99', (r) => `${ms(r.pullPage.p50)} / ${ms(r.pullPage.p99)}`),
    row('whole first pull p99', (r) => ms(r.pullWhole.p99)),
    row('push p50 / p99', (r) => `${ms(r.push.p50)} / ${ms(r.push.p99)}`),
    row('staff inbox page (HTTP) p50 / p99', (r) => `${ms(r.inbox.p50)} / ${ms(r.inbox.p99)}`),
    row('staff open / reply p99', (r) => `${ms(r.openApplication.p99)} / ${ms(r.reply.p99)}`),
    row('staff inbox pages / replies', (r) => `${r.inbox.count} / ${r.reply.count}`),
    row('inside service: resume p50 / p99', (r) => inside(r, 'POST /api/auth/resume')),
    row('inside service: sign-in p50 / p99', (r) => inside(r, 'POST /api/auth/sign-in')),
    row('inside service: pull p50 / p99', (r) => inside(r, 'GET /api/sync/pull')),
    row('inside service: push p50 / p99', (r) => inside(r, 'POST /api/sync/push')),
    row('inside service: inbox p50 / p99', (r) => inside(r, `GET ${staffApiBase}/applications`)),
    row('errors', (r) => String(r.errors)),
    row('sent again on a new connection (kept-alive one just closed)', (r) => String(r.resentOnNewConnection)),
    row('event loop delay p99 / worst', (r) => r.eventLoopDelayMs.map((d) => `${ms(d.p99)} / ${ms(d.max)}`).join('; ')),
    row('waiting for a DB connection: most / share of time', (r) => r.poolWaiting.map((p) => `${p.max} / ${(p.shareWaiting * 100).toFixed(0)} %`).join('; ')),
    row('service CPU (all processes)', (r) => `${(r.serviceCpuMs / 1000).toFixed(0)} s`),
    row('service max RSS', (r) => `${r.serviceMaxRssMb.toFixed(0)} MB`),
    row('load generator CPU', (r) => `${(r.generatorCpuMs / 1000).toFixed(0)} s`),
    row('database CPU / RSS', (r) => (r.databaseCpuMs === null ? 'not readable' : `${(r.databaseCpuMs / 1000).toFixed(0)} s / ${r.databaseRssMb!.toFixed(0)} MB`)),
    row('load average after', (r) => r.loadDuring.map((n) => n.toFixed(1)).join(' ')),
  ]);
  for (const run of runs) {
    if (run.statements) {
      console.log(`\n  ${run.processes} process(es): the database's time by statement (pg_stat_statements, execution only)`);
      printTable([
        ['statement', 'calls', 'total s', 'mean ms', 'share'],
        ...run.statements.map((s) => [s.statement, String(s.calls), (s.totalMs / 1000).toFixed(1), s.meanMs.toFixed(2), `${(s.share * 100).toFixed(1)} %`]),
      ]);
    }
    console.log(`  ${run.processes} process(es): pull p99 in each 30 s: ${run.pullP99By30s.map((p) => Math.round(p)).join(' ')} ms`);
    for (const sample of run.errorSamples) console.log(`  error (${run.processes} processes): ${sample}`);
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    console.log(
      `  ${run.processes} process(es): morning < 10 min ${verdict(run.morningMs < targets.morningMs)} (goal < 5 min ${verdict(run.morningMs < targets.goalMorningMs)}), ` +
        `pull p99 < 100 ms ${verdict(run.pullPage.p99 < targets.pullP99Ms)}, inbox p99 < 100 ms ${verdict(run.inbox.p99 < targets.inboxP99Ms)}, errors 0 ${verdict(run.errors === 0)}`,
    );
  }
  await writeResults(args.name, { people, prisons, months: Number(args.months), cores: cpus().length, loadAtStart, postgres: cluster.settings, loaded, settleMs, targets, runs });
} finally {
  cluster.stop();
}

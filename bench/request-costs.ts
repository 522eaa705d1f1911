// `node bench/request-costs.ts [--count=300 --concurrency=8 --processes=1,2]`
// What each kind of request costs the service and PostgreSQL, for the capacity model
// (bench/README.md, "The estate"): a small estate with a year of history on a throwaway
// PostgreSQL (durable commits), then
//  1. sign-ins at the estate's cheap scrypt cost (N=2^10, as the morning) and at the service's real
//     one (auth/pin-hash.ts, N=2^15), over 1 and 2 service processes, `concurrency` at a time;
//  2. with one process and one request at a time (so the latencies carry no queue): first pulls
//     from cursor 0 (page by page), pushes (an application and a progress note), and the staff
//     inbox page (E000, two years) over the staff listener.
// CPU per request is the change in the service processes' and PostgreSQL's CPU time over the run,
// divided by the requests made. Writes bench/results/request-costs-<time>.json.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { defaultScryptParams, type ScryptParams } from '../src/server/auth/pin-hash.ts';
import { applicationItem, progressNoteItem, uuidv7 } from '../test/server/support/outbox.ts';
import { pullAll, push, signIn } from './estate/device.ts';
import { estatePin, estateToday } from './estate/generate.ts';
import { estateStaffPassword, loadEstate } from './estate/load.ts';
import { databaseUsage, startServices, type Services } from './estate/morning.ts';
import { runSignIns, setPinCost } from './estate/sign-ins.ts';
import { listInbox, staffSignIn } from './estate/staff.ts';
import { writeResults } from './results-file.ts';
import { startBenchCluster } from './sync/pg-cluster.ts';
import { ms, printTable, summarize, type LatencySummary } from './sync/stats.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    processes: { type: 'string', default: '1,2' },
  },
});
const count = Number(args.count);
const concurrency = Number(args.concurrency);
const processCounts = args.processes.split(',').map(Number);
const cheap: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const costs: { label: string; params: ScryptParams }[] = [
  { label: 'N=2^10 (estate)', params: cheap },
  { label: `N=2^${Math.log2(defaultScryptParams.N)} (real)`, params: defaultScryptParams },
];

const cluster = await startBenchCluster();
if (!cluster) {
  console.log('SKIPPED: PostgreSQL server programs were not found (see test/pg/with-postgres.ts).');
  process.exit(0);
}
const loadAtStart = loadavg();
const admin = new pg.Client({ connectionString: cluster.url });

type Done = { requests: number; latency: LatencySummary; errors: number };
type Cost = Done & { what: string; processes: number; wallMs: number; serviceCpuMsEach: number; databaseCpuMsEach: number | null };
const results: Cost[] = [];

/**
 * Runs `work` on fresh service processes and divides the CPU taken (service, database) from its
 * call of `begin()` on (what comes before it, such as a staff sign-in, is not counted) by its requests.
 */
async function measure(what: string, processes: number, work: (services: Services, begin: () => Promise<void>) => Promise<Done>): Promise<void> {
  const services = await startServices(cluster!.url, processes);
  let before: { service: number[]; database: number | null; at: number } | null = null;
  const begin = async () => {
    const stats = await services.stats();
    const database = await databaseUsage(admin);
    before = { service: stats.map((s) => s.cpuMs), database: database?.cpuMs ?? null, at: performance.now() };
  };
  const done = await work(services, begin);
  const wallMs = performance.now() - before!.at;
  const database = await databaseUsage(admin);
  const after = await services.stats();
  await services.stop();
  const serviceCpuMs = after.reduce((sum, s, i) => sum + s.cpuMs - before!.service[i]!, 0);
  const databaseCpuMs = database && before!.database !== null ? database.cpuMs - before!.database : null;
  results.push({
    ...done,
    what,
    processes,
    wallMs,
    serviceCpuMsEach: serviceCpuMs / done.requests,
    databaseCpuMsEach: databaseCpuMs === null ? null : databaseCpuMs / done.requests,
  });
}

try {
  // Enough people that every sign-in run has people who have not signed in yet.
  const people = count * (costs.length * processCounts.length + 1);
  console.log(`Loading ${people} people in 4 prisons (12 months; the first 24)…`);
  await loadEstate(cluster.url, { seed: 1, people, prisons: 4, months: 12, longHistoryMonths: 24, today: estateToday() });
  await admin.connect();
  const prisonNumbers = (await admin.query<{ prison_number: string }>('SELECT prison_number FROM people ORDER BY prison_number')).rows.map((r) => r.prison_number);
  let taken = 0;
  const nextPeople = () => prisonNumbers.slice(taken, (taken += count));

  for (const cost of costs) {
    await setPinCost(admin, cost.params);
    for (const processes of processCounts) {
      const who = nextPeople();
      await measure(`sign-in, ${cost.label}, ${concurrency} at once`, processes, async (services, begin) => {
        await begin();
        const run = await runSignIns({ bases: services.bases, prisonNumbers: who, concurrency });
        for (const sample of run.errorSamples) console.log(`  error: ${sample}`);
        return { requests: run.signIns, latency: run.latency, errors: run.errors };
      });
    }
  }
  await setPinCost(admin, cheap);

  // One at a time: sign in (cheap, not counted), then the pulls; then the pushes; then the inbox.
  const tokens: string[] = [];
  const signingIn = await startServices(cluster.url, 1);
  for (const prisonNumber of nextPeople()) tokens.push((await signIn(signingIn.bases[0]!, prisonNumber, estatePin, randomUUID())).value.accessToken);
  await signingIn.stop();
  await measure('pull page (first pull, from cursor 0), one at a time', 1, async (services, begin) => {
    await begin();
    const samples: number[] = [];
    for (const token of tokens) samples.push(...(await pullAll(services.bases[0]!, token)).pages);
    return { requests: samples.length, latency: summarize(samples), errors: 0 };
  });
  await measure('push (application + progress note), one at a time', 1, async (services, begin) => {
    await begin();
    const samples: number[] = [];
    let errors = 0;
    for (const token of tokens) {
      const sent = await push(services.bases[0]!, token, [applicationItem('Please can I see my POM this week.', uuidv7(), 'other'), progressNoteItem('I went to the gym group.')]);
      samples.push(sent.ms);
      errors += sent.value.results.filter((result) => result.status !== 'applied').length;
    }
    return { requests: samples.length, latency: summarize(samples), errors };
  });
  await measure('staff inbox page (E000, 2 years), one at a time', 1, async (services, begin) => {
    const session = (await staffSignIn(services.staffBases[0]!, 'omu.1.e000', estateStaffPassword)).value;
    await begin();
    const samples: number[] = [];
    let after: string | undefined;
    for (let i = 0; i < count; i++) {
      const page = await listInbox(session, after);
      samples.push(page.ms);
      after = page.value.next ?? undefined;
    }
    return { requests: samples.length, latency: summarize(samples), errors: 0 };
  });

  const load = (figures: number[]) => figures.map((n) => n.toFixed(1)).join(' ');
  console.log(`\nRequest costs, ${cpus().length} cores; load average at start ${load(loadAtStart)}, at the end ${load(loadavg())}`);
  printTable([
    ['request', 'processes', 'requests', 'a second', 'p50 / p99', 'service CPU each', 'database CPU each', 'per service core-second', 'errors'],
    ...results.map((r) => [
      r.what,
      String(r.processes),
      String(r.requests),
      (r.requests / (r.wallMs / 1000)).toFixed(1),
      `${ms(r.latency.p50)} / ${ms(r.latency.p99)}`,
      ms(r.serviceCpuMsEach),
      r.databaseCpuMsEach === null ? 'not readable' : ms(r.databaseCpuMsEach),
      (1000 / r.serviceCpuMsEach).toFixed(1),
      String(r.errors),
    ]),
  ]);
  await writeResults('request-costs', { count, concurrency, cores: cpus().length, loadAtStart, loadAtEnd: loadavg(), postgres: cluster.settings, results });
} finally {
  await admin.end().catch(() => undefined);
  cluster.stop();
}

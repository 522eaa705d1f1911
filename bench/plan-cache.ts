// `node bench/plan-cache.ts [--people=20000 --prisons=30 --runs=30]`
// What PostgreSQL's plan cache does to the staff inbox, the statement whose cost depends most on
// its values (the first prison has two years of history and the most people). Loads an estate
// (bench/estate/), catches the inbox's statement as the store sends it, then runs it as a kept
// (named) statement on one connection for each `plan_cache_mode`, the first page and the next, for
// the big prison and a small one, after five runs for the small one (what a process meets when
// small prisons' staff come first). Prints mean ms a run and writes bench/results/plan-cache-<timestamp>.json.
// Why the service sets force_custom_plan: src/server/store/postgres.ts, bench/README.md.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadEstate } from './estate/load.ts';
import { recording, type Sent } from './estate/recording-driver.ts';
import { estateToday } from './estate/generate.ts';
import { writeResults } from './results-file.ts';
import { startBenchCluster } from './sync/pg-cluster.ts';
import { printTable } from './sync/stats.ts';
import { openPostgresDriver, toPostgresPlaceholders } from '../src/server/store/postgres.ts';
import { createSqlStore } from '../src/server/store/sql-store.ts';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    prisons: { type: 'string', default: '30' },
    runs: { type: 'string', default: '30' },
  },
});
const runs = Number(args.runs);


const cluster = await startBenchCluster({ deployment: true });
if (!cluster) {
  console.log('SKIPPED: PostgreSQL server programs were not found (see test/pg/with-postgres.ts).');
  process.exit(0);
}
try {
  console.log(`Loading an estate of ${args.people} people in ${args.prisons} prisons…`);
  await loadEstate(cluster.url, { seed: 3, people: Number(args.people), prisons: Number(args.prisons), months: 12, longHistoryMonths: 24, today: estateToday() });

  // The inbox's statement and values, as the staff console's first and next page send them.
  const log: Sent[] = [];
  const driver = openPostgresDriver(cluster.url);
  const store = createSqlStore(recording(driver, log));
  const pageOf = async (prisonId: string, after?: { at: string; id: string }) => {
    log.length = 0;
    const page = await store.staff.listApplications({ prisonId, statuses: ['received', 'beingLookedAt'], limit: 50, ...(after ? { after } : {}) });
    return { sent: log.find((entry) => entry.sql.includes('FROM applications'))!, next: page.next };
  };
  const bigFirst = await pageOf('E000');
  const bigNext = await pageOf('E000', bigFirst.next ?? undefined);
  const small = `E${String(Number(args.prisons) - 1).padStart(3, '0')}`;
  const smallFirst = await pageOf(small);
  await driver.close();

  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  const rows: string[][] = [['plan_cache_mode', 'E000 first page', 'E000 next page', `${small} first page`]];
  const results: Record<string, Record<string, number>> = {};
  let statement = 0;
  for (const mode of ['force_custom_plan', 'auto', 'force_generic_plan']) {
    await client.query(`SET plan_cache_mode = ${mode}`);
    // One kept statement per text (the next page's has the position too), fresh for each mode.
    const names = new Map<string, string>();
    const run = (sent: Sent) => {
      const text = toPostgresPlaceholders(sent.sql);
      if (!names.has(text)) names.set(text, `inbox_${++statement}`);
      return client.query({ name: names.get(text)!, text, values: [...sent.params] });
    };
    // Five runs with a small prison's values first: after them PostgreSQL may keep a generic plan.
    for (let i = 0; i < 5; i++) await run(smallFirst.sent);
    if (bigNext.sent.sql !== bigFirst.sent.sql) for (let i = 0; i < 5; i++) await run({ sql: bigNext.sent.sql, params: [small, ...bigNext.sent.params.slice(1)] });
    const mean = async (sent: Sent) => {
      const started = performance.now();
      for (let i = 0; i < runs; i++) await run(sent);
      return (performance.now() - started) / runs;
    };
    const figures = { bigFirst: await mean(bigFirst.sent), bigNext: await mean(bigNext.sent), smallFirst: await mean(smallFirst.sent) };
    results[mode] = figures;
    rows.push([mode, `${figures.bigFirst.toFixed(2)} ms`, `${figures.bigNext.toFixed(2)} ms`, `${figures.smallFirst.toFixed(2)} ms`]);
  }
  await client.end();
  printTable(rows);
  await writeResults('plan-cache', { people: Number(args.people), prisons: Number(args.prisons), runs, results });
} finally {
  cluster.stop();
}

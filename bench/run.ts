// `npm run bench [-- --runs=7 --name=first-load]`: build sizes and offline first-heading time,
// against budgets. Prints tables, writes bench/results/<name>-<timestamp>.json. See README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, launchChromium } from '../test/support/chromium.ts';
import { distDir, repoRoot } from '../test/support/paths.ts';
import { startService } from '../test/support/service.ts';
import { cpuSlowdown, measureOnce, median, prepareTarget, primeOffline } from './first-heading.ts';
import { distWithFloor, floorPath } from './floor.ts';
import { chunkSizes, firstRouteScripts, precacheSizes } from './sizes.ts';
import { writeResults } from './results-file.ts';
import { budgets } from './budgets.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, warmup: { type: 'string', default: '2' }, name: { type: 'string', default: 'first-load' } },
});
const runs = Number(args.runs);
const warmup = Number(args.warmup);

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   '));
};

if (!existsSync(join(distDir, 'index.html'))) {
  console.log('dist/ is missing: building the app first');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: repoRoot }).status !== 0) throw new Error('The build failed');
}

// (a) Sizes.
const chunks = chunkSizes(distDir);
const precache = precacheSizes(distDir);
const firstRoute = firstRouteScripts(distDir);
console.log('\nBuilt JS and CSS (gzip at zlib default level; 1 kB = 1000 bytes)\n');
table([['file', 'raw', 'gzip'], ...chunks.map((c) => [c.file, kB(c.raw), kB(c.gzip)])]);
console.log(`\nFirst-route JavaScript (what index.html loads, with static imports): ${firstRoute.files.map((f) => f.file).join(', ')}`);
console.log(`Precache: ${precache.files.length} files, ${kB(precache.raw)} raw, ${kB(precache.gzip)} gzip`);

const loadAtStart = loadavg()[0]!;
if (loadAtStart > cpus().length / 2) {
  console.log(`\nWARNING: the machine is busy (load ${loadAtStart.toFixed(1)} on ${cpus().length} cores); timings will be noisy.`);
}

// (b) Offline time to the home heading, app against a static floor page, same service, same route.
const home = (JSON.parse(readFileSync(join(repoRoot, 'locales/en/common.json'), 'utf8')) as { home: Record<string, string> }).home;
const benchDist = await distWithFloor(distDir, home);
const service = await startService({ dist: benchDist });
const browsers: Browser[] = [];
const samples: Record<'app' | 'floor', number[]> = { app: [], floor: [] };
try {
  browsers.push(await launchChromium(), await launchChromium());
  const app = await prepareTarget(browsers[0]!.context, 'app', `${service.baseUrl}/`, home.title!);
  const floor = await prepareTarget(browsers[1]!.context, 'floor', service.baseUrl + floorPath, home.title!);
  await primeOffline(app);
  await primeOffline(floor);
  await service.stop();
  for (const b of browsers) await b.context.setOffline(true);
  console.log(`\nMeasuring offline, CPU ${cpuSlowdown}× slower: ${warmup} warm-up + ${runs} runs each, alternating`);
  for (let i = 0; i < warmup + runs; i++) {
    const a = await measureOnce(app);
    const f = await measureOnce(floor);
    if (i < warmup) continue;
    samples.app.push(a);
    samples.floor.push(f);
  }
} finally {
  for (const b of browsers) await b.close();
  await service.stop();
  await rm(benchDist, { recursive: true, force: true });
}

const appMedian = median(samples.app);
const floorMedian = median(samples.floor);
const ratio = appMedian / floorMedian;
// Each app run is paired with the floor run next to it, so machine noise hits both alike.
const pairedRatio = median(samples.app.map((a, i) => a / samples.floor[i]!));
console.log('\nHome heading visible, offline from the service worker\n');
table([
  ['page', 'median', 'min', 'max', 'runs (ms)'],
  ...(['app', 'floor'] as const).map((k) => [
    k,
    ms(median(samples[k])),
    ms(Math.min(...samples[k])),
    ms(Math.max(...samples[k])),
    samples[k].map((n) => n.toFixed(0)).join(' '),
  ]),
]);

const checks = [
  { budget: `first-route JS ≤ ${budgets.firstRouteJsGzipKB} kB gzip`, value: kB(firstRoute.gzip), pass: firstRoute.gzip <= budgets.firstRouteJsGzipKB * 1000 },
  { budget: `app/floor time ≤ ${budgets.appToFloorRatio}`, value: ratio.toFixed(2), pass: ratio <= budgets.appToFloorRatio },
];
console.log(`\napp/floor: ${ratio.toFixed(2)} (ratio of medians); ${pairedRatio.toFixed(2)} (median of paired runs, for information)`);
console.log('\nBudgets\n');
table([['budget', 'value', 'result'], ...checks.map((c) => [c.budget, c.value, c.pass ? 'PASS' : 'FAIL'])]);

await writeResults(args.name, {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAtStart },
  method: { cpuSlowdown, runs, warmup, gzip: 'zlib default level', kB: 1000 },
  sizes: { chunks, precache, firstRoute },
  headingVisibleMs: { app: samples.app, floor: samples.floor, appMedian, floorMedian, ratio, pairedRatio },
  budgets: checks,
});
if (checks.some((c) => !c.pass)) process.exitCode = 1;

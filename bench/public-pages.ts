// `node bench/public-pages.ts [-- --pages=/explainers/oasys,/cy/explainers/oasys,/ --runs=1]`
// The family pages (device mode `public`) on a family's first visit: bytes transferred for every
// page (HTML + CSS + JS, gzip), what a phone fetches once (the pages' service worker, the search
// index, the read-aloud engine), and Lighthouse mobile scores for a few pages, against budgets.
// Runs the real service with DEVICE_MODE=public serving the built dist/ on 127.0.0.1. Prints
// tables, writes bench/results/public-pages-<timestamp>.json. See bench/README.md, "Public pages (families)".
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { publicLanguages, publicPages, publicPagesDir, publicPagesManifest, publicPath } from '../src/public-pages/urls.ts';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.ts';
import { distDir, repoRoot } from '../test/support/paths.ts';
import { startService } from '../test/support/service.ts';
import { writeResults } from './results-file.ts';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '/explainers/oasys,/cy/explainers/oasys,/explainers/keeping-in-touch,/,/search' },
    runs: { type: 'string', default: '1' },
    name: { type: 'string', default: 'public-pages' },
  },
});
const lighthousePages = args.pages.split(',').map((p) => p.trim()).filter(Boolean);
const runs = Math.max(1, Number(args.runs));

const budgets = { firstVisitGzipKB: 100, performance: 95, accessibility: 100, bestPractices: 95, seo: 95 };
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   '));
};

if (!existsSync(join(distDir, publicPagesDir, publicPagesManifest))) {
  console.log('dist/public-pages/ is missing: building first');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: repoRoot }).status !== 0) throw new Error('The build failed');
}

/** Bytes on the wire for one GET (headers + body as sent, gzip asked for), and the body. */
function getGzip(url: string, accept: string): Promise<{ status: number; wire: number; headerBytes: number; body: string; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        // Status line and headers as sent: "name: value\r\n" each, then a blank line.
        let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headerBytes += res.rawHeaders[i]!.length + 2 + res.rawHeaders[i + 1]!.length + 2;
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const body = encoding === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
        resolve({ status: res.statusCode ?? 0, wire: raw.length, headerBytes, body, encoding });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a first visit to a page fetches: the page, its stylesheets and its scripts (no cache). */
async function firstVisit(baseUrl: string, path: string) {
  const page = await getGzip(baseUrl + path, 'text/html');
  if (page.status !== 200) throw new Error(`${path}: HTTP ${page.status}`);
  const assets = [
    ...[...page.body.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => ({ href: m[1]!, accept: 'text/css' })),
    ...[...page.body.matchAll(/<script\b[^>]*src="([^"]+)"/g)].map((m) => ({ href: m[1]!, accept: '*/*' })),
  ];
  const files = [{ file: path, kind: 'html', body: page.wire, headers: page.headerBytes, encoding: page.encoding }];
  for (const asset of assets) {
    const got = await getGzip(baseUrl + asset.href, asset.accept);
    if (got.status !== 200) throw new Error(`${asset.href}: HTTP ${got.status}`);
    files.push({ file: asset.href, kind: asset.accept === 'text/css' ? 'css' : 'js', body: got.wire, headers: got.headerBytes, encoding: got.encoding });
  }
  const sum = (kind?: string) => files.filter((f) => !kind || f.kind === kind).reduce((n, f) => n + f.body, 0);
  return { path, files, html: sum('html'), css: sum('css'), js: sum('js'), total: sum(), totalWithHeaders: sum() + files.reduce((n, f) => n + f.headers, 0) };
}

/** Debian's Chromium, headless, with a DevTools port for Lighthouse (no browser is downloaded). */
async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'spc-lighthouse-'));
  const child: ChildProcess = spawn(chromiumPath, [...chromiumArgs, '--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not open a DevTools port:\n${seen}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${seen}`)));
  });
  return {
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/**
 * What a phone fetches once, not per page, each measured as above (gzip bodies):
 * - the family pages' service worker and the shared files it keeps at install, less what the first page already fetched;
 * - a language's search index, the first time someone searches;
 * - read-aloud's first use on a phone with no voice of its own: the reader's code and the espeak-ng engine.
 */
async function oncePerPhone(baseUrl: string, firstPage: Awaited<ReturnType<typeof firstVisit>>) {
  const fetched = new Set(firstPage.files.map((f) => f.file));
  const bytes = async (paths: string[]) => {
    let body = 0;
    for (const path of paths) {
      const got = await getGzip(baseUrl + path, '*/*');
      if (got.status !== 200) throw new Error(`${path}: HTTP ${got.status}`);
      body += got.wire;
    }
    return body;
  };
  const worker = await getGzip(baseUrl + '/sw.js', '*/*');
  const shared = [...worker.body.matchAll(/"(\/[^"]+\.(?:js|css|svg))"/g)].map((m) => m[1]!).filter((path) => !fetched.has(path));
  const install = worker.wire + (await bytes(shared));
  const searchPage = await getGzip(baseUrl + '/search', 'text/html');
  const index = searchPage.body.match(/data-index="([^"]+)"/)?.[1];
  const engine = JSON.parse((await getGzip(baseUrl + '/speech-engine.json', '*/*')).body) as { glue: string; wasm: string };
  const readerCode = shared.filter((path) => /\/assets\/(listen|player|voices)-/.test(path));
  return {
    workerInstall: install,
    workerFiles: shared.length + 1,
    searchIndex: index ? await bytes([index]) : 0,
    readAloudFirstUse: (await bytes([engine.glue, engine.wasm])) + (await bytes(readerCode)),
  };
}

type Scores = { performance: number; accessibility: number; bestPractices: number; seo: number };

const loadAtStart = loadavg()[0]!;
const service = await startService({ deviceMode: 'public' });
const visits: Awaited<ReturnType<typeof firstVisit>>[] = [];
let once: Awaited<ReturnType<typeof oncePerPhone>> | undefined;
let lighthouseVersion = '';
const audits: Array<{ path: string; run: number; scores: Scores; failed: string[]; metrics: Record<string, number | undefined> }> = [];
let chromium: Awaited<ReturnType<typeof startChromium>> | undefined;
try {
  // (a) Bytes for every family page (every guide, the home page, the words, search and settings, in every language).
  const paths = publicLanguages.flatMap((lng) => publicPages.map((page) => publicPath(page, lng)));
  for (const path of paths) visits.push(await firstVisit(service.baseUrl, path));
  once = await oncePerPhone(service.baseUrl, visits[0]!);

  // (b) Lighthouse, mobile (its default: Moto G Power-sized screen, simulated slow 4G and 4× CPU).
  chromium = await startChromium();
  for (const path of lighthousePages) {
    for (let run = 1; run <= runs; run++) {
      const result = await lighthouse(service.baseUrl + path, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${path}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      lighthouseVersion = lhr.lighthouseVersion;
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failed = Object.values(lhr.categories)
        .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0).map((r) => lhr.audits[r.id]!))
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
        .map((a) => `${a.id} (${a.score})`);
      const metric = (id: string) => lhr.audits[id]?.numericValue;
      audits.push({
        path,
        run,
        scores: { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo') },
        failed,
        metrics: { fcpMs: metric('first-contentful-paint'), lcpMs: metric('largest-contentful-paint'), tbtMs: metric('total-blocking-time'), cls: metric('cumulative-layout-shift'), transferBytes: metric('total-byte-weight') },
      });
    }
  }
} finally {
  await chromium?.stop();
  await service.stop();
}

console.log('\nFirst visit to each public page: bytes transferred, gzip (1 kB = 1000 bytes; bodies, headers extra)\n');
table([['page', 'HTML', 'CSS', 'JS', 'total', 'with headers'], ...visits.map((v) => [v.path, kB(v.html), kB(v.css), kB(v.js), kB(v.total), kB(v.totalWithHeaders)])]);
const topicVisits = visits.filter((v) => v.path.includes('/explainers/'));
const heaviest = topicVisits.reduce((a, b) => (b.totalWithHeaders > a.totalWithHeaders ? b : a));
console.log(`\nHeaviest guide: ${heaviest.path}, ${kB(heaviest.totalWithHeaders)} with headers (${heaviest.files.map((f) => `${f.file} ${kB(f.body)} ${f.encoding}`).join(', ')})`);

if (once) {
  console.log('\nOnce per phone, not per page (gzip bodies)\n');
  table([
    ['what', 'bytes'],
    [`service worker install (/sw.js + ${once.workerFiles - 1} shared files not already fetched)`, kB(once.workerInstall)],
    ['search index, first search (one language)', kB(once.searchIndex)],
    ['read-aloud first use, no voice on the phone (reader + espeak-ng engine)', kB(once.readAloudFirstUse)],
  ]);
}

console.log(`\nLighthouse ${lighthouseVersion} mobile (default config), ${runs} run(s) per page\n`);
table([['page', 'run', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'not full marks'], ...audits.map((a) => [
  a.path,
  String(a.run),
  String(a.scores.performance),
  String(a.scores.accessibility),
  String(a.scores.bestPractices),
  String(a.scores.seo),
  `${(a.metrics.fcpMs ?? 0).toFixed(0)} ms`,
  `${(a.metrics.lcpMs ?? 0).toFixed(0)} ms`,
  `${(a.metrics.tbtMs ?? 0).toFixed(0)} ms`,
  (a.metrics.cls ?? 0).toFixed(3),
  a.failed.join(' ') || '-',
])]);

const worst = (key: keyof Scores) => Math.min(...audits.map((a) => a.scores[key]));
const checks = [
  { budget: `topic page first visit ≤ ${budgets.firstVisitGzipKB} kB gzip (heaviest guide, with headers)`, value: kB(heaviest.totalWithHeaders), pass: heaviest.totalWithHeaders <= budgets.firstVisitGzipKB * 1000 },
  { budget: `Lighthouse performance ≥ ${budgets.performance} (worst page)`, value: String(worst('performance')), pass: worst('performance') >= budgets.performance },
  { budget: `Lighthouse accessibility = ${budgets.accessibility} (worst page)`, value: String(worst('accessibility')), pass: worst('accessibility') >= budgets.accessibility },
  { budget: `Lighthouse best practices ≥ ${budgets.bestPractices} (worst page)`, value: String(worst('bestPractices')), pass: worst('bestPractices') >= budgets.bestPractices },
  { budget: `Lighthouse SEO ≥ ${budgets.seo} (worst page)`, value: String(worst('seo')), pass: worst('seo') >= budgets.seo },
];
console.log('\nBudgets\n');
table([['budget', 'value', 'result'], ...checks.map((c) => [c.budget, c.value, c.pass ? 'PASS' : 'FAIL'])]);

const chromiumVersion = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
await writeResults(args.name, {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, chromium: chromiumVersion, lighthouse: lighthouseVersion, loadAtStart },
  method: {
    service: 'real sync service, DEVICE_MODE=public, built dist/, 127.0.0.1',
    bytes: 'each page fetched with Accept-Encoding: gzip, then every stylesheet and script it links; compressed bodies + response headers; no cache (first visit)',
    lighthouse: 'npm lighthouse, default (mobile) config, simulated throttling, driving Debian Chromium headless over its DevTools port',
    kB: 1000,
    runs,
  },
  manifest: JSON.parse(readFileSync(join(distDir, publicPagesDir, publicPagesManifest), 'utf8')).pages.length,
  firstVisit: visits,
  oncePerPhone: once,
  lighthouse: audits,
  budgets: checks,
});
if (checks.some((c) => !c.pass)) process.exitCode = 1;

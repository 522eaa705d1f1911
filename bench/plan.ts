// `node bench/plan.ts [--runs=7 --warmup=2 --plans=85000 --name=plan]`: the plan screens.
// (a) Time from unlock to the plan rendered, for a plan of 60 goals and 300 steps, offline, CPU 4×
//     slower in Chromium, against the same plan as plain static HTML (the floor) in the same run.
// (b) The review rules over 85,000 generated plans (one per person in the prisons of England and
//     Wales), time per plan. Prints tables, checks targets, writes bench/results/plan-<time>.json.
// See README.md, "The plan screens".
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import type { Plan } from '../src/domain/plan.ts';
import type { PlanRecord } from '../src/domain/plan-record.ts';
import { evaluateReviews, summariseReviews } from '../src/domain/reviews/index.ts';
import { hashPin } from '../src/server/auth/pin-hash.ts';
import { type Browser, launchChromium } from '../test/support/chromium.ts';
import { text } from '../test/support/locales.ts';
import { distDir, repoRoot } from '../test/support/paths.ts';
import { startService } from '../test/support/service.ts';
import { cpuSlowdown, median } from './first-heading.ts';
import { distWithFloor } from './floor.ts';
import { writeResults } from './results-file.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    warmup: { type: 'string', default: '2' },
    plans: { type: 'string', default: '85000' },
    name: { type: 'string', default: 'plan' },
  },
});
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const planCount = Number(args.plans);
const targets = { unlockToPlanMs: 300, appToFloorRatio: 3, rulesPerPlanUs: 50 };
const goals = 60;
const stepsPerGoal = 5;

const ms = (n: number) => `${n.toFixed(0)} ms`;
const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   '));
};

/** A small seeded random source, so every run measures the same plans. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);
const areas = ['accommodation', 'employmentEducation', 'finances', 'drugUse', 'alcoholUse', 'healthWellbeing', 'relationshipsCommunity', 'thinkingBehaviour'] as const;
const stepStatuses = ['notStarted', 'inProgress', 'completed', 'cannotBeDoneYet', 'noLongerNeeded'] as const;
const actors = ['you', 'pom', 'com', 'keyWorker', 'education', 'healthcare'] as const;

/** The bench plan: 60 goals of 5 steps each (300 steps), with staff-length words and dates all around today. */
function benchPlan(personId: string): PlanRecord {
  const random = seeded(60_300);
  const objectives: PlanRecord['objectives'] = Array.from({ length: goals }, (_, g) => {
    const status = g < 36 ? 'active' : g < 50 ? 'future' : g < 58 ? 'achieved' : 'removed';
    return {
      id: `goal-${g + 1}`,
      area: areas[g % areas.length]!,
      priority: g + 1,
      title: `Goal ${g + 1}: finish the course on thinking skills and keep going to education`,
      measure: 'Your tutor writes that you went to every session and finished the work, and your POM agrees.',
      why: 'This helps you stop and think before you act, so you are less likely to get into trouble again.',
      status,
      dueBy: addDays(today, Math.round(random() * 700) - 100),
      ...(status === 'achieved' ? { achievedOn: addDays(today, -Math.round(random() * 300) - 10) } : {}),
      ...(g % 4 === 0 ? { outsideControl: 'The course starts when there are enough places. Waiting will not count against you.' } : {}),
      shareable: true,
      steps: Array.from({ length: stepsPerGoal }, (_, s) => ({
        id: `goal-${g + 1}-step-${s + 1}`,
        description: `Step ${s + 1}: go to the session on the wing and talk to your key worker about how it went.`,
        actor: actors[(g + s) % actors.length]!,
        status: stepStatuses[Math.floor(random() * stepStatuses.length)]!,
        ...(s % 2 === 0 ? { dueBy: addDays(today, Math.round(random() * 400)) } : {}),
        shareable: true,
      })),
    };
  });
  return {
    id: 'plan-bench',
    personId,
    updatedAt: new Date().toISOString(),
    shareable: true,
    sentence: { type: 'indeterminate', sentencedOn: addDays(today, -3500), tariffMonths: 144 },
    keyDates: { tariffExpiryDate: addDays(today, 900), paroleEligibilityDate: addDays(today, 900) },
    agreement: 'agreed',
    reviews: [
      { id: 'r1', kind: 'initialOasys', on: addDays(today, -3400), by: 'pom', shareable: true },
      { id: 'r2', kind: 'oasysReview', on: addDays(today, -1280), by: 'pom', shareable: true },
      { id: 'r3', kind: 'sentencePlanReview', on: addDays(today, -120), by: 'pom', shareable: true },
    ],
    events: [{ id: 'e1', kind: 'transfer', on: addDays(today, -900), shareable: true }],
    objectives,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) The review rules over many generated plans, in Node (the same code the app runs).

function generatedPlan(random: () => number, n: number): Plan {
  const indeterminate = random() < 0.15;
  const sentencedOn = addDays(today, -Math.round(random() * 4000));
  const lengthMonths = indeterminate ? undefined : 3 + Math.floor(random() * 120);
  const release = lengthMonths ? addDays(sentencedOn, Math.round(lengthMonths * 15.2)) : undefined;
  const reviews = Array.from({ length: Math.floor(random() * 8) }, (_, i) => ({
    id: `r${i}`,
    kind: (['initialOasys', 'oasysReview', 'sentencePlanReview', 'preRelease', 'transfer'] as const)[Math.floor(random() * 5)]!,
    on: addDays(sentencedOn, Math.round(random() * 3000)),
    by: 'pom' as const,
  }));
  return {
    id: `plan-${n}`,
    personId: `p${n}`,
    updatedAt: '2026-11-20T09:30:00Z',
    sentence: { type: indeterminate ? 'indeterminate' : 'determinate', sentencedOn, ...(lengthMonths ? { lengthMonths } : {}) },
    ...(random() < 0.1 ? { mappa: { category: 2 as const, level: (1 + Math.floor(random() * 3)) as 1 | 2 | 3 } } : {}),
    keyDates: {
      ...(release ? { releaseDate: release } : {}),
      ...(indeterminate && random() < 0.8 ? { paroleEligibilityDate: addDays(sentencedOn, 3000 + Math.round(random() * 2000)) } : {}),
    },
    objectives: [],
    reviews,
    events: random() < 0.3 ? [{ id: 'e1', kind: 'transfer', on: addDays(sentencedOn, Math.round(random() * 2000)) }] : [],
    agreement: 'agreed',
  };
}

function benchRules(count: number) {
  const random = seeded(85_000);
  const plans = Array.from({ length: count }, (_, n) => generatedPlan(random, n));
  let results = 0;
  let looksLate = 0;
  for (let i = 0; i < 2000; i++) summariseReviews(evaluateReviews(plans[i % plans.length]!, today)); // warm up
  const start = performance.now();
  for (const plan of plans) {
    const summary = summariseReviews(evaluateReviews(plan, today));
    results += summary.length;
    looksLate += summary.some((r) => r.state === 'looksLate') ? 1 : 0;
  }
  const totalMs = performance.now() - start;
  return { plans: count, totalMs, perPlanUs: (totalMs * 1000) / count, results, plansWithALateReview: looksLate };
}

// ---------------------------------------------------------------------------------------------
// (a) Unlock → plan rendered, in Chromium, against the floor.

/** Runs in every document: notes when the sign-in page gives way (unlocked) and when every goal card is painted. */
function watchPlan() {
  const w = window as unknown as { spcBench?: { signInTitle: string; cards: number; unlocked?: number; rendered?: number; pending?: boolean } };
  const check = () => {
    const bench = w.spcBench;
    if (!bench) return;
    const heading = document.querySelector('h1')?.textContent?.trim();
    if (bench.unlocked === undefined && heading !== undefined && heading !== bench.signInTitle) bench.unlocked = performance.now();
    if (bench.unlocked !== undefined && !bench.pending && document.querySelectorAll('.app-plan-card').length >= bench.cards) {
      bench.pending = true;
      requestAnimationFrame(() => {
        bench.rendered = performance.now();
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Runs in the floor's document: when its heading and every goal card are painted, from navigation start. */
function watchFloor() {
  const w = window as unknown as { spcFloor?: number; spcFloorCards?: number };
  const check = () => {
    if (w.spcFloor !== undefined || document.querySelectorAll('.app-plan-card').length < (w.spcFloorCards ?? Infinity)) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      w.spcFloor = performance.now();
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

const person = { prisonNumber: 'Z9999ZZ', pin: '246802', personId: 'bench-person' };
const t = (key: string) => text('en', key);

async function throttled<T>(cdp: CDPSession, work: () => Promise<T>): Promise<T> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  try {
    return await work();
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

async function signIn(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: t('signIn.prisonNumberLabel') }).fill(person.prisonNumber);
  const pad = page.getByRole('group', { name: t('signIn.padLabel') });
  for (const digit of person.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
}

/** One measured unlock, offline: from the plan's sign-in prompt, through the PIN, to all 60 goals painted. */
async function measureUnlock(page: Page, cdp: CDPSession, planUrl: string): Promise<number> {
  await page.getByRole('main').getByRole('link', { name: t('signIn.promptLink') }).click();
  await page.getByRole('heading', { level: 1, name: t('signIn.title') }).waitFor();
  await signIn(page);
  await page.evaluate(([signInTitle, cards]) => {
    (window as unknown as { spcBench: unknown }).spcBench = { signInTitle, cards };
  }, [t('signIn.title'), goals] as const);
  const elapsed = await throttled(cdp, async () => {
    await page.getByRole('main').getByRole('button', { name: t('signIn.submit') }).click();
    const handle = await page.waitForFunction(() => {
      const bench = (window as unknown as { spcBench: { unlocked?: number; rendered?: number } }).spcBench;
      return bench.rendered !== undefined && bench.unlocked !== undefined ? bench.rendered - bench.unlocked : undefined;
    }, undefined, { timeout: 60_000 });
    return (await handle.jsonValue()) as number;
  });
  // Signed out again for the next run (at the plan's sign-in prompt).
  await page.getByRole('button', { name: t('session.signOut') }).click();
  await page.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
  await page.goto(planUrl, { waitUntil: 'load' });
  await page.getByRole('main').getByRole('link', { name: t('signIn.promptLink') }).waitFor();
  return elapsed;
}

async function measureFloor(page: Page, cdp: CDPSession, url: string): Promise<number> {
  return throttled(cdp, async () => {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.fromServiceWorker()) throw new Error('floor: not served by its service worker');
    const handle = await page.waitForFunction(() => (window as unknown as { spcFloor?: number }).spcFloor, undefined, { timeout: 30_000 });
    return (await handle.jsonValue()) as number;
  });
}

if (!existsSync(join(distDir, 'index.html'))) {
  console.log('dist/ is missing: building the app first');
  if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: repoRoot }).status !== 0) throw new Error('The build failed');
}
const loadAtStart = loadavg()[0]!;
if (loadAtStart > cpus().length / 2) console.log(`\nWARNING: the machine is busy (load ${loadAtStart.toFixed(1)} on ${cpus().length} cores); timings will be noisy.`);

console.log(`\nReview rules over ${planCount} generated plans (Node ${process.version})`);
const rules = benchRules(planCount);
table([
  ['plans', 'total', 'per plan', 'reviews found', 'plans with a review that looks late'],
  [String(rules.plans), ms(rules.totalMs), `${rules.perPlanUs.toFixed(1)} µs`, String(rules.results), String(rules.plansWithALateReview)],
]);

const benchDist = await distWithFloor(distDir, { title: '' });
const service = await startService({ dist: benchDist });
const browsers: Browser[] = [];
const samples = { app: [] as number[], floor: [] as number[] };
try {
  await service.store.insertPerson({ personId: person.personId, prisonNumber: person.prisonNumber, displayName: 'Bench Person', pinHash: await hashPin(person.pin) });
  await service.store.putPlan(benchPlan(person.personId));

  // The app, installed and signed in once online (the plan is pulled into the sealed store).
  browsers.push(await launchChromium(), await launchChromium());
  const [appBrowser, floorBrowser] = browsers as [Browser, Browser];
  const app = appBrowser.context.pages()[0] ?? (await appBrowser.context.newPage());
  await app.addInitScript(watchPlan);
  const appCdp = await appBrowser.context.newCDPSession(app);
  await app.goto(`${service.baseUrl}/plan`);
  await app.evaluate(() => navigator.serviceWorker.ready);
  await app.reload();
  await app.getByRole('main').getByRole('link', { name: t('signIn.promptLink') }).click();
  await signIn(app);
  await app.getByRole('main').getByRole('button', { name: t('signIn.submit') }).click();
  await app.waitForFunction((n) => document.querySelectorAll('.app-plan-card').length >= n, goals, { timeout: 60_000 });
  await app.waitForTimeout(500); // the glossary and the read-aloud script settle
  // The floor: exactly what the app drew, as static HTML with the app's stylesheet.
  const drawn = await app.locator('main').innerHTML();
  const floorHtml = (await readFile(join(benchDist, 'floor.html'), 'utf8')).replace(/<main\b[^>]*>[\s\S]*<\/main>/, `<main class="govuk-main-wrapper" id="main-content">${drawn}</main>`);
  await writeFile(join(benchDist, 'floor.html'), floorHtml);
  await app.getByRole('button', { name: t('session.signOut') }).click();
  await app.getByText(t('session.signedOut')).waitFor({ timeout: 15_000 });
  await app.goto(`${service.baseUrl}/plan`);
  await app.getByRole('main').getByRole('link', { name: t('signIn.promptLink') }).waitFor();

  const floor = floorBrowser.context.pages()[0] ?? (await floorBrowser.context.newPage());
  await floor.addInitScript((cards) => {
    (window as unknown as { spcFloorCards: number }).spcFloorCards = cards;
  }, goals);
  await floor.addInitScript(watchFloor);
  const floorCdp = await floorBrowser.context.newCDPSession(floor);
  const floorUrl = `${service.baseUrl}/floor.html`;
  await floor.goto(floorUrl);
  await floor.evaluate(() => navigator.serviceWorker.ready);
  await floor.reload();

  for (const b of browsers) await b.context.setOffline(true);
  console.log(`\nMeasuring offline, CPU ${cpuSlowdown}× slower: ${warmup} warm-up + ${runs} runs each, alternating`);
  for (let i = 0; i < warmup + runs; i++) {
    const a = await measureUnlock(app, appCdp, `${service.baseUrl}/plan`);
    const f = await measureFloor(floor, floorCdp, floorUrl);
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
console.log(`\nThe plan of ${goals} goals and ${goals * stepsPerGoal} steps, drawn in full\n`);
table([
  ['page', 'median', 'min', 'max', 'runs (ms)'],
  ['app: unlock → plan', ms(appMedian), ms(Math.min(...samples.app)), ms(Math.max(...samples.app)), samples.app.map((n) => n.toFixed(0)).join(' ')],
  ['floor: static HTML', ms(floorMedian), ms(Math.min(...samples.floor)), ms(Math.max(...samples.floor)), samples.floor.map((n) => n.toFixed(0)).join(' ')],
]);
const checks = [
  { target: `unlock → plan drawn < ${targets.unlockToPlanMs} ms`, value: ms(appMedian), pass: appMedian < targets.unlockToPlanMs },
  { target: `app ÷ floor < ${targets.appToFloorRatio}`, value: ratio.toFixed(2), pass: ratio < targets.appToFloorRatio },
  { target: `review rules < ${targets.rulesPerPlanUs} µs a plan`, value: `${rules.perPlanUs.toFixed(1)} µs`, pass: rules.perPlanUs < targets.rulesPerPlanUs },
];
console.log('\nTargets\n');
table([['target', 'value', 'result'], ...checks.map((c) => [c.target, c.value, c.pass ? 'PASS' : 'FAIL'])]);

await writeResults(args.name, {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAtStart },
  method: { cpuSlowdown, runs, warmup, goals, steps: goals * stepsPerGoal, plans: planCount },
  unlockToPlanMs: { app: samples.app, floor: samples.floor, appMedian, floorMedian, ratio },
  rules,
  targets: checks,
});
if (checks.some((c) => !c.pass)) process.exitCode = 1;

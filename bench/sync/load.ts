/** Simulated devices: sign in, push batches, pull changes, over HTTP to the real service. */
import { v7 } from 'uuid';
import { ApplicationType } from '../../src/domain/application.ts';
import { SignInResponse } from '../../src/domain/auth.ts';
import { saq1 } from '../../src/domain/questionnaire-sets.ts';
import { questionsOf } from '../../src/domain/questionnaire.ts';
import { currentSchemaVersion, type OutboxItem, type PullResponse, type PushResponse } from '../../src/domain/sync.ts';
import { keepAliveAgent, postJson } from './http-post.ts';
import type { BenchPerson } from './protocol.ts';
import { pool, sleep, summarize, type LatencySummary } from './stats.ts';

export type Device = { person: BenchPerson; accessToken: string; cursor: string };

/** Signs every person in over HTTP (not timed in any figure). */
export async function signInAll(baseUrl: string, people: readonly BenchPerson[], concurrency = 8): Promise<{ devices: Device[]; ms: number }> {
  const started = performance.now();
  const devices: Device[] = new Array(people.length);
  let next = 0;
  await pool(
    concurrency,
    () => (next < people.length ? next++ : null),
    async (i) => {
      const person = people[i]!;
      const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prisonNumber: person.prisonNumber, pin: person.pin }),
      });
      if (response.status !== 200) throw new Error(`sign-in ${person.prisonNumber}: HTTP ${response.status} ${await response.text()}`);
      const grant = SignInResponse.parse(await response.json());
      devices[i] = { person, accessToken: grant.accessToken, cursor: '0' };
    },
  );
  return { devices, ms: performance.now() - started };
}

/** A person may have one open application of each type, so a device sends at most this many at a time. */
export const applicationTypes: readonly ApplicationType[] = ApplicationType.options;
const sentences = [
  'Please can I see my POM about my plan.',
  'I would like to talk about the course on thinking skills and when it starts.',
  'My release date on the plan looks wrong to me, can someone check it please.',
  'Can I have a copy of my OASys so I can read it with my family.',
  'I want to ask about moving to a PIPE unit after my next review.',
  'I have finished the education step and would like it marked as done.',
];

/** A realistic application as the app makes it: fresh UUIDv7 id, 40–300 characters of details, the `n`th type. */
export function applicationItem(n: number, createdAt = new Date().toISOString()): OutboxItem {
  const id = v7();
  const words = [sentences[n % sentences.length]!, sentences[(n * 7 + 3) % sentences.length]!].slice(0, 1 + (n % 2)).join(' ');
  return { id, kind: 'application', createdAt, payload: { id, createdAt, type: applicationTypes[n % applicationTypes.length]!, details: words } };
}

/** The statements of the question set the app uses: a questionnaire must answer every one. */
const statements = questionsOf(saq1).filter((question) => question.kind === 'statement').map((question) => question.id);

/**
 * A realistic self-assessment questionnaire (`saq-1`): fresh UUIDv7 id, every statement answered, a third with a note. The
 * timed push sends these: applications are one open per type per person (see one open per type in
 * src/server/NOTES.md), so a device cannot keep sending new ones.
 */
export function questionnaireItem(n: number, createdAt = new Date().toISOString()): OutboxItem {
  const id = v7();
  const answers = Object.fromEntries(
    statements.map((statement, i) => [statement, { choice: saq1.scale[(n + i) % saq1.scale.length]!, ...(i % 3 === 0 ? { note: sentences[(n + i) % sentences.length]! } : {}) }]),
  );
  return { id, kind: 'questionnaire', createdAt, payload: { id, questionSet: saq1.id, completedOn: createdAt.slice(0, 10), answers, createdAt } };
}

export type PushFigures = {
  seconds: number;
  batch: number;
  concurrency: number;
  requests: number;
  sentItems: number;
  applied: number;
  duplicate: number;
  rejected: number;
  httpErrors: number;
  itemsPerSecond: number;
  requestLatency: LatencySummary;
};

type MakeItem = (n: number) => OutboxItem;

/** Request bodies made before the clock starts, so making ids and JSON is not timed. */
function pushBodies(count: number, batch: number, from: number, make: MakeItem): string[] {
  return Array.from({ length: count }, (_, r) =>
    JSON.stringify({ schemaVersion: currentSchemaVersion, items: Array.from({ length: batch }, (_, i) => make(from + r * batch + i)) }),
  );
}

/** An upper bound on requests a run can send, to make its bodies beforehand (more are made if it runs out). */
const maxRequestsPerSecond = 2_500;

/**
 * Push for `seconds` (or `count` requests): `concurrency` requests in flight at any time, devices taking turns, each
 * request a batch of `batch` new items (questionnaires unless `make` says otherwise). Items/s counts applied items only.
 */
export async function runPush(
  baseUrl: string,
  devices: readonly Device[],
  opts: { seconds?: number; count?: number; batch: number; concurrency: number; make?: MakeItem },
): Promise<PushFigures> {
  const make = opts.make ?? questionnaireItem;
  const latencies: number[] = [];
  const totals = { requests: 0, sentItems: 0, applied: 0, duplicate: 0, rejected: 0, httpErrors: 0 };
  const planned = Math.min(opts.count ?? Infinity, Math.ceil((opts.seconds ?? 0) * maxRequestsPerSecond));
  const bodies = pushBodies(planned, opts.batch, 0, make);
  const agent = keepAliveAgent(opts.concurrency);
  const url = new URL('/api/sync/push', baseUrl);
  let turn = 0;
  const started = performance.now();
  const deadline = started + (opts.seconds ?? Infinity) * 1000;
  const count = opts.count ?? Infinity;
  await pool(
    opts.concurrency,
    () => (performance.now() < deadline && turn < count ? turn++ : null),
    async (n) => {
      const device = devices[n % devices.length]!;
      const body = bodies[n] ?? pushBodies(1, opts.batch, n * opts.batch, make)[0]!;
      bodies[n] = '';
      const t0 = performance.now();
      const response = await postJson(agent, url, { authorization: `Bearer ${device.accessToken}` }, body);
      latencies.push(performance.now() - t0);
      totals.requests += 1;
      totals.sentItems += opts.batch;
      if (response.status !== 200) {
        totals.httpErrors += 1;
        if (totals.httpErrors <= 3) console.log(`  push: HTTP ${response.status} ${response.text.slice(0, 200)}`);
        return;
      }
      for (const result of (JSON.parse(response.text) as PushResponse).results) totals[result.status] += 1;
    },
  );
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  return { seconds: elapsed, batch: opts.batch, concurrency: opts.concurrency, ...totals, itemsPerSecond: totals.applied / elapsed, requestLatency: summarize(latencies) };
}

async function pullOnce(baseUrl: string, device: Device): Promise<{ ms: number; changes: number; hasMore: boolean; ok: boolean; fromZero: boolean }> {
  const fromZero = device.cursor === '0';
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}/api/sync/pull?cursor=${device.cursor}&limit=100&schemaVersion=${currentSchemaVersion}`, {
    headers: { authorization: `Bearer ${device.accessToken}` },
  });
  const text = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200) return { ms, changes: 0, hasMore: false, ok: false, fromZero };
  const body = JSON.parse(text) as PullResponse;
  device.cursor = body.cursor;
  return { ms, changes: body.changes.length, hasMore: body.hasMore, ok: true, fromZero };
}

export type PullFigures = {
  mode: string;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  changes: number;
  httpErrors: number;
  latency: LatencySummary;
  /** Pulls from cursor 0 (the plan and every reply so far) apart from the later, incremental ones. */
  fromZero: LatencySummary;
  incremental: LatencySummary;
};

/** Counts pulls as they come back, and turns them into the figures of one run. */
function pullTally() {
  const latencies: number[] = [];
  const zero: number[] = [];
  const later: number[] = [];
  let changes = 0;
  let httpErrors = 0;
  const started = performance.now();
  return {
    started,
    /** Pulls until the device has caught up (`hasMore` false), counting each request. */
    async catchUp(baseUrl: string, device: Device) {
      for (;;) {
        const result = await pullOnce(baseUrl, device);
        latencies.push(result.ms);
        (result.fromZero ? zero : later).push(result.ms);
        changes += result.changes;
        if (!result.ok) httpErrors += 1;
        if (!result.hasMore) return;
      }
    },
    figures(mode: string): PullFigures {
      const elapsed = (performance.now() - started) / 1000;
      return {
        mode,
        seconds: elapsed,
        requests: latencies.length,
        requestsPerSecond: latencies.length / elapsed,
        changes,
        httpErrors,
        latency: summarize(latencies),
        fromZero: summarize(zero),
        incremental: summarize(later),
      };
    },
  };
}

/**
 * Open loop: every device pulls every `intervalMs` (first at a random moment in the first
 * interval), following `hasMore` at once, for `seconds`. Each device starts from cursor 0, so its
 * first pull carries its plan and the replies to what it pushed; later pulls are mostly empty.
 */
export async function runPull(baseUrl: string, devices: Device[], opts: { seconds: number; intervalMs: number }): Promise<PullFigures> {
  const tally = pullTally();
  const deadline = tally.started + opts.seconds * 1000;
  await Promise.all(
    devices.map(async (device) => {
      device.cursor = '0';
      let at = tally.started + Math.random() * opts.intervalMs;
      while (at < deadline) {
        await sleep(Math.max(0, at - performance.now()));
        await tally.catchUp(baseUrl, device);
        at += opts.intervalMs;
      }
    }),
  );
  return tally.figures(`open loop, each device every ${opts.intervalMs} ms`);
}

/** Every device at the same moment, from cursor 0 (e.g. the network coming back): one round. */
export async function runPullBurst(baseUrl: string, devices: Device[]): Promise<PullFigures> {
  const tally = pullTally();
  await Promise.all(
    devices.map(async (device) => {
      device.cursor = '0';
      await tally.catchUp(baseUrl, device);
    }),
  );
  return tally.figures('burst: all devices at once');
}

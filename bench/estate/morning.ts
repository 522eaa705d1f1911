/**
 * The morning simulation: every person's tablet signs in once after unlock within a window, pulls
 * until it is up to date, and a share of them send what waits in their outbox (an application, a
 * progress note, now and then a questionnaire), spread over one or more service processes; at the
 * same time OMU staff work the inbox of the prison with the longest history over the staff
 * listener (bench/estate/staff.ts).
 * Measures how long the whole morning takes, each kind of request's latency, errors, and the CPU
 * and memory of the service processes and of PostgreSQL.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { OutboxItem } from '../../src/domain/sync.ts';
import { applicationItem, progressNoteItem, questionnaireItem, uuidv7 } from '../../test/server/support/outbox.ts';
import { summarize, type LatencySummary } from '../sync/stats.ts';
import { pullAll, push, unlock } from './device.ts';
import { requestsResent } from './http-client.ts';
import { estateDeviceId, estatePin, estateResumeToken } from './generate.ts';
import { estateStaffPassword } from './load.ts';
import { seededRandom } from './random.ts';
import type { ServiceStats } from './service-process.ts';
import { listInbox, openApplication, replyTo, staffSignIn } from './staff.ts';

/** Each process's tablet listener (`bases`) and staff listener (`staffBases`), in the same order. */
export type Services = { bases: string[]; staffBases: string[]; stats(): Promise<ServiceStats[]>; stop(): Promise<void> };

/** Starts `count` service processes on 127.0.0.1 over one database. */
export async function startServices(databaseUrl: string, count: number): Promise<Services> {
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  const staffBases: string[] = [];
  for (let i = 0; i < count; i++) {
    const child = fork(new URL('./service-process.ts', import.meta.url), [], {
      env: { ...process.env, ESTATE_DATABASE_URL: databaseUrl },
      stdio: 'inherit',
      // ESTATE_CPU_PROFILE=<folder>: each service process writes a V8 CPU profile there when it stops.
      execArgv: process.env.ESTATE_CPU_PROFILE ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${process.env.ESTATE_CPU_PROFILE}`] : process.execArgv,
    });
    children.push(child);
    const ready = await new Promise<{ port: number; staffPort: number }>((resolve, reject) => {
      child.once('message', (message: { type: string; port: number; staffPort: number }) => resolve(message));
      child.once('exit', (code) => reject(new Error(`A service process ended before it was ready (exit ${code}).`)));
    });
    bases.push(`http://127.0.0.1:${ready.port}`);
    staffBases.push(`http://127.0.0.1:${ready.staffPort}`);
  }
  const ask = (child: ChildProcess) =>
    new Promise<ServiceStats>((resolve) => {
      child.once('message', (message: ServiceStats) => resolve(message));
      child.send({ type: 'stats' });
    });
  return {
    bases,
    staffBases,
    stats: () => Promise.all(children.map(ask)),
    async stop() {
      await Promise.all(children.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.send({ type: 'stop' })))));
    },
  };
}

/** CPU time (ms) of the PostgreSQL server and all its processes, ended ones included, and the memory of the live ones, read from /proc; null where that cannot be read. */
export async function databaseUsage(client: pg.ClientBase): Promise<{ cpuMs: number; rssBytes: number } | null> {
  try {
    const { rows } = await client.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
    const postmaster = Number(readFileSync(join(rows[0]!.setting, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    let cpuMs = 0;
    let rssBytes = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      if (pid !== postmaster && Number(fields[1]) !== postmaster) continue;
      cpuMs += (Number(fields[11]) + Number(fields[12])) * tick;
      // The postmaster also carries the CPU of its children that have ended (backends the pool
      // closed, autovacuum workers): cutime and cstime.
      if (pid === postmaster) cpuMs += (Number(fields[13]) + Number(fields[14])) * tick;
      rssBytes += Number(fields[21]) * 4096;
    }
    return { cpuMs, rssBytes };
  } catch {
    return null;
  }
}

export type MorningOptions = {
  databaseUrl: string;
  bases: readonly string[];
  /** The tablets start evenly spread over this window (unlock times). */
  windowMs: number;
  /** The share of tablets with something waiting to send. */
  pushShare: number;
  /** At most this many tablets mid-morning at once (beyond it, later ones wait: the queue shows in the morning's time). */
  maxInFlight: number;
  /** Each process's staff listener: OMU staff of `inboxPrisonId` sign in there, one per process in turn. */
  staffBases: readonly string[];
  /** The prison whose inbox staff work during the morning. */
  inboxPrisonId: string;
  /** How many OMU staff work the inbox at once (the estate has two per prison). */
  staffCount?: number;
  seed: number;
  /** Only the first `people` people (default everybody). */
  people?: number;
  /**
   * The resume token each tablet keeps, by prison number (the estate's own to begin with); the
   * newest is kept here, so a second morning over the same map resumes as tablets would.
   */
  resumeTokens?: Map<string, string>;
};

export type MorningResult = {
  devices: number;
  /** Tablets that had to send the PIN (their resume token had lapsed). */
  pinSignIns: number;
  pushes: number;
  itemsSent: number;
  morningMs: number;
  /** PIN sign-ins (the resume token had lapsed), and resumes (each tried first). */
  signIn: LatencySummary;
  resume: LatencySummary;
  pullPage: LatencySummary;
  /** The pull page p99 in each 30 s of the morning (by when the tablet started its pull): where the slow ones fall. */
  pullP99By30s: number[];
  pullWhole: LatencySummary;
  push: LatencySummary;
  /** One page of the inbox over HTTP (the first, and the next when there is one). */
  inbox: LatencySummary;
  staffSignIn: LatencySummary;
  openApplication: LatencySummary;
  reply: LatencySummary;
  changesPulled: number;
  /** CPU the load generator itself used (this process: the tablets' and staff's HTTP and parsing), which shares the box. */
  generatorCpuMs: number;
  /** Requests the tablets sent again on a new connection, their kept-alive one having just been closed by the service. */
  resentOnNewConnection: number;
  errors: number;
  errorSamples: string[];
};

export async function runMorning(options: MorningOptions): Promise<MorningResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ prison_number: string }>('SELECT prison_number FROM people ORDER BY prison_number');
  await client.end();
  const random = seededRandom(options.seed);
  const resumeTokens = options.resumeTokens ?? new Map<string, string>();
  const people = rows.map((row) => row.prison_number).slice(0, options.people ?? rows.length);
  // Unlock order: shuffled, so prisons and services mix as they would.
  for (let i = people.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [people[i], people[j]] = [people[j]!, people[i]!];
  }

  const samples = {
    signIn: [] as number[],
    resume: [] as number[],
    pullPage: [] as number[],
    pullWhole: [] as number[],
    push: [] as number[],
    inbox: [] as number[],
    staffSignIn: [] as number[],
    openApplication: [] as number[],
    reply: [] as number[],
  };
  const errorSamples: string[] = [];
  const pullsBy30s: number[][] = [];
  let morningStarted = performance.now();
  let errors = 0;
  let pushes = 0;
  let itemsSent = 0;
  let changesPulled = 0;

  function failed(error: unknown): void {
    errors++;
    if (errorSamples.length < 5) errorSamples.push((error as Error).message);
  }

  async function morningOf(index: number): Promise<void> {
    const base = options.bases[index % options.bases.length]!;
    const sends = random.next() < options.pushShare;
    const withQuestionnaire = random.next() < 0.1;
    try {
      const prisonNumber = people[index]!;
      const kept = resumeTokens.get(prisonNumber) ?? estateResumeToken(prisonNumber);
      const session = await unlock(base, { prisonNumber, pin: estatePin, deviceId: estateDeviceId(prisonNumber), resumeToken: kept });
      if (session.value.resumeToken) resumeTokens.set(prisonNumber, session.value.resumeToken);
      samples.resume.push(session.resumeMs);
      if (session.via === 'pin') samples.signIn.push(session.ms);
      const started = performance.now();
      const pulled = await pullAll(base, session.value.accessToken);
      samples.pullWhole.push(performance.now() - started);
      samples.pullPage.push(...pulled.pages);
      const bucket = Math.floor((started - morningStarted) / 30_000);
      (pullsBy30s[bucket] ??= []).push(...pulled.pages);
      changesPulled += pulled.changes;
      if (sends) {
        const items: OutboxItem[] = [applicationItem('Please can I see my POM this week.', uuidv7(), 'other'), progressNoteItem('I went to the gym group.')];
        if (withQuestionnaire) items.push(questionnaireItem());
        const sent = await push(base, session.value.accessToken, items);
        samples.push.push(sent.ms);
        pushes++;
        itemsSent += items.length;
        const refused = sent.value.results.filter((result) => result.status !== 'applied');
        if (refused.length > 0) throw new Error(`push not applied: ${JSON.stringify(refused)}`);
      }
    } catch (error) {
      failed(error);
    }
  }

  // OMU staff work the inbox all morning over the staff listener, each on another process: the
  // first page of what waits, the next page, open one, and now and then reply to it (which
  // answers it, so it leaves the list and the person's next pull carries the reply).
  let morningOver = false;
  async function staffMember(n: number): Promise<void> {
    const base = options.staffBases[n % options.staffBases.length]!;
    const signedIn = await staffSignIn(base, `omu.${n + 1}.${options.inboxPrisonId.toLowerCase()}`, estateStaffPassword);
    samples.staffSignIn.push(signedIn.ms);
    const session = signedIn.value;
    for (let round = 0; !morningOver; round++) {
      const page = await listInbox(session);
      samples.inbox.push(page.ms);
      if (page.value.next) samples.inbox.push((await listInbox(session, page.value.next)).ms);
      // Each member takes a different one of the oldest, so two rarely answer the same one.
      const pick = page.value.items[Math.min(n, page.value.items.length - 1)];
      if (pick) {
        samples.openApplication.push((await openApplication(session, pick.id)).ms);
        if (round % 4 === 0) samples.reply.push((await replyTo(session, pick.id, 'Thank you. We have booked this for you.')).ms);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const staff = Promise.all(Array.from({ length: options.staffCount ?? 2 }, (_, n) => staffMember(n).catch(failed)));

  const started = performance.now();
  morningStarted = started;
  const cpuAtStart = process.cpuUsage();
  const resentAtStart = requestsResent();
  const gap = options.windowMs / Math.max(1, people.length);
  let inFlight = 0;
  let waiting: (() => void) | null = null;
  const running: Promise<void>[] = [];
  for (let i = 0; i < people.length; i++) {
    const due = started + i * gap;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (inFlight >= options.maxInFlight) await new Promise<void>((resolve) => (waiting = resolve));
    inFlight++;
    running.push(
      morningOf(i).finally(() => {
        inFlight--;
        const wake = waiting;
        waiting = null;
        wake?.();
      }),
    );
  }
  await Promise.all(running);
  const morningMs = performance.now() - started;
  morningOver = true;
  await staff;
  const cpu = process.cpuUsage(cpuAtStart);

  return {
    devices: people.length,
    pinSignIns: samples.signIn.length,
    pushes,
    itemsSent,
    morningMs,
    signIn: summarize(samples.signIn),
    resume: summarize(samples.resume),
    pullPage: summarize(samples.pullPage),
    pullP99By30s: Array.from(pullsBy30s, (pages) => summarize(pages ?? []).p99),
    pullWhole: summarize(samples.pullWhole),
    push: summarize(samples.push),
    inbox: summarize(samples.inbox),
    staffSignIn: summarize(samples.staffSignIn),
    openApplication: summarize(samples.openApplication),
    reply: summarize(samples.reply),
    changesPulled,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
    resentOnNewConnection: requestsResent() - resentAtStart,
    errors,
    errorSamples,
  };
}

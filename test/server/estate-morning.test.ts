import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEstate, type LoadResult } from '../../bench/estate/load.ts';
import { runMorning, startServices, type Services } from '../../bench/estate/morning.ts';
import { estatePinDaysAgo, estateToday } from '../../bench/estate/generate.ts';
import { retentionCutoff } from '../../src/domain/retention.ts';
import { runSignIns, setPinCost } from '../../bench/estate/sign-ins.ts';
import { defaultScryptParams, parsePinHash } from '../../src/server/auth/pin-hash.ts';
import { describeOnEngine } from './support/engines.ts';

/**
 * The morning simulation at a small scale (300 people in 3 prisons, two service processes on one
 * PostgreSQL), so the harness behind `node bench/morning.ts` cannot rot: every tablet signs in
 * and pulls, a share push, and meanwhile two OMU staff sign in on the staff listener (cookie, CSRF,
 * Origin) and work the inbox over HTTP: list it, open one, reply; nothing fails, everything sent is
 * stored, and each reply is in the audit trail.
 */
describeOnEngine('postgres', 'estate morning (small)', () => {
  const schema = `morning_${randomBytes(6).toString('hex')}`;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://unused');
  url.searchParams.set('options', `-c search_path=${schema}`);
  let admin: pg.Client;
  let services: Services | null = null;
  let loaded: LoadResult;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    loaded = await loadEstate(url.toString(), { seed: 3, people: 300, prisons: 3, months: 2, longHistoryMonths: 6, today: estateToday() });
    services = await startServices(url.toString(), 2);
  }, 300_000);

  afterAll(async () => {
    await services?.stop();
    await admin?.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
  });

  it('every tablet signs in and pulls, a share push, across two processes, with no errors', async () => {
    const before = await admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM applications');
    // What the first pulls must carry: the plan and a reply for each application the change log
    // keeps (src/domain/retention.ts), counted before the morning's pushes add their own. Retention
    // is judged at the moment of each pull: at most what it keeps at the start, at least what it
    // keeps at the end.
    const last = await admin.query<{ seq: string }>('SELECT MAX(seq) AS seq FROM change_log');
    const kept = (at: Date) =>
      admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM change_log WHERE shareable = 1 AND seq <= $1 AND (closed_at IS NULL OR closed_at >= $2)', [
        last.rows[0]!.seq,
        retentionCutoff(at),
      ]);
    const atStart = await kept(new Date());
    // Replies in the audit trail: all of them, and those in E000 (where the staff work).
    const repliesQuery = "SELECT COUNT(*) AS every, COUNT(*) FILTER (WHERE prison_id = 'E000') AS e000 FROM audit_log WHERE action = 'reply'";
    const repliesBefore = (await admin.query<{ every: string; e000: string }>(repliesQuery)).rows[0]!;
    const resumeTokens = new Map<string, string>();
    const lapsedBy = async (at: Date) =>
      Number((await admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM known_devices WHERE resume_expires_at <= $1', [at.toISOString()])).rows[0]!.n);
    const lapsedAtStart = await lapsedBy(new Date());
    const result = await runMorning({
      databaseUrl: url.toString(),
      bases: services!.bases,
      staffBases: services!.staffBases,
      windowMs: 2_000,
      pushShare: 0.3,
      maxInFlight: 16,
      inboxPrisonId: 'E000',
      seed: 5,
      resumeTokens,
    });
    const atEnd = await kept(new Date());
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.devices).toBe(300);
    // Every tablet resumes first; those whose token lapsed (30 days after their last PIN) send the PIN.
    const prisonNumbers = (await admin.query<{ prison_number: string }>('SELECT prison_number FROM people')).rows.map((r) => r.prison_number);
    const lapsedBeforeToday = prisonNumbers.filter((n) => estatePinDaysAgo(n) === 30).length;
    expect(lapsedBeforeToday).toBeGreaterThan(0);
    expect(lapsedAtStart).toBe(lapsedBeforeToday);
    expect(result.resume.count).toBe(300);
    // (Tokens lapse at 05:59 UTC: a run across that minute could see more.)
    expect(result.pinSignIns).toBe(lapsedAtStart);
    expect(result.signIn.count).toBe(result.pinSignIns);
    expect(resumeTokens.size, 'each tablet keeps the newest token').toBe(300);
    expect(result.pullWhole.count).toBe(300);
    expect(result.changesPulled).toBeGreaterThanOrEqual(Number(atEnd.rows[0]!.n));
    // Each push and each staff reply adds (or replaces) one entry a device may pull.
    expect(result.changesPulled).toBeLessThanOrEqual(Number(atStart.rows[0]!.n) + result.pushes + result.reply.count);
    expect(result.pushes).toBeGreaterThan(50);
    const after = await admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM applications');
    expect(Number(after.rows[0]!.n) - Number(before.rows[0]!.n)).toBe(result.pushes);
    // Staff over HTTP: both signed in (one on each process), listed, opened and replied.
    expect(result.staffSignIn.count).toBe(2);
    expect(result.inbox.count).toBeGreaterThanOrEqual(2);
    expect(result.openApplication.count).toBeGreaterThanOrEqual(2);
    expect(result.reply.count).toBeGreaterThanOrEqual(2);
    const repliesAfter = (await admin.query<{ every: string; e000: string }>(repliesQuery)).rows[0]!;
    expect(Number(repliesAfter.every) - Number(repliesBefore.every)).toBe(result.reply.count);
    expect(Number(repliesAfter.e000) - Number(repliesBefore.e000)).toBe(result.reply.count);
    const stats = await services!.stats();
    expect(stats).toHaveLength(2);
    for (const process of stats) expect(process.cpuMs).toBeGreaterThan(0);
    // The service's own time per route is kept, pulls on both processes and the inbox on the staff listener.
    for (const process of stats) expect(process.serviceMs['GET /api/sync/pull']?.length).toBeGreaterThan(0);
    expect(stats.flatMap((process) => process.serviceMs['GET /api/staff/v1/applications'] ?? []).length).toBe(result.inbox.count);
    // The next morning the tablets resume with the tokens they kept: no PIN at all.
    const next = await runMorning({ databaseUrl: url.toString(), bases: services!.bases, staffBases: services!.staffBases, windowMs: 500, pushShare: 0, maxInFlight: 8, inboxPrisonId: 'E000', seed: 6, people: 40, resumeTokens });
    expect(next.errorSamples).toEqual([]);
    expect(next.resume.count).toBe(40);
    expect(next.pinSignIns).toBe(0);
  }, 120_000);

  it('the sign-in bench signs people in at the real scrypt cost, and the load reports each table size', async () => {
    const people = (await admin.query<{ prison_number: string }>('SELECT prison_number FROM people ORDER BY prison_number LIMIT 4')).rows.map((r) => r.prison_number);
    await setPinCost(admin, defaultScryptParams);
    const stored = await admin.query<{ pin_hash: string }>('SELECT DISTINCT pin_hash FROM people');
    expect(stored.rows).toHaveLength(1);
    expect(parsePinHash(stored.rows[0]!.pin_hash)?.params).toEqual(defaultScryptParams);
    const run = await runSignIns({ bases: services!.bases, prisonNumbers: people, concurrency: 2 });
    expect(run.errorSamples).toEqual([]);
    expect(run.signIns).toBe(4);
    expect(run.latency.count).toBe(4);
    expect(loaded.tableBytes.change_log).toBeGreaterThan(0);
    expect(loaded.tableBytes.applications).toBeGreaterThan(0);
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEstate } from '../../bench/estate/load.ts';
import { runMorning, startServices, type Services } from '../../bench/estate/morning.ts';
import { retentionCutoff } from '../../src/domain/retention.ts';
import { describeOnEngine } from './support/engines.ts';

/**
 * The morning simulation at a small scale (300 people in 3 prisons, two service processes on one
 * PostgreSQL), so the harness behind `node bench/morning.ts` cannot rot: every tablet signs in
 * and pulls, a share push, staff read the inbox meanwhile; nothing fails and everything sent is stored.
 */
describeOnEngine('postgres', 'estate morning (small)', () => {
  const schema = `morning_${randomBytes(6).toString('hex')}`;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://unused');
  url.searchParams.set('options', `-c search_path=${schema}`);
  let admin: pg.Client;
  let services: Services | null = null;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await loadEstate(url.toString(), { seed: 3, people: 300, prisons: 3, months: 2, longHistoryMonths: 6, today: new Date().toISOString().slice(0, 10) });
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
    const result = await runMorning({ databaseUrl: url.toString(), bases: services!.bases, windowMs: 2_000, pushShare: 0.3, maxInFlight: 16, inboxPrisonId: 'E000', seed: 5 });
    const atEnd = await kept(new Date());
    expect(result.errorSamples).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.devices).toBe(300);
    expect(result.signIn.count).toBe(300);
    expect(result.pullWhole.count).toBe(300);
    expect(result.changesPulled).toBeGreaterThanOrEqual(Number(atEnd.rows[0]!.n));
    expect(result.changesPulled).toBeLessThanOrEqual(Number(atStart.rows[0]!.n) + result.pushes);
    expect(result.pushes).toBeGreaterThan(50);
    const after = await admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM applications');
    expect(Number(after.rows[0]!.n) - Number(before.rows[0]!.n)).toBe(result.pushes);
    expect(result.inbox.count).toBeGreaterThan(0);
    const stats = await services!.stats();
    expect(stats).toHaveLength(2);
    for (const process of stats) expect(process.cpuMs).toBeGreaterThan(0);
  }, 120_000);
});

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { estateDeviceId, estatePin, estateResumeToken, estateToday } from '../../bench/estate/generate.ts';
import { pullAll, push, refresh, resume, signIn } from '../../bench/estate/device.ts';
import { loadEstate } from '../../bench/estate/load.ts';
import { recording, type Sent } from '../../bench/estate/recording-driver.ts';
import { buildServer } from '../../src/server/app.ts';
import { openPostgresDriver } from '../../src/server/store/postgres.ts';
import { createSqlStore } from '../../src/server/store/sql-store.ts';
import type { Store } from '../../src/server/store/store.ts';
import { applicationItem, progressNoteItem, questionnaireItem, uuidv7 } from './support/outbox.ts';
import { describeOnEngine } from './support/engines.ts';

/**
 * Every statement on a hot path, as the real code sends it, EXPLAINed on a PostgreSQL holding a
 * generated estate (3,000 people in 6 prisons, a year of history, the first prison two years;
 * ANALYZEd): no plan may read a big table (over 1,000 rows) from end to end.
 * The statements are caught by a driver that records what the store sends while the test signs
 * in, pulls, pushes and refreshes over HTTP and works the staff inbox, caseload and audit trail.
 */

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
function seqScans(node: PlanNode): string[] {
  const here = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...here, ...(node.Plans ?? []).flatMap(seqScans)];
}
function indexesOf(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesOf)];
}
/** Every node that reads `table`, as "node type (index)". */
function readsOf(node: PlanNode, table: string): string[] {
  const here = node['Relation Name'] === table ? [`${node['Node Type']}${node['Index Name'] ? ` (${node['Index Name']})` : ''}`] : [];
  return [...here, ...(node.Plans ?? []).flatMap((child) => readsOf(child, table))];
}

describeOnEngine('postgres', 'hot queries use indexes on an estate', () => {
  const databaseUrl = process.env.TEST_DATABASE_URL!;
  const schema = `estate_${randomBytes(6).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  let admin: pg.Client;
  let store: Store;
  let server: Awaited<ReturnType<typeof buildServer>>;
  let distDir: string;
  let base: string;
  const log: Sent[] = [];
  const bigTables = new Set<string>();

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await loadEstate(url.toString(), { seed: 12, people: 3_000, prisons: 6, months: 12, longHistoryMonths: 24, today: estateToday() });
    const sizes = await admin.query<{ relname: string; n: string }>(
      `SELECT c.relname, c.reltuples AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    for (const row of sizes.rows) if (Number(row.n) > 1_000) bigTables.add(row.relname);
    store = createSqlStore(recording(openPostgresDriver(url.toString()), log));
    distDir = await mkdtemp(join(tmpdir(), 'spc-estate-dist-'));
    server = await buildServer({ store, distDir, deviceMode: 'tablet', logger: false, signInHousekeeping: false });
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  }, 600_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await admin?.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.end();
    if (distDir) await rm(distDir, { recursive: true, force: true });
  });

  /**
   * Runs `work`, then EXPLAINs every SELECT, UPDATE and DELETE it sent; returns the big tables read
   * whole, and the statements that start from an index kept for the sweeps (`…_by_expiry`): such a
   * plan reads every sign-in not ended yet, which the statistics may say are none.
   */
  async function scansDuring(work: () => Promise<void>): Promise<{ statements: number; scans: string[] }> {
    log.length = 0;
    await work();
    const sent = log.filter(({ sql }) => /^\s*(SELECT|UPDATE|DELETE|WITH)/i.test(sql));
    const scans: string[] = [];
    for (const { sql, params } of sent) {
      let index = 0;
      const text = sql.replace(/\?/g, () => `$${++index}`);
      const { rows } = await admin.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${text}`, [...params]);
      const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
      for (const table of seqScans(plan)) if (bigTables.has(table)) scans.push(`${table}: ${sql.replace(/\s+/g, ' ')}`);
      for (const index of indexesOf(plan)) if (index.endsWith('_by_expiry')) scans.push(`${index}: ${sql.replace(/\s+/g, ' ')}`);
    }
    return { statements: sent.length, scans };
  }

  async function someone(prison = 'E001'): Promise<{ prisonNumber: string; personId: string; pomStaffId: string }> {
    const { rows } = await admin.query<{ prison_number: string; person_id: string; pom_staff_id: string }>(
      'SELECT prison_number, person_id, pom_staff_id FROM people WHERE prison_id = $1 ORDER BY prison_number LIMIT 1 OFFSET 7',
      [prison],
    );
    return { prisonNumber: rows[0]!.prison_number, personId: rows[0]!.person_id, pomStaffId: rows[0]!.pom_staff_id };
  }

  it('loaded an estate big enough for the planner to prefer indexes', () => {
    for (const table of ['people', 'applications', 'change_log', 'processed_outbox', 'sessions', 'session_tokens', 'plan_versions', 'audit_log', 'progress_notes', 'questionnaires', 'known_devices']) {
      expect(bigTables, table).toContain(table);
    }
  });

  it('sees a sequential scan when a statement has no index to use (the check itself works)', async () => {
    const found = await scansDuring(async () => {
      await store.staff.listApplications({ prisonId: 'E000', limit: 1 });
      log.length = 0;
      log.push({ sql: 'SELECT id FROM applications WHERE details = ?', params: ['no such words'] });
    });
    expect(found.scans).toEqual(['applications: SELECT id FROM applications WHERE details = ?']);
  });

  it('device paths (resume, sign-in, pull, push, refresh) read no big table whole', async () => {
    const person = await someone();
    let tokens = { accessToken: '', refreshToken: '' };
    const resumeScans = await scansDuring(async () => {
      const resumed = await resume(base, estateDeviceId(person.prisonNumber), estateResumeToken(person.prisonNumber));
      expect(resumed.value.person.personId).toBe(person.personId);
    });
    const signInScans = await scansDuring(async () => {
      tokens = (await signIn(base, person.prisonNumber, estatePin)).value;
    });
    const pullScans = await scansDuring(async () => {
      // Current state within retention (src/domain/retention.ts): the plan, the open applications
      // and those finished in the last 90 days, whatever the length of the history.
      expect((await pullAll(base, tokens.accessToken)).changes).toBeGreaterThan(2);
    });
    const pushScans = await scansDuring(async () => {
      const id = uuidv7();
      const result = await push(base, tokens.accessToken, [applicationItem('Please can I see my POM.', id, 'other'), questionnaireItem(), progressNoteItem()]);
      expect(result.value.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    });
    const refreshScans = await scansDuring(async () => {
      await refresh(base, tokens.refreshToken);
    });
    for (const found of [resumeScans, signInScans, pullScans, pushScans, refreshScans]) expect(found.statements).toBeGreaterThan(0);
    expect({ resume: resumeScans.scans, signIn: signInScans.scans, pull: pullScans.scans, push: pushScans.scans, refresh: refreshScans.scans }).toEqual({
      resume: [],
      signIn: [],
      pull: [],
      push: [],
      refresh: [],
    });
  });

  it("a device's every request finds its sign-in by the token, also when the statistics still say every sign-in has ended", async () => {
    // The estate was ANALYZEd with last night's sign-ins, all ended: to the planner, "sessions not
    // ended yet" look like none at all. Then a morning's sign-ins come, faster than autovacuum
    // counts again. A plan that starts from the sessions not ended yet then reads every one of them
    // on every request (4.3 ms a request at 20,000 people, 76 % of the database's time).
    const person = await someone('E002');
    const { accessToken } = (await signIn(base, person.prisonNumber, estatePin)).value;
    log.length = 0;
    expect((await pullAll(base, accessToken)).changes).toBeGreaterThan(0);
    const found = log.filter(({ sql }) => sql.includes('FROM session_tokens'));
    expect(found.length).toBeGreaterThan(0);
    for (const { sql, params } of found) {
      let index = 0;
      const { rows } = await admin.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql.replace(/\?/g, () => `$${++index}`)}`, [...params]);
      const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
      expect({ tokens: readsOf(plan, 'session_tokens'), sessions: readsOf(plan, 'sessions') }).toEqual({
        tokens: ['Index Scan (session_tokens_pkey)'],
        sessions: ['Index Scan (sessions_pkey)'],
      });
    }
  });

  it('the change log sweep (housekeeping) reads no big table whole', async () => {
    // A month on, a month of finished applications is past retention: a full batch to sweep.
    const monthOn = new Date(Date.now() + 30 * 86_400_000).toISOString();
    let deleted = 0;
    const sweep = await scansDuring(async () => {
      deleted = (await store.sweepChangeLog(monthOn, { batchSize: 1_000 })).change_log ?? 0;
    });
    expect(deleted).toBe(1_000);
    // The batch's read, one update per person in it, the delete.
    expect(sweep.statements).toBeGreaterThan(2);
    expect(sweep.scans).toEqual([]);
  });

  it("the inbox's page of what waits reads only waiting keys, then the page's rows by id: first page and next", async () => {
    log.length = 0;
    const first = await store.staff.listApplications({ prisonId: 'E000', statuses: ['received', 'beingLookedAt'], limit: 25 });
    expect(first.next).not.toBeNull();
    await store.staff.listApplications({ prisonId: 'E000', statuses: ['received', 'beingLookedAt'], limit: 25, after: first.next! });
    const sent = log.filter(({ sql }) => sql.includes('FROM applications'));
    expect(sent).toHaveLength(2);
    for (const { sql, params } of sent) {
      let index = 0;
      const { rows } = await admin.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${sql.replace(/\?/g, () => `$${++index}`)}`, [...params]);
      // Without migration 011 the waiting keys come from applications_open_by_type (every
      // application a person ever sent); with the row comparison alone, from a scan of every
      // prison's waiting rows.
      expect(readsOf(rows[0]!['QUERY PLAN'][0]!.Plan, 'applications').sort()).toEqual(['Index Only Scan (applications_open_by_received)', 'Index Scan (applications_pkey)']);
    }
  });

  it('staff paths (inbox, caseload, audit trail) read no big table whole', async () => {
    const person = await someone('E000');
    const inbox = await scansDuring(async () => {
      const page = await store.staff.listApplications({ prisonId: 'E000', statuses: ['received', 'beingLookedAt'], limit: 50 });
      expect(page.items.length).toBeGreaterThan(0);
      await store.staff.listApplications({ prisonId: 'E000', statuses: ['received', 'beingLookedAt'], limit: 50, ...(page.next ? { after: page.next } : {}) });
      const all = await store.staff.listApplications({ prisonId: 'E000', limit: 50 });
      await store.staff.listApplications({ prisonId: 'E000', limit: 50, ...(all.next ? { after: all.next } : {}) });
    });
    const caseload = await scansDuring(async () => {
      expect((await store.staff.listPeople({ prisonId: 'E000', limit: 50 }))?.items).toHaveLength(50);
      await store.staff.listPeople({ prisonId: 'E000', pomStaffId: person.pomStaffId, limit: 50 });
      await store.staff.getPersonDetail(person.prisonNumber, 'E000');
    });
    const audit = await scansDuring(async () => {
      expect((await store.staff.listAudit({ prisonId: 'E000', personId: person.personId, limit: 50 }))?.entries.length).toBeGreaterThan(0);
      expect((await store.staff.listAudit({ prisonId: 'E000', staffId: person.pomStaffId, limit: 50 }))?.entries.length).toBeGreaterThan(0);
    });
    expect({ inbox: inbox.scans, caseload: caseload.scans, audit: audit.scans }).toEqual({ inbox: [], caseload: [], audit: [] });
  });
});

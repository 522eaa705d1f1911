import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchemaVersion, PullResponse, PushResponse } from '../../src/domain/sync.ts';
import { demoSignIns } from '../../src/server/demo/index.ts';
import { openPostgresDriver } from '../../src/server/store/postgres.ts';
import { applyMigrations, loadMigrations, type Migration } from '../../src/server/store/migrations.ts';
import type { SqlDriver } from '../../src/server/store/sql-driver.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { progressNoteItem } from './support/outbox.ts';
import { serviceDatabase, signInOver, startServiceChild, type ServiceChild } from './support/service-process.ts';

/**
 * A newer version's migrations applied while an older process serves (PostgreSQL; the embedded
 * engine is one process by design). Process A is the real service (`node src/server/main.ts`),
 * serving a bounded load of pulls and pushes; process B is the newer code, here the migration
 * runner on its own pool, given the project's migrations plus additive ones made up for the test.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const cleanups: Array<() => Promise<unknown>> = [];

/** Additive, as the rules in src/server/NOTES.md ask: new nullable columns, a column with a default, a new table and index. */
const additive: Migration = {
  version: 900,
  name: '900_test_additive',
  sql: `ALTER TABLE change_log ADD COLUMN test_origin TEXT;
ALTER TABLE progress_notes ADD COLUMN test_flag INTEGER NOT NULL DEFAULT 0;
CREATE TABLE test_extra (id TEXT PRIMARY KEY, made_at TEXT NOT NULL);
CREATE INDEX test_extra_by_made ON test_extra (made_at);`,
};
const later: Migration = { version: 901, name: '901_test_later', sql: 'ALTER TABLE change_log ADD COLUMN test_later TEXT;' };
const never: Migration = { version: 902, name: '902_test_never', sql: 'ALTER TABLE change_log ADD COLUMN test_never TEXT;' };

type Outcome = { what: 'pull' | 'push'; status: number; ms: number; problem?: string };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One person's device: pulls from 0 and pushes a progress note, paced under the sync rate limit, until `until()` says stop. */
async function deviceLoad(base: string, token: string, until: () => boolean, pushes: boolean): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // At most 80 requests: the bucket of 120 (2 a second) is never met.
  for (let i = 0; i < 40 && !until(); i++) {
    let started = performance.now();
    try {
      const pulled = await fetch(`${base}/api/sync/pull?cursor=0`, { headers: auth });
      const ok = pulled.status === 200 && PullResponse.safeParse(await pulled.json()).success;
      outcomes.push({ what: 'pull', status: pulled.status, ms: performance.now() - started, ...(ok ? {} : { problem: 'bad pull' }) });
    } catch (error) {
      outcomes.push({ what: 'pull', status: 0, ms: performance.now() - started, problem: (error as Error).message });
    }
    if (pushes) {
      started = performance.now();
      try {
        const pushed = await fetch(`${base}/api/sync/push`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ schemaVersion: currentSchemaVersion, items: [progressNoteItem(`Note ${i} written while the schema changed`)] }),
        });
        const body = pushed.status === 200 ? PushResponse.parse(await pushed.json()) : null;
        const applied = body?.results[0]?.status === 'applied';
        outcomes.push({ what: 'push', status: pushed.status, ms: performance.now() - started, ...(applied ? {} : { problem: 'not applied' }) });
      } catch (error) {
        outcomes.push({ what: 'push', status: 0, ms: performance.now() - started, problem: (error as Error).message });
      }
    }
    await pause(pushes ? 200 : 80);
  }
  return outcomes;
}

async function columnsOf(driver: SqlDriver, table: string): Promise<string[]> {
  const rows = await driver.all<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?',
    [table],
  );
  return rows.map((row) => row.column_name);
}

describe.skipIf(!databaseUrl)('migrations while another process serves: postgres', () => {
  let a: ServiceChild;
  let env: Record<string, string>;
  let newer: SqlDriver;
  let ours: Migration[];
  const tokens: string[] = [];

  beforeAll(async () => {
    const db = await serviceDatabase('postgres', databaseUrl);
    cleanups.push(db.dispose);
    const dist = await makeFixtureDist();
    cleanups.push(dist.remove);
    env = { ...db.env, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on' };
    a = await startServiceChild(env);
    cleanups.push(() => a.stop());
    newer = openPostgresDriver(env.DATABASE_URL!);
    cleanups.push(() => newer.close());
    ours = await loadMigrations();
    for (const person of demoSignIns) {
      const signIn = await signInOver(a.base, person.prisonNumber, person.pin, randomBytes(16).toString('base64url'));
      expect(signIn.status).toBe(200);
      tokens.push(String(signIn.body.accessToken));
    }
  });

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a newer process adds to the schema while the older one answers every pull and push', async () => {
    let migrated = false;
    let stopAt = Infinity;
    const load = Promise.all(tokens.map((token) => deviceLoad(a.base, token, () => performance.now() > stopAt, true)));
    await pause(1_000);
    const applied = await applyMigrations(newer, [...ours, additive]);
    migrated = true;
    stopAt = performance.now() + 1_500;
    const outcomes = (await load).flat();

    expect(migrated).toBe(true);
    expect(applied).toEqual(['900_test_additive']);
    expect(await columnsOf(newer, 'change_log')).toContain('test_origin');
    expect(await columnsOf(newer, 'progress_notes')).toContain('test_flag');
    // A answered everything, before, during and after: no error of any kind.
    expect(outcomes.filter((o) => o.problem !== undefined || o.status !== 200)).toEqual([]);
    expect(outcomes.filter((o) => o.what === 'push').length).toBeGreaterThanOrEqual(8);
    // The notes pushed through the change are all stored, once each (the default filled in for each).
    const notes = await newer.all<{ n: number; flagged: number }>("SELECT COUNT(*) AS n, SUM(test_flag) AS flagged FROM progress_notes WHERE text LIKE 'Note % written while the schema changed'");
    expect(Number(notes[0]!.n)).toBe(outcomes.filter((o) => o.what === 'push').length);
    expect(Number(notes[0]!.flagged)).toBe(0);
    // Still the same process, still serving.
    expect(a.output()).not.toMatch(/"level":50/);
    expect((await fetch(`${a.base}/api/ready`)).status).toBe(200);
  });

  it('a process of the older version refuses to start on the newer schema, in plain words, and A serves on', async () => {
    // (If it did start, stop it again, so the failure does not leave a process behind.)
    const starting = startServiceChild(env).then(async (child) => {
      await child.stop();
      return child;
    });
    await expect(starting).rejects.toThrow(
      /brought up to date by a newer version of the service: it has 900_test_additive, which this version does not know/,
    );
    const pulled = await fetch(`${a.base}/api/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(pulled.status).toBe(200);
  });

  it('a migration stuck behind a long transaction gives up and tries again, so pulls never queue long behind it', async () => {
    const holder = new pg.Client({ connectionString: env.DATABASE_URL });
    await holder.connect();
    cleanups.push(() => holder.end());
    // Another process's long transaction: it has read the change log and holds on (ACCESS SHARE).
    await holder.query('BEGIN');
    await holder.query('SELECT COUNT(*) FROM change_log');
    const heldMs = 3_000;

    const retries: number[] = [];
    let done = false;
    const pulls = deviceLoad(a.base, tokens[1]!, () => done, false);
    const migrating = applyMigrations(newer, [...ours, additive, later], {
      lockTimeoutMs: 200,
      firstRetryWaitMs: 200,
      maxRetryWaitMs: 400,
      attempts: 100,
      onRetry: ({ attempt }) => retries.push(attempt),
    });
    await pause(heldMs);
    await holder.query('COMMIT');
    const applied = await migrating;
    await pause(300);
    done = true;
    const outcomes = await pulls;

    expect(applied).toContain('901_test_later');
    expect(await columnsOf(newer, 'change_log')).toContain('test_later');
    expect(outcomes.length).toBeGreaterThanOrEqual(10);
    expect(outcomes.filter((o) => o.status !== 200 || o.problem !== undefined)).toEqual([]);
    // Waiting behind the ALTER costs a pull at most about one lock timeout, never the 3 s the transaction held.
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    expect(slowest).toBeLessThan(1_500);
    // It gave up several times while the transaction held on, rather than waiting in the queue.
    expect(retries.length).toBeGreaterThanOrEqual(3);
  });

  it('a migration that never gets its lock stops with a plain message and leaves nothing half done', async () => {
    const holder = new pg.Client({ connectionString: env.DATABASE_URL });
    await holder.connect();
    cleanups.push(() => holder.end());
    await holder.query('BEGIN');
    await holder.query('SELECT COUNT(*) FROM change_log');
    try {
      await expect(
        applyMigrations(newer, [...ours, additive, later, never], { lockTimeoutMs: 100, firstRetryWaitMs: 50, maxRetryWaitMs: 50, attempts: 3 }),
      ).rejects.toThrow(/Migration 902_test_never could not get the locks it needs in 3 tries.*Nothing of it was applied/);
    } finally {
      await holder.query('COMMIT');
    }
    expect(await columnsOf(newer, 'change_log')).not.toContain('test_never');
    expect(await newer.all('SELECT version FROM schema_migrations WHERE version = 902')).toEqual([]);
  });
});

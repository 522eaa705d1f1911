import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { applyMigrations, loadMigrations, schemaLockId } from '../../src/server/store/migrations.ts';
import { openPostgresDriver } from '../../src/server/store/postgres.ts';
import type { MigrationRetryListener } from '../../src/server/store/index.ts';
import { describeOnEngine } from './support/engines.ts';
import type { StoreHarness } from './support/store-harness.ts';

/**
 * A service starting on a database where a migration must wait for another process's long
 * transaction says so (the service logs each retry: src/server/process/service.ts), instead of
 * waiting in silence.
 */
describeOnEngine('postgres', 'a migration waiting for a lock is reported', (makeHarness) => {
  let harness: StoreHarness;
  beforeEach(async () => {
    harness = await makeHarness();
  });
  afterEach(async () => {
    await harness.dispose();
  });

  it('tells openStore\'s listener each retry of the waiting migration, and opens once the lock is free', async () => {
    // The schema as the previous release left it: every migration before the one that alters known_devices.
    const all = await loadMigrations();
    const waiting = all.find((migration) => migration.name.startsWith('010_'))!;
    const driver = harness.openDriver();
    await applyMigrations(driver, all.filter((migration) => migration.version < waiting.version));
    // Another process reads known_devices in a long transaction (ACCESS SHARE): the ALTER must wait.
    const schema = (await driver.all<{ name: string }>('SELECT current_schema() AS name'))[0]!.name;
    await driver.close();
    const holder = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await holder.connect();
    try {
      await holder.query(`SET search_path = ${schema}`);
      await holder.query('BEGIN');
      await holder.query('SELECT COUNT(*) FROM known_devices');

      const retries: Parameters<MigrationRetryListener>[0][] = [];
      const opening = harness.open({ onMigrationRetry: (retry) => retries.push(retry) });
      // The default lock timeout is 1 s, then a wait of 0.5 s: held for 2.5 s, at least one retry.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(retries.length).toBeGreaterThanOrEqual(1);
      await holder.query('COMMIT');
      const store = await opening;
      await store.close();

      expect(retries[0]).toEqual({ migration: waiting.name, attempt: 1, waitMs: 500 });
    } finally {
      await holder.end();
    }
  });

  it('waits for another process migrating longer than the answer time-out, and for a script, without giving up', async () => {
    const driver = harness.openDriver();
    const schema = (await driver.all<{ name: string }>('SELECT current_schema() AS name'))[0]!.name;
    await driver.close();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // Answers must start within 300 ms, but for the schema lock and scripts.
    const impatient = openPostgresDriver(url.toString(), { connectMs: 1_000, answerMs: 300 });
    const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [schemaLockId]);
      const migrating = applyMigrations(impatient, await loadMigrations());
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      await other.query('COMMIT');
      expect((await migrating).length).toBe((await loadMigrations()).length);
      await impatient.exec('SELECT pg_sleep(0.6)');
      // An ordinary statement is still held to the time-out.
      await expect(impatient.all('SELECT pg_sleep(0.6)')).rejects.toThrow(/Query read timeout/);
    } finally {
      await other.end();
      await impatient.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxPreparedParameters, preparedStatements, sessionSettings, withSessionSettings } from '../../src/server/store/postgres.ts';
import type { SqlDriver } from '../../src/server/store/sql-driver.ts';
import { describeOnEngine } from './support/engines.ts';
import type { StoreHarness } from './support/store-harness.ts';

describe('names for prepared statements', () => {
  it('gives the same text the same name, and another text another', () => {
    const nameOf = preparedStatements();
    const first = nameOf('SELECT 1 WHERE $1 = 1', 1);
    expect(first).toBeDefined();
    expect(nameOf('SELECT 1 WHERE $1 = 1', 1)).toBe(first);
    expect(nameOf('SELECT 2 WHERE $1 = 1', 1)).not.toBe(first);
  });

  it('leaves long lists and texts past the limit unnamed', () => {
    const nameOf = preparedStatements(2);
    expect(nameOf('SELECT a', 0)).toBeDefined();
    expect(nameOf('SELECT b', 0)).toBeDefined();
    expect(nameOf('SELECT c', 0)).toBeUndefined();
    // The ones named before the limit keep their names.
    expect(nameOf('SELECT a', 0)).toBe(nameOf('SELECT a', 0));
    expect(preparedStatements()('SELECT long', maxPreparedParameters + 1)).toBeUndefined();
  });
});

describe('the settings every connection starts with', () => {
  it('adds them to the URL\'s options, after any it has', () => {
    expect(new URL(withSessionSettings('postgresql://u:p@db:5432/companion')).searchParams.get('options')).toBe(sessionSettings);
    const both = new URL(withSessionSettings('postgresql://u:p@db/companion?options=-c%20search_path%3Dmine&sslmode=require'));
    expect(both.searchParams.get('options')).toBe(`-c search_path=mine ${sessionSettings}`);
    expect(both.searchParams.get('sslmode')).toBe('require');
    expect(withSessionSettings('not a url')).toBe('not a url');
  });
});

describeOnEngine('postgres', 'prepared statements', (makeHarness) => {
  let harness: StoreHarness;
  let driver: SqlDriver;
  beforeEach(async () => {
    harness = await makeHarness();
    // The schema, made by the store's migrations.
    await (await harness.open()).close();
    driver = harness.openDriver();
  });
  afterEach(async () => {
    await driver.close();
    await harness.dispose();
  });

  const prepared = (tx: Pick<SqlDriver, 'all'>) =>
    tx.all<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements WHERE statement NOT LIKE ?', ['%pg_prepared_statements%']);

  it('parses a statement once on a connection and then runs the kept one', async () => {
    const seen = await driver.transaction(async (tx) => {
      await tx.all('SELECT COUNT(*) AS n FROM people WHERE prison_id = ?', ['E000']);
      await tx.all('SELECT COUNT(*) AS n FROM people WHERE prison_id = ?', ['E001']);
      return prepared(tx);
    });
    const kept = seen.filter((row) => row.statement.includes('FROM people WHERE prison_id = $1'));
    expect(kept).toHaveLength(1);
    expect(kept[0]!.name).toMatch(/^s\d+$/);
  });

  it('plans a kept statement for its own values every time, on every connection', async () => {
    const modes = await Promise.all(Array.from({ length: 4 }, () => driver.transaction((tx) => tx.all<{ plan_cache_mode: string }>('SHOW plan_cache_mode'))));
    expect(modes.flat().map((row) => row.plan_cache_mode)).toEqual(Array.from({ length: 4 }, () => 'force_custom_plan'));
  });

  it('answers right after a column is added to a table a kept statement reads', async () => {
    await driver.run("INSERT INTO prisons (prison_id, name) VALUES (?, ?)", ["X001", "Test prison"]);
    const read = () => driver.all<{ prison_id: string }>('SELECT prison_id FROM prisons WHERE prison_id = ?', ['X001']);
    // Kept on every pooled connection that ran it.
    for (let i = 0; i < 5; i++) await Promise.all([read(), read(), read()]);
    await driver.exec('ALTER TABLE prisons ADD COLUMN spare_for_test TEXT');
    const after = await Promise.all([read(), read(), read()]);
    for (const rows of after) expect(rows.map((row) => row.prison_id)).toEqual(['X001']);
  });

  it('a statement that fails to parse is not kept, and the same name works once it can', async () => {
    const select = 'SELECT spare_later FROM prisons WHERE prison_id = ?';
    await expect(driver.all(select, ['X001'])).rejects.toThrow(/spare_later/);
    await driver.exec('ALTER TABLE prisons ADD COLUMN spare_later TEXT');
    await expect(driver.all(select, ['X001'])).resolves.toEqual([]);
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { additiveMarker, applyMigrations, loadMigrations } from '../../src/server/store/migrations.ts';
import { describeOnEngine } from './support/engines.ts';
import type { StoreHarness } from './support/store-harness.ts';

/** The additive marker on PostgreSQL (the embedded engine's cases are in migrations.test.ts). */
describeOnEngine('postgres', 'a newer version whose migrations only add', (makeHarness) => {
  let harness: StoreHarness;
  beforeEach(async () => {
    harness = await makeHarness();
  });
  afterEach(async () => {
    await harness.dispose();
  });

  it('lets the older version start on the schema a marked migration makes, and not after an unmarked one', async () => {
    const ours = await loadMigrations();
    const newer = harness.openDriver();
    await applyMigrations(newer, [...ours, { version: 900, name: '900_more_things', sql: `${additiveMarker}\nALTER TABLE people ADD COLUMN nickname_for_test TEXT;` }]);
    expect(await newer.all('SELECT version, additive FROM schema_migrations WHERE version = 900')).toEqual([{ version: 900, additive: 1 }]);

    const store = await harness.open();
    expect(await store.isEmpty()).toBe(true);
    await store.close();

    await applyMigrations(newer, [...ours, { version: 900, name: '900_more_things', sql: '' }, { version: 901, name: '901_drops_it', sql: 'ALTER TABLE people DROP COLUMN nickname_for_test;' }]);
    await newer.close();
    await expect(harness.open()).rejects.toThrow(/it has 901_drops_it, which this version does not know/);
  });
});

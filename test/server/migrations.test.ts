import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/store/index.ts';
import { additiveMarker, applyMigrations, isAdditive, loadMigrations, parseMigrationFileName, renderMigrationSql } from '../../src/server/store/migrations.ts';
import { openSqliteDriver } from '../../src/server/store/sqlite.ts';
import { makeTempDir } from './support/temp-dir.ts';

const removals: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const remove of removals.splice(0)) await remove();
});

describe('migration files', () => {
  it('reads the number and name from the file name', () => {
    expect(parseMigrationFileName('001_initial.sql')).toEqual({ version: 1, name: '001_initial' });
    expect(parseMigrationFileName('012_add_things.sql')).toEqual({ version: 12, name: '012_add_things' });
    expect(parseMigrationFileName('1_initial.sql')).toBeNull();
    expect(parseMigrationFileName('001-initial.sql')).toBeNull();
  });

  it('fills in the one dialect token for each engine', () => {
    const sql = 'CREATE TABLE t (id __IDENTITY_PRIMARY_KEY__)';
    expect(renderMigrationSql(sql, { identityPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT', exclusiveLockSql: null })).toBe(
      'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)',
    );
  });

  it('fills in the append-only token with triggers for each engine, and refuses it for a dialect without them', () => {
    const sql = 'CREATE TABLE t (x TEXT);\n__APPEND_ONLY__(t)';
    const sqlite = renderMigrationSql(sql, { identityPrimaryKey: 'X', appendOnlySql: (table) => `-- triggers on ${table}` });
    expect(sqlite).toBe('CREATE TABLE t (x TEXT);\n-- triggers on t');
    expect(() => renderMigrationSql(sql, { identityPrimaryKey: 'X' })).toThrow(/cannot render __APPEND_ONLY__\(t\)/);
  });

  it('loads the project migrations in order, starting with 001', async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]?.name).toBe('001_initial');
    // Every number is here, in order, with none missing.
    const expected = Array.from({ length: migrations.length }, (_, i) => i + 1);
    expect(migrations.map((m) => m.version)).toEqual(expected);
  });

  it('refuses badly named or duplicated files', async () => {
    const temp = await makeTempDir('migrations');
    removals.push(temp.remove);
    await writeFile(join(temp.dir, '001_a.sql'), 'SELECT 1;');
    await writeFile(join(temp.dir, '001_b.sql'), 'SELECT 1;');
    await expect(loadMigrations(temp.dir)).rejects.toThrow(/Two migration files/);
    await rm(join(temp.dir, '001_b.sql'));
    await writeFile(join(temp.dir, 'oops.sql'), 'SELECT 1;');
    await expect(loadMigrations(temp.dir)).rejects.toThrow(/must look like/);
  });
});

describe('a database brought up by a newer version (embedded engine)', () => {
  it('is refused at start, in plain words; an older one is brought up to date', async () => {
    const temp = await makeTempDir('newer-schema');
    removals.push(temp.remove);
    // The newer version: every migration of ours, and one this version does not have.
    const newer = openSqliteDriver(temp.dir);
    await applyMigrations(newer, [...(await loadMigrations()), { version: 900, name: '900_from_the_future', sql: 'CREATE TABLE future_things (id TEXT PRIMARY KEY);' }]);
    await newer.close();

    await expect(openStore({ dataDir: temp.dir })).rejects.toThrow(
      /newer version of the service: it has 900_from_the_future, which this version does not know \(it knows up to \d{3}_[a-z_]+\)\. Start the newer version, or restore a backup made before it\./,
    );
    // A database that is merely older is brought up to date as before.
    const older = await makeTempDir('older-schema');
    removals.push(older.remove);
    const early = openSqliteDriver(older.dir);
    await applyMigrations(early, (await loadMigrations()).filter((m) => m.version <= 2));
    await early.close();
    const store = await openStore({ dataDir: older.dir });
    expect((await store.migrate()).applied).toEqual([]);
    await store.close();
  });
});

describe('a newer version whose migrations only add (embedded engine)', () => {
  const additive = { version: 900, name: '900_more_things', sql: `${additiveMarker}\nALTER TABLE people ADD COLUMN nickname_for_test TEXT;\nCREATE TABLE more_things (id TEXT PRIMARY KEY);` };
  const contracting = { version: 901, name: '901_drops_a_thing', sql: 'DROP TABLE more_things;' };

  it('reads the marker only from the first line', () => {
    expect(isAdditive(additive)).toBe(true);
    expect(isAdditive({ sql: `\n  ${additiveMarker}  \nSELECT 1;` })).toBe(true);
    expect(isAdditive({ sql: `SELECT 1;\n${additiveMarker}` })).toBe(false);
    expect(isAdditive({ sql: '-- additive: maybe\nSELECT 1;' })).toBe(false);
  });

  it('lets the older version start and serve on the schema it makes; one that is not marked still refuses it', async () => {
    const temp = await makeTempDir('additive-schema');
    removals.push(temp.remove);
    const ours = await loadMigrations();
    const newer = openSqliteDriver(temp.dir);
    await applyMigrations(newer, [...ours, additive]);
    expect(await newer.all('SELECT version, additive FROM schema_migrations WHERE version >= 10 ORDER BY version')).toEqual([
      { version: 10, additive: 0 },
      { version: 11, additive: 1 }, // the inbox's index (011) says it only adds
      { version: 900, additive: 1 },
    ]);
    await newer.close();

    // The older version (ours alone) starts, and its store works.
    const store = await openStore({ dataDir: temp.dir });
    expect((await store.migrate()).applied).toEqual([]);
    expect(await store.isEmpty()).toBe(true);
    await store.close();

    // A later migration that is not marked makes the older version refuse again, naming only that one.
    const newest = openSqliteDriver(temp.dir);
    await applyMigrations(newest, [...ours, additive, contracting]);
    await newest.close();
    await expect(openStore({ dataDir: temp.dir })).rejects.toThrow(/it has 901_drops_a_thing, which this version does not know/);
  });

  it('gives a database made before the marker existed the column, every row not additive', async () => {
    const temp = await makeTempDir('before-marker');
    removals.push(temp.remove);
    const driver = openSqliteDriver(temp.dir);
    await driver.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    await driver.close();
    const store = await openStore({ dataDir: temp.dir });
    await store.close();
    const after = openSqliteDriver(temp.dir);
    const rows = await after.all<{ version: number; additive: number }>('SELECT version, additive FROM schema_migrations ORDER BY version');
    await after.close();
    const ours = await loadMigrations();
    expect(rows.length).toBe(ours.length);
    // Each as its file says: 001–010 before the marker, 011 (an index only) with it.
    expect(rows.map((row) => row.additive)).toEqual(ours.map((migration) => (isAdditive(migration) ? 1 : 0)));
    expect(rows.filter((row) => row.additive === 1).map((row) => row.version)).toEqual([11]);
  });
});

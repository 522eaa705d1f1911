import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit, type SyncConnection } from '../../src/server/store/group-commit.ts';
import { Mutex } from '../../src/server/store/mutex.ts';
import type { SqlExecutor } from '../../src/server/store/sql-driver.ts';
import { startCheckpointer } from '../../src/server/store/sqlite-checkpointer.ts';
import { openSqliteDriver } from '../../src/server/store/sqlite.ts';
import { makeTempDir } from './support/temp-dir.ts';

/** The embedded engine's own machinery: transactions that share a commit, and checkpoints on a thread. */
describe('embedded engine', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir('sqlite-engine');
  });
  afterEach(async () => {
    await temp.remove();
  });

  /** A real SQLite file, with every statement that reaches it written down. */
  function openCounted() {
    const db = new DatabaseSync(join(temp.dir, 'counted.db'));
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
    const log: string[] = [];
    const connection: SyncConnection = {
      exec(sql) {
        log.push(sql);
        db.exec(sql);
      },
      get isTransaction() {
        return db.isTransaction;
      },
    };
    const tx: SqlExecutor = {
      async all<Row>(sql: string, params: readonly (string | number | null)[] = []) {
        return db.prepare(sql).all(...params) as Row[];
      },
      async run(sql: string, params: readonly (string | number | null)[] = []) {
        return Number(db.prepare(sql).run(...params).changes);
      },
      async exec(sql: string) {
        connection.exec(sql);
      },
    };
    const transaction = createGroupCommit(connection, tx, new Mutex());
    const notes = () => (db.prepare('SELECT id FROM notes ORDER BY id').all() as { id: string }[]).map((row) => row.id);
    return { db, log, transaction, notes, commits: () => log.filter((sql) => sql === 'COMMIT').length };
  }

  describe('group commit', () => {
    it('runs transactions asked for together in order, and commits them once', async () => {
      const { db, transaction, notes, commits } = openCounted();
      const seen: string[][] = [];
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map((id) =>
          transaction(async (tx) => {
            // Each sees what the ones before it wrote.
            seen.push((await tx.all<{ id: string }>('SELECT id FROM notes ORDER BY id')).map((row) => row.id));
            await tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', [id, `note ${id}`]);
            return id.toUpperCase();
          }),
        ),
      );
      expect(results).toEqual(['A', 'B', 'C', 'D']);
      expect(seen).toEqual([[], ['a'], ['a', 'b'], ['a', 'b', 'c']]);
      expect(notes()).toEqual(['a', 'b', 'c', 'd']);
      expect(commits()).toBe(1);
      db.close();
    });

    it('rolls back only the transaction that fails; the others in its group are kept', async () => {
      const { db, transaction, notes } = openCounted();
      const outcomes = await Promise.allSettled([
        transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['a', 'kept'])),
        transaction(async (tx) => {
          await tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['b', 'undone']);
          throw new Error('Something went wrong in b.');
        }),
        // A broken rule fails only this one, too.
        transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['a', 'same id again'])),
        transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['c', 'kept'])),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('Something went wrong in b.');
      expect(notes()).toEqual(['a', 'c']);
      db.close();
    });

    it('fails the transactions already done when the database ends the whole transaction, and carries on with the rest', async () => {
      const { db, transaction, notes } = openCounted();
      const outcomes = await Promise.allSettled([
        transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['a', 'lost with the transaction'])),
        transaction(async (tx) => {
          // As SQLite does after a full disk or an I/O error: the transaction is gone.
          await tx.exec('ROLLBACK');
          throw new Error('The disk is full.');
        }),
        transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['c', 'kept'])),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
      // Nobody is told "done" for something that was not kept.
      expect(notes()).toEqual(['c']);
      db.close();
    });

    it('tells every caller when the shared commit fails, and keeps nothing', async () => {
      const { db, transaction, notes } = openCounted();
      // A rule checked only at commit: a child row must have its parent by then.
      db.exec(`PRAGMA foreign_keys = ON; CREATE TABLE parents (id TEXT PRIMARY KEY);
        CREATE TABLE children (id TEXT PRIMARY KEY, parent TEXT REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)`);
      const outcomes = await Promise.allSettled([
        transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['a', 'x'])),
        transaction((tx) => tx.run('INSERT INTO children (id, parent) VALUES (?, ?)', ['child', 'nobody'])),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(notes()).toEqual([]);
      expect(db.isTransaction).toBe(false);
      // And the next group works.
      await transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', ['b', 'y']));
      expect(notes()).toEqual(['b']);
      db.close();
    });

    it('keeps each group to a bounded size', async () => {
      const { db, transaction, notes, commits } = openCounted();
      await Promise.all(Array.from({ length: 130 }, (_, i) => transaction((tx) => tx.run('INSERT INTO notes (id, body) VALUES (?, ?)', [`n${i}`, 'x']))));
      expect(notes()).toHaveLength(130);
      expect(commits()).toBe(3);
      db.close();
    });
  });

  describe('durability', () => {
    it('commits with synchronous = FULL in WAL mode, so "applied" survives a power cut', async () => {
      const driver = openSqliteDriver(temp.dir);
      try {
        // NORMAL (1) in WAL mode can lose the last commits after a power cut, after the device has
        // already deleted its copy. FULL (2) syncs the log at every commit.
        expect(await driver.all('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
        expect(await driver.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      } finally {
        await driver.close();
      }
    });
  });

  describe('checkpoints on a worker thread', () => {
    it('copies the write-ahead log into the database file without the writer doing it', async () => {
      const file = join(temp.dir, 'checkpointed.db');
      const db = new DatabaseSync(file);
      // The writer never checkpoints by itself here: only the worker can.
      db.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
      const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
      for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
      const checkpointer = startCheckpointer(file, 20);
      const backfilled = () => db.prepare('PRAGMA wal_checkpoint(NOOP)').get() as { log: number; checkpointed: number };
      const deadline = Date.now() + 5000;
      while (backfilled().checkpointed < backfilled().log && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const state = backfilled();
      expect(state.log).toBeGreaterThan(0);
      expect(state.checkpointed).toBe(state.log);
      await checkpointer.stop();
      db.close();
    });

    it('stops with the store, and the data is all there when it opens again', async () => {
      const driver = openSqliteDriver(temp.dir);
      await driver.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      await Promise.all(Array.from({ length: 50 }, (_, i) => driver.transaction((tx) => tx.run('INSERT INTO notes (body) VALUES (?)', [`note ${i}`]))));
      await driver.close();
      const reopened = openSqliteDriver(temp.dir);
      expect(await reopened.all('SELECT id FROM notes')).toHaveLength(50);
      await reopened.close();
    });
  });
});

import type { Mutex } from './mutex.ts';
import type { SqlExecutor } from './sql-driver.ts';

/** The part of a synchronous SQLite connection that group commit needs. */
export type SyncConnection = { exec(sql: string): void; readonly isTransaction: boolean };

export type Work<T> = (tx: SqlExecutor) => Promise<T>;

/** The most transactions one commit carries, so that none waits long for the others. */
export const maxGroupSize = 64;

type Waiting = { work: Work<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for the embedded engine. On SQLite each commit writes every changed page to the
 * write-ahead log, one write at a time, and that is the largest single cost of a small write
 * transaction. So transactions asked for in the same turn of the event loop (for example, pushes
 * from many devices that arrived together) run one after another inside ONE database
 * transaction, each in its own savepoint, and share its commit.
 *
 * For each caller this is the same as a transaction of its own:
 * - the works run in the order asked, one at a time, each seeing what the ones before it wrote;
 * - a work that throws has its own writes rolled back (to its savepoint), and only it fails;
 * - no caller hears "done" before the shared commit is on disk; if the commit fails, they all fail
 *   and nothing of theirs is kept;
 * - if an error ends the whole database transaction (SQLite does this for a full disk or an I/O
 *   error), the works already done in it fail too, as nothing of theirs is kept, and the rest go on
 *   in a new transaction.
 */
export function createGroupCommit(db: SyncConnection, tx: SqlExecutor, mutex: Mutex) {
  const waiting: Waiting[] = [];
  let scheduled = false;

  function settle(entries: readonly Waiting[], outcomes: readonly Outcome[]) {
    entries.forEach((entry, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }

  /** Runs the group in as few transactions as it can; returns one outcome per work. */
  async function runGroup(group: readonly Waiting[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let startOfTransaction = 0;
    db.exec('BEGIN IMMEDIATE');
    for (const entry of group) {
      db.exec('SAVEPOINT work');
      try {
        const value = await entry.work(tx);
        db.exec('RELEASE work');
        outcomes.push({ ok: true, value });
      } catch (error) {
        outcomes.push({ ok: false, error });
        if (db.isTransaction) {
          db.exec('ROLLBACK TO work');
          db.exec('RELEASE work');
        } else {
          // The database ended the whole transaction: the works done in it so far are lost.
          for (let i = startOfTransaction; i < outcomes.length - 1; i++) {
            if (outcomes[i]!.ok) outcomes[i] = { ok: false, error };
          }
          db.exec('BEGIN IMMEDIATE');
          startOfTransaction = outcomes.length;
        }
      }
    }
    db.exec('COMMIT');
    return outcomes;
  }

  async function flush() {
    scheduled = false;
    const group = waiting.splice(0, maxGroupSize);
    if (waiting.length > 0) schedule();
    await mutex.run(async () => {
      let outcomes: Outcome[];
      try {
        outcomes = await runGroup(group);
      } catch (error) {
        // BEGIN or COMMIT failed: nothing of this group is kept.
        if (db.isTransaction) db.exec('ROLLBACK');
        outcomes = group.map(() => ({ ok: false, error }));
      }
      settle(group, outcomes);
    }).catch((error: unknown) => settle(group, group.map(() => ({ ok: false, error }))));
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // setImmediate runs after the event loop has read every request that is ready: those that
    // arrived together ask for their transactions before this group starts.
    setImmediate(() => void flush());
  }

  return function transaction<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      waiting.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  };
}

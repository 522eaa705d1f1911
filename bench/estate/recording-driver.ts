import type { SqlDriver, SqlExecutor, SqlValue } from '../../src/server/store/sql-driver.ts';

/** A statement the store sent, with its values. */
export type Sent = { sql: string; params: readonly SqlValue[] };

/**
 * The driver, with every statement the store sends through it (inside transactions too) added to
 * `log`: for the EXPLAIN checks (test/server/estate-explain.test.ts) and bench/plan-cache.ts.
 */
export function recording(driver: SqlDriver, log: Sent[]): SqlDriver {
  const wrap = (target: SqlExecutor): SqlExecutor => ({
    all: (sql, params = []) => (log.push({ sql, params }), target.all(sql, params)),
    run: (sql, params = []) => (log.push({ sql, params }), target.run(sql, params)),
    exec: (script) => target.exec(script),
  });
  return { ...driver, ...wrap(driver), transaction: (work) => driver.transaction((tx) => work(wrap(tx))) };
}

import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { appendOnlyMessage } from './migrations.ts';
import { isDatabaseUnreachable } from './unreachable.ts';
import type { Dialect, SqlDriver, SqlExecutor, SqlValue } from './sql-driver.ts';

const postgresDialect: Dialect = {
  identityPrimaryKey: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
  exclusiveLockSql: 'SELECT pg_advisory_xact_lock(?)',
  appendOnlySql: (table) => `CREATE FUNCTION ${table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '${appendOnlyMessage(table)}'; END $$;
CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_refuse_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_refuse_change();`,
};

/** Turns the portable `?` placeholders into PostgreSQL's `$1, $2, …`. */
export function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

type Queryable = Pool | PoolClient;

/** At most this many statement texts get a name; any beyond are parsed each time, as before. */
export const maxPreparedStatements = 300;
/** Statements with more parameters than this (long IN and VALUES lists, whose text varies with their length) are not named. */
export const maxPreparedParameters = 64;

/**
 * Names for the statements we send, so each connection parses and plans a statement once and then
 * only binds and runs it (PostgreSQL keeps the plan; it plans again by itself when a table or index
 * it uses changes). The same text always gets the same name in this process. The service's
 * statements are a fixed set but for lists whose length varies; `maxPreparedParameters` leaves the
 * long ones out and `maxPreparedStatements` bounds the rest.
 * No statement returns `*`, so a column a later migration adds cannot change a kept statement's result.
 */
export function preparedStatements(limit = maxPreparedStatements): (text: string, parameters: number) => string | undefined {
  const names = new Map<string, string>();
  return (text, parameters) => {
    if (parameters > maxPreparedParameters) return undefined;
    let name = names.get(text);
    if (name === undefined && names.size < limit) names.set(text, (name = `s${names.size + 1}`));
    return name;
  };
}

/**
 * What may wait longer than the answer time-out: scripts (migrations, whose statements wait for
 * locks under their own lock_timeout) and the schema lock, held by another process while it
 * migrates (its wait must not be cut short: src/server/NOTES.md, "Migrations while other
 * processes serve").
 */
const longWaitMs = 24 * 60 * 60 * 1000;
/** pg reads `query_timeout` on a query's config too (over the pool's), though its types do not say so. */
type TimedQuery = pg.QueryConfig & { query_timeout?: number };
const waitsLong = (sql: string) => sql === postgresDialect.exclusiveLockSql;

function executor(target: Queryable, nameOf: (text: string, parameters: number) => string | undefined): SqlExecutor {
  const query = (sql: string, params: readonly SqlValue[]) => {
    const text = toPostgresPlaceholders(sql);
    const config: TimedQuery = { text, values: [...params], name: nameOf(text, params.length), ...(waitsLong(sql) ? { query_timeout: longWaitMs } : {}) };
    return target.query(config);
  };
  return {
    async all<Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await query(sql, params);
      return result.rows as Row[];
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      const result = await query(sql, params);
      return result.rowCount ?? 0;
    },
    async exec(script: string) {
      // Without parameters, pg uses the simple protocol, which allows several statements.
      const config: TimedQuery = { text: script, query_timeout: longWaitMs };
      await target.query(config);
    },
  };
}

/**
 * How long the service waits for the database. A new connection must be ready within
 * `connectMs`; a statement's answer must start within `answerMs`, or the statement fails (and the
 * request gets 503 `storeUnavailable`). Without the second, a network that silently drops
 * everything between service and database (no reset, no refusal) held every request on a
 * connection for ever (test/server/pg-partition.test.ts). No statement of the service takes more
 * than a few seconds even at the estate's size, so 20 s is a wait no real answer needs.
 */
export type PostgresTimeouts = { connectMs: number; answerMs: number };
export const defaultPostgresTimeouts: PostgresTimeouts = { connectMs: 10_000, answerMs: 20_000 };

/**
 * Settings every connection of the service starts with, given as the URL's `options` (after any
 * the URL already has): kept statements are planned for their own values each time, never with
 * one generic plan. Prisons differ in size by a factor of ten; a generic plan kept after a few
 * small prisons' pages can make the big prison's inbox far dearer (bench/plan-cache.ts,
 * bench/README.md). Parsing once is kept.
 */
export const sessionSettings = '-c plan_cache_mode=force_custom_plan';

export function withSessionSettings(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return databaseUrl;
  }
  const options = url.searchParams.get('options');
  url.searchParams.set('options', options ? `${options} ${sessionSettings}` : sessionSettings);
  return url.toString();
}

/** The PostgreSQL engine, for real deployments: a connection pool on `databaseUrl`. */
export function openPostgresDriver(databaseUrl: string, timeouts: PostgresTimeouts = defaultPostgresTimeouts): SqlDriver {
  const pool = new pg.Pool({
    connectionString: withSessionSettings(databaseUrl),
    max: 10,
    connectionTimeoutMillis: timeouts.connectMs,
    query_timeout: timeouts.answerMs,
    // TCP keep-alive, so the system also notices a database that went away while a connection was idle.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection can drop (for example when the database restarts). The next query reconnects.
  pool.on('error', () => undefined);
  // A connection can also die while checked out (between two statements of a transaction, or as
  // its query ends): pg then emits 'error' on the client, and the pool listens only while it is
  // idle. With no listener that event ended the whole process (found by test/server/pg-restart.test.ts).
  // The statement in flight fails by itself and the pool drops the dead client when it is released,
  // so the event needs nothing more than a listener, from the moment the client exists.
  pool.on('connect', (client) => client.on('error', () => undefined));
  let open = true;
  const nameOf = preparedStatements();
  const shared = executor(pool, nameOf);

  return {
    engine: 'postgres',
    dialect: postgresDialect,
    ...shared,
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(executor(client, nameOf));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isDatabaseUnreachable(error)) {
          // The connection is gone or stuck (a statement got no answer in time, and its answer may
          // still come): never send it anything more. The database rolls back when it closes.
          broken = error as Error;
          throw error;
        }
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        // A connection that could not roll back is thrown away, not reused (pg also drops one that died).
        client.release(broken);
      }
    },
    isUniqueViolation(error) {
      return (error as { code?: unknown } | null)?.code === '23505';
    },
    isForeignKeyViolation(error) {
      return (error as { code?: unknown } | null)?.code === '23503';
    },
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}

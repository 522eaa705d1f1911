import type { Engine } from './store.ts';

/** Values we pass to SQL. Booleans are stored as 0 or 1 and times as ISO 8601 text, on both engines. */
export type SqlValue = string | number | null;

/** Runs SQL. Placeholders are written `?` on both engines (no `?` may appear inside SQL text literals). */
export interface SqlExecutor {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Returns how many rows were changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs a script of several statements, without parameters (used for migrations). */
  exec(script: string): Promise<void>;
}

/** The few places where the two SQL dialects must differ. Kept as small as possible. */
export type Dialect = {
  /** Column type for an integer key the database assigns, always growing. */
  readonly identityPrimaryKey: string;
  /**
   * A statement that makes concurrent transactions (for example two servers starting at once)
   * wait for each other, with one `?` for a lock number; null when a write transaction is already exclusive.
   */
  readonly exclusiveLockSql: string | null;
  /**
   * Statements that make a table append-only: any UPDATE or DELETE on it (and TRUNCATE, where the
   * engine has one) fails with an error, whoever sends it. Used for the audit trail.
   */
  appendOnlySql(table: string): string;
};

export interface SqlDriver extends SqlExecutor {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: commits if it resolves, rolls back if it throws.
   * Inside `work`, use only `tx`, never the driver itself.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** True when the error is a broken UNIQUE or PRIMARY KEY rule. */
  isUniqueViolation(error: unknown): boolean;
  /** True when the error is a broken FOREIGN KEY rule (a row refers to one that does not exist). */
  isForeignKeyViolation(error: unknown): boolean;
  /** The pool's connections now: open, idle, and callers waiting for one (PostgreSQL only). */
  poolUse?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

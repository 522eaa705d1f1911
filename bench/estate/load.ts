/**
 * Loads a generated estate into PostgreSQL: the store's own migrations first (openStore), then
 * every prison's rows with multi-row INSERTs, one transaction per prison, then ANALYZE so the
 * planner knows the tables' sizes. Records how long it took and how big the database is.
 */
import pg from 'pg';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { hashPassword } from '../../src/server/staff/passwords.ts';
import { openStore } from '../../src/server/store/index.ts';
import type { SqlValue } from '../../src/server/store/sql-driver.ts';
import { estatePin, estateTables, generateEstate, type EstateOptions, type EstateTable } from './generate.ts';

/** The password every generated member of staff has. */
export const estateStaffPassword = 'estate-staff-password';

/** PostgreSQL takes at most 65,535 parameters in one statement; stay well under it. */
const maxParameters = 30_000;
const maxRowsPerInsert = 1_000;

export type LoadResult = {
  loadMs: number;
  generateMs: number;
  databaseBytes: number;
  rows: Record<EstateTable, number>;
  /** Each table's size with its indexes and TOAST (pg_total_relation_size), biggest first. */
  tableBytes: Record<string, number>;
};

/**
 * One hash for everybody, at the lowest scrypt cost the service accepts (N=2^10): 85,000 hashes at
 * the real cost would take hours to make. Sign-in's real cost is measured apart (README).
 */
export async function estateHashes(): Promise<Pick<EstateOptions, 'pinHash' | 'passwordHash'>> {
  return { pinHash: await hashPin(estatePin, { N: 2 ** 10, r: 8, p: 1 }), passwordHash: await hashPassword(estateStaffPassword) };
}

async function insertRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  const perInsert = Math.min(maxRowsPerInsert, Math.floor(maxParameters / columns.length));
  for (let start = 0; start < rows.length; start += perInsert) {
    const slice = rows.slice(start, start + perInsert);
    let n = 0;
    const values = slice.map(() => `(${columns.map(() => `$${++n}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, slice.flat());
  }
}

/**
 * Generates and loads the estate into the (empty) database at `databaseUrl`.
 * `onPrison` hears after each prison is in (for a progress line).
 */
export async function loadEstate(
  databaseUrl: string,
  options: Omit<EstateOptions, 'pinHash' | 'passwordHash'>,
  onPrison: (done: number, of: number) => void = () => undefined,
): Promise<LoadResult> {
  const started = performance.now();
  const store = await openStore({ databaseUrl, dataDir: '' });
  await store.close();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const rows = Object.fromEntries(estateTables.map((table) => [table, 0])) as Record<EstateTable, number>;
  let generateMs = 0;
  try {
    const estate = generateEstate({ ...options, ...(await estateHashes()) });
    let done = 0;
    for (;;) {
      const generating = performance.now();
      const next = estate.next();
      generateMs += performance.now() - generating;
      if (next.done) break;
      await client.query('BEGIN');
      for (const table of estateTables) {
        const { columns, rows: tableRows } = next.value.tables[table];
        await insertRows(client, table, columns, tableRows);
        rows[table] += tableRows.length;
      }
      await client.query('COMMIT');
      onPrison(++done, options.prisons);
    }
    await client.query('ANALYZE');
    const size = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    const tables = await client.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
       WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY 2 DESC`,
    );
    const tableBytes = Object.fromEntries(tables.rows.map((row) => [row.name, Number(row.bytes)]));
    return { loadMs: performance.now() - started, generateMs, databaseBytes: Number(size.rows[0]?.bytes), rows, tableBytes };
  } finally {
    await client.end();
  }
}

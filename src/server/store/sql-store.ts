import { Plan } from '../../domain/plan.ts';
import { PlanRecord, toShareablePlan } from '../../domain/plan-record.ts';
import { PrisonNumber } from '../../domain/ids.ts';
import { Change, Cursor } from '../../domain/sync.ts';
import { applyMigrations, loadMigrations, schemaLockId } from './migrations.ts';
import type { SqlDriver, SqlExecutor } from './sql-driver.ts';
import {
  NewPerson,
  PersonRecord,
  StoreConflictError,
  StoreNotFoundError,
  type ChangePage,
  type SeedEntry,
  type Store,
} from './store.ts';

/** The most changes one page may hold, whatever the caller asks for. */
export const maxChangesPerPage = 500;

type PersonRow = {
  person_id: string;
  prison_number: string;
  display_name: string;
  pin_hash: string;
  created_at: string;
};

type ChangeRow = { seq: number | string; entity: string; data: string };

function personFromRow(row: PersonRow): PersonRecord {
  return PersonRecord.parse({
    personId: row.person_id,
    prisonNumber: row.prison_number,
    displayName: row.display_name,
    pinHash: row.pin_hash,
    createdAt: row.created_at,
  });
}

function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** The store, written once in portable SQL on top of either engine's driver. */
export function createSqlStore(driver: SqlDriver): Store {
  async function lockSchema(tx: SqlExecutor): Promise<void> {
    if (driver.dialect.exclusiveLockSql) await tx.all(driver.dialect.exclusiveLockSql, [schemaLockId]);
  }

  async function insertPersonWith(tx: SqlExecutor, input: NewPerson): Promise<PersonRecord> {
    const person = PersonRecord.parse({ ...NewPerson.parse(input), createdAt: new Date().toISOString() });
    try {
      await tx.run(
        'INSERT INTO people (person_id, prison_number, display_name, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        [person.personId, person.prisonNumber, person.displayName, person.pinHash, person.createdAt],
      );
    } catch (error) {
      if (driver.isUniqueViolation(error)) {
        throw new StoreConflictError('Someone with this person id or prison number already exists.', { cause: error });
      }
      throw error;
    }
    return person;
  }

  /** Appends one change. Updating the person's row first makes this person's changes commit in cursor order. */
  async function appendChange(
    tx: SqlExecutor,
    change: { personId: string; entity: Change['entity']; entityId: string; shareable: boolean; data: unknown },
  ): Promise<Cursor> {
    const updated = await tx.run('UPDATE people SET change_count = change_count + 1 WHERE person_id = ?', [change.personId]);
    if (updated === 0) throw new StoreNotFoundError('There is no person with this id.');
    const rows = await tx.all<{ seq: number | string }>(
      'INSERT INTO change_log (person_id, entity, entity_id, shareable, data, recorded_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq',
      [change.personId, change.entity, change.entityId, toFlag(change.shareable), JSON.stringify(change.data), new Date().toISOString()],
    );
    return Cursor.parse(String(rows[0]?.seq));
  }

  async function putPlanWith(tx: SqlExecutor, input: PlanRecord): Promise<Cursor> {
    const record = PlanRecord.parse(input);
    // Only what the person may see goes into the change log.
    const visible = toShareablePlan(record);
    const cursor = await appendChange(tx, {
      personId: record.personId,
      entity: 'plan',
      entityId: record.id,
      shareable: record.shareable,
      data: visible,
    });
    await tx.run(
      `INSERT INTO plans (person_id, plan_id, document, shareable, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET plan_id = excluded.plan_id, document = excluded.document,
         shareable = excluded.shareable, updated_at = excluded.updated_at`,
      [record.personId, record.id, JSON.stringify(record), toFlag(record.shareable), record.updatedAt],
    );
    return cursor;
  }

  return {
    engine: driver.engine,

    async migrate() {
      return { applied: await applyMigrations(driver, await loadMigrations()) };
    },

    close: () => driver.close(),

    async ping() {
      await driver.all('SELECT 1 AS ok');
    },

    async isEmpty() {
      const rows = await driver.all('SELECT person_id FROM people LIMIT 1');
      return rows.length === 0;
    },

    async seedIfEmpty(entries: readonly SeedEntry[]) {
      return driver.transaction(async (tx) => {
        // Two servers starting at once must not both load the data.
        await lockSchema(tx);
        const anyone = await tx.all('SELECT person_id FROM people LIMIT 1');
        if (anyone.length > 0) return false;
        for (const entry of entries) {
          await insertPersonWith(tx, entry.person);
          await putPlanWith(tx, entry.plan);
        }
        return true;
      });
    },

    insertPerson: (person) => driver.transaction((tx) => insertPersonWith(tx, person)),

    async getPerson(prisonNumber) {
      const parsed = PrisonNumber.safeParse(prisonNumber);
      if (!parsed.success) return null;
      const rows = await driver.all<PersonRow>(
        'SELECT person_id, prison_number, display_name, pin_hash, created_at FROM people WHERE prison_number = ?',
        [parsed.data],
      );
      return rows[0] ? personFromRow(rows[0]) : null;
    },

    async putPlan(plan) {
      return { cursor: await driver.transaction((tx) => putPlanWith(tx, plan)) };
    },

    async getPlan(personId) {
      const rows = await driver.all<{ document: string }>('SELECT document FROM plans WHERE person_id = ?', [personId]);
      return rows[0] ? PlanRecord.parse(JSON.parse(rows[0].document)) : null;
    },

    async getShareablePlan(personId) {
      const rows = await driver.all<{ data: string }>(
        `SELECT data FROM change_log WHERE person_id = ? AND entity = 'plan' AND shareable = 1 ORDER BY seq DESC LIMIT 1`,
        [personId],
      );
      return rows[0] ? Plan.parse(JSON.parse(rows[0].data)) : null;
    },

    async changesSince(personId, cursor, limit) {
      const after = Cursor.parse(cursor);
      const pageSize = Math.min(Math.max(Math.trunc(limit), 1), maxChangesPerPage);
      // One extra row tells us whether there is another page.
      const rows = await driver.all<ChangeRow>(
        `SELECT seq, entity, data FROM change_log
         WHERE person_id = ? AND shareable = 1 AND seq > ?
         ORDER BY seq LIMIT ?`,
        [personId, Number(after), pageSize + 1],
      );
      const page = rows.slice(0, pageSize);
      const entries = page.map((row) => ({
        cursor: Cursor.parse(String(row.seq)),
        change: Change.parse({ entity: row.entity, data: JSON.parse(row.data) }),
      }));
      const last = entries.at(-1);
      return { entries, cursor: last ? last.cursor : after, hasMore: rows.length > pageSize } satisfies ChangePage;
    },
  };
}

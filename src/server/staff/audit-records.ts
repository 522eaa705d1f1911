import { AuditEntry } from '../../domain/staff.ts';
import type { SqlDriver, SqlExecutor } from '../store/sql-driver.ts';
import type { AuditFilter, AuditInput } from './staff-store.ts';

type AuditRow = {
  seq: number | string;
  at: string;
  staff_id: string | null;
  system_id: string | null;
  action: string;
  prison_id: string | null;
  person_id: string | null;
  entity: string | null;
  entity_id: string | null;
  details: string;
  address_hash: string;
};

function entryFromRow(row: AuditRow): AuditEntry {
  return AuditEntry.parse({
    seq: String(row.seq),
    at: row.at,
    staffId: row.staff_id,
    systemId: row.system_id,
    action: row.action,
    prisonId: row.prison_id,
    personId: row.person_id,
    entity: row.entity,
    entityId: row.entity_id,
    details: JSON.parse(row.details),
    addressHash: row.address_hash,
  });
}

/**
 * The audit trail: an INSERT and two SELECTs, and nothing else. There is deliberately no
 * statement here (or anywhere in the store) that updates or deletes a row of `audit_log`.
 */
export function createAuditRecords(driver: SqlDriver) {
  /** Appends one line, inside the caller's transaction (or on its own with the driver). */
  async function insert(tx: SqlExecutor, input: AuditInput): Promise<void> {
    // Checked before it is written, so the trail never holds a line it cannot read back.
    const entry = AuditEntry.omit({ seq: true }).parse(input);
    await tx.run(
      `INSERT INTO audit_log (at, staff_id, system_id, action, prison_id, person_id, entity, entity_id, details, address_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [entry.at, entry.staffId, entry.systemId, entry.action, entry.prisonId, entry.personId, entry.entity, entry.entityId, JSON.stringify(entry.details), entry.addressHash],
    );
  }

  async function list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; next: string | null } | null> {
    const byPerson = filter.personId !== undefined;
    const subject = (byPerson ? filter.personId : filter.staffId) ?? '';
    // Only the trail of someone of the member's own prison.
    const owner = byPerson
      ? await driver.all('SELECT person_id FROM people WHERE person_id = ? AND prison_id = ?', [subject, filter.prisonId])
      : await driver.all('SELECT staff_id FROM staff_accounts WHERE staff_id = ? AND prison_id = ?', [subject, filter.prisonId]);
    if (owner.length === 0) return null;
    const column = byPerson ? 'person_id' : 'staff_id';
    const rows = await driver.all<AuditRow>(
      `SELECT seq, at, staff_id, system_id, action, prison_id, person_id, entity, entity_id, details, address_hash FROM audit_log
       WHERE ${column} = ?${filter.before !== undefined ? ' AND seq < ?' : ''} ORDER BY seq DESC LIMIT ?`,
      [subject, ...(filter.before !== undefined ? [Number(filter.before)] : []), filter.limit + 1],
    );
    const entries = rows.slice(0, filter.limit).map(entryFromRow);
    return { entries, next: rows.length > filter.limit ? (entries.at(-1)?.seq ?? null) : null };
  }

  return { insert, list };
}

export type InsertAudit = ReturnType<typeof createAuditRecords>['insert'];

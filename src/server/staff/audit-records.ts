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
  by_staff: string | null;
  by_system: string | null;
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
    by: row.by_staff ?? row.by_system,
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
    const entry = AuditEntry.omit({ seq: true, by: true }).parse(input);
    await tx.run(
      `INSERT INTO audit_log (at, staff_id, system_id, action, prison_id, person_id, entity, entity_id, details, address_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [entry.at, entry.staffId, entry.systemId, entry.action, entry.prisonId, entry.personId, entry.entity, entry.entityId, JSON.stringify(entry.details), entry.addressHash],
    );
  }

  async function list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; next: string | null; subject: string | null } | null> {
    const byPerson = filter.personId !== undefined;
    const subject = (byPerson ? filter.personId : filter.staffId) ?? '';
    // Only the trail of someone of the member's own prison.
    const owner = byPerson
      ? await driver.all<{ name: string }>('SELECT display_name AS name FROM people WHERE person_id = ? AND prison_id = ?', [subject, filter.prisonId])
      : await driver.all<{ name: string }>('SELECT display_name AS name FROM staff_accounts WHERE staff_id = ? AND prison_id = ?', [subject, filter.prisonId]);
    if (owner.length === 0) return null;
    const column = byPerson ? 'a.person_id' : 'a.staff_id';
    const rows = await driver.all<AuditRow>(
      `SELECT a.seq, a.at, a.staff_id, a.system_id, a.action, a.prison_id, a.person_id, a.entity, a.entity_id, a.details, a.address_hash,
              s.display_name AS by_staff, c.name AS by_system
       FROM audit_log a
       LEFT JOIN staff_accounts s ON s.staff_id = a.staff_id
       LEFT JOIN connected_systems c ON c.system_id = a.system_id
       WHERE ${column} = ?${filter.before !== undefined ? ' AND a.seq < ?' : ''} ORDER BY a.seq DESC LIMIT ?`,
      [subject, ...(filter.before !== undefined ? [Number(filter.before)] : []), filter.limit + 1],
    );
    const entries = rows.slice(0, filter.limit).map(entryFromRow);
    return { entries, next: rows.length > filter.limit ? (entries.at(-1)?.seq ?? null) : null, subject: owner[0]!.name };
  }

  return { insert, list };
}

export type InsertAudit = ReturnType<typeof createAuditRecords>['insert'];

import { openApplicationStatuses } from '../../domain/application.ts';
import { PlanRecord } from '../../domain/plan-record.ts';
import { ConnectedSystem, PlanInput, StaffPersonDetail, StaffPersonSummary, type PlanAuthor, type StaffPlanVersion } from '../../domain/staff-people.ts';
import { signInKeys } from '../auth/sign-in-limits.ts';
import { canonicalJson } from '../sync/canonical-json.ts';
import type { SqlDriver, SqlExecutor, SqlValue } from '../store/sql-driver.ts';
import { nameKey } from '../store/name-key.ts';
import { StoreConflictError } from '../store/store.ts';
import type { InsertAudit } from './audit-records.ts';
import type { PlanSaver, StaffStore, StaffStoreDeps } from './staff-store.ts';

type PeopleRecords = Pick<
  StaffStore,
  'listPeople' | 'getPersonDetail' | 'enrolPerson' | 'allocatePom' | 'resetPin' | 'savePlan' | 'listSystems' | 'insertSystem' | 'revokeSystem' | 'findSystemByToken'
>;

type SummaryRow = {
  person_id: string;
  prison_number: string;
  display_name: string;
  prison_id: string;
  pom_staff_id: string | null;
  pom_name: string | null;
  enrolled_at: string;
  must_change_pin: number | string;
  plan_version: number | string | null;
  plan_saved_at: string | null;
  open_applications: number | string;
};

type VersionRow = {
  version: number | string;
  saved_at: string;
  saved_by_kind: string;
  saved_by_id: string | null;
  saved_by_name: string | null;
  document: string;
};

type SystemRow = { system_id: string; name: string; prison_id: string; created_at: string; revoked_at: string | null };

const openStatuses = openApplicationStatuses.map((status) => `'${status}'`).join(', ');

/**
 * One row per person, with their POM's name, newest plan version and open applications. Every
 * query through this keeps `p.prison_id = ?`: staff see only their own prison's people.
 */
const summarySelect = `SELECT p.person_id, p.prison_number, p.display_name, p.prison_id, p.pom_staff_id, s.display_name AS pom_name,
  COALESCE(p.enrolled_at, p.created_at) AS enrolled_at, p.must_change_pin,
  (SELECT MAX(v.version) FROM plan_versions v WHERE v.person_id = p.person_id) AS plan_version,
  (SELECT v.saved_at FROM plan_versions v WHERE v.person_id = p.person_id ORDER BY v.version DESC LIMIT 1) AS plan_saved_at,
  (SELECT COUNT(*) FROM applications a WHERE a.person_id = p.person_id AND a.status IN (${openStatuses})) AS open_applications
  FROM people p LEFT JOIN staff_accounts s ON s.staff_id = p.pom_staff_id`;

const versionSelect = 'SELECT version, saved_at, saved_by_kind, saved_by_id, saved_by_name, document FROM plan_versions';
const systemColumns = 'system_id, name, prison_id, created_at, revoked_at';

/** Could this be the start of a prison number (a letter, then up to four digits, then up to two letters)? */
const prisonNumberStart = /^[A-Z](\d{1,4}([A-Z]{1,2})?)?$/;

/** A LIKE pattern that matches the text as it is (its own % and _ escaped, with `\` as the escape). */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function summaryFromRow(row: SummaryRow): StaffPersonSummary {
  return StaffPersonSummary.parse({
    personId: row.person_id,
    prisonNumber: row.prison_number,
    displayName: row.display_name,
    prisonId: row.prison_id,
    pomStaffId: row.pom_staff_id,
    pomName: row.pom_name,
    enrolledAt: row.enrolled_at,
    mustChangePin: Number(row.must_change_pin) === 1,
    planVersion: Number(row.plan_version ?? 0),
    planSavedAt: row.plan_saved_at,
    openApplications: Number(row.open_applications),
  });
}

function authorFromRow(row: VersionRow): PlanAuthor {
  if (row.saved_by_kind === 'staff') return { kind: 'staff', staffId: row.saved_by_id ?? '', displayName: row.saved_by_name ?? '' };
  if (row.saved_by_kind === 'system') return { kind: 'system', systemId: row.saved_by_id ?? '', name: row.saved_by_name ?? '' };
  return { kind: 'service' };
}

function versionFromRow(row: VersionRow): StaffPlanVersion {
  return { version: Number(row.version), savedAt: row.saved_at, savedBy: authorFromRow(row), plan: PlanRecord.parse(JSON.parse(row.document)) };
}

function systemFromRow(row: SystemRow): ConnectedSystem {
  return ConnectedSystem.parse({ systemId: row.system_id, name: row.name, prisonId: row.prison_id, createdAt: row.created_at, revokedAt: row.revoked_at });
}

/** Who saved, as a plan version records it and as the audit trail does. */
function savedBy(saver: PlanSaver): { author: PlanAuthor; who: { staffId: string | null; systemId: string | null; prisonId: string; addressHash: string; at: string } } {
  if (saver.kind === 'staff') {
    return {
      author: { kind: 'staff', staffId: saver.actor.staffId, displayName: saver.displayName },
      who: { ...saver.actor, systemId: null },
    };
  }
  const { systemId, name, prisonId, addressHash, at } = saver.actor;
  return { author: { kind: 'system', systemId, name }, who: { staffId: null, systemId, prisonId, addressHash, at } };
}

/** How many objectives, steps and reviews of a plan are marked not shareable (a fact for the audit line). */
function hiddenItems(plan: PlanInput): number {
  const objectives = plan.objectives.filter((objective) => !objective.shareable).length;
  const steps = plan.objectives.reduce((sum, objective) => sum + objective.steps.filter((step) => !step.shareable).length, 0);
  return objectives + steps + plan.reviews.filter((review) => !review.shareable).length;
}

/**
 * People and plans for staff, and connected systems (migration 008). Writes go through the one
 * person writer and the one plan writer of the store (`deps`), in transactions with their audit line.
 */
export function createPeopleRecords(driver: SqlDriver, deps: StaffStoreDeps & { insertAudit: InsertAudit }): PeopleRecords {
  async function summaryOf(tx: SqlExecutor, where: string, params: SqlValue[]): Promise<StaffPersonSummary | null> {
    const rows = await tx.all<SummaryRow>(`${summarySelect} WHERE ${where}`, params);
    return rows[0] ? summaryFromRow(rows[0]) : null;
  }

  async function newestVersion(tx: SqlExecutor, personId: string): Promise<StaffPlanVersion | null> {
    const rows = await tx.all<VersionRow>(`${versionSelect} WHERE person_id = ? ORDER BY version DESC LIMIT 1`, [personId]);
    return rows[0] ? versionFromRow(rows[0]) : null;
  }

  async function personIn(tx: SqlExecutor, prisonNumber: string, prisonId: string): Promise<{ person_id: string } | null> {
    const rows = await tx.all<{ person_id: string }>('SELECT person_id FROM people WHERE prison_number = ? AND prison_id = ?', [prisonNumber, prisonId]);
    return rows[0] ?? null;
  }

  /** Is this an account of the prison that is switched on (one that can be allocated people)? */
  async function pomOf(tx: SqlExecutor, staffId: string, prisonId: string): Promise<boolean> {
    const rows = await tx.all('SELECT staff_id FROM staff_accounts WHERE staff_id = ? AND prison_id = ? AND disabled_at IS NULL', [staffId, prisonId]);
    return rows.length > 0;
  }

  return {
    async listPeople(filter) {
      const where = ['p.prison_id = ?'];
      const params: SqlValue[] = [filter.prisonId];
      if (filter.pomStaffId !== undefined) {
        where.push('p.pom_staff_id = ?');
        params.push(filter.pomStaffId);
      }
      const search = filter.search?.trim();
      if (search) {
        const number = search.replace(/\s+/g, '').toUpperCase();
        const byName = `%${likeText(nameKey(search))}%`;
        if (prisonNumberStart.test(number)) {
          where.push("(p.prison_number LIKE ? ESCAPE '\\' OR p.name_key LIKE ? ESCAPE '\\')");
          params.push(`${number}%`, byName);
        } else {
          where.push("p.name_key LIKE ? ESCAPE '\\'");
          params.push(byName);
        }
      }
      if (filter.after !== undefined) {
        const rows = await driver.all<{ name_key: string }>('SELECT name_key FROM people WHERE person_id = ? AND prison_id = ?', [filter.after, filter.prisonId]);
        const last = rows[0];
        if (!last) return null;
        where.push('(p.name_key > ? OR (p.name_key = ? AND p.person_id > ?))');
        params.push(last.name_key, last.name_key, filter.after);
      }
      const rows = await driver.all<SummaryRow>(`${summarySelect} WHERE ${where.join(' AND ')} ORDER BY p.name_key, p.person_id LIMIT ?`, [
        ...params,
        filter.limit + 1,
      ]);
      const items = rows.slice(0, filter.limit).map(summaryFromRow);
      return { items, next: rows.length > filter.limit ? (items.at(-1)?.personId ?? null) : null };
    },

    async getPersonDetail(prisonNumber, prisonId) {
      const summary = await summaryOf(driver, 'p.prison_number = ? AND p.prison_id = ?', [prisonNumber, prisonId]);
      if (!summary) return null;
      return StaffPersonDetail.parse({ ...summary, plan: await newestVersion(driver, summary.personId) });
    },

    async enrolPerson({ person, pomStaffId, plan, actor, displayName }) {
      try {
        return await driver.transaction(async (tx) => {
          if (pomStaffId !== null && !(await pomOf(tx, pomStaffId, person.prisonId))) return { ok: false, code: 'pomNotFound' } as const;
          // Checked first so the usual case is a plain answer; two at once still meet the unique index.
          const taken = await tx.all('SELECT person_id FROM people WHERE prison_number = ?', [person.prisonNumber]);
          if (taken.length > 0) return { ok: false, code: 'prisonNumberTaken' } as const;
          const added = await deps.insertPerson(tx, { ...person, mustChangePin: true });
          await tx.run('UPDATE people SET pom_staff_id = ?, enrolled_at = ? WHERE person_id = ?', [pomStaffId, actor.at, added.personId]);
          await deps.putPlan(tx, plan, { version: 1, author: { kind: 'staff', staffId: actor.staffId, displayName } });
          await deps.insertAudit(tx, {
            ...actor,
            action: 'enrolPerson',
            personId: added.personId,
            entity: 'plan',
            entityId: plan.id,
            details: { planVersion: 1, pomAllocated: pomStaffId !== null },
          });
          return { ok: true, person: (await summaryOf(tx, 'p.person_id = ?', [added.personId]))! } as const;
        });
      } catch (error) {
        if (error instanceof StoreConflictError) return { ok: false, code: 'prisonNumberTaken' };
        throw error;
      }
    },

    async allocatePom({ prisonNumber, prisonId, pomStaffId, actor }) {
      return driver.transaction(async (tx) => {
        const found = await personIn(tx, prisonNumber, prisonId);
        if (!found) return { ok: false, code: 'notFound' } as const;
        if (pomStaffId !== null && !(await pomOf(tx, pomStaffId, prisonId))) return { ok: false, code: 'pomNotFound' } as const;
        await tx.run('UPDATE people SET pom_staff_id = ? WHERE person_id = ?', [pomStaffId, found.person_id]);
        if (actor) {
          await deps.insertAudit(tx, {
            ...actor,
            action: 'allocatePom',
            personId: found.person_id,
            entity: pomStaffId === null ? null : 'staffAccount',
            entityId: pomStaffId,
            details: {},
          });
        }
        return { ok: true, person: (await summaryOf(tx, 'p.person_id = ?', [found.person_id]))! } as const;
      });
    },

    async resetPin({ prisonNumber, prisonId, pinHash, actor }) {
      return driver.transaction(async (tx) => {
        const found = await personIn(tx, prisonNumber, prisonId);
        if (!found) return false;
        await tx.run('UPDATE people SET pin_hash = ?, must_change_pin = 1 WHERE person_id = ?', [pinHash, found.person_id]);
        await tx.run('DELETE FROM known_devices WHERE person_id = ?', [found.person_id]);
        await tx.run('UPDATE sessions SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL', [actor.at, found.person_id]);
        // The wrong PINs counted against the whole account were guesses at a PIN that no longer
        // works, and the person was told to ask staff: the count starts again with the new PIN.
        const { account } = signInKeys({ prisonNumber, deviceId: undefined, address: '' });
        await tx.run('DELETE FROM sign_in_account_failures WHERE account_key = ?', [account]);
        await deps.insertAudit(tx, { ...actor, action: 'resetPin', personId: found.person_id, entity: null, entityId: null, details: {} });
        return true;
      });
    },

    async savePlan({ prisonNumber, prisonId, version, plan, saver }) {
      const { author, who } = savedBy(saver);
      return driver.transaction(async (tx) => {
        const found = await personIn(tx, prisonNumber, prisonId);
        if (!found) return { ok: false, code: 'notFound' } as const;
        // The person's row first: saves of their plan (and their pushes) take turns, so the newest
        // version read next is still the newest when this one is written.
        await tx.run('UPDATE people SET change_count = change_count WHERE person_id = ?', [found.person_id]);
        const held = await newestVersion(tx, found.person_id);
        if (held && version < held.version) return { ok: false, code: 'olderVersion' } as const;
        if (held && version === held.version) {
          if (canonicalJson(PlanInput.parse(held.plan)) !== canonicalJson(plan)) return { ok: false, code: 'versionTaken' } as const;
          return { ok: true, saved: { ...held, unchanged: true } } as const;
        }
        const record = PlanRecord.parse({ ...plan, personId: found.person_id, updatedAt: who.at });
        await deps.putPlan(tx, record, { version, author });
        await deps.insertAudit(tx, {
          ...who,
          action: 'savePlan',
          personId: found.person_id,
          entity: 'plan',
          entityId: record.id,
          details: { version, shareable: record.shareable, hiddenItems: hiddenItems(plan) },
        });
        return { ok: true, saved: { version, savedAt: who.at, savedBy: author, plan: record, unchanged: false } } as const;
      });
    },

    async listSystems(prisonId) {
      const rows = await driver.all<SystemRow>(`SELECT ${systemColumns} FROM connected_systems WHERE prison_id = ? ORDER BY created_at, system_id`, [prisonId]);
      return rows.map(systemFromRow);
    },

    async insertSystem(system, actor) {
      return driver.transaction(async (tx) => {
        await tx.run(`INSERT INTO connected_systems (${systemColumns}, token_hash) VALUES (?, ?, ?, ?, NULL, ?)`, [
          system.systemId,
          system.name,
          system.prisonId,
          system.createdAt,
          system.tokenHash,
        ]);
        await deps.insertAudit(tx, { ...actor, action: 'addSystem', personId: null, entity: 'connectedSystem', entityId: system.systemId, details: {} });
        const { tokenHash: _hash, ...shown } = system;
        return ConnectedSystem.parse({ ...shown, revokedAt: null });
      });
    },

    async revokeSystem({ systemId, prisonId, actor }) {
      return driver.transaction(async (tx) => {
        const changed = await tx.run('UPDATE connected_systems SET revoked_at = ? WHERE system_id = ? AND prison_id = ? AND revoked_at IS NULL', [
          actor.at,
          systemId,
          prisonId,
        ]);
        if (changed > 0) {
          await deps.insertAudit(tx, { ...actor, action: 'revokeSystem', personId: null, entity: 'connectedSystem', entityId: systemId, details: {} });
        }
        const rows = await tx.all<SystemRow>(`SELECT ${systemColumns} FROM connected_systems WHERE system_id = ? AND prison_id = ?`, [systemId, prisonId]);
        return rows[0] ? systemFromRow(rows[0]) : null;
      });
    },

    async findSystemByToken(tokenHash) {
      const rows = await driver.all<SystemRow>(`SELECT ${systemColumns} FROM connected_systems WHERE token_hash = ? AND revoked_at IS NULL`, [tokenHash]);
      return rows[0] ? systemFromRow(rows[0]) : null;
    },
  };
}

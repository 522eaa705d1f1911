import { Prison, StaffAccount } from '../../domain/staff.ts';
import { failuresStillCounted, secondsToWait } from '../auth/sign-in-limits.ts';
import type { SqlDriver, SqlExecutor } from '../store/sql-driver.ts';
import { StoreConflictError, StoreNotFoundError } from '../store/store.ts';
import type { InsertAudit } from './audit-records.ts';
import type { StaffAccountRecord, StaffAttemptKeys, StaffStore } from './staff-store.ts';

type AccountRecords = Pick<
  StaffStore,
  | 'putPrisons'
  | 'getPrison'
  | 'insertAccount'
  | 'seedAccountsIfNone'
  | 'getAccountByUsername'
  | 'getAccount'
  | 'listAccounts'
  | 'setAccountDisabled'
  | 'changePassword'
  | 'createSession'
  | 'findSession'
  | 'endSession'
  | 'beginSignIn'
  | 'settleSignInSuccess'
  | 'sweep'
>;

type AccountRow = {
  staff_id: string;
  username: string;
  display_name: string;
  role: string;
  prison_id: string;
  password_hash: string;
  must_change_password: number | string;
  created_at: string;
  disabled_at: string | null;
};

const accountColumns = 'staff_id, username, display_name, role, prison_id, password_hash, must_change_password, created_at, disabled_at';

function accountFromRow(row: AccountRow): StaffAccountRecord {
  const account = StaffAccount.parse({
    staffId: row.staff_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    prisonId: row.prison_id,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    mustChangePassword: Number(row.must_change_password) === 1,
  });
  return { ...account, passwordHash: row.password_hash };
}

/** A sign-in is marked as used at most this often (a write per request would be wasted). */
const touchEverySeconds = 15;

/** A 52-bit number from a hex key, for pg_advisory_xact_lock (exact in a JS number). */
function lockNumber(key: string): number {
  return Number.parseInt(key.slice(0, 13), 16);
}

function secondsBefore(now: string, seconds: number): string {
  return new Date(Date.parse(now) - seconds * 1000).toISOString();
}

export function createAccountRecords(driver: SqlDriver, insertAudit: InsertAudit): AccountRecords {
  /** The three keys of a try, always in this order (so two transactions never lock them crosswise). */
  function keysInOrder(keys: StaffAttemptKeys): Array<['pair' | 'account' | 'address', string]> {
    return [
      ['pair', keys.pair],
      ['account', keys.account],
      ['address', keys.address],
    ];
  }

  async function lockKeys(tx: SqlExecutor, keys: StaffAttemptKeys): Promise<void> {
    if (!driver.dialect.exclusiveLockSql) return;
    for (const [, key] of keysInOrder(keys)) await tx.all(driver.dialect.exclusiveLockSql, [lockNumber(key)]);
  }

  async function accountBy(tx: SqlExecutor, column: 'staff_id' | 'username', value: string): Promise<StaffAccountRecord | null> {
    const rows = await tx.all<AccountRow>(`SELECT ${accountColumns} FROM staff_accounts WHERE ${column} = ?`, [value]);
    return rows[0] ? accountFromRow(rows[0]) : null;
  }

  async function insertAccountWith(tx: SqlExecutor, account: Parameters<StaffStore['insertAccount']>[0]): Promise<StaffAccountRecord> {
    const checked = { ...StaffAccount.parse({ ...account, disabledAt: null }), passwordHash: account.passwordHash };
    if (!checked.passwordHash.startsWith('scrypt$')) throw new TypeError('A password hash must be a scrypt hash.');
    try {
      await tx.run(`INSERT INTO staff_accounts (${accountColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`, [
        checked.staffId,
        checked.username,
        checked.displayName,
        checked.role,
        checked.prisonId,
        checked.passwordHash,
        checked.mustChangePassword ? 1 : 0,
        checked.createdAt,
      ]);
    } catch (error) {
      if (driver.isUniqueViolation(error)) throw new StoreConflictError('An account with this username already exists.', { cause: error });
      if (driver.isForeignKeyViolation(error)) throw new StoreNotFoundError('There is no prison with this id.', { cause: error });
      throw error;
    }
    return checked;
  }

  return {
    async putPrisons(prisons) {
      const checked = prisons.map((prison) => Prison.parse(prison));
      await driver.transaction(async (tx) => {
        for (const prison of checked) {
          await tx.run('INSERT INTO prisons (prison_id, name) VALUES (?, ?) ON CONFLICT (prison_id) DO UPDATE SET name = excluded.name', [
            prison.prisonId,
            prison.name,
          ]);
        }
      });
    },

    async getPrison(prisonId) {
      const rows = await driver.all<{ prison_id: string; name: string }>('SELECT prison_id, name FROM prisons WHERE prison_id = ?', [prisonId]);
      return rows[0] ? Prison.parse({ prisonId: rows[0].prison_id, name: rows[0].name }) : null;
    },

    async insertAccount(account, actor) {
      return driver.transaction(async (tx) => {
        const added = await insertAccountWith(tx, account);
        if (actor) {
          await insertAudit(tx, {
            at: actor.at,
            staffId: actor.staffId,
            action: 'addAccount',
            prisonId: actor.prisonId,
            personId: null,
            entity: 'staffAccount',
            entityId: added.staffId,
            details: { role: added.role },
            addressHash: actor.addressHash,
          });
        }
        return added;
      });
    },

    async seedAccountsIfNone(accounts) {
      return driver.transaction(async (tx) => {
        if (driver.dialect.exclusiveLockSql) await tx.all(driver.dialect.exclusiveLockSql, [lockNumber('5eed5eed5eed5')]);
        const anyone = await tx.all('SELECT staff_id FROM staff_accounts LIMIT 1');
        if (anyone.length > 0) return false;
        for (const account of accounts) await insertAccountWith(tx, account);
        return true;
      });
    },

    getAccountByUsername: (username) => accountBy(driver, 'username', username.trim().toLowerCase()),
    getAccount: (staffId) => accountBy(driver, 'staff_id', staffId),

    async listAccounts(prisonId) {
      const rows = await driver.all<AccountRow>(`SELECT ${accountColumns} FROM staff_accounts WHERE prison_id = ? ORDER BY username`, [prisonId]);
      return rows.map(accountFromRow);
    },

    async setAccountDisabled({ staffId, prisonId, disabled, actor }) {
      return driver.transaction(async (tx) => {
        const changed = await tx.run(
          disabled
            ? 'UPDATE staff_accounts SET disabled_at = ? WHERE staff_id = ? AND prison_id = ? AND disabled_at IS NULL'
            : 'UPDATE staff_accounts SET disabled_at = NULL WHERE staff_id = ? AND prison_id = ? AND disabled_at IS NOT NULL',
          disabled ? [actor.at, staffId, prisonId] : [staffId, prisonId],
        );
        const account = await accountBy(tx, 'staff_id', staffId);
        if (!account || account.prisonId !== prisonId) return null;
        if (changed > 0) {
          if (disabled) await tx.run('UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL', [actor.at, staffId]);
          await insertAudit(tx, {
            at: actor.at,
            staffId: actor.staffId,
            action: disabled ? 'disableAccount' : 'enableAccount',
            prisonId: actor.prisonId,
            personId: null,
            entity: 'staffAccount',
            entityId: staffId,
            details: {},
            addressHash: actor.addressHash,
          });
        }
        return account;
      });
    },

    async changePassword({ staffId, passwordHash, keepSessionHash, actor }) {
      if (!passwordHash.startsWith('scrypt$')) throw new TypeError('A password hash must be a scrypt hash.');
      await driver.transaction(async (tx) => {
        const changed = await tx.run('UPDATE staff_accounts SET password_hash = ?, must_change_password = 0 WHERE staff_id = ?', [passwordHash, staffId]);
        if (changed === 0) throw new StoreNotFoundError('There is no staff account with this id.');
        // Anyone else signed in with the old password is signed out.
        await tx.run('UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND session_hash <> ? AND revoked_at IS NULL', [
          actor.at,
          staffId,
          keepSessionHash,
        ]);
        await insertAudit(tx, {
          at: actor.at,
          staffId: actor.staffId,
          action: 'changePassword',
          prisonId: actor.prisonId,
          personId: null,
          entity: 'staffAccount',
          entityId: staffId,
          details: {},
          addressHash: actor.addressHash,
        });
      });
    },

    async createSession(session, actor) {
      await driver.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO staff_sessions (session_hash, staff_id, created_at, last_seen_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
          [session.sessionHash, session.staffId, session.createdAt, session.lastSeenAt, session.expiresAt],
        );
        await insertAudit(tx, {
          at: actor.at,
          staffId: actor.staffId,
          action: 'signIn',
          prisonId: actor.prisonId,
          personId: null,
          entity: null,
          entityId: null,
          details: {},
          addressHash: actor.addressHash,
        });
      });
    },

    async findSession(sessionHash, now, idleSeconds) {
      const rows = await driver.all<AccountRow & { s_created_at: string; last_seen_at: string; expires_at: string }>(
        `SELECT ${accountColumns.split(', ').map((column) => `a.${column}`).join(', ')},
           s.created_at AS s_created_at, s.last_seen_at, s.expires_at
         FROM staff_sessions s JOIN staff_accounts a ON a.staff_id = s.staff_id
         WHERE s.session_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ? AND a.disabled_at IS NULL`,
        [sessionHash, now, secondsBefore(now, idleSeconds)],
      );
      const row = rows[0];
      if (!row) return null;
      if (row.last_seen_at < secondsBefore(now, touchEverySeconds)) {
        await driver.run('UPDATE staff_sessions SET last_seen_at = ? WHERE session_hash = ? AND last_seen_at < ?', [now, sessionHash, now]);
      }
      return {
        account: accountFromRow(row),
        session: { sessionHash, staffId: row.staff_id, createdAt: row.s_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at },
      };
    },

    async endSession(sessionHash, actor) {
      return driver.transaction(async (tx) => {
        const ended = await tx.run('UPDATE staff_sessions SET revoked_at = ? WHERE session_hash = ? AND revoked_at IS NULL', [actor.at, sessionHash]);
        if (ended === 0) return false;
        await insertAudit(tx, {
          at: actor.at,
          staffId: actor.staffId,
          action: 'signOut',
          prisonId: actor.prisonId,
          personId: null,
          entity: null,
          entityId: null,
          details: {},
          addressHash: actor.addressHash,
        });
        return true;
      });
    },

    async beginSignIn(keys, policy, now) {
      const at = new Date(now);
      return driver.transaction(async (tx) => {
        await lockKeys(tx, keys);
        const rows = await tx.all<{ attempt_key: string; failures: number | string; last_failure_at: string }>(
          'SELECT attempt_key, failures, last_failure_at FROM staff_sign_in_attempts WHERE attempt_key IN (?, ?, ?)',
          [keys.pair, keys.account, keys.address],
        );
        const byKey = new Map(rows.map((row) => [row.attempt_key, { failures: Number(row.failures), lastFailureAt: row.last_failure_at }]));
        const counted = keysInOrder(keys).map(([kind, key]) => {
          const counter = byKey.get(key);
          const failures = counter ? failuresStillCounted(counter, policy[kind], at) : 0;
          const wait = counter ? secondsToWait({ failures, lastFailureAt: counter.lastFailureAt }, policy[kind], at) : 0;
          return { key, failures, wait };
        });
        const wait = Math.max(...counted.map((each) => each.wait));
        // A refused try writes nothing, so refused tries cannot grow the table.
        if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
        for (const each of counted) {
          await tx.run(
            `INSERT INTO staff_sign_in_attempts (attempt_key, failures, last_failure_at) VALUES (?, ?, ?)
             ON CONFLICT (attempt_key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at`,
            [each.key, each.failures + 1, now],
          );
        }
        return { allowed: true };
      });
    },

    async settleSignInSuccess(keys) {
      await driver.transaction(async (tx) => {
        await lockKeys(tx, keys);
        // The right password clears this username at this address, and takes the try back off the others.
        await tx.run('DELETE FROM staff_sign_in_attempts WHERE attempt_key = ?', [keys.pair]);
        for (const key of [keys.account, keys.address]) {
          await tx.run('UPDATE staff_sign_in_attempts SET failures = failures - 1 WHERE attempt_key = ? AND failures > 0', [key]);
        }
      });
    },

    async sweep(now, { batchSize, idleSeconds, forgetAfterSeconds }) {
      const idleBefore = secondsBefore(now, idleSeconds);
      const sessions = await driver.run(
        `DELETE FROM staff_sessions WHERE session_hash IN (
           SELECT session_hash FROM staff_sessions WHERE revoked_at IS NOT NULL OR expires_at <= ? OR last_seen_at <= ? LIMIT ?)`,
        [now, idleBefore, batchSize],
      );
      const attempts = await driver.run(
        `DELETE FROM staff_sign_in_attempts WHERE attempt_key IN (
           SELECT attempt_key FROM staff_sign_in_attempts WHERE last_failure_at <= ? OR failures <= 0 LIMIT ?)`,
        [secondsBefore(now, forgetAfterSeconds), batchSize],
      );
      return { staff_sessions: sessions, staff_sign_in_attempts: attempts };
    },
  };
}

import { createHash } from 'node:crypto';
import { accountWindow, delaySecondsAfter, failuresStillCounted, secondsToWait, type SignInLimits } from '../auth/sign-in-limits.ts';
import type { SqlDriver, SqlExecutor } from './sql-driver.ts';
import type { KnownDeviceClaim, SignInAlert, SignInStart, Store, SweepCounts } from './store.ts';

/**
 * The sign-in counters, known-device proofs and alerts, in portable SQL.
 *
 * Lock order, the same in every transaction (so none can deadlock with another):
 *   1. the person-and-device key, then the whole-account key: PostgreSQL advisory locks taken
 *      first thing, by the attempt AND by the success settle (SQLite's BEGIN IMMEDIATE already
 *      makes every write transaction take turns);
 *   2. rows of sign_in_attempts, then sign_in_account_failures, then sign_in_address_failures,
 *      then known_devices, then sign_in_alerts (account alerts before address alerts).
 * The failure settle takes no advisory lock and starts at step 2's address rows.
 */
type SignInRecords = Pick<
  Store,
  'beginSignInAttempt' | 'settleSignInFailure' | 'settleSignInSuccess' | 'resumeOnKnownDevice' | 'listSignInAlerts' | 'sweepSignInRecords'
>;

type AlertRow = {
  kind: 'account' | 'address';
  person_id: string | null;
  address_hash: string;
  wrong_pins: number | string;
  refused: number | string;
  first_seen_at: string;
  last_seen_at: string;
};

/** A 52-bit number from a hex key, for pg_advisory_xact_lock (exact in a JS number). */
function lockNumber(key: string): number {
  return Number.parseInt(key.slice(0, 13), 16);
}

function secondsBefore(now: string, seconds: number): string {
  return new Date(Date.parse(now) - seconds * 1000).toISOString();
}

/** One alert row per kind, subject and UTC day. */
function alertId(kind: SignInAlert['kind'], subject: string, now: string): string {
  return createHash('sha256').update(`${kind}|${subject}|${now.slice(0, 10)}`).digest('hex');
}

export function createSignInRecords(driver: SqlDriver): SignInRecords {
  async function lockInOrder(tx: SqlExecutor, keys: readonly string[]): Promise<void> {
    if (!driver.dialect.exclusiveLockSql) return;
    for (const key of keys) await tx.all(driver.dialect.exclusiveLockSql, [lockNumber(key)]);
  }

  async function knownDeviceProof(tx: SqlExecutor, claim: KnownDeviceClaim, now: string): Promise<string | null> {
    if (claim.proofHashes.length === 0) return null;
    const marks = claim.proofHashes.map(() => '?').join(', ');
    const rows = await tx.all<{ proof_hash: string }>(
      `SELECT proof_hash FROM known_devices
       WHERE person_id = ? AND device_key = ? AND pin_stamp = ? AND expires_at > ? AND proof_hash IN (${marks})`,
      [claim.personId, claim.deviceKey, claim.pinStamp, now, ...claim.proofHashes],
    );
    return rows[0]?.proof_hash ?? null;
  }

  /** How many different prison numbers got a wrong PIN from this address lately, and the wait that makes. */
  async function addressWait(tx: SqlExecutor, addressKey: string, limits: SignInLimits, now: string) {
    const rows = await tx.all<{ n: number | string; latest: string | null }>(
      'SELECT COUNT(*) AS n, MAX(last_failure_at) AS latest FROM sign_in_address_failures WHERE address_key = ? AND last_failure_at > ?',
      [addressKey, secondsBefore(now, limits.address.forgetAfterSeconds)],
    );
    const count = Number(rows[0]?.n ?? 0);
    const latest = rows[0]?.latest ?? now;
    return { count, wait: secondsToWait({ failures: count, lastFailureAt: latest }, limits.address, new Date(now)) };
  }

  /** Adds to the day's alert for this subject (making it if there is none yet). */
  async function recordAlert(
    tx: SqlExecutor,
    alert: { kind: SignInAlert['kind']; personId: string | null; addressHash: string; wrongPins: { first: number; more: number }; refused: number; now: string },
  ): Promise<void> {
    const subject = alert.kind === 'account' ? (alert.personId ?? '') : alert.addressHash;
    await tx.run(
      `INSERT INTO sign_in_alerts (alert_id, kind, person_id, address_hash, wrong_pins, refused, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (alert_id) DO UPDATE SET wrong_pins = sign_in_alerts.wrong_pins + ?, refused = sign_in_alerts.refused + excluded.refused,
         address_hash = excluded.address_hash, last_seen_at = excluded.last_seen_at`,
      [
        alertId(alert.kind, subject, alert.now),
        alert.kind,
        alert.personId,
        alert.addressHash,
        alert.wrongPins.first,
        alert.refused,
        alert.now,
        alert.now,
        alert.wrongPins.more,
      ],
    );
  }

  async function deleteSome(sql: string, params: readonly (string | number)[]): Promise<number> {
    return driver.run(sql, params);
  }

  return {
    async beginSignInAttempt({ keys, personId, claim, limits, now }) {
      const at = new Date(now);
      return driver.transaction(async (tx): Promise<SignInStart> => {
        await lockInOrder(tx, [keys.pair, keys.account]);

        // 1. This person on this device: the wait they see.
        const pairRows = await tx.all<{ failures: number | string; last_failure_at: string }>(
          'SELECT failures, last_failure_at FROM sign_in_attempts WHERE attempt_key = ?',
          [keys.pair],
        );
        const pairRow = pairRows[0];
        const pair = pairRow ? { failures: Number(pairRow.failures), lastFailureAt: pairRow.last_failure_at } : null;
        const pairFailures = pair ? failuresStillCounted(pair, limits.pair, at) : 0;
        const pairWait = pair ? secondsToWait({ failures: pairFailures, lastFailureAt: pair.lastFailureAt }, limits.pair, at) : 0;
        if (pairWait > 0) return { allowed: false, limit: 'pair', retryAfterSeconds: pairWait };

        // 2. A device this person has signed in on before is held by nothing else.
        const proof = claim ? await knownDeviceProof(tx, claim, now) : null;
        let accountFailures: number | null = null;
        let windowStartedAt = now;
        if (proof === null) {
          // 3. Every other device together: the whole-account limit.
          const accountRows = await tx.all<{ failures: number | string; window_started_at: string }>(
            'SELECT failures, window_started_at FROM sign_in_account_failures WHERE account_key = ?',
            [keys.account],
          );
          const row = accountRows[0];
          const window = accountWindow(row ? { failures: Number(row.failures), windowStartedAt: row.window_started_at } : null, limits.account, at);
          if (window.failures >= limits.account.failuresPerWindow) {
            if (personId) {
              await recordAlert(tx, { kind: 'account', personId, addressHash: keys.address, wrongPins: { first: 0, more: 0 }, refused: 1, now });
            }
            return { allowed: false, limit: 'account', retryAfterSeconds: window.secondsLeft };
          }
          // 4. The address cap.
          const address = await addressWait(tx, keys.address, limits, now);
          if (address.wait > 0) {
            await recordAlert(tx, { kind: 'address', personId: null, addressHash: keys.address, wrongPins: { first: 0, more: 0 }, refused: 1, now });
            return { allowed: false, limit: 'address', retryAfterSeconds: address.wait };
          }
          accountFailures = window.failures + 1;
          windowStartedAt = window.startedAt;
        }

        // Allowed: counted as a failure until it is settled (never on the address).
        await tx.run(
          `INSERT INTO sign_in_attempts (attempt_key, failures, last_failure_at) VALUES (?, ?, ?)
           ON CONFLICT (attempt_key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at`,
          [keys.pair, pairFailures + 1, now],
        );
        if (accountFailures !== null) {
          await tx.run(
            `INSERT INTO sign_in_account_failures (account_key, failures, window_started_at) VALUES (?, ?, ?)
             ON CONFLICT (account_key) DO UPDATE SET failures = excluded.failures, window_started_at = excluded.window_started_at`,
            [keys.account, accountFailures, windowStartedAt],
          );
        }
        return { allowed: true, pairFailures: pairFailures + 1, accountFailures, knownDeviceProof: proof };
      });
    },

    async settleSignInFailure({ keys, personId, accountFailures, limits, now }) {
      return driver.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO sign_in_address_failures (address_key, number_key, last_failure_at) VALUES (?, ?, ?)
           ON CONFLICT (address_key, number_key) DO UPDATE SET last_failure_at = excluded.last_failure_at`,
          [keys.address, keys.number, now],
        );
        const address = await addressWait(tx, keys.address, limits, now);
        // The try that reached the whole-account limit records it (once per window).
        if (personId && accountFailures === limits.account.failuresPerWindow) {
          const count = limits.account.failuresPerWindow;
          await recordAlert(tx, { kind: 'account', personId, addressHash: keys.address, wrongPins: { first: count, more: count }, refused: 0, now });
        }
        if (address.count >= limits.address.freeFailures) {
          await recordAlert(tx, { kind: 'address', personId: null, addressHash: keys.address, wrongPins: { first: address.count, more: 1 }, refused: 0, now });
        }
        return { addressWaitSeconds: delaySecondsAfter(address.count, limits.address) };
      });
    },

    async settleSignInSuccess({ keys, personId, pinStamp, accountCounted, device, now }) {
      await driver.transaction(async (tx) => {
        await lockInOrder(tx, accountCounted ? [keys.pair, keys.account] : [keys.pair]);
        await tx.run('DELETE FROM sign_in_attempts WHERE attempt_key = ?', [keys.pair]);
        if (accountCounted) {
          // Takes this try back; a counter back at zero says nothing, so it goes.
          await tx.run('UPDATE sign_in_account_failures SET failures = failures - 1 WHERE account_key = ? AND failures > 0', [keys.account]);
          await tx.run('DELETE FROM sign_in_account_failures WHERE account_key = ? AND failures <= 0', [keys.account]);
        }
        await tx.run('DELETE FROM sign_in_address_failures WHERE address_key = ? AND number_key = ?', [keys.address, keys.number]);
        // Proofs issued under an earlier PIN can never work again.
        await tx.run('DELETE FROM known_devices WHERE person_id = ? AND pin_stamp <> ?', [personId, pinStamp]);
        if (device?.isNew) {
          await tx.run(
            `INSERT INTO known_devices (proof_hash, person_id, device_key, pin_stamp, created_at, last_used_at, expires_at, resume_hash, resume_expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (person_id, device_key) DO UPDATE SET proof_hash = excluded.proof_hash, pin_stamp = excluded.pin_stamp,
               created_at = excluded.created_at, last_used_at = excluded.last_used_at, expires_at = excluded.expires_at,
               resume_hash = excluded.resume_hash, resume_expires_at = excluded.resume_expires_at`,
            [device.proofHash, personId, keys.device, pinStamp, now, now, device.expiresAt, device.resume?.hash ?? null, device.resume?.expiresAt ?? null],
          );
        } else if (device) {
          await tx.run('UPDATE known_devices SET last_used_at = ?, expires_at = ?, resume_hash = ?, resume_expires_at = ? WHERE proof_hash = ?', [
            now,
            device.expiresAt,
            device.resume?.hash ?? null,
            device.resume?.expiresAt ?? null,
            device.proofHash,
          ]);
        }
      });
    },

    async resumeOnKnownDevice({ resumeHash, deviceKey, nextHash, knownDeviceExpiresAt, now }) {
      // One statement, so one round trip and no transaction of its own. Of two uses at once only
      // one changes the row: the other waits for it, then finds the old token gone (PostgreSQL
      // checks the row again after the wait; the embedded engine runs one write at a time).
      const rows = await driver.all<{ person_id: string; pin_stamp: string; resume_expires_at: string }>(
        `UPDATE known_devices SET resume_hash = ?, last_used_at = ?, expires_at = ?
         WHERE resume_hash = ? AND device_key = ? AND resume_expires_at > ? AND expires_at > ?
         RETURNING person_id, pin_stamp, resume_expires_at`,
        [nextHash, now, knownDeviceExpiresAt, resumeHash, deviceKey, now, now],
      );
      const row = rows[0];
      return row ? { personId: row.person_id, pinStamp: row.pin_stamp, resumeExpiresAt: row.resume_expires_at } : null;
    },

    async listSignInAlerts(options = {}) {
      const rows = await driver.all<AlertRow>(
        `SELECT kind, person_id, address_hash, wrong_pins, refused, first_seen_at, last_seen_at FROM sign_in_alerts
         WHERE last_seen_at >= ? ORDER BY last_seen_at DESC, alert_id LIMIT ?`,
        [options.since ?? '', Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 1000)],
      );
      return rows.map((row) => ({
        kind: row.kind,
        personId: row.person_id,
        addressHash: row.address_hash,
        wrongPins: Number(row.wrong_pins),
        refused: Number(row.refused),
        firstSeenAt: row.first_seen_at,
        lastSeenAt: row.last_seen_at,
      }));
    },

    async sweepSignInRecords(now, { batchSize, limits }) {
      const batch = Math.max(1, Math.trunc(batchSize));
      const counts: SweepCounts = {};
      counts.session_tokens = await deleteSome(
        `DELETE FROM session_tokens WHERE token_hash IN (
           SELECT t.token_hash FROM session_tokens t JOIN sessions s ON s.session_id = t.session_id
           WHERE t.expires_at <= ? OR s.expires_at <= ? OR s.revoked_at IS NOT NULL LIMIT ?)`,
        [now, now, batch],
      );
      counts.sessions = await deleteSome(
        `DELETE FROM sessions WHERE session_id IN (
           SELECT s.session_id FROM sessions s
           WHERE (s.expires_at <= ? OR s.revoked_at IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM session_tokens t WHERE t.session_id = s.session_id) LIMIT ?)`,
        [now, batch],
      );
      counts.sign_in_attempts = await deleteSome(
        'DELETE FROM sign_in_attempts WHERE attempt_key IN (SELECT attempt_key FROM sign_in_attempts WHERE last_failure_at < ? LIMIT ?)',
        [secondsBefore(now, limits.pair.forgetAfterSeconds), batch],
      );
      counts.sign_in_account_failures = await deleteSome(
        `DELETE FROM sign_in_account_failures WHERE account_key IN (
           SELECT account_key FROM sign_in_account_failures WHERE window_started_at <= ? LIMIT ?)`,
        [secondsBefore(now, limits.account.windowSeconds), batch],
      );
      // A composite key: delete by the rows' own time, one batch at a time.
      counts.sign_in_address_failures = await deleteSome(
        `DELETE FROM sign_in_address_failures WHERE last_failure_at <= ? AND address_key || '/' || number_key IN (
           SELECT address_key || '/' || number_key FROM sign_in_address_failures WHERE last_failure_at <= ? LIMIT ?)`,
        [secondsBefore(now, limits.address.forgetAfterSeconds), secondsBefore(now, limits.address.forgetAfterSeconds), batch],
      );
      counts.known_devices = await deleteSome(
        'DELETE FROM known_devices WHERE proof_hash IN (SELECT proof_hash FROM known_devices WHERE expires_at <= ? LIMIT ?)',
        [now, batch],
      );
      counts.sign_in_alerts = await deleteSome(
        'DELETE FROM sign_in_alerts WHERE alert_id IN (SELECT alert_id FROM sign_in_alerts WHERE last_seen_at <= ? LIMIT ?)',
        [secondsBefore(now, limits.alertKeepSeconds), batch],
      );
      return counts;
    },
  };
}

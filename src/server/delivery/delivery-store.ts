import type { SqlDriver, SqlExecutor } from '../store/sql-driver.ts';

/**
 * The delivery tables (migration 005), in portable SQL on either engine. Part of the one store
 * (`store.delivery`), so the same contract tests run it on both engines.
 */

export type KeyPurpose = 'seal' | 'secret';

export type DeliveryKeyRecord = {
  keyId: string;
  purpose: KeyPurpose;
  /** base64 raw public point (seal keys only). */
  publicKey: string | null;
  /** base64 PKCS #8 (seal) or raw key bytes (secret). */
  privateKey: string;
  createdAt: string;
  retiredAt: string | null;
};

export type NewDeliveryKey = Omit<DeliveryKeyRecord, 'retiredAt'>;

export type DeliverySecretRecord = {
  secretId: string;
  sessionId: string;
  personId: string;
  keyId: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

export type DeviceRecord = {
  deviceId: string;
  name: string;
  createdAt: string;
  /** When the enrolment code stops working (null once it has been used). */
  enrolExpiresAt: string | null;
  enrolledAt: string | null;
  revokedAt: string | null;
  lastPushAt: string | null;
};

export type NewDevice = { deviceId: string; name: string; enrolCodeHash: string; enrolExpiresAt: string; createdAt: string };

export interface DeliveryStore {
  /** The current key of a purpose; if there is none, `make()` is stored and returned (once, even with many processes). */
  currentKey(purpose: KeyPurpose, make: () => Promise<NewDeliveryKey>): Promise<DeliveryKeyRecord>;
  /** Any key by id, retired or not. */
  getKey(keyId: string): Promise<DeliveryKeyRecord | null>;
  /** Every key of a purpose, newest first. */
  listKeys(purpose: KeyPurpose): Promise<DeliveryKeyRecord[]>;
  /** Makes `next` the current key of its purpose; the old ones are retired, never deleted. */
  rotateKey(next: NewDeliveryKey, now: string): Promise<void>;

  /**
   * The delivery secret of a sign-in: the one already issued to this session, or `fresh` stored now.
   * Also deletes this person's secrets that ran out more than `forgetExpiredBefore` ago.
   */
  issueSecret(fresh: Omit<DeliverySecretRecord, 'revokedAt'>, forgetExpiredBefore: string): Promise<DeliverySecretRecord>;
  getSecret(secretId: string): Promise<DeliverySecretRecord | null>;
  /** Ends every live delivery secret of a person. Returns how many. */
  revokeSecrets(personId: string, now: string): Promise<number>;

  createDevice(device: NewDevice): Promise<DeviceRecord>;
  /**
   * Swaps a live enrolment code for a credential, once: of two kiosks sending one code, one wins.
   * Null when the code is unknown, used, expired, or its device was revoked.
   */
  enrolDevice(codeHash: string, credentialHash: string, now: string): Promise<DeviceRecord | null>;
  /** The enrolled, not revoked, device a credential belongs to. */
  findDevice(credentialHash: string): Promise<DeviceRecord | null>;
  /** Records when the device last pushed (at most one write a minute per device). */
  touchDevice(deviceId: string, now: string): Promise<void>;
  listDevices(): Promise<DeviceRecord[]>;
  /** Ends a device's credential (and any unused code). False if unknown or already revoked. */
  revokeDevice(deviceId: string, now: string): Promise<boolean>;
}

/** Lock number for making the first key of a purpose (two processes starting at once make one). */
const keyLockId = 7_310_005;

type KeyRow = {
  key_id: string;
  purpose: KeyPurpose;
  public_key: string | null;
  private_key: string;
  created_at: string;
  retired_at: string | null;
};

type SecretRow = {
  secret_id: string;
  session_id: string;
  person_id: string;
  key_id: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
};

type DeviceRow = {
  device_id: string;
  name: string;
  created_at: string;
  enrol_expires_at: string | null;
  enrolled_at: string | null;
  revoked_at: string | null;
  last_push_at: string | null;
};

const keyColumns = 'key_id, purpose, public_key, private_key, created_at, retired_at';
const secretColumns = 'secret_id, session_id, person_id, key_id, issued_at, expires_at, revoked_at';
const deviceColumns = 'device_id, name, created_at, enrol_expires_at, enrolled_at, revoked_at, last_push_at';

function keyFrom(row: KeyRow): DeliveryKeyRecord {
  return {
    keyId: row.key_id,
    purpose: row.purpose,
    publicKey: row.public_key,
    privateKey: row.private_key,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

function secretFrom(row: SecretRow): DeliverySecretRecord {
  return {
    secretId: row.secret_id,
    sessionId: row.session_id,
    personId: row.person_id,
    keyId: row.key_id,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

function deviceFrom(row: DeviceRow): DeviceRecord {
  return {
    deviceId: row.device_id,
    name: row.name,
    createdAt: row.created_at,
    enrolExpiresAt: row.enrol_expires_at,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    lastPushAt: row.last_push_at,
  };
}

export function createDeliveryStore(driver: SqlDriver): DeliveryStore {
  async function lockKeys(tx: SqlExecutor): Promise<void> {
    if (driver.dialect.exclusiveLockSql) await tx.all(driver.dialect.exclusiveLockSql, [keyLockId]);
  }

  async function currentIn(tx: SqlExecutor, purpose: KeyPurpose): Promise<DeliveryKeyRecord | null> {
    const rows = await tx.all<KeyRow>(
      `SELECT ${keyColumns} FROM delivery_keys WHERE purpose = ? AND retired_at IS NULL ORDER BY created_at DESC, key_id DESC LIMIT 1`,
      [purpose],
    );
    return rows[0] ? keyFrom(rows[0]) : null;
  }

  async function insertKey(tx: SqlExecutor, key: NewDeliveryKey): Promise<void> {
    await tx.run(`INSERT INTO delivery_keys (${keyColumns}) VALUES (?, ?, ?, ?, ?, NULL)`, [
      key.keyId,
      key.purpose,
      key.publicKey,
      key.privateKey,
      key.createdAt,
    ]);
  }

  async function getDevice(tx: SqlExecutor, deviceId: string): Promise<DeviceRecord | null> {
    const rows = await tx.all<DeviceRow>(`SELECT ${deviceColumns} FROM delivery_devices WHERE device_id = ?`, [deviceId]);
    return rows[0] ? deviceFrom(rows[0]) : null;
  }

  return {
    async currentKey(purpose, make) {
      const found = await currentIn(driver, purpose);
      if (found) return found;
      // Made outside the transaction (no awaiting crypto inside one), stored only if still needed.
      const candidate = await make();
      if (candidate.purpose !== purpose) throw new Error('A key of the wrong purpose.');
      return driver.transaction(async (tx) => {
        await lockKeys(tx);
        const now = await currentIn(tx, purpose);
        if (now) return now;
        await insertKey(tx, candidate);
        return { ...candidate, retiredAt: null };
      });
    },

    async getKey(keyId) {
      const rows = await driver.all<KeyRow>(`SELECT ${keyColumns} FROM delivery_keys WHERE key_id = ?`, [keyId]);
      return rows[0] ? keyFrom(rows[0]) : null;
    },

    async listKeys(purpose) {
      const rows = await driver.all<KeyRow>(`SELECT ${keyColumns} FROM delivery_keys WHERE purpose = ? ORDER BY created_at DESC, key_id DESC`, [
        purpose,
      ]);
      return rows.map(keyFrom);
    },

    async rotateKey(next, now) {
      await driver.transaction(async (tx) => {
        await lockKeys(tx);
        await tx.run('UPDATE delivery_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL', [now, next.purpose]);
        await insertKey(tx, next);
      });
    },

    async issueSecret(fresh, forgetExpiredBefore) {
      return driver.transaction(async (tx) => {
        await tx.run('DELETE FROM delivery_secrets WHERE person_id = ? AND expires_at < ?', [fresh.personId, forgetExpiredBefore]);
        await tx.run(
          `INSERT INTO delivery_secrets (${secretColumns}) VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (session_id) DO NOTHING`,
          [fresh.secretId, fresh.sessionId, fresh.personId, fresh.keyId, fresh.issuedAt, fresh.expiresAt],
        );
        const rows = await tx.all<SecretRow>(`SELECT ${secretColumns} FROM delivery_secrets WHERE session_id = ?`, [fresh.sessionId]);
        const row = rows[0];
        if (!row || row.person_id !== fresh.personId) throw new Error('A delivery secret for this sign-in belongs to someone else.');
        return secretFrom(row);
      });
    },

    async getSecret(secretId) {
      const rows = await driver.all<SecretRow>(`SELECT ${secretColumns} FROM delivery_secrets WHERE secret_id = ?`, [secretId]);
      return rows[0] ? secretFrom(rows[0]) : null;
    },

    async revokeSecrets(personId, now) {
      return driver.run('UPDATE delivery_secrets SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ?', [
        now,
        personId,
        now,
      ]);
    },

    async createDevice(device) {
      await driver.run(
        `INSERT INTO delivery_devices (device_id, name, enrol_code_hash, enrol_expires_at, credential_hash, created_at, enrolled_at, revoked_at, last_push_at)
         VALUES (?, ?, ?, ?, NULL, ?, NULL, NULL, NULL)`,
        [device.deviceId, device.name, device.enrolCodeHash, device.enrolExpiresAt, device.createdAt],
      );
      return {
        deviceId: device.deviceId,
        name: device.name,
        createdAt: device.createdAt,
        enrolExpiresAt: device.enrolExpiresAt,
        enrolledAt: null,
        revokedAt: null,
        lastPushAt: null,
      };
    },

    async enrolDevice(codeHash, credentialHash, now) {
      return driver.transaction(async (tx) => {
        const rows = await tx.all<{ device_id: string }>(
          `SELECT device_id FROM delivery_devices
           WHERE enrol_code_hash = ? AND enrol_expires_at > ? AND revoked_at IS NULL AND credential_hash IS NULL`,
          [codeHash, now],
        );
        const deviceId = rows[0]?.device_id;
        if (!deviceId) return null;
        // The condition again in the update: of two uses of one code at once, only one changes the row.
        const changed = await tx.run(
          `UPDATE delivery_devices SET credential_hash = ?, enrolled_at = ?, enrol_code_hash = NULL, enrol_expires_at = NULL
           WHERE device_id = ? AND enrol_code_hash = ? AND credential_hash IS NULL AND revoked_at IS NULL`,
          [credentialHash, now, deviceId, codeHash],
        );
        if (changed === 0) return null;
        return getDevice(tx, deviceId);
      });
    },

    async findDevice(credentialHash) {
      const rows = await driver.all<DeviceRow>(
        `SELECT ${deviceColumns} FROM delivery_devices WHERE credential_hash = ? AND revoked_at IS NULL`,
        [credentialHash],
      );
      return rows[0] ? deviceFrom(rows[0]) : null;
    },

    async touchDevice(deviceId, now) {
      const aMinuteAgo = new Date(Date.parse(now) - 60_000).toISOString();
      await driver.run('UPDATE delivery_devices SET last_push_at = ? WHERE device_id = ? AND (last_push_at IS NULL OR last_push_at < ?)', [
        now,
        deviceId,
        aMinuteAgo,
      ]);
    },

    async listDevices() {
      const rows = await driver.all<DeviceRow>(`SELECT ${deviceColumns} FROM delivery_devices ORDER BY created_at, device_id`);
      return rows.map(deviceFrom);
    },

    async revokeDevice(deviceId, now) {
      const changed = await driver.run(
        'UPDATE delivery_devices SET revoked_at = ?, enrol_code_hash = NULL WHERE device_id = ? AND revoked_at IS NULL',
        [now, deviceId],
      );
      return changed > 0;
    },
  };
}

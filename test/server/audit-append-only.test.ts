import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../src/server/auth/pin-hash.ts';
import { hashToken, newToken } from '../../src/server/auth/tokens.ts';
import { defaultSignInLimits, signInKeys } from '../../src/server/auth/sign-in-limits.ts';
import { newOpaqueId } from '../../src/server/ids.ts';
import { staffAttemptKeys, staffSignInPolicy } from '../../src/server/staff/sign-in-waits.ts';
import type { AuditActor } from '../../src/server/staff/staff-store.ts';
import type { Engine, Store } from '../../src/server/store/index.ts';
import { describeOnEngine } from './support/engines.ts';
import { applicationItem, questionnaireItem } from './support/outbox.ts';
import { samplePlan } from './support/plans.ts';
import type { HarnessFactory, StoreHarness } from './support/store-harness.ts';

/**
 * The audit trail is append-only. This calls every method of the store (and of its staff and
 * delivery parts) with real arguments, many of them about the very person and member of staff the
 * trail is about, far into the future, and checks that every line written before is still there,
 * unchanged. A new store method makes the first test fail until it is added here. The database
 * itself refuses UPDATE and DELETE on the table (triggers), and no source file holds such a statement.
 */
const at = (seconds: number) => new Date(Date.parse('2026-03-01T10:00:00.000Z') + seconds * 1000).toISOString();
const cheap = { N: 1024, r: 8, p: 1 };

type AuditRow = Record<string, unknown>;

function describeAppendOnly(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`the audit trail cannot be changed: ${engine}`, () => {
    let harness: StoreHarness;
    let store: Store;

    async function auditRows(): Promise<AuditRow[]> {
      const driver = harness.openDriver();
      try {
        const rows = await driver.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq');
        return rows.map((row) => ({ ...row, seq: String(row.seq) }));
      } finally {
        await driver.close();
      }
    }

    beforeEach(async () => {
      harness = await makeHarness();
      store = await harness.open();
    });

    afterEach(async () => {
      await store.close().catch(() => undefined);
      await harness.dispose();
    });

    it('through no store method', async () => {
      const pinHash = await hashPin('123456', cheap);
      const passwordHash = await hashPin('a long staff password', cheap);
      await store.staff.putPrisons([{ prisonId: 'NTH', name: 'HMP North' }]);
      const personId = newOpaqueId('p');
      await store.insertPerson({ personId, prisonNumber: 'A1234BC', displayName: 'Alex', pinHash, prisonId: 'NTH' });
      await store.putPlan(samplePlan(personId));
      const staff = await store.staff.insertAccount(
        { staffId: newOpaqueId('st'), username: 'omu.north', displayName: 'Omu', role: 'admin', prisonId: 'NTH', passwordHash, mustChangePassword: false, createdAt: at(0) },
        null,
      );
      const actor = (seconds: number): AuditActor => ({ staffId: staff.staffId, prisonId: 'NTH', addressHash: 'b'.repeat(64), at: at(seconds) });
      const application = applicationItem('Please can I see my POM?');
      await store.applyPush(personId, [application, questionnaireItem()], at(0));

      // Lines of every kind, about this person and this member of staff.
      const sessionHash = hashToken(newToken());
      await store.staff.createSession({ sessionHash, staffId: staff.staffId, createdAt: at(0), lastSeenAt: at(0), expiresAt: at(3600) }, actor(1));
      await store.staff.changeApplication({ applicationId: application.id, prisonId: 'NTH', action: { kind: 'reply', text: 'Yes.', status: 'answered' }, messageId: 'm1', actor: actor(2) });
      await store.staff.recordAudit({ ...actor(3), action: 'viewApplication', personId, entity: 'application', entityId: application.id, details: {} });
      await store.staff.recordAudit({ ...actor(4), staffId: null, action: 'signInFailed', details: { during: 'signIn' }, personId: null, entity: null, entityId: null });
      const before = await auditRows();
      expect(before.length).toBeGreaterThanOrEqual(4);

      const far = at(400 * 24 * 3600);
      const keys = signInKeys({ prisonNumber: 'A1234BC', deviceId: undefined, address: '10.0.0.1' });
      const staffKeys = staffAttemptKeys('omu.north', '10.0.0.1');
      const access = newToken();
      const refresh = newToken();
      const calls: Record<string, () => Promise<unknown>> = {
        // The store.
        migrate: () => store.migrate(),
        ping: () => store.ping(),
        poolUse: async () => store.poolUse(),
        isEmpty: () => store.isEmpty(),
        seedIfEmpty: () => store.seedIfEmpty([]),
        insertPerson: () => store.insertPerson({ personId: newOpaqueId('p'), prisonNumber: 'B2345CD', displayName: 'Bo', pinHash, prisonId: 'NTH' }),
        getPerson: () => store.getPerson('A1234BC'),
        getPersonById: () => store.getPersonById(personId),
        putPlan: () => store.putPlan(samplePlan(personId, { updatedAt: far })),
        getPlan: () => store.getPlan(personId),
        getShareablePlan: () => store.getShareablePlan(personId),
        recordApplicationReply: () => store.recordApplicationReply({ applicationId: application.id, personId, status: 'closed', updatedAt: far }),
        changesSince: () => store.changesSince(personId, '0', 100),
        createSession: () =>
          store.createSession({
            sessionId: newOpaqueId('s'),
            personId,
            createdAt: at(0),
            expiresAt: far,
            access: { hash: hashToken(access), expiresAt: far },
            refresh: { hash: hashToken(refresh), expiresAt: far },
          }),
        findSession: () => store.findSession(hashToken(access), at(5)),
        rotateRefreshToken: () => store.rotateRefreshToken(hashToken(refresh), { access: { hash: hashToken(newToken()), expiresAt: far }, refreshHash: hashToken(newToken()) }, at(6)),
        revokeSession: () => store.revokeSession('s_none', at(7)),
        revokeSessionByToken: () => store.revokeSessionByToken(hashToken(access), at(8)),
        changePin: () => store.changePin(personId, pinHash),
        setOwnPin: () => store.setOwnPin(personId, pinHash, at(8)),
        beginSignInAttempt: () => store.beginSignInAttempt({ keys, personId, claim: null, limits: defaultSignInLimits, now: at(9) }),
        settleSignInFailure: () => store.settleSignInFailure({ keys, personId, accountFailures: 1, limits: defaultSignInLimits, now: at(10) }),
        settleSignInSuccess: () => store.settleSignInSuccess({ keys, personId, pinStamp: 'x', accountCounted: true, device: null, now: at(11) }),
        resumeOnKnownDevice: () => store.resumeOnKnownDevice({ resumeHash: 'a'.repeat(64), deviceKey: 'b'.repeat(64), nextHash: 'c'.repeat(64), knownDeviceExpiresAt: at(3600), now: at(11) }),
        listSignInAlerts: () => store.listSignInAlerts(),
        sweepSignInRecords: () => store.sweepSignInRecords(far, { batchSize: 10_000, limits: defaultSignInLimits }),
        sweepChangeLog: () => store.sweepChangeLog(far, { batchSize: 10_000 }),
        applyPush: () => store.applyPush(personId, [applicationItem('Another', undefined, 'other'), application], far),
        listApplications: () => store.listApplications(personId),
        listProgressNotes: () => store.listProgressNotes(personId),
        listQuestionnaires: () => store.listQuestionnaires(personId),
        // Its staff part.
        'staff.putPrisons': () => store.staff.putPrisons([{ prisonId: 'NTH', name: 'HMP Renamed' }]),
        'staff.getPrison': () => store.staff.getPrison('NTH'),
        'staff.insertAccount': () =>
          store.staff.insertAccount(
            { staffId: newOpaqueId('st'), username: 'pom.north', displayName: 'Pom', role: 'pom', prisonId: 'NTH', passwordHash, mustChangePassword: true, createdAt: far },
            actor(20),
          ),
        'staff.seedAccountsIfNone': () => store.staff.seedAccountsIfNone([]),
        'staff.getAccountByUsername': () => store.staff.getAccountByUsername('omu.north'),
        'staff.getAccount': () => store.staff.getAccount(staff.staffId),
        'staff.listAccounts': () => store.staff.listAccounts('NTH'),
        'staff.setAccountDisabled': () => store.staff.setAccountDisabled({ staffId: staff.staffId, prisonId: 'NTH', disabled: true, actor: actor(21) }),
        'staff.changePassword': () => store.staff.changePassword({ staffId: staff.staffId, passwordHash, keepSessionHash: sessionHash, actor: actor(22) }),
        'staff.createSession': () => store.staff.createSession({ sessionHash: hashToken(newToken()), staffId: staff.staffId, createdAt: far, lastSeenAt: far, expiresAt: far }, actor(23)),
        'staff.findSession': () => store.staff.findSession(sessionHash, at(24), 1200),
        'staff.endSession': () => store.staff.endSession(sessionHash, actor(25)),
        'staff.beginSignIn': () => store.staff.beginSignIn(staffKeys, staffSignInPolicy, at(26)),
        'staff.settleSignInSuccess': () => store.staff.settleSignInSuccess(staffKeys),
        'staff.recordAudit': () => store.staff.recordAudit({ ...actor(27), action: 'viewAudit', personId, entity: null, entityId: null, details: {} }),
        'staff.listAudit': () => store.staff.listAudit({ prisonId: 'NTH', personId, limit: 100 }),
        'staff.listApplications': () => store.staff.listApplications({ prisonId: 'NTH', limit: 100 }),
        'staff.getApplication': () => store.staff.getApplication(application.id, 'NTH'),
        'staff.changeApplication': () =>
          store.staff.changeApplication({ applicationId: application.id, prisonId: 'NTH', action: { kind: 'decline', reason: 'abusive', text: 'No.' }, messageId: 'm2', actor: actor(28) }),
        'staff.listQuestionnaires': () => store.staff.listQuestionnaires({ prisonId: 'NTH', state: 'all', limit: 100 }),
        'staff.getQuestionnaire': () => store.staff.getQuestionnaire(application.id, 'NTH'),
        'staff.listPeople': () => store.staff.listPeople({ prisonId: 'NTH', search: 'a', limit: 100 }),
        'staff.getPersonDetail': () => store.staff.getPersonDetail('A1234BC', 'NTH'),
        'staff.enrolPerson': () =>
          store.staff.enrolPerson({
            person: { personId: 'p_eli', prisonNumber: 'E5678FG', displayName: 'Eli', pinHash, prisonId: 'NTH', mustChangePin: true },
            pomStaffId: staff.staffId,
            plan: { ...samplePlan('p_eli', { updatedAt: far }), objectives: [], reviews: [] },
            actor: actor(40),
            displayName: 'Omu',
          }),
        'staff.allocatePom': () => store.staff.allocatePom({ prisonNumber: 'A1234BC', prisonId: 'NTH', pomStaffId: staff.staffId, actor: actor(41) }),
        'staff.resetPin': () => store.staff.resetPin({ prisonNumber: 'A1234BC', prisonId: 'NTH', pinHash, actor: actor(42) }),
        'staff.savePlan': () => {
          const { personId: _p, updatedAt: _u, ...plan } = samplePlan(personId);
          return store.staff.savePlan({ prisonNumber: 'A1234BC', prisonId: 'NTH', version: 50, plan, saver: { kind: 'system', actor: { systemId: 'sy_1', name: 'Tool', prisonId: 'NTH', addressHash: 'b'.repeat(64), at: at(43) } } });
        },
        'staff.insertSystem': () => store.staff.insertSystem({ systemId: 'sy_1', name: 'Tool', prisonId: 'NTH', createdAt: at(44), tokenHash: 'e'.repeat(64) }, actor(44)),
        'staff.listSystems': () => store.staff.listSystems('NTH'),
        'staff.findSystemByToken': () => store.staff.findSystemByToken('e'.repeat(64)),
        'staff.revokeSystem': () => store.staff.revokeSystem({ systemId: 'sy_1', prisonId: 'NTH', actor: actor(45) }),
        'staff.sweep': () => store.staff.sweep(far, { batchSize: 10_000, idleSeconds: 1, forgetAfterSeconds: 1 }),
        // Its delivery part.
        'delivery.currentKey': () => store.delivery.currentKey('secret', async () => ({ keyId: 'k1', purpose: 'secret', publicKey: null, privateKey: 'AAAA', createdAt: at(0) })),
        'delivery.getKey': () => store.delivery.getKey('k1'),
        'delivery.listKeys': () => store.delivery.listKeys('secret'),
        'delivery.rotateKey': () => store.delivery.rotateKey({ keyId: 'k2', purpose: 'secret', publicKey: null, privateKey: 'BBBB', createdAt: at(30) }, at(30)),
        'delivery.issueSecret': () =>
          store.delivery.issueSecret({ secretId: 'ds_1', sessionId: 's_1', personId, keyId: 'k2', issuedAt: at(31), expiresAt: far }, far),
        'delivery.getSecret': () => store.delivery.getSecret('ds_1'),
        'delivery.revokeSecrets': () => store.delivery.revokeSecrets(personId, at(32)),
        'delivery.createDevice': () => store.delivery.createDevice({ deviceId: 'dv_1', name: 'Kiosk', enrolCodeHash: 'c'.repeat(64), enrolExpiresAt: far, createdAt: at(33) }),
        'delivery.enrolDevice': () => store.delivery.enrolDevice('c'.repeat(64), 'd'.repeat(64), at(34)),
        'delivery.findDevice': () => store.delivery.findDevice('d'.repeat(64)),
        'delivery.touchDevice': () => store.delivery.touchDevice('dv_1', at(35)),
        'delivery.listDevices': () => store.delivery.listDevices(),
        'delivery.revokeDevice': () => store.delivery.revokeDevice('dv_1', at(36)),
        // Last: the store closes.
        close: () => store.close(),
      };

      const methods = (target: object, prefix: string) =>
        Object.entries(target)
          .filter(([, value]) => typeof value === 'function')
          .map(([name]) => prefix + name);
      expect(Object.keys(calls).sort()).toEqual([...methods(store, ''), ...methods(store.staff, 'staff.'), ...methods(store.delivery, 'delivery.')].sort());

      for (const [name, call] of Object.entries(calls)) {
        await call().catch((error: unknown) => {
          throw new Error(`${name} failed: ${(error as Error).message}`, { cause: error });
        });
      }

      const after = await auditRows();
      expect(after.slice(0, before.length)).toEqual(before);
      // The methods that act for staff appended their own lines.
      expect(after.length).toBeGreaterThan(before.length);
    });

    it('through no SQL either: UPDATE and DELETE on it are refused by the database', async () => {
      await store.staff.recordAudit({ at: at(0), staffId: null, action: 'signInFailed', prisonId: null, personId: null, entity: null, entityId: null, details: {}, addressHash: 'c'.repeat(64) });
      const before = await auditRows();
      const driver = harness.openDriver();
      try {
        await expect(driver.run("UPDATE audit_log SET action = 'signIn'")).rejects.toThrow(/append-only/);
        await expect(driver.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        if (engine === 'postgres') await expect(driver.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        await expect(driver.transaction((tx) => tx.run('DELETE FROM audit_log WHERE seq > 0'))).rejects.toThrow(/append-only/);
      } finally {
        await driver.close();
      }
      expect(await auditRows()).toEqual(before);
    });
  });
}

for (const engine of ['sqlite', 'postgres'] as const) {
  describeOnEngine(engine, 'the audit trail cannot be changed', (makeHarness) => describeAppendOnly(engine, makeHarness));
}

describe('the source', () => {
  it('has no statement that updates, deletes or empties the audit trail', async () => {
    const root = join(import.meta.dirname, '..', '..', 'src', 'server');
    const files = (await readdir(root, { recursive: true })).filter((file) => /\.(ts|sql)$/.test(file));
    expect(files.length).toBeGreaterThan(50);
    const offending: string[] = [];
    for (const file of files) {
      const text = await readFile(join(root, file), 'utf8');
      if (/(UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+(TABLE\s+)?audit_log|DROP\s+TABLE\s+(IF\s+EXISTS\s+)?audit_log)/i.test(text)) offending.push(file);
    }
    expect(offending).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SignInRequest } from '../../src/domain/auth.ts';
import { Dexie } from 'dexie';
import { deviceId, forgetLapsedProofs } from '../../src/app/data/known-device.ts';
import { forgetPersonIfDelivered } from '../../src/app/data/forget-person.ts';
import { openDeviceDatabase } from '../../src/app/data/device-db.ts';
import { bucketFor } from '../../src/app/data/unlock.ts';
import { signIn, signOut } from '../../src/app/sync/sign-in.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { alice, application, bob, iterations, manualClock, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

const requests = () => w.service.signIns.map((body) => SignInRequest.parse(body));

describe('this device as the service knows it', () => {
  it('sends one device id with every sign-in here, and each person\'s own known-device proof', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    await signOut(await w.signIn(bob), null, w.api);
    w.service.endResumes(); // so the PIN goes to the service again (sign-in-resume.test.ts)
    await signOut(await w.signIn(alice), null, w.api);
    const [first, second, third] = requests();
    expect(first!.deviceId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(requests().map((r) => r.deviceId))).toEqual(new Set([first!.deviceId]));
    expect(first!.knownDeviceProofs, 'nothing to show the first time').toBeUndefined();
    expect(second!.knownDeviceProofs, "Alice's proof is not sent for Bob's number").toBeUndefined();
    const alicesProof = (await w.device.proofs.get(alice.personId))?.proof;
    expect(alicesProof).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(third!.knownDeviceProofs).toEqual([alicesProof]);
    // The device database still holds no prison number.
    const stored = JSON.stringify([await w.device.people.toArray(), await w.device.settings.toArray(), await w.device.proofs.toArray()]);
    expect(stored).not.toContain(alice.prisonNumber);
    expect(stored).not.toContain(bob.prisonNumber);
  });

  it('sends the proofs of everyone here whose hint matches the typed number, and no others', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    await signOut(await w.signIn(bob), null, w.api);
    // A third person here happens to share Alice's 16-bit hint.
    await w.device.proofs.put({ personId: 'person-c', bucket: await bucketFor(alice.prisonNumber), proof: 'c'.repeat(43), savedAt: new Date().toISOString() });
    w.service.endResumes();
    await signOut(await w.signIn(alice), null, w.api);
    const last = requests().at(-1)!;
    expect(new Set(last.knownDeviceProofs)).toEqual(new Set([(await w.device.proofs.get(alice.personId))!.proof, 'c'.repeat(43)]));
    expect(last.knownDeviceProofs).not.toContain((await w.device.proofs.get(bob.personId))!.proof);
  });

  it("keeps a person's proof on a kiosk after their data is removed, so they are still known there; forgets it once lapsed", async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    const proof = (await w.device.proofs.get(alice.personId))!.proof;
    // Nothing of Alice's waits: a kiosk removes her database and device row.
    expect(await forgetPersonIfDelivered(w.device, alice.personId)).toEqual({ forgotten: true });
    expect(await w.device.people.get(alice.personId)).toBeUndefined();
    await signOut(await w.signIn(alice), null, w.api);
    expect(requests().at(-1)!.knownDeviceProofs).toEqual([proof]);
    // Each use here counts from now, as the service's does; 91 days unused and it is gone.
    const usedAt = Date.parse((await w.device.proofs.get(alice.personId))!.savedAt);
    expect(await forgetLapsedProofs(w.device, new Date(usedAt + 89 * 86_400_000))).toBe(0);
    expect(await forgetLapsedProofs(w.device, new Date(usedAt + 91 * 86_400_000))).toBe(1);
    expect(await w.device.proofs.count()).toBe(0);
  });

  it('moves a proof kept on the person record by the older device database into its own table', async () => {
    w = world();
    await w.device.delete();
    const old = new Dexie('spc-device');
    old.version(3).stores({ people: 'personId, lastUsedAt, bucket', settings: 'key', unlockFailures: 'key' });
    await old.table('people').put({ personId: 'p_old', lastUsedAt: '2026-11-01T00:00:00Z', bucket: '0a0b', deviceProof: 'd'.repeat(43) });
    old.close();
    const upgraded = w.track(openDeviceDatabase());
    expect(await upgraded.proofs.get('p_old')).toMatchObject({ personId: 'p_old', bucket: '0a0b', proof: 'd'.repeat(43) });
    expect(await upgraded.people.get('p_old')).not.toHaveProperty('deviceProof');
  });

  it('makes the device id once, even when two tabs ask at the same time; a new device database gets a new one', async () => {
    w = world();
    const other = openDeviceDatabase();
    const ids = await Promise.all([deviceId(w.device), deviceId(other), deviceId(w.device)]);
    expect(new Set(ids).size).toBe(1);
    other.close();
    await w.device.delete();
    const fresh = w.track(openDeviceDatabase());
    expect(await deviceId(fresh)).not.toBe(ids[0]);
  });

  it('after an offline unlock, the sign-in once the network is back carries the device id and proof too', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    const proof = (await w.device.proofs.get(alice.personId))!.proof;
    w.service.setOnline(false);
    const offline = await w.signIn(alice);
    const sync = createPersonSync({ db: offline.db, session: offline.session, api: w.api, auth: offline.auth, pull: false, clock: manualClock() });
    await sync.enqueue(application());
    await sync.idle();
    w.service.setOnline(true);
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    sync.stop();
    const last = requests().at(-1)!;
    expect(last.deviceId).toBe(requests()[0]!.deviceId);
    expect(last.knownDeviceProofs).toEqual([proof]);
  });

  it('tells the person to ask staff when the service says so, and never unlocks offline instead', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    w.service.endResumes(); // a resume would not need the PIN checked, so no limit on it could apply
    w.service.fault({ kind: 'status', status: 403, code: 'askStaff' }, '/api/auth/sign-in');
    expect(await signIn({ api: w.api, device: w.device, unlock: { iterations } }, alice)).toEqual({ ok: false, reason: 'askStaff' });
  });
});

/**
 * Resume on a known device (src/app/sync/sign-in.ts): when the PIN opens the person's own data
 * here and a resume token is kept with it, the sign-in is a resume, and the service never checks
 * the PIN; every PIN that opens nothing here still goes to the service, which counts it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metaKeys, openPersonDatabase } from '../../src/app/data/person-db.ts';
import { createPersonSync } from '../../src/app/sync/engine.ts';
import { signIn, signOut } from '../../src/app/sync/sign-in.ts';
import { alice, application, bob, iterations, manualClock, world } from './sync-harness.ts';

let w: ReturnType<typeof world>;
afterEach(async () => {
  await w?.dispose();
});

const attempt = (who: { prisonNumber: string; pin: string }) => signIn({ api: w.api, device: w.device, unlock: { iterations } }, who);

describe('resume on a known device', () => {
  it('the second sign-in here is a resume: no PIN reaches the service, and sync works as after a PIN sign-in', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    expect(w.service.signIns).toHaveLength(1);
    const again = await w.signIn(alice);
    expect(again.mode).toBe('online');
    expect(again.displayName).toBe(alice.displayName);
    expect(w.service.signIns, 'no second PIN sign-in').toHaveLength(1);
    expect(w.service.resumes).toHaveLength(1);
    expect(w.service.resumes[0]!.deviceId).toBe(w.service.signIns[0]!.deviceId);

    const sync = createPersonSync({ db: again.db, session: again.session, api: w.api, auth: again.auth, pull: false, clock: manualClock() });
    await sync.enqueue(application('Please can I see my POM'));
    expect(await sync.syncNow()).toEqual({ kind: 'done' });
    sync.stop();
    expect(w.service.effects.map((e) => e.personId)).toEqual([alice.personId]);
  });

  it('keeps the token sealed, keeps it through sign-out, and keeps only the newest', async () => {
    w = world();
    const first = await w.signIn(alice);
    const issued = w.service.resumeTokensIssued;
    expect(issued).toHaveLength(1);
    await signOut(first, null, w.api);
    const stored = JSON.stringify(await w.track(openPersonDatabase(alice.personId)).meta.toArray());
    expect(stored, 'kept through sign-out').toContain(metaKeys.resumeToken);
    expect(stored, 'never in clear on disk').not.toContain(issued[0]);

    const second = await w.signIn(alice);
    expect(w.service.resumes.map((r) => r.resumeToken)).toEqual([issued[0]]);
    await signOut(second, null, w.api);
    await signOut(await w.signIn(alice), null, w.api);
    expect(w.service.resumes.map((r) => r.resumeToken), 'each resume sends the token the one before gave').toEqual([issued[0], issued[1]]);
    expect(w.service.signIns).toHaveLength(1);
  });

  it('a wrong PIN goes to the service as a PIN sign-in (counted there), never as a resume', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    expect(await attempt({ prisonNumber: alice.prisonNumber, pin: '999999' })).toEqual({ ok: false, reason: 'wrongPin' });
    expect(w.service.signIns.map((s) => s.pin)).toEqual([alice.pin, '999999']);
    expect(w.service.resumes).toHaveLength(0);
  });

  it('a token the service no longer takes: the PIN goes to the service, and the next sign-in resumes again', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    w.service.endResumes();
    const afterLapse = await w.signIn(alice);
    expect(afterLapse.mode).toBe('online');
    expect(w.service.resumes).toHaveLength(1);
    expect(w.service.signIns).toHaveLength(2);
    await signOut(afterLapse, null, w.api);
    await signOut(await w.signIn(alice), null, w.api);
    expect(w.service.resumes).toHaveLength(2);
    expect(w.service.signIns).toHaveLength(2);
  });

  it('the PIN changed on another device: the old PIN opens the data here, but the service refuses both the resume and the PIN', async () => {
    w = world();
    // Their own copy: staff reset the PIN on the service (a change the harness's people must not keep).
    const cai = { personId: 'person-c', prisonNumber: 'C3456DE', pin: '246802', displayName: 'Cai' };
    w.service.addPerson({ ...cai });
    await signOut(await w.signIn(cai), null, w.api);
    w.service.resetPin(cai.personId, '112233');
    expect(await attempt(cai)).toEqual({ ok: false, reason: 'wrongPin' });
    expect(w.service.resumes).toHaveLength(1);
    expect(w.service.signIns.map((s) => s.pin)).toEqual([cai.pin, cai.pin]);
  });

  it('no answer from the service: the data opens offline at once, and the PIN sign-in waits for the network', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    w.service.setOnline(false);
    const offline = await w.signIn(alice);
    expect(offline.mode).toBe('offline');
    expect(w.service.calls.filter((c) => c.path === '/api/auth/sign-in'), 'one try only: the resume').toHaveLength(1);
    // The stored token is not thrown away for a missing answer.
    expect(await offline.db.meta.get(metaKeys.resumeToken)).toBeDefined();
  });

  it('two people on one kiosk: each resumes only their own, and one PIN never opens the other', async () => {
    w = world();
    await signOut(await w.signIn(alice), null, w.api);
    await signOut(await w.signIn(bob), null, w.api);
    expect(w.service.signIns.map((s) => s.prisonNumber)).toEqual([alice.prisonNumber, bob.prisonNumber]);
    const bobAgain = await w.signIn(bob);
    expect(bobAgain.session.personId).toBe(bob.personId);
    await signOut(bobAgain, null, w.api);
    const aliceAgain = await w.signIn(alice);
    expect(aliceAgain.session.personId).toBe(alice.personId);
    await signOut(aliceAgain, null, w.api);
    expect(w.service.resumes).toHaveLength(2);
    // Bob's PIN with Alice's number opens nothing here: it goes to the service, which refuses it.
    expect(await attempt({ prisonNumber: alice.prisonNumber, pin: bob.pin })).toEqual({ ok: false, reason: 'wrongPin' });
    expect(w.service.resumes).toHaveLength(2);
  });
});

/**
 * The sign-in limits over HTTP, on every engine, with a clock the tests move by hand:
 * waits per person and device, the address cap, the whole-account limit with known-device
 * proofs, tries at once, and the sweeping of old rows.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../../src/domain/auth.ts';
import { ApiError } from '../../../src/domain/sync.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin, type ScryptParams } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const start = Date.parse('2026-03-01T10:00:00.000Z');
/** Cheap hashes keep the tests quick; the service's own parameters are tested in pin-hash.test.ts. */
const cheap: ScryptParams = { N: 1024, r: 8, p: 1 };
const crowdPin = '111222';
const kiosk = 'kiosk-wing-b-0000000001';
const tablet = 'tablet-of-alex-00000001';

type Person = { personId: string; prisonNumber: string; pin: string };
type Try = { prisonNumber: string; pin: string; deviceId?: string; proofs?: string[]; address?: string };

/** A made-up prison number for person `i`: Q, then 4 digits, then 2 letters. */
function prisonNumberFor(i: number, letter = 'Q'): string {
  const digits = String(i % 10_000).padStart(4, '0');
  const tail = String.fromCharCode(65 + (Math.floor(i / 26) % 26)) + String.fromCharCode(65 + (i % 26));
  return `${letter}${digits}${tail}`;
}

/** The tables that hold sign-in counters, proofs and alerts. */
const signInTables = ['sign_in_attempts', 'sign_in_account_failures', 'sign_in_address_failures', 'known_devices', 'sign_in_alerts'];

export function describeSignInApi(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`sign-in limits over HTTP: ${engine}`, () => {
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let harness: StoreHarness;
    let store: Store;
    let app: FastifyInstance;
    let clockMs = start;
    let crowdHash = '';
    let alex: Person;
    let bo: Person;
    const servers: FastifyInstance[] = [];

    const advance = (seconds: number) => {
      clockMs += seconds * 1000;
    };

    async function serve(options: Partial<Parameters<typeof buildServer>[0]> = {}): Promise<FastifyInstance> {
      const server = await buildServer({ store, distDir, deviceMode: 'kiosk', now: () => new Date(clockMs), pinHashParams: cheap, ...options });
      servers.push(server);
      await server.ready();
      return server;
    }

    async function addPeople(count: number, letter = 'Q'): Promise<Person[]> {
      const people = Array.from({ length: count }, (_, i) => ({ personId: newOpaqueId('p'), prisonNumber: prisonNumberFor(i, letter), pin: crowdPin }));
      await Promise.all(people.map((person) => store.insertPerson({ ...person, displayName: 'Someone', pinHash: crowdHash })));
      return people;
    }

    beforeAll(async () => {
      const dist = await makeFixtureDist();
      distDir = dist.dir;
      removeDist = dist.remove;
      crowdHash = await hashPin(crowdPin, cheap);
    });

    beforeEach(async () => {
      clockMs = start;
      harness = await makeHarness();
      store = await harness.open();
      alex = { personId: newOpaqueId('p'), prisonNumber: 'A1234BC', pin: '482913' };
      bo = { personId: newOpaqueId('p'), prisonNumber: 'B2345CD', pin: '735102' };
      await store.insertPerson({ ...alex, displayName: 'Alex', pinHash: await hashPin(alex.pin, cheap) });
      await store.insertPerson({ ...bo, displayName: 'Bo', pinHash: await hashPin(bo.pin, cheap) });
      app = await serve();
    });

    afterEach(async () => {
      for (const server of servers.splice(0)) await server.close();
      await store.close().catch(() => undefined);
      await harness.dispose();
    });

    afterAll(async () => {
      await removeDist();
    });

    function send(attempt: Try, server = app) {
      const payload = {
        prisonNumber: attempt.prisonNumber,
        pin: attempt.pin,
        ...(attempt.deviceId ? { deviceId: attempt.deviceId } : {}),
        ...(attempt.proofs ? { knownDeviceProofs: attempt.proofs } : {}),
      };
      return server.inject({ method: 'POST', url: '/api/auth/sign-in', payload, remoteAddress: attempt.address ?? '10.1.1.1' });
    }

    const wrong = (person: { prisonNumber: string }, more: Partial<Try> = {}) => send({ prisonNumber: person.prisonNumber, pin: '000000', deviceId: kiosk, ...more });
    const right = (person: Person, more: Partial<Try> = {}) => send({ prisonNumber: person.prisonNumber, pin: person.pin, deviceId: kiosk, ...more });

    function expectError(response: LightMyRequestResponse, status: number, code?: string): ApiError {
      expect(response.statusCode, response.body).toBe(status);
      const body = ApiError.parse(response.json());
      if (code) expect(body.code).toBe(code);
      return body;
    }

    async function expectSignedIn(response: LightMyRequestResponse): Promise<SignInResponse> {
      expect(response.statusCode, response.body).toBe(200);
      return SignInResponse.parse(response.json());
    }

    /** Signs `person` in on `deviceId` and returns the known-device proof the service gave. */
    async function proofFor(person: Person, deviceId: string, address = '10.1.1.1'): Promise<string> {
      const body = await expectSignedIn(await right(person, { deviceId, address }));
      expect(body.deviceProof, 'a sign-in with a device id gets a known-device proof').toMatch(/^[A-Za-z0-9_-]{43}$/);
      return body.deviceProof!;
    }

    async function signInRowCounts(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const table of signInTables) counts[table] = await harness.countRows(table);
      return counts;
    }

    describe('waits a person sees: per prison number and device', () => {
      it('five people mistype once each on one kiosk; the sixth signs in at once', async () => {
        const people = await addPeople(5);
        for (const person of people) expectError(await wrong(person), 401, 'wrongSignIn');
        await expectSignedIn(await right(alex));
      });

      it('a right PIN clears that person\'s count, so a busy kiosk never builds one up', async () => {
        // As the app does: the proof from the first sign-in on this kiosk goes with the later ones.
        let proofs: string[] = [];
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < 4; i++) expectError(await wrong(alex, { proofs }), 401, 'wrongSignIn');
          const body = await expectSignedIn(await right(alex, { proofs }));
          if (body.deviceProof) proofs = [body.deviceProof];
        }
        const people = await addPeople(12);
        for (const person of people) {
          expectError(await wrong(person), 401, 'wrongSignIn');
          await expectSignedIn(await right(person));
        }
      });

      it('after 5 wrong PINs the next try waits, longer each time, and the message says what to do', async () => {
        // On a kiosk Alex has used before (so the whole-account limit does not come into it).
        const proofs = [await proofFor(alex, kiosk)];
        const wrong = (person: { prisonNumber: string }) => send({ prisonNumber: person.prisonNumber, pin: '000000', deviceId: kiosk, proofs });
        const right = (person: Person) => send({ prisonNumber: person.prisonNumber, pin: person.pin, deviceId: kiosk, proofs });
        for (let i = 1; i <= 4; i++) expectError(await wrong(alex), 401, 'wrongSignIn');
        const fifth = await wrong(alex);
        expect(expectError(fifth, 429, 'tooManyTries').message).toBe(
          'The PIN was wrong too many times. Please wait 30 seconds, then try again. If you have forgotten your PIN, ask a member of staff.',
        );
        expect(fifth.headers['retry-after']).toBe('30');
        advance(10);
        const early = await right(alex);
        expectError(early, 429, 'tooManyTries');
        expect(early.headers['retry-after']).toBe('20');
        advance(20);
        const sixth = await wrong(alex);
        expect(sixth.headers['retry-after']).toBe('60');
        expect(sixth.json().message).toContain('wait 1 minute');
        let retryAfter = 60;
        for (let i = 0; i < 6; i++) {
          advance(retryAfter);
          retryAfter = Number((await wrong(alex)).headers['retry-after']);
        }
        expect(retryAfter, 'capped at 15 minutes').toBe(900);
        advance(900);
        await expectSignedIn(await right(alex));
        expectError(await wrong(alex), 401, 'wrongSignIn');
      });

      it('the wait holds only on that device: the same person signs in on another one, and others on this one are not held up', async () => {
        for (let i = 0; i < 5; i++) await wrong(alex);
        expectError(await right(alex), 429, 'tooManyTries');
        await expectSignedIn(await right(alex, { deviceId: tablet }));
        await expectSignedIn(await right(bo));
      });

      it('without a device id, the client address stands for the device', async () => {
        for (let i = 0; i < 5; i++) await wrong(alex, { deviceId: undefined, address: '10.2.2.2' });
        expectError(await right(alex, { deviceId: undefined, address: '10.2.2.2' }), 429, 'tooManyTries');
        await expectSignedIn(await right(alex, { deviceId: undefined, address: '10.2.2.3' }));
      });

      it('answers an unknown prison number exactly as a known one, try after try', async () => {
        const answers = async (prisonNumber: string) => {
          const seen: string[] = [];
          for (let i = 0; i < 7; i++) {
            const response = await wrong({ prisonNumber }, { deviceId: `device-${prisonNumber}-000000000` });
            seen.push(`${response.statusCode} ${response.headers['retry-after'] ?? '-'} ${response.body}`);
          }
          return seen;
        };
        const known = await answers(alex.prisonNumber);
        const unknown = await answers('Z9999ZZ');
        expect(unknown).toEqual(known);
      });

      it('refuses a malformed device id or too many proofs with 400, checking nothing', async () => {
        for (const deviceId of ['short', 'x'.repeat(65), 'has spaces in it 0000000', 42]) {
          const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: alex.prisonNumber, pin: alex.pin, deviceId } });
          expectError(response, 400, 'invalid');
        }
        const proofs = Array.from({ length: 9 }, () => 'a'.repeat(43));
        expectError(await send({ prisonNumber: alex.prisonNumber, pin: alex.pin, deviceId: kiosk, proofs }), 400, 'invalid');
        expectError(await send({ prisonNumber: alex.prisonNumber, pin: alex.pin, deviceId: kiosk, proofs: ['not-a-token'] }), 400, 'invalid');
        expect(await signInRowCounts()).toEqual(Object.fromEntries(signInTables.map((table) => [table, 0])));
      });

      it('lets only 5 of many wrong PINs sent at once on one person and device be checked', async () => {
        const responses = await Promise.all(Array.from({ length: 20 }, () => wrong(alex)));
        const statuses = responses.map((r) => r.statusCode).sort();
        expect(statuses.filter((s) => s === 401)).toHaveLength(4);
        expect(statuses.filter((s) => s === 429)).toHaveLength(16);
        expect(statuses.filter((s) => s >= 500)).toEqual([]);
      });
    });

    describe('tries at once from one address (a bank of kiosks)', () => {
      it('lets more than 5 people signing in at once from one address all in, and counts none of them as failures', async () => {
        const people = await addPeople(12);
        const responses = await Promise.all(people.map((person, i) => right(person, { deviceId: `kiosk-${i % 4}-0000000000000000` })));
        expect(responses.map((r) => r.statusCode)).toEqual(people.map(() => 200));
        // Nothing of those counts: a first wrong PIN from here is only "wrong".
        expectError(await wrong(alex), 401, 'wrongSignIn');
      });

      it('hundreds of right PINs at once, each person on several kiosks: no 5xx and no refusals', { timeout: 120_000 }, async () => {
        // 30 people on 10 kiosks = 300 sign-ins at once. The same person signing in on several
        // kiosks at once is what deadlocked before (a success and a try of one person, locking in
        // opposite orders).
        const people = await addPeople(30);
        const kiosks = Array.from({ length: 10 }, (_, i) => `kiosk-${i}-0000000000000000`);
        const tries = kiosks.flatMap((deviceId) => people.map((person) => ({ person, deviceId })));
        const responses = await Promise.all(tries.map(({ person, deviceId }) => right(person, { deviceId })));
        const statuses = responses.map((r) => r.statusCode);
        expect(statuses.filter((s) => s >= 500), 'no 5xx').toEqual([]);
        expect(statuses.filter((s) => s !== 200), 'no refusals').toEqual([]);
        // Every try was settled: no counter is left over.
        expect(await harness.countRows('sign_in_attempts')).toBe(0);
      });
    });

    describe('whole-account limit and known-device proofs', () => {
      it('an attacker with 50 devices gets 10 guesses a day, and never keeps the owner out on a known device', { timeout: 120_000 }, async () => {
        const proof = await proofFor(alex, tablet, '10.7.0.1');
        const guessesPerDay = [0, 0, 0];
        for (let day = 0; day < 3; day++) {
          for (let round = 0; round < 12; round++) {
            for (let device = 0; device < 50; device++) {
              const response = await wrong(alex, { deviceId: `attacker-${device}-00000000000000`, address: `10.66.${device}.${round}` });
              expect([401, 403]).toContain(response.statusCode);
              if (response.statusCode === 401) guessesPerDay[day]! += 1;
              else expectError(response, 403, 'askStaff');
            }
            // The owner, on their own tablet, gets in every time.
            const owner = await right(alex, { deviceId: tablet, proofs: [proof], address: '10.7.0.1' });
            const body = await expectSignedIn(owner);
            expect(body.deviceProof, 'a known device keeps its proof').toBeUndefined();
            advance(2 * 3600);
          }
        }
        expect(guessesPerDay).toEqual([10, 10, 10]);
      });

      it('tells the owner on a new device, while someone is guessing their PIN, to ask staff', async () => {
        for (let device = 0; device < 10; device++) expectError(await wrong(alex, { deviceId: `attacker-${device}-00000000000000` }), 401);
        const refused = await right(alex, { deviceId: 'brand-new-kiosk-000000000' });
        expect(expectError(refused, 403, 'askStaff').message).toBe(
          'Too many wrong PINs were put in for this prison number today. To keep your account safe, you cannot sign in on this device today. Please ask a member of staff to help you. You can still sign in on a device you have used before.',
        );
        // An unknown prison number gets the very same answer.
        for (let device = 0; device < 10; device++) await wrong({ prisonNumber: 'Z9999ZZ' }, { deviceId: `attacker-${device}-00000000000000` });
        const unknown = await wrong({ prisonNumber: 'Z9999ZZ' }, { deviceId: 'brand-new-kiosk-000000000' });
        expect(unknown.statusCode).toBe(403);
        expect(unknown.body).toBe(refused.body);
        // A day later the limit is lifted.
        advance(24 * 3600);
        await expectSignedIn(await right(alex, { deviceId: 'brand-new-kiosk-000000000' }));
      });

      it('a proof works only for its own person, its own device and the current PIN', async () => {
        const alexProof = await proofFor(alex, tablet);
        const boProof = await proofFor(bo, kiosk);
        for (const person of [alex, bo]) {
          for (let device = 0; device < 10; device++) await wrong(person, { deviceId: `attacker-${device}-00000000000000` });
        }
        await expectSignedIn(await right(alex, { deviceId: tablet, proofs: [alexProof] }));
        await expectSignedIn(await right(bo, { deviceId: kiosk, proofs: [alexProof, boProof] }));
        expectError(await right(alex, { deviceId: tablet }), 403, 'askStaff');
        expectError(await right(alex, { deviceId: kiosk, proofs: [alexProof] }), 403, 'askStaff');
        expectError(await right(bo, { deviceId: tablet, proofs: [alexProof] }), 403, 'askStaff');
        expectError(await right(alex, { deviceId: tablet, proofs: [boProof] }), 403, 'askStaff');

        // A new PIN ends every proof issued under the old one.
        const newPin = '246810';
        await store.changePin(alex.personId, await hashPin(newPin, cheap));
        expectError(await send({ prisonNumber: alex.prisonNumber, pin: newPin, deviceId: tablet, proofs: [alexProof] }), 403, 'askStaff');
      });

      it('someone at a device the owner has used (the app sends the owner\'s proof there) gets 104 guesses a day', { timeout: 60_000 }, async () => {
        const proofs = [await proofFor(alex, kiosk)];
        const dayEnds = clockMs + 24 * 3600 * 1000;
        let guesses = 0;
        while (clockMs < dayEnds) {
          const response = await wrong(alex, { proofs });
          expect([401, 429]).toContain(response.statusCode);
          guesses += 1;
          // As fast as the service allows: the next try exactly when the wait is over.
          advance(Number(response.headers['retry-after'] ?? 0));
        }
        expect(guesses).toBe(104);
      });

      it('still applies the per-device wait to a known device', async () => {
        const proof = await proofFor(alex, tablet);
        for (let i = 0; i < 4; i++) expectError(await wrong(alex, { deviceId: tablet, proofs: [proof] }), 401);
        expectError(await wrong(alex, { deviceId: tablet, proofs: [proof] }), 429, 'tooManyTries');
        expectError(await right(alex, { deviceId: tablet, proofs: [proof] }), 429, 'tooManyTries');
      });

      it('records whole-account abuse for staff, without prison numbers or PINs', async () => {
        for (let device = 0; device < 14; device++) await wrong(alex, { deviceId: `attacker-${device}-00000000000000`, address: '10.66.0.1' });
        const alerts = await store.listSignInAlerts({ limit: 10 });
        expect(alerts).toHaveLength(1);
        expect(alerts[0]).toMatchObject({
          kind: 'account',
          personId: alex.personId,
          wrongPins: 10,
          refused: 4,
          firstSeenAt: new Date(start).toISOString(),
          lastSeenAt: new Date(start).toISOString(),
        });
        expect(alerts[0]!.addressHash).toMatch(/^[0-9a-f]{64}$/);
        const text = JSON.stringify(alerts);
        expect(text).not.toContain(alex.prisonNumber);
        expect(text).not.toContain('10.66.0.1');
        expect(text).not.toContain('000000');
      });
    });

    describe('address cap: the attack signal', () => {
      it('slows an address that gets wrong PINs for 50 different prison numbers in an hour, records it, and lets known devices through', async () => {
        const proof = await proofFor(alex, tablet, '10.9.9.9');
        for (let i = 0; i < 49; i++) expectError(await wrong({ prisonNumber: prisonNumberFor(i, 'Z') }, { address: '10.9.9.9' }), 401);
        const fiftieth = await wrong({ prisonNumber: prisonNumberFor(49, 'Z') }, { address: '10.9.9.9' });
        expect(expectError(fiftieth, 429, 'tooManyTries').message).toBe(
          'Too many wrong PINs have been put in from this place. Please wait 30 seconds, then try again. If you need help, ask a member of staff.',
        );
        expect(fiftieth.headers['retry-after']).toBe('30');
        expectError(await right(bo, { address: '10.9.9.9' }), 429, 'tooManyTries');
        await expectSignedIn(await right(alex, { deviceId: tablet, proofs: [proof], address: '10.9.9.9' }));
        await expectSignedIn(await right(bo, { address: '10.9.9.10' }));

        const alerts = await store.listSignInAlerts({ limit: 10 });
        expect(alerts).toEqual([expect.objectContaining({ kind: 'address', personId: null, wrongPins: 50, refused: 1 })]);

        advance(30);
        const next = await wrong({ prisonNumber: prisonNumberFor(50, 'Z') }, { address: '10.9.9.9' });
        expect(next.headers['retry-after']).toBe('60');
        advance(3601);
        await expectSignedIn(await right(bo, { address: '10.9.9.9' }));
      });

      it('takes a number off the address count when its right PIN follows', async () => {
        const people = await addPeople(49);
        for (const person of people) {
          expectError(await wrong(person), 401);
          await expectSignedIn(await right(person));
        }
        for (let i = 0; i < 10; i++) expectError(await wrong({ prisonNumber: prisonNumberFor(i, 'Z') }), 401);
      });
    });

    describe('resume on a known device (no PIN check on the service)', () => {
      const resume = (deviceId: string, resumeToken: string, server = app) =>
        server.inject({ method: 'POST', url: '/api/auth/resume', payload: { deviceId, resumeToken }, remoteAddress: '10.1.1.1' });
      const pull = (accessToken: string) => app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { authorization: `Bearer ${accessToken}` } });

      async function resumeTokenFor(person: Person, deviceId: string): Promise<string> {
        const body = await expectSignedIn(await right(person, { deviceId }));
        expect(body.resumeToken, 'a sign-in with a device id gets a resume token').toMatch(/^[A-Za-z0-9_-]{43}$/);
        return body.resumeToken!;
      }

      it('starts a new sign-in for the same person, hands out the next token, and the one used never works again', async () => {
        const first = await resumeTokenFor(alex, tablet);
        const resumed = await expectSignedIn(await resume(tablet, first));
        expect(resumed.person.personId).toBe(alex.personId);
        expect(resumed.deviceProof).toBeUndefined();
        expect(resumed.resumeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(resumed.resumeToken).not.toBe(first);
        expect((await pull(resumed.accessToken)).statusCode, 'the new access token works').toBe(200);
        expectError(await resume(tablet, first), 401, 'signInNeeded');
        await expectSignedIn(await resume(tablet, resumed.resumeToken!));
      });

      it('gives no resume token to a sign-in without a device id', async () => {
        const body = await expectSignedIn(await send({ prisonNumber: alex.prisonNumber, pin: alex.pin }));
        expect(body.resumeToken).toBeUndefined();
      });

      it('works only on its own device, and a try from another device does not use it up', async () => {
        const token = await resumeTokenFor(alex, tablet);
        expectError(await resume(kiosk, token), 401, 'signInNeeded');
        await expectSignedIn(await resume(tablet, token));
      });

      it('a new PIN sign-in on the device replaces the token', async () => {
        const older = await resumeTokenFor(alex, tablet);
        const newer = await resumeTokenFor(alex, tablet);
        expectError(await resume(tablet, older), 401);
        await expectSignedIn(await resume(tablet, newer));
      });

      it('ends 30 days after the PIN sign-in, however often it was used', async () => {
        let token = await resumeTokenFor(alex, tablet);
        for (let day = 0; day < 29; day++) {
          advance(24 * 3600);
          token = (await expectSignedIn(await resume(tablet, token))).resumeToken!;
        }
        advance(24 * 3600 + 1);
        expectError(await resume(tablet, token), 401, 'signInNeeded');
        // The PIN, once, and resuming works again.
        await expectSignedIn(await resume(tablet, await resumeTokenFor(alex, tablet)));
      });

      it('stops working when the PIN changes, and a one-time PIN gets none', async () => {
        const token = await resumeTokenFor(alex, tablet);
        await store.changePin(alex.personId, await hashPin('246810', cheap));
        expectError(await resume(tablet, token), 401, 'signInNeeded');
        const newcomer = { personId: newOpaqueId('p'), prisonNumber: 'C3456DE', pin: '102938' };
        await store.insertPerson({ ...newcomer, displayName: 'Cal', pinHash: await hashPin(newcomer.pin, cheap), mustChangePin: true });
        const body = await expectSignedIn(await right(newcomer, { deviceId: tablet }));
        expect(body.mustChangePin).toBe(true);
        expect(body.resumeToken, 'the PIN staff gave must go to the service until the person chooses their own').toBeUndefined();
      });

      it('two resumes with one token at once: exactly one works', async () => {
        const token = await resumeTokenFor(alex, tablet);
        const answers = await Promise.all(Array.from({ length: 6 }, () => resume(tablet, token)));
        expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401, 401, 401, 401]);
      });

      it('refuses a malformed body with 400 and a plain message', async () => {
        for (const payload of [{}, { deviceId: tablet }, { deviceId: 'x', resumeToken: 'y'.repeat(43) }, { deviceId: tablet, resumeToken: 'short' }]) {
          const response = await app.inject({ method: 'POST', url: '/api/auth/resume', payload });
          expectError(response, 400, 'invalid');
        }
      });

      it('leaves every sign-in counter alone (it checks no PIN)', async () => {
        const token = await resumeTokenFor(alex, tablet);
        for (let i = 0; i < 3; i++) await wrong(alex, { deviceId: tablet });
        const before = await signInRowCounts();
        await expectSignedIn(await resume(tablet, token));
        expect(await signInRowCounts()).toEqual(before);
      });
    });

    describe('tables stay bounded', () => {
      it('adds no rows for a try that is refused', async () => {
        for (let i = 0; i < 50; i++) await wrong({ prisonNumber: prisonNumberFor(i, 'Z') }, { deviceId: undefined, address: '10.5.5.5' });
        const attemptsBefore = await harness.countRows('sign_in_attempts');
        for (let i = 50; i < 80; i++) {
          expectError(await wrong({ prisonNumber: prisonNumberFor(i, 'Z') }, { deviceId: undefined, address: '10.5.5.5' }), 429);
        }
        expect(await harness.countRows('sign_in_attempts'), 'refused by the address cap').toBe(attemptsBefore);

        const before = await signInRowCounts();
        for (let i = 0; i < 10; i++) await wrong(alex, { deviceId: `attacker-${i}-00000000000000` });
        const capped = await signInRowCounts();
        for (let i = 10; i < 40; i++) expectError(await wrong(alex, { deviceId: `attacker-${i}-00000000000000` }), 403);
        const after = await signInRowCounts();
        expect({ ...after, sign_in_alerts: 0 }, 'refused by the whole-account limit').toEqual({ ...capped, sign_in_alerts: 0 });
        expect(capped.sign_in_attempts).toBe(before.sign_in_attempts! + 10);

        for (let i = 0; i < 5; i++) await wrong(bo);
        const waiting = await signInRowCounts();
        for (let i = 0; i < 20; i++) expectError(await wrong(bo), 429);
        expect(await signInRowCounts(), 'refused by the per-device wait').toEqual(waiting);
      });

      it('sweeps expired sign-ins, tokens, counters, proofs and alerts on a timer, a few at a time, and stops on close', async () => {
        const calls: string[] = [];
        const watched: Store = {
          ...store,
          async sweepSignInRecords(now, options) {
            calls.push(now);
            return store.sweepSignInRecords(now, options);
          },
        };
        const sweeping = await serve({ store: watched, signInHousekeeping: { intervalMs: 10, batchSize: 2 } });
        for (const person of [alex, bo]) await expectSignedIn(await right(person, { deviceId: tablet }));
        const people = await addPeople(3);
        for (const person of people) await expectSignedIn(await send({ prisonNumber: person.prisonNumber, pin: person.pin, deviceId: tablet }, sweeping));
        for (let i = 0; i < 12; i++) await wrong({ prisonNumber: prisonNumberFor(i, 'Z') }, { deviceId: `attacker-${i}-00000000000000` });
        for (let i = 0; i < 12; i++) await wrong(alex, { deviceId: `attacker-${i}-00000000000000` });
        const live = await signInRowCounts();
        expect(live.sign_in_attempts).toBeGreaterThan(0);
        expect(live.sign_in_alerts).toBe(1);
        expect(await harness.countRows('sessions')).toBe(5);

        // Runs go by; nothing is due yet, so nothing goes.
        await waitFor(() => calls.length >= 3);
        expect(await signInRowCounts()).toEqual(live);
        expect(await harness.countRows('sessions')).toBe(5);

        // A year later, everything has expired: it all goes, two rows a table at a time.
        advance(366 * 24 * 3600);
        const runsBefore = calls.length;
        await waitFor(async () => {
          const counts = await signInRowCounts();
          const total = Object.values(counts).reduce((a, b) => a + b, 0) + (await harness.countRows('sessions')) + (await harness.countRows('session_tokens'));
          return total === 0;
        });
        expect(calls.length - runsBefore, 'bounded batches need several runs').toBeGreaterThanOrEqual(5);

        await sweeping.close();
        const runsAtClose = calls.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(calls.length, 'no sweep after close').toBe(runsAtClose);
      });
    });
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('Timed out waiting for the condition.');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

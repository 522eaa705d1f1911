/**
 * People, plans and connected systems on the staff API, and the person's first sign-in with a
 * one-time PIN on the prisoner-facing API, over HTTP on every engine, with a clock the tests move.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../../src/domain/auth.ts';
import type { Plan } from '../../../src/domain/plan.ts';
import { AuditPage, StaffAccount, StaffApiError, StaffPomList, StaffSessionInfo } from '../../../src/domain/staff.ts';
import {
  ConnectedSystemList,
  EnrolPersonResponse,
  NewSystemResponse,
  OneTimePinResponse,
  PutPlanResponse,
  StaffPeoplePage,
  StaffPersonDetail,
  StaffPersonSummary,
  StaffProgressNotes,
  type PlanInput,
} from '../../../src/domain/staff-people.ts';
import { PullResponse } from '../../../src/domain/sync.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import { demoPomOf, demoStaffSignIns, seedDemoData } from '../../../src/server/demo/index.ts';
import { buildStaffServer } from '../../../src/server/staff/staff-app.ts';
import { applyMigrations, loadMigrations } from '../../../src/server/store/migrations.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import { applicationItem, progressNoteItem } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const cheap = { N: 1024, r: 8, p: 1 };
const start = Date.parse('2026-03-01T10:00:00.000Z');
const origin = 'http://staff.test';
const pin = '482913';
const base = '/api/staff/v1';
const passwords = { omu: 'north omu password', pom: 'north pom password', admin: 'north admin password', south: 'south omu password', southAdmin: 'south admin password' };
const accounts = [
  ['omu.north', 'omu', 'NTH', 'omu'],
  ['pom.north', 'pom', 'NTH', 'pom'],
  ['admin.north', 'admin', 'NTH', 'admin'],
  ['omu.south', 'omu', 'STH', 'south'],
  ['admin.south', 'admin', 'STH', 'southAdmin'],
] as const;

type Person = { personId: string; prisonNumber: string; displayName: string; prisonId: string };
type StaffSession = { cookie: string; csrf: string; info: StaffSessionInfo };

const enrolment = {
  prisonNumber: 'E5678FG',
  displayName: 'Émile Owen',
  sentence: { type: 'determinate', sentencedOn: '2026-01-10', lengthMonths: 30 },
  keyDates: { releaseDate: '2027-07-10', sentenceExpiryDate: '2028-07-10' },
};

/** The plan as staff send it: the sample plan without whose it is and when it was saved. */
function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  const { personId: _personId, updatedAt: _updatedAt, ...plan } = samplePlan('unused');
  return { ...plan, ...overrides };
}

export function describeStaffPeopleApi(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`people, plans and connected systems on the staff API: ${engine}`, () => {
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let harness: StoreHarness;
    let store: Store;
    let prisonerApp: FastifyInstance;
    let staffApp: FastifyInstance;
    let clockMs = start;
    let pinHash = '';
    const hashes: Partial<Record<keyof typeof passwords, string>> = {};
    const staffIds: Record<string, string> = {};
    let alex: Person;
    let bo: Person;
    let cy: Person;

    const advance = (seconds: number) => {
      clockMs += seconds * 1000;
    };
    const now = () => new Date(clockMs);

    beforeAll(async () => {
      const dist = await makeFixtureDist();
      distDir = dist.dir;
      removeDist = dist.remove;
      pinHash = await hashPin(pin, cheap);
      for (const key of Object.keys(passwords) as Array<keyof typeof passwords>) hashes[key] = await hashPin(passwords[key], cheap);
    });

    beforeEach(async () => {
      clockMs = start;
      harness = await makeHarness();
      store = await harness.open();
      await store.staff.putPrisons([
        { prisonId: 'NTH', name: 'HMP North' },
        { prisonId: 'STH', name: 'HMP South' },
      ]);
      for (const [username, role, prisonId, password] of accounts) {
        const account = await store.staff.insertAccount(
          { staffId: newOpaqueId('st'), username, displayName: `Staff ${username}`, role, prisonId, passwordHash: hashes[password]!, mustChangePassword: false, createdAt: now().toISOString() },
          null,
        );
        staffIds[username] = account.staffId;
      }
      alex = { personId: newOpaqueId('p'), prisonNumber: 'A1234BC', displayName: 'Alex Brown', prisonId: 'NTH' };
      bo = { personId: newOpaqueId('p'), prisonNumber: 'B2345CD', displayName: 'bo Adams', prisonId: 'NTH' };
      cy = { personId: newOpaqueId('p'), prisonNumber: 'C3456DE', displayName: 'Alex South', prisonId: 'STH' };
      for (const person of [alex, bo, cy]) {
        await store.insertPerson({ ...person, pinHash });
        await store.putPlan(samplePlan(person.personId, { id: `plan_${person.prisonNumber}` }));
      }
      prisonerApp = await buildServer({ store, distDir, deviceMode: 'kiosk', now, pinHashParams: cheap, signInHousekeeping: false });
      await prisonerApp.ready();
      staffApp = await buildStaffServer({ store, now, staffOrigin: origin, staffPort: 8081, passwordHashParams: cheap, housekeeping: false });
      await staffApp.ready();
    });

    afterEach(async () => {
      await prisonerApp.close();
      await staffApp.close();
      await store.close().catch(() => undefined);
      await harness.dispose();
    });

    afterAll(async () => {
      await removeDist();
    });

    function expectError(response: LightMyRequestResponse, status: number, code?: string): StaffApiError {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = StaffApiError.parse(response.json());
      if (code) expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(10);
      return body;
    }

    async function signIn(username: string): Promise<StaffSession> {
      const password = passwords[accounts.find(([name]) => name === username)![3]];
      const response = await staffApp.inject({ method: 'POST', url: `${base}/sign-in`, headers: { origin }, payload: { username, password }, remoteAddress: '10.5.0.1' });
      expect(response.statusCode, response.body).toBe(200);
      const info = StaffSessionInfo.parse(response.json());
      return { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: info.csrfToken, info };
    }

    function get(session: StaffSession | null, url: string, headers: Record<string, string> = {}) {
      return staffApp.inject({ method: 'GET', url, headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
    }

    function send(method: 'POST' | 'PUT', session: StaffSession | null, url: string, payload: unknown = {}, headers: Record<string, string | undefined> = {}) {
      const all: Record<string, string> = { origin, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) };
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined) delete all[name];
        else all[name] = value;
      }
      return staffApp.inject({ method, url, headers: all, payload: payload as object });
    }
    const post = (session: StaffSession | null, url: string, payload?: unknown, headers?: Record<string, string | undefined>) => send('POST', session, url, payload, headers);
    const put = (session: StaffSession | null, url: string, payload?: unknown, headers?: Record<string, string | undefined>) => send('PUT', session, url, payload, headers);

    async function personSignIn(prisonNumber: string, personPin: string) {
      return prisonerApp.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber, pin: personPin }, remoteAddress: '10.1.1.1' });
    }

    async function personToken(prisonNumber: string, personPin = pin): Promise<SignInResponse> {
      const response = await personSignIn(prisonNumber, personPin);
      expect(response.statusCode, response.body).toBe(200);
      return SignInResponse.parse(response.json());
    }

    function pull(token: string, cursor = '0') {
      return prisonerApp.inject({ method: 'GET', url: `/api/sync/pull?cursor=${cursor}`, headers: { authorization: `Bearer ${token}` } });
    }

    /** The newest plan a device pulling from `cursor` gets, and the cursor after. */
    async function pulledPlan(token: string, cursor = '0'): Promise<{ plan: Plan | null; cursor: string }> {
      const response = await pull(token, cursor);
      expect(response.statusCode, response.body).toBe(200);
      const body = PullResponse.parse(response.json());
      const plans = body.changes.flatMap((change) => (change.entity === 'plan' ? [change.data] : []));
      return { plan: plans.at(-1) ?? null, cursor: body.cursor };
    }

    function changePin(token: string, body: unknown) {
      return prisonerApp.inject({ method: 'POST', url: '/api/auth/pin', headers: { authorization: `Bearer ${token}` }, payload: body as object, remoteAddress: '10.1.1.1' });
    }

    async function trailOf(session: StaffSession, query: string) {
      const response = await get(session, `${base}/audit?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return AuditPage.parse(response.json()).entries;
    }

    async function newSystem(session: StaffSession, name = 'Case notes tool'): Promise<NewSystemResponse> {
      const response = await post(session, `${base}/systems`, { name });
      expect(response.statusCode, response.body).toBe(201);
      return NewSystemResponse.parse(response.json());
    }

    describe('the caseload', () => {
      it('lists the people of the member’s own prison only, sorted by name whatever the capitals, with their POM, plan version and open applications', async () => {
        await store.staff.allocatePom({ prisonNumber: alex.prisonNumber, prisonId: 'NTH', pomStaffId: staffIds['pom.north']!, actor: null });
        const token = (await personToken(alex.prisonNumber)).accessToken;
        const push = await prisonerApp.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { schemaVersion: 1, items: [applicationItem()] } });
        expect(push.statusCode, push.body).toBe(200);

        const response = await get(await signIn('pom.north'), `${base}/people`);
        expect(response.statusCode, response.body).toBe(200);
        const page = StaffPeoplePage.parse(response.json());
        expect(page.items.map((person) => person.prisonNumber)).toEqual([alex.prisonNumber, bo.prisonNumber]);
        expect(page.next).toBeNull();
        expect(page.items[0]).toMatchObject({ pomStaffId: staffIds['pom.north'], pomName: 'Staff pom.north', planVersion: 1, openApplications: 1, mustChangePin: false, prisonId: 'NTH' });
        expect(page.items[1]).toMatchObject({ pomStaffId: null, pomName: null, openApplications: 0 });
        expect(JSON.stringify(page)).not.toContain(cy.prisonNumber);
      });

      it('finds people by the start of a prison number, by any part of the name (any capitals, accents too), and "my people"', async () => {
        const omu = await signIn('omu.north');
        expect((await post(omu, `${base}/people`, enrolment)).statusCode).toBe(201);
        await store.staff.allocatePom({ prisonNumber: bo.prisonNumber, prisonId: 'NTH', pomStaffId: staffIds['pom.north']!, actor: null });
        const numbers = async (session: StaffSession, query: string) => {
          const response = await get(session, `${base}/people?${query}`);
          expect(response.statusCode, response.body).toBe(200);
          return StaffPeoplePage.parse(response.json()).items.map((person) => person.prisonNumber);
        };
        expect(await numbers(omu, 'q=a12')).toEqual([alex.prisonNumber]);
        expect(await numbers(omu, 'q=B2345CD')).toEqual([bo.prisonNumber]);
        expect(await numbers(omu, 'q=ADAMS')).toEqual([bo.prisonNumber]);
        expect(await numbers(omu, 'q=%C3%A9MILE')).toEqual([enrolment.prisonNumber]);
        // "Alex" is someone here and someone in the other prison: only this prison's.
        expect(await numbers(omu, 'q=alex')).toEqual([alex.prisonNumber]);
        expect(await numbers(await signIn('omu.south'), 'q=alex')).toEqual([cy.prisonNumber]);
        // Wildcards are only characters.
        expect(await numbers(omu, 'q=%25')).toEqual([]);
        expect(await numbers(omu, 'q=_')).toEqual([]);
        expect(await numbers(await signIn('pom.north'), 'mine=true')).toEqual([bo.prisonNumber]);
        expect(await numbers(omu, 'mine=true')).toEqual([]);
      });

      it('pages by name, and refuses a page marker that is not someone of the prison', async () => {
        const omu = await signIn('omu.north');
        const first = StaffPeoplePage.parse((await get(omu, `${base}/people?limit=1`)).json());
        expect(first.items.map((person) => person.prisonNumber)).toEqual([alex.prisonNumber]);
        const second = StaffPeoplePage.parse((await get(omu, `${base}/people?limit=1&after=${first.next}`)).json());
        expect(second.items.map((person) => person.prisonNumber)).toEqual([bo.prisonNumber]);
        expect(second.next).toBeNull();
        expect(expectError(await get(omu, `${base}/people?after=${cy.personId}`), 400, 'invalid').field).toBe('after');
        expect(expectError(await get(omu, `${base}/people?limit=500`), 400, 'invalid').field).toBe('limit');
        expect(expectError(await get(omu, `${base}/people?q=${'x'.repeat(101)}`), 400, 'invalid').field).toBe('q');
        // A hidden character is refused in plain words (PostgreSQL cannot even compare a NUL).
        const hidden = expectError(await get(omu, `${base}/people?q=a%00b`), 400, 'invalid');
        expect(hidden).toMatchObject({ field: 'q', message: expect.stringMatching(/hidden character/) });
      });
    });

    describe('enrolling a person', () => {
      it('enrols in the member’s prison with a one-time PIN shown once, a POM and a first plan version with no goals; audited', async () => {
        const omu = await signIn('omu.north');
        const response = await post(omu, `${base}/people`, { ...enrolment, pomStaffId: staffIds['pom.north'], mappa: { category: 1, level: 1 } });
        expect(response.statusCode, response.body).toBe(201);
        const body = EnrolPersonResponse.parse(response.json());
        expect(body.oneTimePin).toMatch(/^\d{6}$/);
        expect(body.person).toMatchObject({ prisonNumber: enrolment.prisonNumber, displayName: enrolment.displayName, prisonId: 'NTH', pomStaffId: staffIds['pom.north'], mustChangePin: true, planVersion: 1, openApplications: 0 });
        expect(body.person.enrolledAt).toBe(now().toISOString());

        const detail = StaffPersonDetail.parse((await get(omu, `${base}/people/${enrolment.prisonNumber}`)).json());
        expect(detail.plan).toMatchObject({ version: 1, savedBy: { kind: 'staff', staffId: omu.info.member.staffId, displayName: 'Staff omu.north' } });
        expect(detail.plan?.plan).toMatchObject({ objectives: [], reviews: [], agreement: 'notAskedYet', shareable: true, sentence: enrolment.sentence, keyDates: enrolment.keyDates, mappa: { category: 1, level: 1 } });
        // The PIN is never stored as it is, nor shown again.
        expect(JSON.stringify(detail)).not.toContain(body.oneTimePin);
        expect((await store.getPerson(enrolment.prisonNumber))?.pinHash).toMatch(/^scrypt\$/);

        const trail = await trailOf(omu, `personId=${body.person.personId}`);
        expect(trail.map((entry) => entry.action)).toEqual(['viewPerson', 'enrolPerson']);
        expect(trail[1]).toMatchObject({ staffId: omu.info.member.staffId, systemId: null, prisonId: 'NTH', details: { planVersion: 1, pomAllocated: true } });
        expect(JSON.stringify(trail)).not.toContain(body.oneTimePin);
      });

      it('makes a different PIN each time', async () => {
        const omu = await signIn('omu.north');
        const pins = new Set<string>();
        for (const prisonNumber of ['E5678FG', 'F6789GH', 'G7890HJ', 'H8901JK']) {
          pins.add(EnrolPersonResponse.parse((await post(omu, `${base}/people`, { ...enrolment, prisonNumber })).json()).oneTimePin);
        }
        expect(pins.size).toBe(4);
      });

      it('refuses a prison number already enrolled (in any prison), a POM of another prison, bad facts with the field, and a POM’s own try', async () => {
        const omu = await signIn('omu.north');
        expect(expectError(await post(omu, `${base}/people`, { ...enrolment, prisonNumber: bo.prisonNumber }), 409, 'prisonNumberTaken').field).toBe('prisonNumber');
        expectError(await post(omu, `${base}/people`, { ...enrolment, prisonNumber: cy.prisonNumber }), 409, 'prisonNumberTaken');
        expect(expectError(await post(omu, `${base}/people`, { ...enrolment, pomStaffId: staffIds['omu.south'] }), 400, 'invalid').field).toBe('pomStaffId');
        const badNumber = expectError(await post(omu, `${base}/people`, { ...enrolment, prisonNumber: 'A12' }), 400, 'invalid');
        expect(badNumber).toMatchObject({ field: 'prisonNumber' });
        expect(badNumber.message).toMatch(/A1234BC/);
        expect(expectError(await post(omu, `${base}/people`, { ...enrolment, keyDates: { releaseDate: '2027-13-45' } }), 400, 'invalid').field).toBe('keyDates.releaseDate');
        expect(expectError(await post(omu, `${base}/people`, { ...enrolment, displayName: 'Eli\u0000' }), 400, 'invalid').field).toBe('displayName');
        expectError(await post(await signIn('pom.north'), `${base}/people`, enrolment), 403, 'notAllowed');
        // Nothing was added by any of these.
        expect(await store.getPerson(enrolment.prisonNumber)).toBeNull();
      });

      it('lists the POMs to allocate to: switched-on POM accounts of the member’s own prison, names only, to the OMU and admins', async () => {
        const admin = await signIn('admin.north');
        const added = await post(admin, `${base}/accounts`, { username: 'pom2.north', displayName: 'Ola Bello', role: 'pom', password: 'a first password for Ola' });
        expect(added.statusCode, added.body).toBe(201);
        const left = await post(admin, `${base}/accounts`, { username: 'pom3.north', displayName: 'Gone Away', role: 'pom', password: 'a first password for Gone' });
        expect((await post(admin, `${base}/accounts/${StaffAccount.parse(left.json()).staffId}/disable`)).statusCode).toBe(200);
        const listed = await get(await signIn('omu.north'), `${base}/poms`);
        expect(listed.statusCode, listed.body).toBe(200);
        const { poms } = StaffPomList.parse(listed.json());
        expect(poms.map((p) => p.displayName).sort()).toEqual(['Ola Bello', 'Staff pom.north']);
        expect(Object.keys(listed.json().poms[0]).sort()).toEqual(['displayName', 'staffId']);
        // Nobody is allocated to Ola yet, and the OMU can allocate to her.
        const allocated = await post(await signIn('omu.north'), `${base}/people/${bo.prisonNumber}/pom`, { pomStaffId: StaffAccount.parse(added.json()).staffId });
        expect(StaffPersonSummary.parse(allocated.json()).pomName).toBe('Ola Bello');
        expect(StaffPomList.parse((await get(await signIn('omu.south'), `${base}/poms`)).json()).poms).toEqual([]);
        expectError(await get(await signIn('pom.north'), `${base}/poms`), 403, 'notAllowed');
      });

      it('allocates a person to a POM or to nobody, audited; never to someone of another prison', async () => {
        const omu = await signIn('omu.north');
        const allocated = await post(omu, `${base}/people/${bo.prisonNumber}/pom`, { pomStaffId: staffIds['pom.north'] });
        expect(allocated.statusCode, allocated.body).toBe(200);
        expect(StaffPersonSummary.parse(allocated.json())).toMatchObject({ pomStaffId: staffIds['pom.north'], pomName: 'Staff pom.north' });
        expect(expectError(await post(omu, `${base}/people/${bo.prisonNumber}/pom`, { pomStaffId: staffIds['omu.south'] }), 400, 'invalid').field).toBe('pomStaffId');
        expectError(await post(omu, `${base}/people/${cy.prisonNumber}/pom`, { pomStaffId: staffIds['pom.north'] }), 404, 'notFound');
        expect(StaffPersonSummary.parse((await post(omu, `${base}/people/${bo.prisonNumber}/pom`, { pomStaffId: null })).json()).pomStaffId).toBeNull();
        expect((await trailOf(omu, `personId=${bo.personId}`)).map((entry) => [entry.action, entry.entityId])).toEqual([
          ['allocatePom', null],
          ['allocatePom', staffIds['pom.north']],
        ]);
        expectError(await post(await signIn('pom.north'), `${base}/people/${bo.prisonNumber}/pom`, { pomStaffId: null }), 403, 'notAllowed');
      });
    });

    describe('the person’s first sign-in with a one-time PIN', () => {
      async function enrolled(): Promise<EnrolPersonResponse> {
        const response = await post(await signIn('omu.north'), `${base}/people`, enrolment);
        expect(response.statusCode, response.body).toBe(201);
        return EnrolPersonResponse.parse(response.json());
      }

      it('says a new PIN is due; sync and delivery refuse until the person chooses one; then the plan comes', async () => {
        const { oneTimePin } = await enrolled();
        const first = await personToken(enrolment.prisonNumber, oneTimePin);
        expect(first.mustChangePin).toBe(true);
        const refused = await pull(first.accessToken);
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ code: 'changePinFirst', message: expect.stringMatching(/choose your own PIN/) });
        const pushed = await prisonerApp.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${first.accessToken}` }, payload: { schemaVersion: 1, items: [applicationItem()] } });
        expect(pushed.json()).toMatchObject({ code: 'changePinFirst' });
        const secret = await prisonerApp.inject({ method: 'POST', url: '/api/delivery/secret', headers: { authorization: `Bearer ${first.accessToken}` }, payload: {} });
        expect(secret.json()).toMatchObject({ code: 'changePinFirst' });
        // A refresh says so too.
        const refreshed = await prisonerApp.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: first.refreshToken } });
        expect(SignInResponse.parse(refreshed.json()).mustChangePin).toBe(true);
        const token = SignInResponse.parse(refreshed.json()).accessToken;

        expect((await changePin(token, { currentPin: oneTimePin, newPin: '12' })).json()).toMatchObject({ code: 'invalidNewPin' });
        expect((await changePin(token, { currentPin: oneTimePin, newPin: oneTimePin })).json()).toMatchObject({ code: 'samePin' });
        expect((await changePin(token, { currentPin: '000000' === oneTimePin ? '111111' : '000000', newPin: '739154' })).json()).toMatchObject({ code: 'wrongCurrentPin' });
        const changed = await changePin(token, { currentPin: oneTimePin, newPin: '739154' });
        expect(changed.statusCode, changed.body).toBe(204);
        // Every sign-in of theirs ended, this one too; the one-time PIN is gone.
        expect((await pull(token)).statusCode).toBe(401);
        expect((await personSignIn(enrolment.prisonNumber, oneTimePin)).statusCode).toBe(401);
        const own = await personToken(enrolment.prisonNumber, '739154');
        expect(own.mustChangePin).toBeUndefined();
        const { plan } = await pulledPlan(own.accessToken);
        expect(plan).toMatchObject({ objectives: [], agreement: 'notAskedYet', keyDates: enrolment.keyDates });
        const detail = StaffPersonDetail.parse((await get(await signIn('omu.north'), `${base}/people/${enrolment.prisonNumber}`)).json());
        expect(detail.mustChangePin).toBe(false);
      });

      it('counts a wrong current PIN as a wrong sign-in: after 5 the person waits, even with the right one', async () => {
        const { oneTimePin } = await enrolled();
        const token = (await personToken(enrolment.prisonNumber, oneTimePin)).accessToken;
        const wrong = oneTimePin === '999999' ? '999998' : '999999';
        for (let i = 0; i < 4; i++) expect((await changePin(token, { currentPin: wrong, newPin: '739154' })).json()).toMatchObject({ code: 'wrongCurrentPin' });
        // The fifth wrong one starts the wait, as at sign-in.
        expect((await changePin(token, { currentPin: wrong, newPin: '739154' })).statusCode).toBe(429);
        const waiting = await changePin(token, { currentPin: oneTimePin, newPin: '739154' });
        expect(waiting.statusCode).toBe(429);
        expect(waiting.json()).toMatchObject({ code: 'tooManyTries' });
        expect(waiting.headers['retry-after']).toBe('30');
        advance(31);
        expect((await changePin(token, { currentPin: oneTimePin, newPin: '739154' })).statusCode).toBe(204);
      });

      it('needs the person’s own sign-in: no token, a staff cookie or a staff token in its place are refused', async () => {
        const omu = await signIn('omu.north');
        expect((await prisonerApp.inject({ method: 'POST', url: '/api/auth/pin', payload: { currentPin: pin, newPin: '739154' } })).statusCode).toBe(401);
        expect((await prisonerApp.inject({ method: 'POST', url: '/api/auth/pin', headers: { cookie: omu.cookie }, payload: { currentPin: pin, newPin: '739154' } })).statusCode).toBe(401);
        const cookieToken = omu.cookie.split('=')[1]!;
        expect((await changePin(cookieToken, { currentPin: pin, newPin: '739154' })).statusCode).toBe(401);
        expect((await pull(cookieToken)).statusCode).toBe(401);
      });
    });

    describe('a person’s detail and PIN reset', () => {
      it('shows the person with their newest plan version, audited; another prison’s person is not found, by prison number too', async () => {
        const omu = await signIn('omu.north');
        const response = await get(omu, `${base}/people/a1234bc`);
        expect(response.statusCode, response.body).toBe(200);
        const detail = StaffPersonDetail.parse(response.json());
        expect(detail).toMatchObject({ personId: alex.personId, planVersion: 1, plan: { version: 1, savedBy: { kind: 'service' } } });
        // Staff see the items that are not shareable.
        expect(detail.plan?.plan.objectives.map((objective) => objective.id)).toContain('objective-2');
        expectError(await get(omu, `${base}/people/${cy.prisonNumber}`), 404, 'notFound');
        expectError(await get(omu, `${base}/people/not-a-number`), 404, 'notFound');
        const trail = await trailOf(omu, `personId=${alex.personId}`);
        expect(trail.map((entry) => entry.action)).toEqual(['viewPerson']);
        // No line about Cy was written by the refused look.
        expect((await trailOf(await signIn('omu.south'), `personId=${cy.personId}`)).map((entry) => entry.action)).toEqual(['viewPerson'].slice(1));
      });

      it('a reset lifts the whole-account limit staff are asked about: the one-time PIN works on a new device the same day', async () => {
        // Wrong PINs from many new devices: the whole-account limit stops new devices ("ask staff").
        let refused = null as LightMyRequestResponse | null;
        for (let device = 0; device < 30 && !refused; device += 1) {
          const response = await prisonerApp.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            payload: { prisonNumber: alex.prisonNumber, pin: '000000', deviceId: `device-${String(device).padStart(22, '0')}` },
            remoteAddress: `10.2.0.${device}`,
          });
          if (response.statusCode === 403) refused = response;
        }
        expect(refused?.json()).toMatchObject({ code: 'askStaff' });
        const { oneTimePin } = OneTimePinResponse.parse((await post(await signIn('omu.north'), `${base}/people/${alex.prisonNumber}/pin`)).json());
        const fresh = await prisonerApp.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { prisonNumber: alex.prisonNumber, pin: oneTimePin, deviceId: 'device-new-one-0000000000' },
          remoteAddress: '10.2.1.1',
        });
        expect(fresh.statusCode, fresh.body).toBe(200);
        expect(SignInResponse.parse(fresh.json()).mustChangePin).toBe(true);
      });

      it('a reset gives a new one-time PIN: the person’s sign-ins end, the old PIN stops working, and the next sign-in asks for a new PIN; audited', async () => {
        const before = await personToken(alex.prisonNumber);
        const omu = await signIn('omu.north');
        const response = await post(omu, `${base}/people/${alex.prisonNumber}/pin`);
        expect(response.statusCode, response.body).toBe(200);
        const { oneTimePin } = OneTimePinResponse.parse(response.json());
        expect((await pull(before.accessToken)).statusCode).toBe(401);
        expect((await prisonerApp.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: before.refreshToken } })).statusCode).toBe(401);
        expect((await personSignIn(alex.prisonNumber, pin)).statusCode).toBe(401);
        expect((await personToken(alex.prisonNumber, oneTimePin)).mustChangePin).toBe(true);
        expect((await trailOf(omu, `personId=${alex.personId}`)).map((entry) => entry.action)).toEqual(['resetPin']);
        expectError(await post(omu, `${base}/people/${cy.prisonNumber}/pin`), 404, 'notFound');
        expectError(await post(await signIn('pom.north'), `${base}/people/${alex.prisonNumber}/pin`), 403, 'notAllowed');
        expectError(await post(omu, `${base}/people/${alex.prisonNumber}/pin`, {}, { 'x-csrf-token': undefined }), 403, 'badCsrfToken');
      });
    });

    describe('saving plan versions', () => {
      const planUrl = (person: Person) => `${base}/people/${person.prisonNumber}/plan`;

      it('saves the next version so it reaches the device at its next pull; an item made not shareable leaves the device', async () => {
        const device = (await personToken(alex.prisonNumber)).accessToken;
        const first = await pulledPlan(device);
        expect(first.plan?.objectives.map((objective) => objective.id)).toEqual(['objective-1', 'objective-3']);

        const pom = await signIn('pom.north');
        const plan = planInput();
        plan.objectives[0]!.title = 'I will get a maths certificate';
        const saved = await put(pom, planUrl(alex), { version: 2, plan });
        expect(saved.statusCode, saved.body).toBe(200);
        expect(PutPlanResponse.parse(saved.json())).toMatchObject({ version: 2, unchanged: false, savedAt: now().toISOString(), savedBy: { kind: 'staff', staffId: pom.info.member.staffId } });
        const second = await pulledPlan(device, first.cursor);
        expect(second.plan?.objectives[0]?.title).toBe('I will get a maths certificate');

        // objective-3 made not shareable: gone from the device at its next pull, and from a new device.
        const hidden = planInput();
        hidden.objectives[2]!.shareable = false;
        expect((await put(pom, planUrl(alex), { version: 3, plan: hidden })).statusCode).toBe(200);
        const third = await pulledPlan(device, second.cursor);
        expect(third.plan?.objectives.map((objective) => objective.id)).toEqual(['objective-1']);
        expect(JSON.stringify((await pull(device)).json())).not.toContain('Find a place to live');
        const detail = StaffPersonDetail.parse((await get(pom, `${base}/people/${alex.prisonNumber}`)).json());
        expect(detail).toMatchObject({ planVersion: 3, plan: { version: 3 } });
        const trail = await trailOf(await signIn('omu.north'), `personId=${alex.personId}`);
        expect(trail.filter((entry) => entry.action === 'savePlan').map((entry) => entry.details)).toEqual([
          { version: 3, shareable: true, hiddenItems: 4 },
          { version: 2, shareable: true, hiddenItems: 3 },
        ]);
      });

      it('is idempotent by version: a resend changes nothing; another plan under a version held is versionTaken; an older one olderVersion', async () => {
        const pom = await signIn('pom.north');
        const plan = planInput({ agreement: 'notAgreed' });
        expect((await put(pom, planUrl(alex), { version: 5, plan })).statusCode).toBe(200);
        advance(60);
        const again = await put(pom, planUrl(alex), { version: 5, plan });
        expect(again.statusCode, again.body).toBe(200);
        expect(PutPlanResponse.parse(again.json())).toMatchObject({ version: 5, unchanged: true, savedAt: new Date(start).toISOString() });
        expect(expectError(await put(pom, planUrl(alex), { version: 5, plan: planInput() }), 409, 'versionTaken').field).toBe('version');
        expectError(await put(pom, planUrl(alex), { version: 4, plan }), 409, 'olderVersion');
        const trail = await trailOf(await signIn('omu.north'), `personId=${alex.personId}`);
        expect(trail.filter((entry) => entry.action === 'savePlan')).toHaveLength(1);
        expect(StaffPersonDetail.parse((await get(pom, `${base}/people/${alex.prisonNumber}`)).json()).plan?.plan.agreement).toBe('notAgreed');
      });

      it('refuses an invalid plan whole, naming the field with its place in the list', async () => {
        const pom = await signIn('pom.north');
        const plan = planInput();
        plan.objectives[1]!.steps = [{ id: 's1', description: '', actor: 'you', status: 'notStarted', shareable: true }];
        const refused = expectError(await put(pom, planUrl(alex), { version: 2, plan }), 400, 'invalid');
        expect(refused.field).toBe('plan.objectives.1.steps.0.description');
        expect(refused.message).toContain('plan.objectives.1.steps.0.description');
        const twice = planInput();
        twice.objectives[2]!.id = 'objective-1';
        expect(expectError(await put(pom, planUrl(alex), { version: 2, plan: twice }), 400, 'invalid').field).toBe('plan.objectives.2.id');
        expect(expectError(await put(pom, planUrl(alex), { version: 0, plan: planInput() }), 400, 'invalid').field).toBe('version');
        expect(expectError(await put(pom, planUrl(alex), { version: 2 }), 400, 'invalid').field).toBe('plan');
        // Nothing of it was kept.
        expect(StaffPersonDetail.parse((await get(pom, `${base}/people/${alex.prisonNumber}`)).json()).planVersion).toBe(1);
      });

      it('from a staff sign-in needs the CSRF token and the Origin; another prison’s person is not found', async () => {
        const pom = await signIn('pom.north');
        expectError(await put(pom, planUrl(alex), { version: 2, plan: planInput() }, { 'x-csrf-token': undefined }), 403, 'badCsrfToken');
        expectError(await put(pom, planUrl(alex), { version: 2, plan: planInput() }, { origin: 'http://elsewhere.test' }), 403, 'badOrigin');
        expectError(await put(pom, planUrl(alex), { version: 2, plan: planInput() }, { origin: undefined }), 403, 'badOrigin');
        expectError(await put(pom, planUrl(cy), { version: 2, plan: planInput() }), 404, 'notFound');
        expectError(await put(null, planUrl(alex), { version: 2, plan: planInput() }), 401, 'staffSignInNeeded');
        // Any other method on the plan's address: 405 with what it takes.
        const other = await staffApp.inject({ method: 'DELETE', url: planUrl(alex), headers: { origin, cookie: pom.cookie, 'x-csrf-token': pom.csrf } });
        expect(other.statusCode).toBe(405);
        expect(other.headers.allow).toContain('PUT');
      });

      it('two saves of the same version at once: one is saved, the other is a resend or versionTaken, never both kept', async () => {
        const pom = await signIn('pom.north');
        const results = await Promise.all(
          ['agreed', 'notAgreed', 'couldNotAnswer', 'notAskedYet'].map((agreement) => put(pom, planUrl(alex), { version: 2, plan: planInput({ agreement: agreement as PlanInput['agreement'] }) })),
        );
        expect(results.map((response) => response.statusCode).sort()).toEqual([200, 409, 409, 409]);
        const trail = await trailOf(await signIn('omu.north'), `personId=${alex.personId}`);
        expect(trail.filter((entry) => entry.action === 'savePlan')).toHaveLength(1);
      });
    });

    describe('progress notes in the staff view', () => {
      it('shows the person’s notes by goal in plan order (a goal that left the plan last), one goal when asked; audited; not another prison’s', async () => {
        const token = (await personToken(alex.prisonNumber)).accessToken;
        // Written a minute apart, in this order, so "oldest first" is by when the person wrote them.
        const items = (
          [
            ['I finished the fractions worksheet.', { objectiveId: 'objective-3' }],
            ['I went to every maths class.', { objectiveId: 'objective-1', stepId: 'objective-1-step-1' }],
            ['A note on a goal that has gone.', { objectiveId: 'objective-gone' }],
            ['I asked about the test date.', { objectiveId: 'objective-1' }],
          ] as const
        ).map(([words, where], minute) => {
          const item = progressNoteItem(words, where);
          const createdAt = new Date(start - (10 - minute) * 60_000).toISOString();
          return { ...item, createdAt, payload: { ...item.payload, createdAt } };
        });
        const pushed = await prisonerApp.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { schemaVersion: 1, items } });
        expect(pushed.statusCode, pushed.body).toBe(200);

        const pom = await signIn('pom.north');
        const response = await get(pom, `${base}/people/${alex.prisonNumber}/progress-notes`);
        expect(response.statusCode, response.body).toBe(200);
        const body = StaffProgressNotes.parse(response.json());
        expect(body.objectives.map((goal) => [goal.objectiveId, goal.title, goal.notes.map((note) => note.text)])).toEqual([
          ['objective-1', 'Get a maths certificate', ['I went to every maths class.', 'I asked about the test date.']],
          ['objective-3', 'Find a place to live', ['I finished the fractions worksheet.']],
          ['objective-gone', null, ['A note on a goal that has gone.']],
        ]);
        expect(body.objectives[0]?.notes[0]?.stepId).toBe('objective-1-step-1');
        const one = StaffProgressNotes.parse((await get(pom, `${base}/people/${alex.prisonNumber}/progress-notes?objectiveId=objective-3`)).json());
        expect(one.objectives.map((goal) => goal.objectiveId)).toEqual(['objective-3']);
        expect(expectError(await get(pom, `${base}/people/${alex.prisonNumber}/progress-notes?objectiveId=${encodeURIComponent('no good')}`), 400, 'invalid').field).toBe('objectiveId');
        expectError(await get(await signIn('omu.south'), `${base}/people/${alex.prisonNumber}/progress-notes`), 404, 'notFound');
        const { token: system } = await newSystem(await signIn('admin.north'));
        expectError(await get(null, `${base}/people/${alex.prisonNumber}/progress-notes`, { authorization: `Bearer ${system}` }), 401, 'staffSignInNeeded');
        const trail = await trailOf(await signIn('omu.north'), `personId=${alex.personId}`);
        expect(trail.filter((entry) => entry.action === 'viewProgressNotes').map((entry) => entry.details)).toEqual([{ notes: 1, objectiveId: 'objective-3' }, { notes: 4 }]);
      });
    });

    describe('connected systems (the import API)', () => {
      const planUrl = (person: Person) => `${base}/people/${person.prisonNumber}/plan`;
      const bearer = (token: string) => ({ authorization: `Bearer ${token}`, origin: undefined, cookie: undefined, 'x-csrf-token': undefined });

      it('an admin adds a system; its token (shown once) puts plans and reads people of its prison, audited under the system', async () => {
        const admin = await signIn('admin.north');
        const { system, token } = await newSystem(admin);
        expect(system).toMatchObject({ name: 'Case notes tool', prisonId: 'NTH', revokedAt: null });
        const listed = ConnectedSystemList.parse((await get(admin, `${base}/systems`)).json());
        expect(listed.systems).toEqual([system]);
        expect(JSON.stringify(listed)).not.toContain(token);

        const device = (await personToken(alex.prisonNumber)).accessToken;
        const first = await pulledPlan(device);
        const saved = await put(null, planUrl(alex), { version: 7, plan: planInput({ agreement: 'notAgreed' }) }, bearer(token));
        expect(saved.statusCode, saved.body).toBe(200);
        expect(PutPlanResponse.parse(saved.json())).toMatchObject({ version: 7, savedBy: { kind: 'system', systemId: system.systemId, name: 'Case notes tool' } });
        expect((await pulledPlan(device, first.cursor)).plan?.agreement).toBe('notAgreed');
        const read = await get(null, `${base}/people/${alex.prisonNumber}`, { authorization: `Bearer ${token}` });
        expect(read.statusCode, read.body).toBe(200);
        expect(StaffPersonDetail.parse(read.json()).planVersion).toBe(7);

        const trail = await trailOf(admin, `personId=${alex.personId}`);
        expect(trail.map((entry) => [entry.action, entry.staffId, entry.systemId, entry.by])).toEqual([
          ['viewPerson', null, system.systemId, 'Case notes tool'],
          ['savePlan', null, system.systemId, 'Case notes tool'],
        ]);
        expect((await trailOf(admin, `staffId=${admin.info.member.staffId}`)).map((entry) => entry.action)).toContain('addSystem');
      });

      it('a token works only for its own prison and its own two addresses, never as a staff sign-in or a person’s', async () => {
        const { token } = await newSystem(await signIn('admin.north'));
        expectError(await put(null, planUrl(cy), { version: 2, plan: planInput() }, bearer(token)), 404, 'notFound');
        expectError(await get(null, `${base}/people/${cy.prisonNumber}`, { authorization: `Bearer ${token}` }), 404, 'notFound');
        for (const url of [`${base}/people`, `${base}/applications`, `${base}/session`, `${base}/systems`, `${base}/audit?personId=${alex.personId}`]) {
          expectError(await get(null, url, { authorization: `Bearer ${token}` }), 401, 'staffSignInNeeded');
        }
        expectError(await post(null, `${base}/people`, enrolment, bearer(token)), 403, 'badOrigin');
        expectError(await post(null, `${base}/people/${alex.prisonNumber}/pin`, {}, { ...bearer(token), origin }), 401, 'staffSignInNeeded');
        // The prisoner-facing address knows nothing of it.
        expect((await pull(token)).statusCode).toBe(401);
        expect((await prisonerApp.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `Bearer ${token.slice(4)}` } })).statusCode).toBe(401);
      });

      it('a person’s token, a staff cookie’s token, a made-up or revoked token are refused; a cookie never rides with a bearer header', async () => {
        const admin = await signIn('admin.north');
        const { system, token } = await newSystem(admin);
        const person = (await personToken(alex.prisonNumber)).accessToken;
        expectError(await put(null, planUrl(alex), { version: 2, plan: planInput() }, bearer(person)), 401, 'systemTokenRefused');
        expectError(await put(null, planUrl(alex), { version: 2, plan: planInput() }, bearer(`sys_${admin.cookie.split('=')[1]}`)), 401, 'systemTokenRefused');
        expectError(await put(null, planUrl(alex), { version: 2, plan: planInput() }, bearer(`sys_${'A'.repeat(43)}`)), 401, 'systemTokenRefused');
        // A staff cookie with a wrong bearer header: the header decides, so it is refused.
        expectError(await put(admin, planUrl(alex), { version: 2, plan: planInput() }, { authorization: 'Bearer nonsense' }), 401, 'systemTokenRefused');

        const revoked = await post(admin, `${base}/systems/${system.systemId}/revoke`);
        expect(revoked.statusCode, revoked.body).toBe(200);
        expect(revoked.json()).toMatchObject({ revokedAt: now().toISOString() });
        expectError(await put(null, planUrl(alex), { version: 2, plan: planInput() }, bearer(token)), 401, 'systemTokenRefused');
        expectError(await get(null, `${base}/people/${alex.prisonNumber}`, { authorization: `Bearer ${token}` }), 401, 'systemTokenRefused');
        // Revoking again changes nothing and writes nothing.
        expect((await post(admin, `${base}/systems/${system.systemId}/revoke`)).statusCode).toBe(200);
        expect((await trailOf(admin, `staffId=${admin.info.member.staffId}`)).filter((entry) => entry.action === 'revokeSystem')).toHaveLength(1);
      });

      it('only admins manage systems, each in their own prison', async () => {
        expectError(await post(await signIn('omu.north'), `${base}/systems`, { name: 'Tool' }), 403, 'notAllowed');
        expectError(await get(await signIn('pom.north'), `${base}/systems`), 403, 'notAllowed');
        const { system } = await newSystem(await signIn('admin.north'));
        const south = await signIn('admin.south');
        expect(ConnectedSystemList.parse((await get(south, `${base}/systems`)).json()).systems).toEqual([]);
        expectError(await post(south, `${base}/systems/${system.systemId}/revoke`), 404, 'notFound');
        expect(expectError(await post(await signIn('admin.north'), `${base}/systems`, { name: '' }), 400, 'invalid').field).toBe('name');
      });
    });

    it('demo data: the demo people have POMs (one has none yet) and plans saved by the service as version 1', async () => {
      const demo = await makeHarness();
      const demoStore = await demo.open();
      try {
        expect((await seedDemoData(demoStore)).seeded).toBe(true);
        const page = await demoStore.staff.listPeople({ prisonId: 'NTH', limit: 10 });
        const pomOf = Object.fromEntries(page!.items.map((item) => [item.prisonNumber, item.pomName]));
        const nameOf = (username: string | undefined) => demoStaffSignIns.find((member) => member.username === username)?.displayName ?? null;
        expect(pomOf).toEqual({ A1234BC: nameOf(demoPomOf.A1234BC), B2345CD: nameOf(demoPomOf.B2345CD), D4567EF: null });
        expect(page!.items.every((item) => item.planVersion === 1 && !item.mustChangePin)).toBe(true);
        expect((await demoStore.staff.getPersonDetail('A1234BC', 'NTH'))?.plan?.savedBy).toEqual({ kind: 'service' });
      } finally {
        await demoStore.close();
        await demo.dispose();
      }
    });

    it('migration 008 brings older data along: each plan becomes version 1 saved by the service, names are sorted in any capitals, nobody must change a PIN', async () => {
      const old = await makeHarness();
      const driver = old.openDriver();
      const plan = samplePlan('p_a');
      try {
        await applyMigrations(driver, (await loadMigrations()).filter((m) => m.version < 8));
        await driver.run("INSERT INTO prisons (prison_id, name) VALUES ('OLD', 'HMP Old')");
        await driver.run("INSERT INTO people (person_id, prison_number, display_name, pin_hash, created_at, prison_id) VALUES ('p_a', 'A1111AA', 'ÉLODIE Old', 'scrypt$x', '2026-01-01T00:00:00.000Z', 'OLD')");
        await driver.run("INSERT INTO plans (person_id, plan_id, document, shareable, updated_at) VALUES ('p_a', ?, ?, 1, ?)", [plan.id, JSON.stringify(plan), plan.updatedAt]);
      } finally {
        await driver.close();
      }
      const upgraded = await old.open();
      try {
        const found = await upgraded.staff.listPeople({ prisonId: 'OLD', search: 'élodie', limit: 10 });
        expect(found?.items).toEqual([
          expect.objectContaining({ prisonNumber: 'A1111AA', planVersion: 1, planSavedAt: plan.updatedAt, enrolledAt: '2026-01-01T00:00:00.000Z', mustChangePin: false, pomStaffId: null }),
        ]);
        const detail = await upgraded.staff.getPersonDetail('A1111AA', 'OLD');
        expect(detail?.plan).toEqual({ version: 1, savedAt: plan.updatedAt, savedBy: { kind: 'service' }, plan });
      } finally {
        await upgraded.close();
        await old.dispose();
      }
    });
  });
}

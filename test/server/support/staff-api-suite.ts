/**
 * The staff listener and the OMU API over HTTP, against every engine, with a clock the tests move.
 * Two listeners share one store: the prisoner-facing one (buildServer) and the staff one.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../../src/domain/auth.ts';
import {
  AuditPage,
  StaffAccount,
  StaffAccountList,
  StaffApiError,
  StaffApplicationDetail,
  StaffApplicationPage,
  StaffQuestionnaireDetail,
  StaffQuestionnairePage,
  StaffSessionInfo,
} from '../../../src/domain/staff.ts';
import { currentSchemaVersion, PullResponse, PushResponse } from '../../../src/domain/sync.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import { buildStaffServer } from '../../../src/server/staff/staff-app.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import { applicationItem, questionnaireItem, uuidv7 } from './outbox.ts';
import { samplePlan } from './plans.ts';
import { routesOf } from './routes-of.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const cheap = { N: 1024, r: 8, p: 1 };
const start = Date.parse('2026-03-01T10:00:00.000Z');
const origin = 'http://staff.test';
const pin = '482913';
const passwords = { omu: 'north omu password', pom: 'north pom password', admin: 'north admin password', south: 'south omu password' };

type Person = { personId: string; prisonNumber: string; displayName: string; prisonId: string };
type StaffSession = { cookie: string; csrf: string; info: StaffSessionInfo };

export function describeStaffApi(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`the staff listener and OMU API: ${engine}`, () => {
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let harness: StoreHarness;
    let store: Store;
    let prisonerApp: FastifyInstance;
    let staffApp: FastifyInstance;
    let clockMs = start;
    const servers: FastifyInstance[] = [];
    let pinHash = '';
    const hashes: Record<keyof typeof passwords, string> = { omu: '', pom: '', admin: '', south: '' };
    let alex: Person;
    let bo: Person;
    let cy: Person;

    const advance = (seconds: number) => {
      clockMs += seconds * 1000;
    };
    const now = () => new Date(clockMs);

    async function staffServer(options: { staffOrigin?: string } = {}): Promise<FastifyInstance> {
      const server = await buildStaffServer({
        store,
        now,
        staffOrigin: options.staffOrigin ?? origin,
        staffPort: 8081,
        passwordHashParams: cheap,
        housekeeping: false,
      });
      servers.push(server);
      await server.ready();
      return server;
    }

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
      alex = { personId: newOpaqueId('p'), prisonNumber: 'A1234BC', displayName: 'Alex', prisonId: 'NTH' };
      bo = { personId: newOpaqueId('p'), prisonNumber: 'B2345CD', displayName: 'Bo', prisonId: 'NTH' };
      cy = { personId: newOpaqueId('p'), prisonNumber: 'C3456DE', displayName: 'Cy', prisonId: 'STH' };
      for (const person of [alex, bo, cy]) {
        await store.insertPerson({ ...person, pinHash });
        await store.putPlan(samplePlan(person.personId, { id: `plan_${person.prisonNumber}` }));
      }
      const accounts = [
        ['omu.north', 'omu', 'NTH', hashes.omu],
        ['pom.north', 'pom', 'NTH', hashes.pom],
        ['admin.north', 'admin', 'NTH', hashes.admin],
        ['omu.south', 'omu', 'STH', hashes.south],
      ] as const;
      for (const [username, role, prisonId, passwordHash] of accounts) {
        await store.staff.insertAccount(
          { staffId: newOpaqueId('st'), username, displayName: `Staff ${username}`, role, prisonId, passwordHash, mustChangePassword: false, createdAt: now().toISOString() },
          null,
        );
      }
      prisonerApp = await buildServer({ store, distDir, deviceMode: 'kiosk', now, pinHashParams: cheap, signInHousekeeping: false });
      servers.push(prisonerApp);
      await prisonerApp.ready();
      staffApp = await staffServer();
    });

    afterEach(async () => {
      for (const server of servers.splice(0)) await server.close();
      await store.close().catch(() => undefined);
      await harness.dispose();
    });

    afterAll(async () => {
      await removeDist();
    });

    function expectError(response: LightMyRequestResponse, status: number, code?: string): StaffApiError {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = StaffApiError.parse(response.json());
      if (code) expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(10);
      return body;
    }

    function signInRaw(username: string, password: string, options: { server?: FastifyInstance; remoteAddress?: string; headers?: Record<string, string | undefined> } = {}) {
      const headers = Object.fromEntries(Object.entries({ origin, ...options.headers }).filter((entry): entry is [string, string] => entry[1] !== undefined));
      return (options.server ?? staffApp).inject({
        method: 'POST',
        url: '/api/staff/v1/sign-in',
        headers,
        payload: { username, password },
        remoteAddress: options.remoteAddress ?? '10.5.0.1',
      });
    }

    async function signIn(username: string, password: string, server = staffApp): Promise<StaffSession> {
      const response = await signInRaw(username, password, { server });
      expect(response.statusCode, response.body).toBe(200);
      const cookie = String(response.headers['set-cookie']).split(';')[0]!;
      const info = StaffSessionInfo.parse(response.json());
      return { cookie, csrf: info.csrfToken, info };
    }

    const asOmu = () => signIn('omu.north', passwords.omu);

    function get(session: StaffSession | null, url: string, server = staffApp) {
      return server.inject({ method: 'GET', url, headers: session ? { cookie: session.cookie } : {} });
    }

    function post(session: StaffSession | null, url: string, payload: unknown = {}, headers: Record<string, string | undefined> = {}, server = staffApp) {
      const base: Record<string, string> = { origin, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) };
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined) delete base[name];
        else base[name] = value;
      }
      return server.inject({ method: 'POST', url, headers: base, payload: payload as object });
    }

    async function personToken(person: Person): Promise<string> {
      const response = await prisonerApp.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: person.prisonNumber, pin }, remoteAddress: '10.1.1.1' });
      expect(response.statusCode, response.body).toBe(200);
      return SignInResponse.parse(response.json()).accessToken;
    }

    async function push(token: string, items: unknown[]) {
      const response = await prisonerApp.inject({ method: 'POST', url: '/api/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { schemaVersion: currentSchemaVersion, items } });
      expect(response.statusCode, response.body).toBe(200);
      return PushResponse.parse(response.json()).results;
    }

    async function pullReplies(token: string) {
      const response = await prisonerApp.inject({ method: 'GET', url: '/api/sync/pull', headers: { authorization: `Bearer ${token}` } });
      return PullResponse.parse(response.json()).changes.flatMap((change) => (change.entity === 'applicationReply' ? [change.data] : []));
    }

    /** Alex sends an application from the device, through the prisoner-facing listener. */
    async function alexSends(details = 'Please can I see my POM about my course?', type: Parameters<typeof applicationItem>[2] = 'seeMyPom') {
      const token = await personToken(alex);
      const item = applicationItem(details, undefined, type);
      expect(await push(token, [item])).toEqual([{ id: item.id, status: 'applied' }]);
      return { token, item };
    }

    const sample = { id: uuidv7(), staffId: 'st_sample' };
    const filled = (path: string) => path.replace(':id', sample.id).replace(':staffId', sample.staffId);

    describe('two listeners', () => {
      it('the prisoner-facing address has no staff routes at all: 404 for every staff path and method', async () => {
        const staffRoutes = routesOf(staffApp).filter((route) => route.path.startsWith('/api/staff/'));
        expect(staffRoutes.length).toBeGreaterThanOrEqual(15);
        const session = await asOmu();
        for (const route of staffRoutes) {
          for (const method of route.methods) {
            const response = await prisonerApp.inject({
              method: method as 'GET',
              url: filled(route.path),
              headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, origin, accept: 'text/html' },
              ...(method === 'POST' ? { payload: {} } : {}),
            });
            expect(response.statusCode, `${method} ${route.path}`).toBe(404);
            if (method !== 'HEAD') expect(response.json(), `${method} ${route.path}`).toMatchObject({ code: 'notFound' });
          }
        }
        // Nor under another version.
        expect((await prisonerApp.inject({ method: 'GET', url: '/api/staff/v2/applications' })).statusCode).toBe(404);
      });

      it('the staff address has no prisoner routes: no app, no sign-in, sync or delivery', async () => {
        const prisonerRoutes = routesOf(prisonerApp).filter((route) => route.path !== '/api/health' && route.path !== '/api/ready');
        expect(prisonerRoutes.map((route) => route.path)).toEqual(expect.arrayContaining(['/api/auth/sign-in', '/api/sync/pull', '/api/sync/push', '/api/delivery/push']));
        for (const route of prisonerRoutes) {
          for (const method of route.methods.filter((m) => m !== 'HEAD')) {
            const url = route.path.replace('*', 'sign-in');
            const response = await staffApp.inject({ method: method as 'GET', url, headers: { origin, accept: 'text/html' }, ...(method === 'POST' ? { payload: {} } : {}) });
            expect(response.statusCode, `${method} ${url}`).toBe(404);
          }
        }
        for (const url of ['/', '/index.html', '/sign-in', '/plan', '/config.json', '/sw.js']) {
          expect((await staffApp.inject({ method: 'GET', url, headers: { accept: 'text/html' } })).statusCode, url).toBe(404);
        }
      });

      it('sends the same security headers as the prisoner-facing address (with its own, stricter CSP), and never lets an answer be kept', async () => {
        const fromStaff = await get(null, '/api/staff/v1/session');
        const fromPrisoner = await prisonerApp.inject({ method: 'GET', url: '/api/sync/pull' });
        expect(fromStaff.headers['content-security-policy']).toContain("default-src 'none'");
        expect(fromStaff.headers['content-security-policy']).toContain("worker-src 'none'");
        expect(fromStaff.headers['content-security-policy']).not.toContain('wasm-unsafe-eval');
        for (const name of ['x-frame-options', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy']) {
          expect(fromStaff.headers[name], name).toBeDefined();
          expect(fromStaff.headers[name], name).toBe(fromPrisoner.headers[name]);
        }
        expect(fromStaff.headers['cache-control']).toBe('no-store');
        expect(fromStaff.headers['strict-transport-security']).toBeUndefined();
      });
    });

    describe('staff sign-in', () => {
      it('sets an HttpOnly, SameSite=Strict session cookie, not Secure over http, and says who signed in', async () => {
        const response = await signInRaw('OMU.North', passwords.omu);
        expect(response.statusCode, response.body).toBe(200);
        const cookie = String(response.headers['set-cookie']);
        expect(cookie).toMatch(/^spc-staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
        const info = StaffSessionInfo.parse(response.json());
        expect(info).toMatchObject({ member: { username: 'omu.north', role: 'omu', prisonId: 'NTH' }, prison: { name: 'HMP North' }, idleSeconds: 20 * 60, mustChangePassword: false });
        expect(info.expiresAt).toBe(new Date(start + 10 * 3600 * 1000).toISOString());
        expect(response.body).not.toContain('scrypt');
        // The cookie's token is not in the body; the CSRF token is not the cookie's token.
        expect(response.body).not.toContain(cookie.slice('spc-staff='.length, 'spc-staff='.length + 43));
        const trail = await store.staff.listAudit({ prisonId: 'NTH', staffId: info.member.staffId, limit: 5 });
        expect(trail?.entries.map((e) => e.action)).toEqual(['signIn']);
      });

      it('with an https staff origin: a Secure __Host- cookie, and HSTS', async () => {
        const secure = await staffServer({ staffOrigin: 'https://omu.example.gov.uk' });
        const response = await signInRaw('omu.north', passwords.omu, { server: secure, headers: { origin: 'https://omu.example.gov.uk' } });
        expect(response.statusCode, response.body).toBe(200);
        expect(String(response.headers['set-cookie'])).toMatch(/^__Host-spc-staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        // The plain-http cookie name means nothing there.
        const token = String(response.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
        expectError(await get({ cookie: `spc-staff=${token}`, csrf: '', info: StaffSessionInfo.parse(response.json()) }, '/api/staff/v1/session', secure), 401, 'staffSignInNeeded');
        expect((await get({ cookie: `__Host-spc-staff=${token}`, csrf: '', info: StaffSessionInfo.parse(response.json()) }, '/api/staff/v1/session', secure)).statusCode).toBe(200);
      });

      it('answers a wrong password and an unknown username the same way, sets no cookie, and audits both', async () => {
        const wrong = await signInRaw('omu.north', 'not the password at all');
        const unknown = await signInRaw('nobody.here', 'not the password at all');
        expect(expectError(wrong, 401, 'wrongSignIn')).toEqual(expectError(unknown, 401, 'wrongSignIn'));
        expect(wrong.headers['set-cookie']).toBeUndefined();
        const member = await store.staff.getAccountByUsername('omu.north');
        const trail = await store.staff.listAudit({ prisonId: 'NTH', staffId: member!.staffId, limit: 5 });
        expect(trail?.entries.map((e) => [e.action, e.details]), JSON.stringify(trail)).toEqual([['signInFailed', { during: 'signIn' }]]);
        const rows = await harness.countRows('audit_log');
        expect(rows).toBe(2);
      });

      it('after 5 wrong passwords makes the next try wait, with Retry-After, and then lets the right one in', async () => {
        for (let i = 0; i < 5; i++) expectError(await signInRaw('omu.north', `wrong password ${i}`), 401, 'wrongSignIn');
        const waiting = await signInRaw('omu.north', passwords.omu);
        expect(expectError(waiting, 429, 'tooManyTries').message).toContain('30 seconds');
        expect(waiting.headers['retry-after']).toBe('30');
        // From another address the owner is not held up.
        expect((await signInRaw('omu.north', passwords.omu, { remoteAddress: '10.5.0.2' })).statusCode).toBe(200);
        advance(30);
        expect((await signInRaw('omu.north', passwords.omu)).statusCode).toBe(200);
      });

      it('refuses a switched-off account even with the right password, in plain words', async () => {
        const member = await store.staff.getAccountByUsername('pom.north');
        const admin = await store.staff.getAccountByUsername('admin.north');
        await store.staff.setAccountDisabled({ staffId: member!.staffId, prisonId: 'NTH', disabled: true, actor: { staffId: admin!.staffId, prisonId: 'NTH', addressHash: 'a'.repeat(64), at: now().toISOString() } });
        expect(expectError(await signInRaw('pom.north', passwords.pom), 403, 'accountDisabled').message).toMatch(/administrator/);
      });

      it('ends a sign-in after 20 minutes with no request, and clears the cookie', async () => {
        const session = await asOmu();
        advance(19 * 60);
        expect((await get(session, '/api/staff/v1/session')).statusCode).toBe(200);
        advance(19 * 60);
        expect((await get(session, '/api/staff/v1/applications')).statusCode).toBe(200);
        advance(20 * 60 + 1);
        const ended = await get(session, '/api/staff/v1/session');
        expectError(ended, 401, 'staffSignInNeeded');
        expect(String(ended.headers['set-cookie'])).toMatch(/^spc-staff=; .*Max-Age=0$/);
      });

      it('signs out: the cookie is cleared, the sign-in ends, and it is audited', async () => {
        const session = await asOmu();
        const out = await post(session, '/api/staff/v1/sign-out');
        expect(out.statusCode).toBe(204);
        expect(String(out.headers['set-cookie'])).toMatch(/Max-Age=0/);
        expectError(await get(session, '/api/staff/v1/session'), 401, 'staffSignInNeeded');
        const trail = await store.staff.listAudit({ prisonId: 'NTH', staffId: session.info.member.staffId, limit: 5 });
        expect(trail?.entries.map((e) => e.action)).toEqual(['signOut', 'signIn']);
      });

      it('refuses a badly formed sign-in with a code, a plain message and the field', async () => {
        const short = expectError(await post(null, '/api/staff/v1/sign-in', { username: 'x', password: 'p' }), 400, 'invalid');
        expect(short.field).toBe('username');
        expectError(await post(null, '/api/staff/v1/sign-in', { username: 'omu.north' }), 400, 'invalid');
        expectError(await post(null, '/api/staff/v1/sign-in', { username: 'omu.north', password: 'x'.repeat(6000) }), 413, 'tooLarge');
        expectError(await post(null, '/api/staff/v1/sign-in', 'username=omu.north', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
      });
    });

    describe('CSRF and the Origin check', () => {
      it('refuses a change without this sign-in\'s CSRF token, and changes nothing', async () => {
        const { item } = await alexSends();
        const session = await asOmu();
        const other = await signIn('pom.north', passwords.pom);
        const url = `/api/staff/v1/applications/${item.id}/reply`;
        const reply = { text: 'Your POM will see you on Tuesday.' };
        expectError(await post(session, url, reply, { 'x-csrf-token': undefined }), 403, 'badCsrfToken');
        expectError(await post(session, url, reply, { 'x-csrf-token': 'x'.repeat(43) }), 403, 'badCsrfToken');
        expectError(await post(session, url, reply, { 'x-csrf-token': other.csrf }), 403, 'badCsrfToken');
        expectError(await post(session, url, reply, { 'x-csrf-token': session.csrf.slice(0, 20) }), 403, 'badCsrfToken');
        expect((await store.staff.getApplication(item.id, 'NTH'))?.messages).toEqual([]);
        expect((await post(session, url, reply)).statusCode).toBe(200);
      });

      it('refuses a change, and a sign-in, sent from another page or without an Origin', async () => {
        const { item } = await alexSends();
        const session = await asOmu();
        const url = `/api/staff/v1/applications/${item.id}/close`;
        for (const bad of ['https://evil.example', 'http://staff.test.evil.example', 'null', undefined]) {
          expectError(await post(session, url, {}, { origin: bad }), 403, 'badOrigin');
          expectError(await signInRaw('omu.north', passwords.omu, { headers: { origin: bad } }), 403, 'badOrigin');
        }
        expect((await store.staff.getApplication(item.id, 'NTH'))?.status).toBe('received');
      });

      it('needs no CSRF token to read, and gives the same one again from GET session', async () => {
        const session = await asOmu();
        const info = StaffSessionInfo.parse((await get(session, '/api/staff/v1/session')).json());
        expect(info.csrfToken).toBe(session.csrf);
      });

      it('by default takes only pages from the staff port on this machine', async () => {
        const local = await buildStaffServer({ store, now, staffPort: 8081, passwordHashParams: cheap, housekeeping: false });
        servers.push(local);
        for (const good of ['http://127.0.0.1:8081', 'http://localhost:8081']) {
          expect((await signInRaw('omu.north', passwords.omu, { server: local, headers: { origin: good } })).statusCode, good).toBe(200);
        }
        for (const bad of ['http://127.0.0.1:8080', 'http://127.0.0.1:8081.evil.example', origin]) {
          expectError(await signInRaw('omu.north', passwords.omu, { server: local, headers: { origin: bad } }), 403, 'badOrigin');
        }
      });
    });

    describe('a staff sign-in and a prisoner sign-in never stand in for each other', () => {
      it("a staff cookie's token is no prisoner token, on any prisoner endpoint", async () => {
        const session = await asOmu();
        const token = session.cookie.split('=')[1]!;
        for (const request of [
          { method: 'GET' as const, url: '/api/sync/pull' },
          { method: 'POST' as const, url: '/api/sync/push', payload: { schemaVersion: 1, items: [applicationItem()] } },
          { method: 'POST' as const, url: '/api/delivery/secret', payload: {} },
        ]) {
          const response = await prisonerApp.inject({ ...request, headers: { authorization: `Bearer ${token}`, cookie: session.cookie } });
          expect(response.statusCode, request.url).toBe(401);
        }
        expect(await store.listApplications(alex.personId)).toEqual([]);
      });

      it('a prisoner token is no staff sign-in, as a cookie or as a Bearer header', async () => {
        const token = await personToken(alex);
        for (const headers of [{ cookie: `spc-staff=${token}` }, { authorization: `Bearer ${token}` }, { cookie: `spc-staff=${token}`, authorization: `Bearer ${token}` }]) {
          expectError(await staffApp.inject({ method: 'GET', url: '/api/staff/v1/applications', headers }), 401, 'staffSignInNeeded');
          expectError(await staffApp.inject({ method: 'GET', url: '/api/staff/v1/session', headers }), 401, 'staffSignInNeeded');
        }
      });
    });

    describe('passwords and accounts', () => {
      it('changes the own password: checks the current one, refuses a short one, ends other sign-ins', async () => {
        const session = await asOmu();
        const elsewhere = await asOmu();
        const url = '/api/staff/v1/password';
        expect(expectError(await post(session, url, { currentPassword: 'not it at all', newPassword: 'a brand new password' }), 400, 'wrongCurrentPassword').field).toBe('currentPassword');
        expect(expectError(await post(session, url, { currentPassword: passwords.omu, newPassword: 'short' }), 400, 'invalid').field).toBe('newPassword');
        expect(expectError(await post(session, url, { currentPassword: passwords.omu, newPassword: passwords.omu }), 400, 'samePassword').field).toBe('newPassword');
        const changed = await post(session, url, { currentPassword: passwords.omu, newPassword: 'a brand new password' });
        expect(changed.statusCode, changed.body).toBe(204);
        expect((await get(session, '/api/staff/v1/session')).statusCode).toBe(200);
        expectError(await get(elsewhere, '/api/staff/v1/session'), 401);
        expectError(await signInRaw('omu.north', passwords.omu), 401, 'wrongSignIn');
        expect((await signInRaw('omu.north', 'a brand new password')).statusCode).toBe(200);
        const trail = await store.staff.listAudit({ prisonId: 'NTH', staffId: session.info.member.staffId, limit: 10 });
        expect(trail?.entries.map((e) => e.action)).toContain('changePassword');
      });

      it('lets an admin add an account, which must choose its own password before anything else', async () => {
        const admin = await signIn('admin.north', passwords.admin);
        const added = await post(admin, '/api/staff/v1/accounts', { username: 'New.Pom', displayName: 'New Pom', role: 'pom', password: 'first password given' });
        expect(added.statusCode, added.body).toBe(201);
        const account = StaffAccount.parse(added.json());
        expect(account).toMatchObject({ username: 'new.pom', role: 'pom', prisonId: 'NTH', mustChangePassword: true, disabledAt: null });
        expect(added.body).not.toContain('scrypt');
        expect(expectError(await post(admin, '/api/staff/v1/accounts', { username: 'new.pom', displayName: 'Again', role: 'pom', password: 'first password given' }), 409, 'usernameTaken').field).toBe('username');
        expect(StaffAccountList.parse((await get(admin, '/api/staff/v1/accounts')).json()).accounts.map((a) => a.username)).toEqual([
          'admin.north',
          'new.pom',
          'omu.north',
          'pom.north',
        ]);

        const member = await signIn('new.pom', 'first password given');
        expect(member.info.mustChangePassword).toBe(true);
        expectError(await get(member, '/api/staff/v1/applications'), 403, 'changePasswordFirst');
        expect((await post(member, '/api/staff/v1/password', { currentPassword: 'first password given', newPassword: 'my very own password' })).statusCode).toBe(204);
        expect((await get(member, '/api/staff/v1/applications')).statusCode).toBe(200);
      });

      it('lets an admin switch an account of their prison off (ending its sign-ins) and on; nobody else may', async () => {
        const admin = await signIn('admin.north', passwords.admin);
        const pom = await signIn('pom.north', passwords.pom);
        const south = await store.staff.getAccountByUsername('omu.south');
        for (const member of [pom, await asOmu()]) {
          expectError(await get(member, '/api/staff/v1/accounts'), 403, 'notAllowed');
          expectError(await post(member, `/api/staff/v1/accounts/${admin.info.member.staffId}/disable`), 403, 'notAllowed');
        }
        const off = await post(admin, `/api/staff/v1/accounts/${pom.info.member.staffId}/disable`);
        expect(StaffAccount.parse(off.json()).disabledAt).toBe(now().toISOString());
        expectError(await get(pom, '/api/staff/v1/session'), 401);
        expectError(await post(admin, `/api/staff/v1/accounts/${admin.info.member.staffId}/disable`), 409, 'cannotDisableSelf');
        expectError(await post(admin, `/api/staff/v1/accounts/${south!.staffId}/disable`), 404, 'notFound');
        expect(StaffAccount.parse((await post(admin, `/api/staff/v1/accounts/${pom.info.member.staffId}/enable`)).json()).disabledAt).toBeNull();
        expect((await signInRaw('pom.north', passwords.pom)).statusCode).toBe(200);
      });
    });

    describe('the inbox', () => {
      it('lists the prison\'s applications oldest first with the person\'s name and prison number; opening one is audited', async () => {
        const { item } = await alexSends();
        advance(60);
        const boToken = await personToken(bo);
        const second = applicationItem('Can I have a copy of my OASys?', undefined, 'copyOfOasys');
        await push(boToken, [second]);
        await push(await personToken(cy), [applicationItem('South side')]);

        const session = await asOmu();
        const page = StaffApplicationPage.parse((await get(session, '/api/staff/v1/applications')).json());
        expect(page.items.map((a) => [a.id, a.person.prisonNumber, a.person.displayName, a.status])).toEqual([
          [item.id, 'A1234BC', 'Alex', 'received'],
          [second.id, 'B2345CD', 'Bo', 'received'],
        ]);
        const paged = StaffApplicationPage.parse((await get(session, '/api/staff/v1/applications?limit=1')).json());
        expect(paged.items.map((a) => a.id)).toEqual([item.id]);
        const rest = StaffApplicationPage.parse((await get(session, `/api/staff/v1/applications?limit=1&after=${paged.next}`)).json());
        expect(rest).toEqual({ items: [expect.objectContaining({ id: second.id })], next: null });
        expect(StaffApplicationPage.parse((await get(session, '/api/staff/v1/applications?type=copyOfOasys,other')).json()).items.map((a) => a.id)).toEqual([second.id]);
        expect(StaffApplicationPage.parse((await get(session, '/api/staff/v1/applications?status=answered')).json()).items).toEqual([]);
        // Alex's is three days old now; Bo's, sent a minute later, not quite.
        advance(3 * 24 * 3600 - 30);
        const later = await asOmu();
        expect(StaffApplicationPage.parse((await get(later, '/api/staff/v1/applications?olderThanDays=3')).json()).items.map((a) => a.id)).toEqual([item.id]);

        const opened = StaffApplicationDetail.parse((await get(later, `/api/staff/v1/applications/${item.id}`)).json());
        expect(opened).toMatchObject({ id: item.id, details: item.payload.details, person: { personId: alex.personId, prisonNumber: 'A1234BC' }, messages: [] });
        const trail = AuditPage.parse((await get(later, `/api/staff/v1/audit?personId=${alex.personId}`)).json());
        expect(trail.entries.map((e) => [e.action, e.entityId, e.staffId])).toEqual([['viewApplication', item.id, later.info.member.staffId]]);
      });

      it('a reply reaches the device at its next pull, in place of the earlier status, with the whole thread', async () => {
        const { token, item } = await alexSends();
        expect((await pullReplies(token)).map((r) => r.status)).toEqual(['received']);
        const session = await asOmu();
        expect((await post(session, `/api/staff/v1/applications/${item.id}/status`, { status: 'beingLookedAt' })).statusCode).toBe(200);
        const holding = await post(session, `/api/staff/v1/applications/${item.id}/reply`, { text: 'We are looking into it.', status: 'beingLookedAt' });
        expect(StaffApplicationDetail.parse(holding.json())).toMatchObject({ status: 'beingLookedAt', messageCount: 1 });
        const answered = StaffApplicationDetail.parse((await post(session, `/api/staff/v1/applications/${item.id}/reply`, { text: '  Your POM will see you on Tuesday.  ' })).json());
        expect(answered).toMatchObject({ status: 'answered', messages: [{ text: 'We are looking into it.' }, { text: 'Your POM will see you on Tuesday.' }] });
        const replies = await pullReplies(token);
        expect(replies).toEqual([
          { applicationId: item.id, personId: alex.personId, status: 'answered', messages: answered.messages, updatedAt: answered.updatedAt },
        ]);
      });

      it('declines with a reason from the fixed list and words, and closes; unknown reasons and statuses are refused', async () => {
        const { token, item } = await alexSends();
        const session = await asOmu();
        const url = (action: string) => `/api/staff/v1/applications/${item.id}/${action}`;
        expect(expectError(await post(session, url('decline'), { reason: 'because', text: 'No.' }), 400, 'invalid').field).toBe('reason');
        expect(expectError(await post(session, url('decline'), { reason: 'notForOmu' }), 400, 'invalid').field).toBe('text');
        expect(expectError(await post(session, url('status'), { status: 'answered' }), 400, 'invalid').field).toBe('status');
        expect(expectError(await post(session, url('reply'), { text: '   ' }), 400, 'invalid').field).toBe('text');
        expect(expectError(await post(session, url('reply'), { text: 'x'.repeat(2001) }), 400, 'invalid').message).toMatch(/too long/);
        expect(expectError(await post(session, url('reply'), { text: 'Pasted\u0000in' }), 400, 'invalid').message).toMatch(/hidden character/);
        const declined = StaffApplicationDetail.parse((await post(session, url('decline'), { reason: 'notForOmu', text: 'Please ask healthcare about this.' })).json());
        expect(declined).toMatchObject({ status: 'declined', declineReason: 'notForOmu' });
        expect((await pullReplies(token))[0]).toMatchObject({ status: 'declined', declineReason: 'notForOmu' });
        expect(StaffApplicationDetail.parse((await post(session, url('close'))).json())).toMatchObject({ status: 'closed', declineReason: null });
        expect(await pullReplies(token)).toHaveLength(1);
      });

      it('one open application per type: the second is refused at push, and taken once the first is answered; reopening is refused while another is open', async () => {
        const { token, item } = await alexSends('First', 'askAboutCourse');
        const second = applicationItem('Second', undefined, 'askAboutCourse');
        const [refused] = await push(token, [second]);
        expect(refused).toMatchObject({ id: second.id, status: 'rejected', code: 'alreadyOpen', message: expect.stringMatching(/already have an application of this kind/) });
        // The person's resend of the first is still a duplicate.
        expect(await push(token, [item])).toEqual([{ id: item.id, status: 'duplicate' }]);
        const session = await asOmu();
        await post(session, `/api/staff/v1/applications/${item.id}/reply`, { text: 'The course starts in May.' });
        expect(await push(token, [second])).toEqual([{ id: second.id, status: 'applied' }]);
        expectError(await post(session, `/api/staff/v1/applications/${item.id}/status`, { status: 'beingLookedAt' }), 409, 'alreadyOpen');
      });

      it('prison B sees nothing of prison A: not in lists, not by id, not in the audit trail', async () => {
        const { item } = await alexSends();
        const token = await personToken(alex);
        await push(token, [questionnaireItem()]);
        const south = await signIn('omu.south', passwords.south);
        expect(StaffApplicationPage.parse((await get(south, '/api/staff/v1/applications')).json()).items).toEqual([]);
        expect(StaffQuestionnairePage.parse((await get(south, '/api/staff/v1/questionnaires?state=all')).json()).items).toEqual([]);
        expectError(await get(south, `/api/staff/v1/applications/${item.id}`), 404, 'notFound');
        for (const action of ['status', 'reply', 'decline', 'close']) {
          const body = { status: 'beingLookedAt', text: 'Not mine.', reason: 'notForOmu' };
          expectError(await post(south, `/api/staff/v1/applications/${item.id}/${action}`, body), 404, 'notFound');
        }
        const questionnaire = (await store.listQuestionnaires(alex.personId))[0]!;
        expectError(await get(south, `/api/staff/v1/questionnaires/${questionnaire.id}`), 404, 'notFound');
        expect(expectError(await get(south, '/api/staff/v1/applications?prison=NTH'), 403, 'otherPrison').field).toBe('prison');
        expectError(await get(south, `/api/staff/v1/audit?personId=${alex.personId}`), 404, 'notFound');
        const northOmu = await store.staff.getAccountByUsername('omu.north');
        expectError(await get(south, `/api/staff/v1/audit?staffId=${northOmu!.staffId}`), 404, 'notFound');
        expect((await store.staff.getApplication(item.id, 'NTH'))?.status).toBe('received');
      });

      it('lists and opens questionnaires, the newest current and the older replaced', async () => {
        const token = await personToken(alex);
        const older = questionnaireItem();
        const newer = { ...questionnaireItem(), createdAt: '2026-03-02T09:00:00.000Z' };
        newer.payload = { ...newer.payload, createdAt: '2026-03-02T09:00:00.000Z' };
        await push(token, [older, newer]);
        const session = await asOmu();
        const current = StaffQuestionnairePage.parse((await get(session, '/api/staff/v1/questionnaires')).json());
        expect(current.items.map((q) => [q.id, q.replacedBy])).toEqual([[newer.id, null]]);
        const replaced = StaffQuestionnairePage.parse((await get(session, '/api/staff/v1/questionnaires?state=replaced')).json());
        expect(replaced.items.map((q) => [q.id, q.replacedBy])).toEqual([[older.id, newer.id]]);
        const opened = StaffQuestionnaireDetail.parse((await get(session, `/api/staff/v1/questionnaires/${newer.id}`)).json());
        expect(opened).toMatchObject({ answers: newer.payload.answers, person: { prisonNumber: 'A1234BC', displayName: 'Alex' } });
        expect(AuditPage.parse((await get(session, `/api/staff/v1/audit?personId=${alex.personId}`)).json()).entries.map((e) => e.action)).toEqual(['viewQuestionnaire']);
      });

      it('shows the audit trail per person and per member of staff to the OMU and admins, not to a POM', async () => {
        const { item } = await alexSends();
        const pom = await signIn('pom.north', passwords.pom);
        await post(pom, `/api/staff/v1/applications/${item.id}/reply`, { text: 'Yes, on Tuesday.' });
        expectError(await get(pom, `/api/staff/v1/audit?personId=${alex.personId}`), 403, 'notAllowed');
        const admin = await signIn('admin.north', passwords.admin);
        const byPerson = AuditPage.parse((await get(admin, `/api/staff/v1/audit?personId=${alex.personId}`)).json());
        expect(byPerson.entries.map((e) => [e.action, e.staffId, e.details, e.by])).toEqual([['reply', pom.info.member.staffId, { status: 'answered' }, pom.info.member.displayName]]);
        expect(byPerson.subject).toBe(alex.displayName);
        const byStaff = AuditPage.parse((await get(admin, `/api/staff/v1/audit?staffId=${pom.info.member.staffId}`)).json());
        expect(byStaff.entries.map((e) => e.action)).toEqual(['reply', 'signIn']);
        expect(byStaff.subject).toBe(pom.info.member.displayName);
        expect(byStaff.entries.every((e) => /^[0-9a-f]{64}$/.test(e.addressHash))).toBe(true);
        expect(expectError(await get(admin, `/api/staff/v1/audit?personId=${alex.personId}&staffId=${pom.info.member.staffId}`), 400, 'invalid').message).toMatch(/one person/);
        expectError(await get(admin, '/api/staff/v1/audit'), 400, 'invalid');
      });
    });

    describe('bad input', () => {
      it('refuses a hidden character in anything staff write, in plain words, and stores nothing', async () => {
        const admin = await signIn('admin.north', passwords.admin);
        for (const displayName of ['New\u0000Pom', 'Escape \u001b[2J', 'Half \uD83D']) {
          const refused = await post(admin, '/api/staff/v1/accounts', { username: 'new.pom', displayName, role: 'pom', password: 'first password given' });
          expect(expectError(refused, 400, 'invalid')).toMatchObject({ field: 'displayName', message: expect.stringMatching(/hidden character/) });
        }
        expect((await store.staff.listAccounts('NTH')).map((a) => a.username)).not.toContain('new.pom');
      });

      it('answers unknown types, wrong versions and oversized bodies with a code, never a 500', async () => {
        const { item } = await alexSends();
        const session = await asOmu();
        expect(expectError(await get(session, '/api/staff/v1/applications?type=parole'), 400, 'invalid').field).toBe('type');
        expect(expectError(await get(session, '/api/staff/v1/applications?status=lost'), 400, 'invalid').field).toBe('status');
        expect(expectError(await get(session, '/api/staff/v1/applications?limit=1000'), 400, 'invalid').field).toBe('limit');
        expect(expectError(await get(session, '/api/staff/v1/applications?after=bm90LWEtbWFya2Vy'), 400, 'invalid').field).toBe('after');
        expectError(await get(session, '/api/staff/v1/applications/not-an-id'), 404, 'notFound');
        expectError(await get(session, `/api/staff/v1/applications/${uuidv7()}`), 404, 'notFound');
        for (const version of ['v0', 'v2', 'v99']) {
          expectError(await get(session, `/api/staff/${version}/applications`), 404, 'unsupportedVersion');
          expectError(await post(session, `/api/staff/${version}/applications/${item.id}/reply`, { text: 'Hello' }), 404, 'unsupportedVersion');
        }
        expectError(await post(session, `/api/staff/v1/applications/${item.id}/reply`, { text: 'x'.repeat(40 * 1024) }), 413, 'tooLarge');
        expectError(await post(session, `/api/staff/v1/applications/${item.id}/reply`, '{"text": "unfinished', { 'content-type': 'application/json' }), 400, 'badRequest');
        const wrongMethod = await staffApp.inject({ method: 'DELETE', url: `/api/staff/v1/applications/${item.id}`, headers: { cookie: session.cookie, origin, 'x-csrf-token': session.csrf } });
        expectError(wrongMethod, 405, 'methodNotAllowed');
        expect(wrongMethod.headers.allow).toBe('GET, HEAD');
        expect((await store.staff.getApplication(item.id, 'NTH'))?.messages).toEqual([]);
      });
    });
  });
}

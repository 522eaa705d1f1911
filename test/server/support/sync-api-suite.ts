/**
 * Sign-in, pull and push over HTTP, run against every engine, with a clock the tests move by hand.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RefreshResponse, SignInResponse } from '../../../src/domain/auth.ts';
import { questionnaireLimits, questionsOf } from '../../../src/domain/questionnaire.ts';
import { saq1 } from '../../../src/domain/questionnaire-sets.ts';
import { acceptedSchemaVersions, ApiError, currentSchemaVersion, maxPushBatch, maxPushBodyBytes, PullResponse, PushResponse } from '../../../src/domain/sync.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import { applicationItem, applicationOfType, everyApplicationType, questionnaireItem, saq1Answers } from './outbox.ts';
import { samplePlan } from './plans.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const json = { 'content-type': 'application/json' };
const pins = { alex: '482913', bo: '735102' };
const start = Date.parse('2026-03-01T10:00:00.000Z');

type Person = { personId: string; prisonNumber: string; pin: string; displayName: string };

export function describeSyncApi(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`sign-in and sync over HTTP: ${engine}`, () => {
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let harness: StoreHarness;
    let store: Store;
    let app: FastifyInstance;
    let clockMs = start;
    let alex: Person;
    let bo: Person;
    let alexHash = '';
    let boHash = '';
    const servers: FastifyInstance[] = [];
    const stores: Store[] = [];

    const advance = (seconds: number) => {
      clockMs += seconds * 1000;
    };

    async function serve(onStore: Store): Promise<FastifyInstance> {
      const server = await buildServer({ store: onStore, distDir, deviceMode: 'tablet', now: () => new Date(clockMs) });
      servers.push(server);
      await server.ready();
      return server;
    }

    async function open(): Promise<Store> {
      const opened = await harness.open();
      stores.push(opened);
      return opened;
    }

    beforeAll(async () => {
      const dist = await makeFixtureDist();
      distDir = dist.dir;
      removeDist = dist.remove;
      // Cheap hashes keep the tests quick; the service's own parameters are tested in pin-hash.test.ts.
      alexHash = await hashPin(pins.alex, { N: 1024, r: 8, p: 1 });
      boHash = await hashPin(pins.bo, { N: 1024, r: 8, p: 1 });
    });

    beforeEach(async () => {
      clockMs = start;
      harness = await makeHarness();
      store = await open();
      alex = { personId: newOpaqueId('p'), prisonNumber: 'A1234BC', pin: pins.alex, displayName: 'Alex' };
      bo = { personId: newOpaqueId('p'), prisonNumber: 'B2345CD', pin: pins.bo, displayName: 'Bo' };
      await store.insertPerson({ ...alex, pinHash: alexHash });
      await store.insertPerson({ ...bo, pinHash: boHash });
      await store.putPlan(samplePlan(alex.personId));
      await store.putPlan(samplePlan(bo.personId, { id: 'plan_of_bo' }));
      app = await serve(store);
    });

    afterEach(async () => {
      for (const server of servers.splice(0)) await server.close();
      for (const each of stores.splice(0)) await each.close().catch(() => undefined);
      await harness.dispose();
    });

    afterAll(async () => {
      await removeDist();
    });

    function expectApiError(response: LightMyRequestResponse, status: number, code?: string): ApiError {
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = ApiError.parse(response.json());
      if (code) expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(10);
      return body;
    }

    function signInRaw(prisonNumber: string, pin: string, remoteAddress = '10.1.1.1', server = app) {
      return server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber, pin }, remoteAddress });
    }

    async function signIn(person: Person, server = app): Promise<SignInResponse> {
      const response = await signInRaw(person.prisonNumber, person.pin, '10.1.1.1', server);
      expect(response.statusCode, response.body).toBe(200);
      return SignInResponse.parse(response.json());
    }

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    function pull(token: string, query = '', server = app) {
      return server.inject({ method: 'GET', url: `/api/sync/pull${query}`, headers: bearer(token) });
    }

    function push(token: string, items: unknown[], server = app, schemaVersion: unknown = currentSchemaVersion) {
      return server.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(token), payload: { schemaVersion, items } });
    }

    describe('sign-in', () => {
      it('gives tokens and the person, never the PIN hash', async () => {
        const response = await signInRaw(' a1234bc ', pins.alex);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        const body = SignInResponse.parse(response.json());
        expect(body.person).toEqual({ personId: alex.personId, displayName: 'Alex' });
        expect(body.expiresIn).toBe(15 * 60);
        expect(body.refreshExpiresIn).toBe(12 * 60 * 60);
        expect(body.accessToken).not.toBe(body.refreshToken);
        expect(response.body).not.toContain('scrypt');
        expect(response.body).not.toContain('A1234BC');
      });

      it('answers a wrong PIN and an unknown prison number the same way', async () => {
        const wrong = await signInRaw(alex.prisonNumber, '000000');
        const unknown = await signInRaw('Z9999ZZ', '000000');
        expect(expectApiError(wrong, 401, 'wrongSignIn')).toEqual(expectApiError(unknown, 401, 'wrongSignIn'));
        expect(wrong.json().message).toMatch(/forgotten your PIN, ask a member of staff/);
        expect(wrong.headers['www-authenticate']).toBe('Bearer');
      });

      it('refuses a badly formed prison number or PIN with 400 and a plain message', async () => {
        expect(expectApiError(await signInRaw('A123BC', pins.alex), 400, 'invalidPrisonNumber').message).toContain('A1234BC');
        expectApiError(await signInRaw('12345678', pins.alex), 400, 'invalidPrisonNumber');
        expectApiError(await signInRaw(alex.prisonNumber, '12345'), 400, 'invalidPin');
        expectApiError(await signInRaw(alex.prisonNumber, '12ab56'), 400, 'invalidPin');
        expectApiError(await signInRaw(alex.prisonNumber, '1'.repeat(13)), 400, 'invalidPin');
      });

      it('refuses wrong types, malformed JSON, no body and an oversized body with a 4xx, never a 500', async () => {
        const cases = [
          { payload: { prisonNumber: alex.prisonNumber, pin: 482913 }, status: 400 },
          { payload: { prisonNumber: ['A1234BC'], pin: pins.alex }, status: 400 },
          { payload: [alex.prisonNumber, pins.alex], status: 400 },
          { payload: '{"prisonNumber": "A1234BC", "pin":', status: 400, headers: json },
          { payload: '', status: 400, headers: json },
          { payload: 'null', status: 400, headers: json },
          { payload: 'prisonNumber=A1234BC&pin=482913', status: 415, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          { payload: { prisonNumber: alex.prisonNumber, pin: pins.alex, padding: 'x'.repeat(5000) }, status: 413 },
        ];
        for (const { payload, status, headers } of cases) {
          const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload, ...(headers ? { headers } : {}) });
          expectApiError(response, status);
        }
      });

      // The brute-force limits (per person and device, address cap, whole-account limit) are in sign-in-api-suite.ts.
      it('never counts right PINs against a shared address (a wing kiosk)', async () => {
        for (let i = 0; i < 12; i++) expect((await signInRaw(i % 2 ? bo.prisonNumber : alex.prisonNumber, i % 2 ? bo.pin : alex.pin)).statusCode).toBe(200);
      });
    });

    describe('tokens', () => {
      it('refuses pull and push with no token, a made-up token, or a malformed header (401)', async () => {
        const headers = [{}, bearer('x'.repeat(43)), { authorization: 'Basic abc' }, { authorization: 'Bearer' }];
        for (const each of headers) {
          for (const request of [
            { method: 'GET' as const, url: '/api/sync/pull' },
            { method: 'POST' as const, url: '/api/sync/push', payload: { schemaVersion: 1, items: [applicationItem()] } },
          ]) {
            const response = await app.inject({ ...request, headers: each });
            expectApiError(response, 401, 'signInNeeded');
            expect(response.headers['www-authenticate']).toBe('Bearer');
          }
        }
      });

      it('stops an access token after 15 minutes; refresh gives a new pair', async () => {
        const session = await signIn(alex);
        advance(15 * 60 - 1);
        expect((await pull(session.accessToken)).statusCode).toBe(200);
        advance(1);
        expectApiError(await pull(session.accessToken), 401, 'signInNeeded');

        const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } });
        expect(refreshed.statusCode).toBe(200);
        expect(refreshed.headers['cache-control']).toBe('no-store');
        const pair = RefreshResponse.parse(refreshed.json());
        expect(pair.person).toEqual(session.person);
        expect(pair.expiresIn).toBe(15 * 60);
        expect(pair.refreshExpiresIn).toBe(12 * 60 * 60 - 15 * 60);
        expect((await pull(pair.accessToken)).statusCode).toBe(200);
      });

      it('ends the whole sign-in when a used refresh token comes back', async () => {
        const session = await signIn(alex);
        const refresh = (token: string) => app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: token } });
        const pair = RefreshResponse.parse((await refresh(session.refreshToken)).json());
        expectApiError(await refresh(session.refreshToken), 401, 'signInNeeded');
        expectApiError(await pull(pair.accessToken), 401);
        expectApiError(await refresh(pair.refreshToken), 401);
      });

      it('ends a sign-in after 12 hours, however often it is refreshed', async () => {
        let session: SignInResponse = await signIn(alex);
        let refreshes = 0;
        for (;;) {
          advance(14 * 60);
          const response = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } });
          if (clockMs - start >= 12 * 3600 * 1000) {
            expectApiError(response, 401, 'signInNeeded');
            break;
          }
          expect(response.statusCode).toBe(200);
          session = RefreshResponse.parse(response.json());
          expect(session.refreshExpiresIn).toBe(12 * 3600 - (clockMs - start) / 1000);
          expect(session.expiresIn).toBeLessThanOrEqual(15 * 60);
          refreshes++;
        }
        expect(refreshes).toBe(51);
        expectApiError(await pull(session.accessToken), 401, 'signInNeeded');
      });

      it('refuses a malformed refresh body with 400, and an unknown token with 401', async () => {
        for (const payload of [{}, { refreshToken: 42 }, { refreshToken: 'short' }]) {
          expectApiError(await app.inject({ method: 'POST', url: '/api/auth/refresh', payload }), 400, 'invalid');
        }
        expectApiError(await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: 'y'.repeat(43) } }), 401, 'signInNeeded');
      });

      it('signs out with the access token: both tokens stop working', async () => {
        const session = await signIn(alex);
        const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: bearer(session.accessToken) });
        expect(out.statusCode).toBe(204);
        expect(out.headers['cache-control']).toBe('no-store');
        expectApiError(await pull(session.accessToken), 401);
        expectApiError(await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } }), 401);
        // Again: still fine.
        expect((await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: bearer(session.accessToken) })).statusCode).toBe(204);
      });

      it('signs out with only the refresh token (the access token had expired)', async () => {
        const session = await signIn(alex);
        advance(20 * 60);
        const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', payload: { refreshToken: session.refreshToken } });
        expect(out.statusCode).toBe(204);
        expectApiError(await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } }), 401);
      });

      it('refuses a sign-out with nothing to sign out (401) or a bad body (400)', async () => {
        expectApiError(await app.inject({ method: 'POST', url: '/api/auth/sign-out' }), 401, 'signInNeeded');
        expectApiError(await app.inject({ method: 'POST', url: '/api/auth/sign-out', payload: { refreshToken: 7 } }), 400);
      });
    });

    describe('pull', () => {
      it("sends the person's own plan, without anything marked not shareable", async () => {
        const session = await signIn(alex);
        const response = await pull(session.accessToken);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        const body = PullResponse.parse(response.json());
        expect(body.schemaVersion).toBe(currentSchemaVersion);
        expect(body.hasMore).toBe(false);
        expect(body.changes).toHaveLength(1);
        const plan = body.changes[0]!;
        expect(plan.entity === 'plan' && plan.data.personId).toBe(alex.personId);
        expect(response.body).not.toContain('Hidden');
        expect(response.body).not.toContain('shareable');
        expect(response.body).not.toContain('review-2');
        // Nothing new since: the cursor stays.
        const again = PullResponse.parse((await pull(session.accessToken, `?cursor=${body.cursor}`)).json());
        expect(again).toEqual({ schemaVersion: currentSchemaVersion, cursor: body.cursor, changes: [], hasMore: false });
      });

      it('pages with a growing cursor, and caps the page size', async () => {
        const session = await signIn(alex);
        for (let i = 0; i < 3; i++) await push(session.accessToken, [applicationOfType(i, `Application ${i}`)]);
        const cursors: string[] = [];
        let cursor = '0';
        for (;;) {
          const page = PullResponse.parse((await pull(session.accessToken, `?cursor=${cursor}&limit=1`)).json());
          expect(page.changes).toHaveLength(1);
          cursors.push(page.cursor);
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        expect(cursors).toHaveLength(4);
        expect(cursors.map(Number)).toEqual([...cursors.map(Number)].sort((a, b) => a - b));
        const big = PullResponse.parse((await pull(session.accessToken, '?limit=100000')).json());
        expect(big.changes).toHaveLength(4);
      });

      it('never sends an objective staff hid later to a new device, and moves a device part way through to the newest plan', async () => {
        const secret = 'Talk to your family about the visit';
        const base = samplePlan(alex.personId, { updatedAt: '2026-03-01T11:00:00.000Z' });
        const objective = { ...base.objectives[0]!, id: 'objective-family', priority: 9, title: secret, steps: [] };
        const withFamily = (shareable: boolean, updatedAt: string) => ({ ...base, updatedAt, objectives: [...base.objectives, { ...objective, shareable }] });

        const old = await signIn(alex);
        const beforeShare = PullResponse.parse((await pull(old.accessToken)).json()).cursor;
        await store.putPlan(withFamily(true, '2026-03-01T11:00:00.000Z'));
        // The old device pulls while the objective is shared, then staff hide it.
        const shared = PullResponse.parse((await pull(old.accessToken, `?cursor=${beforeShare}`)).json());
        expect(JSON.stringify(shared)).toContain(secret);
        await store.putPlan(withFamily(false, '2026-03-01T12:00:00.000Z'));

        // A new device, from 0, one change per page: never the hidden words, on any page.
        const fresh = await signIn(alex);
        const plans: unknown[] = [];
        let cursor = '0';
        for (let pages = 0; ; pages++) {
          const response = await pull(fresh.accessToken, `?cursor=${cursor}&limit=1`);
          expect(response.body).not.toContain(secret);
          expect(response.body).not.toContain('objective-family');
          const page = PullResponse.parse(response.json());
          plans.push(...page.changes.filter((c) => c.entity === 'plan').map((c) => c.data.updatedAt));
          expect(Number(page.cursor)).toBeGreaterThanOrEqual(Number(cursor));
          cursor = page.cursor;
          if (!page.hasMore) break;
          expect(pages).toBeLessThan(10);
        }
        expect(plans).toEqual(['2026-03-01T12:00:00.000Z']);

        // The old device, part way through, gets the newest plan next.
        const next = PullResponse.parse((await pull(old.accessToken, `?cursor=${shared.cursor}`)).json());
        expect(next.changes.map((c) => c.entity === 'plan' && c.data.updatedAt)).toEqual(['2026-03-01T12:00:00.000Z']);
        expect(JSON.stringify(next)).not.toContain(secret);
        expect(Number(next.cursor)).toBeGreaterThan(Number(shared.cursor));
      });

      it('refuses a bad cursor, limit or schema version with 400', async () => {
        const session = await signIn(alex);
        for (const query of ['?cursor=-1', '?cursor=abc', '?cursor=1&cursor=2', '?limit=0', '?limit=ten', '?cursor=123456789012345678901', '?cursor=99999999999999999999']) {
          expectApiError(await pull(session.accessToken, query), 400, 'invalid');
        }
        expectApiError(await pull(session.accessToken, '?schemaVersion=99'), 400, 'unsupportedVersion');
        for (const version of acceptedSchemaVersions) expect((await pull(session.accessToken, `?schemaVersion=${version}`)).statusCode).toBe(200);
      });
    });

    describe('push', () => {
      it('applies items and answers per item inside a 200', async () => {
        const session = await signIn(alex);
        const items = [applicationItem(), questionnaireItem()];
        const response = await push(session.accessToken, items);
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(PushResponse.parse(response.json())).toEqual({
          schemaVersion: currentSchemaVersion,
          results: items.map((item) => ({ id: item.id, status: 'applied' })),
        });
        expect(await store.listApplications(alex.personId)).toEqual([items[0]!.payload]);
        expect(await store.listQuestionnaires(alex.personId)).toEqual([items[1]!.payload]);
      });

      it('answers duplicate when the answer was lost and the batch comes again: exactly one effect', async () => {
        const session = await signIn(alex);
        const items = [applicationItem(), questionnaireItem()];
        await push(session.accessToken, items);
        const resend = PushResponse.parse((await push(session.accessToken, items)).json());
        expect(resend.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
        expect(await store.listApplications(alex.personId)).toHaveLength(1);
        expect(await store.listQuestionnaires(alex.personId)).toHaveLength(1);
        const pulled = PullResponse.parse((await pull(session.accessToken)).json());
        expect(pulled.changes.filter((c) => c.entity === 'applicationReply')).toHaveLength(1);
      });

      it('answers conflict, not duplicate, when an id comes back with different content', async () => {
        const session = await signIn(alex);
        const item = applicationItem('I want to see my POM.');
        await push(session.accessToken, [item]);
        const changed = { ...item, payload: { ...item.payload, details: 'I want to see the doctor.' } };
        const [result] = PushResponse.parse((await push(session.accessToken, [changed])).json()).results;
        expect(result).toMatchObject({ id: item.id, status: 'rejected', code: 'conflict', message: expect.stringMatching(/different/) });
        expect((await store.listApplications(alex.personId)).map((a) => a.details)).toEqual(['I want to see my POM.']);
        // In one batch too: the second send of an id with other words is not a resend.
        const fresh = applicationOfType(1, 'First words.');
        const twice = PushResponse.parse(
          (await push(session.accessToken, [fresh, { ...fresh, payload: { ...fresh.payload, details: 'Other words.' } }])).json(),
        );
        expect(twice.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
        expect(twice.results[1]).toMatchObject({ code: 'conflict' });
      });

      it('answers duplicate for a resend with its keys in another order, or its id in capitals: one application', async () => {
        const session = await signIn(alex);
        const item = questionnaireItem();
        await push(session.accessToken, [item]);
        const reordered = {
          payload: {
            createdAt: item.payload.createdAt,
            answers: Object.fromEntries(Object.entries(item.payload.answers).reverse()),
            completedOn: item.payload.completedOn,
            questionSet: item.payload.questionSet,
            id: item.payload.id,
          },
          createdAt: item.createdAt,
          kind: item.kind,
          id: item.id,
        };
        expect(PushResponse.parse((await push(session.accessToken, [reordered])).json()).results[0]).toEqual({ id: item.id, status: 'duplicate' });

        const application = applicationItem('Please can I see my POM.');
        await push(session.accessToken, [application]);
        const shouted = { ...application, id: application.id.toUpperCase(), payload: { ...application.payload, id: application.payload.id.toUpperCase() } };
        const [again] = PushResponse.parse((await push(session.accessToken, [shouted])).json()).results;
        expect(again).toEqual({ id: application.id, status: 'duplicate' });
        expect(await store.listApplications(alex.personId)).toHaveLength(1);
        expect(await store.listQuestionnaires(alex.personId)).toHaveLength(1);
        // A first send in capitals is stored in lower case, so the usual resend is a duplicate too.
        const first = applicationOfType(1, 'Sent in capitals first.');
        const upper = { ...first, id: first.id.toUpperCase(), payload: { ...first.payload, id: first.payload.id.toUpperCase() } };
        expect(PushResponse.parse((await push(session.accessToken, [upper])).json()).results[0]).toEqual({ id: first.id, status: 'applied' });
        expect(PushResponse.parse((await push(session.accessToken, [first])).json()).results[0]).toEqual({ id: first.id, status: 'duplicate' });
        expect(await store.listApplications(alex.personId)).toHaveLength(2);
      });

      it('has exactly one effect when two resends of one id arrive at once', async () => {
        const session = await signIn(alex);
        const item = applicationItem();
        const responses = await Promise.all([push(session.accessToken, [item]), push(session.accessToken, [item])]);
        const statuses = responses.map((r) => PushResponse.parse(r.json()).results[0]!.status).sort();
        expect(statuses).toEqual(['applied', 'duplicate']);
        expect(await store.listApplications(alex.personId)).toHaveLength(1);
      });

      it('rejects one bad item with a code and a plain message, and applies the rest', async () => {
        const session = await signIn(alex);
        const good1 = applicationItem('First');
        const tooLong = applicationOfType(1, 'x'.repeat(501));
        const undated = questionnaireItem();
        const wrongKind = { ...applicationItem(), kind: 'letter' };
        const good2 = questionnaireItem();
        const body = PushResponse.parse(
          (
            await push(session.accessToken, [
              good1,
              tooLong,
              { ...undated, payload: { ...undated.payload, completedOn: undefined } },
              wrongKind,
              good2,
            ])
          ).json(),
        );
        expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied']);
        expect(body.results.map((r) => r.id)).toEqual([good1.id, tooLong.id, undated.id, wrongKind.id, good2.id]);
        const [, long, noDate, kind] = body.results;
        expect(long).toMatchObject({ code: 'invalid', message: expect.stringContaining('too long') });
        expect(noDate).toMatchObject({ code: 'invalid', message: expect.stringContaining('date') });
        expect(kind).toMatchObject({ code: 'invalid' });
        expect(await store.listApplications(alex.personId)).toHaveLength(1);
        expect(await store.listQuestionnaires(alex.personId)).toHaveLength(1);
        // Fixed and sent again: applied.
        const fixed = { ...tooLong, payload: { ...tooLong.payload, details: 'Shorter now.' } };
        expect(PushResponse.parse((await push(session.accessToken, [fixed])).json()).results[0]!.status).toBe('applied');
      });

      it('rejects an unknown application type, an unknown question set, missing answers and a field not for its type, each with a code and plain words', async () => {
        const session = await signIn(alex);
        const app = applicationItem('A real question.');
        const unknownType = applicationItem('What type is this?');
        const otherVersion = questionnaireItem();
        const missing = questionnaireItem();
        const wrongField = applicationItem('Which copy?');
        const wrongOption = applicationItem('Which copy, again?');
        const response = await push(session.accessToken, [
          { ...unknownType, payload: { ...unknownType.payload, type: 'letterToTheKing' } },
          { ...otherVersion, payload: { ...otherVersion.payload, questionSet: 'saq-99' } },
          { ...missing, payload: { ...missing.payload, answers: { 'home.placeToLive': { choice: 'notSure' } } } },
          { ...wrongField, payload: { ...wrongField.payload, type: 'seeMyPom', fields: { whichCopy: 'oasys' } } },
          { ...wrongOption, payload: { ...wrongOption.payload, type: 'copyOfOasys', fields: { whichCopy: 'everything' } } },
          app,
        ]);
        expect(response.statusCode).toBe(200);
        const [type, version, answers, field, option, good] = PushResponse.parse(response.json()).results;
        expect(type).toMatchObject({ status: 'rejected', code: 'invalid' });
        expect(version).toMatchObject({ status: 'rejected', code: 'invalid', message: expect.stringContaining('version of the app') });
        expect(answers).toMatchObject({ status: 'rejected', code: 'invalid', message: expect.stringContaining('need an answer') });
        expect(field).toMatchObject({ status: 'rejected', code: 'invalid', message: expect.stringContaining('does not fit this kind of application') });
        expect(option).toMatchObject({ status: 'rejected', code: 'invalid', message: expect.stringContaining('does not fit this kind of application') });
        expect(good).toMatchObject({ id: app.id, status: 'applied' });
        expect(await store.listApplications(alex.personId)).toHaveLength(1);
        expect(await store.listQuestionnaires(alex.personId)).toHaveLength(0);
      });

      it('rejects only the item holding a NUL or another character the database cannot keep, and applies the rest', async () => {
        const session = await signIn(alex);
        const good1 = applicationItem('Before the bad ones.');
        const nul = applicationItem('Please can I\u0000 see my POM.');
        const escape = applicationItem('Colour \u001b[31mred');
        const surrogate = questionnaireItem();
        surrogate.payload.answers = saq1Answers({ 'thinking.temper': { choice: 'sometimes', note: 'Half an emoji: \uD83D' } });
        const good2 = questionnaireItem();
        // Sent as JSON text, as a device would: "\u0000" and a lone "\uD83D" are legal JSON escapes.
        const response = await push(session.accessToken, [good1, nul, escape, surrogate, good2]);
        expect(response.statusCode, response.body).toBe(200);
        const body = PushResponse.parse(response.json());
        expect(body.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'applied']);
        for (const result of body.results.slice(1, 4)) {
          expect(result).toMatchObject({ code: 'invalid', message: expect.stringMatching(/hidden character/) });
        }
        expect((await store.listApplications(alex.personId)).map((a) => a.details)).toEqual(['Before the bad ones.']);
        expect(await store.listQuestionnaires(alex.personId)).toEqual([good2.payload]);
      });

      it('rejects a questionnaire with too many answers or too many words as that item alone, in plain words', async () => {
        const session = await signIn(alex);
        const many = questionnaireItem();
        many.payload.answers = Object.fromEntries(
          Array.from({ length: questionnaireLimits.maxAnswers + 1 }, (_, i) => [`area.question${i}`, { choice: 'agree' as const }]),
        );
        const heavy = questionnaireItem();
        heavy.payload.answers = Object.fromEntries(
          questionsOf(saq1).map((question) => [question.id, { ...(question.kind === 'statement' ? { choice: 'notSure' as const } : {}), note: 'ŵ'.repeat(questionnaireLimits.noteMaxLength) }]),
        );
        const good = applicationItem('This one is fine.');
        const body = PushResponse.parse((await push(session.accessToken, [many, heavy, good])).json());
        expect(body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
        expect(body.results[0]).toMatchObject({ code: 'invalid', message: expect.stringMatching(/too many answers/) });
        expect(body.results[1]).toMatchObject({ code: 'invalid', message: expect.stringMatching(/too long/) });
        expect(await store.listQuestionnaires(alex.personId)).toEqual([]);
      });

      it('answers a body over the limit with 413, a code and a message the app can read, and the security headers', async () => {
        const session = await signIn(alex);
        const response = await push(session.accessToken, [applicationItem('x'.repeat(maxPushBodyBytes))]);
        expectApiError(response, 413, 'tooLarge');
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      });

      it('refuses a bad batch with a 4xx and a code, never a 500', async () => {
        const session = await signIn(alex);
        const auth = bearer(session.accessToken);
        const send = (payload: unknown, headers: Record<string, string> = {}) =>
          app.inject({ method: 'POST', url: '/api/sync/push', headers: { ...auth, ...headers }, payload: payload as string });
        expectApiError(await send('{"schemaVersion": 1, "items": [', json), 400, 'badRequest');
        expectApiError(await send({ schemaVersion: 1, items: 'none' }), 400, 'invalid');
        expectApiError(await send({ schemaVersion: 1 }), 400, 'invalid');
        expectApiError(await send([applicationItem()]), 400);
        expectApiError(await send({ schemaVersion: 1, items: [{ kind: 'application' }] }), 400, 'invalid');
        expectApiError(await send({ schemaVersion: 1, items: [{ ...applicationItem(), id: 'not-a-uuid' }] }), 400, 'invalid');
        expectApiError(await send({ schemaVersion: 1, items: [] }), 400, 'emptyBatch');
        const tooMany = Array.from({ length: maxPushBatch + 1 }, () => applicationItem('x'));
        expectApiError(await send({ schemaVersion: 1, items: tooMany }), 400, 'tooManyItems');
        expectApiError(await send({ schemaVersion: 99, items: [applicationItem()] }), 400, 'unsupportedVersion');
        expectApiError(await send({ schemaVersion: '1', items: [applicationItem()] }), 400, 'unsupportedVersion');
        expectApiError(await send({ items: [applicationItem()] }), 400, 'unsupportedVersion');
        expectApiError(await send({ schemaVersion: 1, items: [applicationItem('x'.repeat(300 * 1024))] }), 413, 'tooLarge');
        expectApiError(await send('<items/>', { 'content-type': 'application/xml' }), 415);
        expect(await store.listApplications(alex.personId)).toEqual([]);
      });

      it('accepts every accepted schema version', async () => {
        const session = await signIn(alex);
        for (const version of acceptedSchemaVersions) {
          expect((await push(session.accessToken, [applicationItem()], app, version)).statusCode).toBe(200);
        }
      });

      it('keeps what was applied before the service died mid-batch; the resend finishes the rest', async () => {
        const session = await signIn(alex);
        const items = [applicationOfType(0, 'One'), questionnaireItem(), applicationOfType(1, 'Three'), questionnaireItem()];
        // A store that applies two items, then the process dies (its database connection goes with it).
        const dying: Store = {
          ...store,
          async applyPush(personId, batch, now) {
            await store.applyPush(personId, batch.slice(0, 2), now);
            await store.close();
            throw new Error('the process died here');
          },
        };
        const crashed = await serve(dying);
        const lost = await push(session.accessToken, items, crashed);
        expectApiError(lost, 503, 'storeUnavailable');
        expect(lost.headers['retry-after']).toBe('5');

        // The service restarts on the same database; the device sends the same batch again.
        const restarted = await serve(await open());
        const resend = PushResponse.parse((await push(session.accessToken, items, restarted)).json());
        expect(resend.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied', 'applied']);
        const reopened = stores.at(-1)!;
        expect((await reopened.listApplications(alex.personId)).map((a) => a.details).sort()).toEqual(['One', 'Three']);
        expect(await reopened.listQuestionnaires(alex.personId)).toHaveLength(2);
      });

      it('answers 503 with Retry-After on every route when the database is down', async () => {
        const session = await signIn(alex);
        await store.close();
        const responses = [
          await pull(session.accessToken),
          await push(session.accessToken, [applicationItem()]),
          await signInRaw(alex.prisonNumber, alex.pin),
          await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } }),
          await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: bearer(session.accessToken) }),
        ];
        for (const response of responses) {
          expectApiError(response, 503, 'storeUnavailable');
          expect(response.headers['retry-after']).toBe('5');
        }
      });
    });

    describe('rate limit on sync', () => {
      // About 1,300 requests one after another (the clock is the test's own): on PostgreSQL on a busy
      // machine that takes over 30 s, so it has more time; what it checks is only that none is refused.
      it('never meets a device syncing normally: a long outbox, a first pull in pages, then a pass every 10 s for 25 minutes', async () => {
        let session = await signIn(alex);
        const statuses: number[] = [];
        // 1,000 items: one application of each type (one may be open per type), the rest questionnaires.
        for (let batch = 0; batch < 10; batch++) {
          const items = Array.from({ length: maxPushBatch }, (_, i) =>
            batch === 0 && i < everyApplicationType.length ? applicationOfType(i, `Batch ${batch} item ${i}`) : questionnaireItem(),
          );
          statuses.push((await push(session.accessToken, items)).statusCode);
        }
        // The first pull in small pages: as many requests as a device catching up on 1,000 replies.
        let cursor = '0';
        for (;;) {
          const response = await pull(session.accessToken, `?cursor=${cursor}&limit=1`);
          statuses.push(response.statusCode);
          const page = PullResponse.parse(response.json());
          cursor = page.cursor;
          if (!page.hasMore) break;
        }
        for (let pass = 0; pass < 150; pass++) {
          advance(10);
          // As the app does, well before the access token's 15 minutes are up.
          if (pass % 60 === 59) {
            const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: session.refreshToken } });
            session = RefreshResponse.parse(refreshed.json());
          }
          statuses.push((await push(session.accessToken, [questionnaireItem()])).statusCode);
          statuses.push((await pull(session.accessToken, `?cursor=${cursor}`)).statusCode);
        }
        expect(statuses.length).toBeGreaterThan(300);
        expect(statuses.every((status) => status === 200)).toBe(true);
      }, 120_000);

      it('answers 429 with Retry-After to one person going too fast, counting pulls and pushes, and holds up no one else', async () => {
        const limited = await buildServer({ store, distDir, deviceMode: 'tablet', now: () => new Date(clockMs), syncRateLimit: { burst: 3, perSecond: 0.5 } });
        servers.push(limited);
        const alexSession = await signIn(alex, limited);
        const boSession = await signIn(bo, limited);
        expect((await pull(alexSession.accessToken, '', limited)).statusCode).toBe(200);
        expect((await push(alexSession.accessToken, [applicationItem()], limited)).statusCode).toBe(200);
        expect((await pull(alexSession.accessToken, '', limited)).statusCode).toBe(200);
        const refused = await push(alexSession.accessToken, [applicationItem('Too soon.')], limited);
        expectApiError(refused, 429, 'tooManyRequests');
        expect(refused.headers['retry-after']).toBe('2');
        expect(await store.listApplications(alex.personId)).toHaveLength(1);
        // Someone else is not held up.
        expect((await pull(boSession.accessToken, '', limited)).statusCode).toBe(200);
        advance(2);
        expect((await pull(alexSession.accessToken, '', limited)).statusCode).toBe(200);
        expectApiError(await pull(alexSession.accessToken, '', limited), 429, 'tooManyRequests');
      });
    });

    describe("another person's token, on every personal endpoint", () => {
      /** Everything of Bo's the service holds or would send. */
      async function bosState(boAccess: string) {
        return {
          applications: await store.listApplications(bo.personId),
          questionnaires: await store.listQuestionnaires(bo.personId),
          log: await store.changesSince(bo.personId, '0', 100),
          pulled: PullResponse.parse((await pull(boAccess)).json()),
        };
      }

      async function twoPeople() {
        const alexSession = await signIn(alex);
        const boSession = await signIn(bo);
        const bosApplication = applicationItem('Bo asks about a course.');
        const bosQuestionnaire = questionnaireItem();
        const pushed = PushResponse.parse((await push(boSession.accessToken, [bosApplication, bosQuestionnaire])).json());
        expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
        return { alexSession, boSession, bosApplication, bosQuestionnaire, before: await bosState(boSession.accessToken) };
      }

      const mentionsBo = (text: string, ids: string[]) => [bo.personId, 'plan_of_bo', 'Bo ', ...ids].some((needle) => text.includes(needle));

      it('pull: whatever the cursor or query, Alex gets only Alex', async () => {
        const { alexSession, boSession, bosApplication, bosQuestionnaire, before } = await twoPeople();
        const bosLast = before.log.cursor;
        const queries = ['', '?cursor=0', `?cursor=${Number(bosLast) - 1}`, `?personId=${bo.personId}`, `?cursor=0&person=${bo.personId}&limit=100`];
        for (const query of queries) {
          const response = await pull(alexSession.accessToken, query);
          expect(response.statusCode).toBe(200);
          expect(mentionsBo(response.body, [bosApplication.id, bosQuestionnaire.id])).toBe(false);
          for (const change of PullResponse.parse(response.json()).changes) expect(change.data.personId).toBe(alex.personId);
        }
        expect(await bosState(boSession.accessToken)).toEqual(before);
      });

      it("push: Alex can neither change nor claim Bo's items, and learns nothing about them", async () => {
        const { alexSession, boSession, bosApplication, bosQuestionnaire, before } = await twoPeople();
        const attempts = [
          bosApplication,
          { ...bosApplication, payload: { ...bosApplication.payload, details: 'Alex changes Bo\'s words.' } },
          { ...bosQuestionnaire, payload: { ...bosQuestionnaire.payload, completedOn: '2026-01-01' } },
          // Bo's application under a new outbox id of Alex's.
          { ...applicationItem(), payload: bosApplication.payload },
          { ...questionnaireItem(), payload: bosQuestionnaire.payload },
          // Bo's id in capitals is still Bo's id.
          { ...bosApplication, id: bosApplication.id.toUpperCase() },
        ];
        const response = await push(alexSession.accessToken, attempts);
        const results = PushResponse.parse(response.json()).results;
        expect(results.map((r) => r.status)).toEqual(attempts.map(() => 'rejected'));
        for (const result of results) expect(result).toMatchObject({ code: 'conflict' });
        expect(response.body).not.toMatch(/Bo\b|course/);
        expect(await store.listApplications(alex.personId)).toEqual([]);
        expect(await store.listQuestionnaires(alex.personId)).toEqual([]);
        expect(await bosState(boSession.accessToken)).toEqual(before);
      });

      it("sign-out: Alex signing out ends Alex's sign-in only", async () => {
        const { alexSession, boSession, before } = await twoPeople();
        expect((await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: bearer(alexSession.accessToken) })).statusCode).toBe(204);
        expect(
          (await app.inject({ method: 'POST', url: '/api/auth/sign-out', payload: { refreshToken: alexSession.refreshToken } })).statusCode,
        ).toBe(204);
        expectApiError(await pull(alexSession.accessToken), 401, 'signInNeeded');
        expect(await bosState(boSession.accessToken)).toEqual(before);
        const boRefresh = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: boSession.refreshToken } });
        expect(RefreshResponse.parse(boRefresh.json()).person.personId).toBe(bo.personId);
      });

      it("refresh: Alex's tokens give Alex's sign-in, never Bo's, and an access token is no refresh token", async () => {
        const { alexSession, boSession, bosApplication, before } = await twoPeople();
        expectApiError(await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: alexSession.accessToken } }), 401, 'signInNeeded');
        const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: alexSession.refreshToken } });
        expect(mentionsBo(refreshed.body, [bosApplication.id])).toBe(false);
        const pair = RefreshResponse.parse(refreshed.json());
        expect(pair.person).toEqual({ personId: alex.personId, displayName: 'Alex' });
        const pulled = PullResponse.parse((await pull(pair.accessToken)).json());
        expect(pulled.changes.every((c) => c.data.personId === alex.personId)).toBe(true);
        expect(await bosState(boSession.accessToken)).toEqual(before);
      });
    });

    describe('one person, never another', () => {
      it("never lets one person's token pull or change another person's data", async () => {
        const alexSession = await signIn(alex);
        const boSession = await signIn(bo);
        const bosItem = applicationItem('Bo asks about a course.');
        expect(PushResponse.parse((await push(boSession.accessToken, [bosItem])).json()).results[0]!.status).toBe('applied');

        // Alex's pull has only Alex's plan, from any cursor.
        const alexPull = await pull(alexSession.accessToken, '?cursor=0&limit=100');
        expect(alexPull.body).not.toContain(bo.personId);
        expect(alexPull.body).not.toContain('plan_of_bo');
        expect(alexPull.body).not.toContain(bosItem.id);
        for (const change of PullResponse.parse(alexPull.json()).changes) {
          expect(change.data.personId).toBe(alex.personId);
        }

        // Alex sending Bo's id again is refused, says nothing of Bo, and changes nothing.
        const replay = { ...bosItem, payload: { ...bosItem.payload, details: 'Alex tries to change this.' } };
        const [result] = PushResponse.parse((await push(alexSession.accessToken, [replay])).json()).results;
        expect(result).toMatchObject({ id: bosItem.id, status: 'rejected', code: 'conflict' });
        expect(JSON.stringify(result)).not.toContain('Bo');
        expect(await store.listApplications(bo.personId)).toEqual([bosItem.payload]);
        expect(await store.listApplications(alex.personId)).toEqual([]);

        // A person id in the request is ignored: the token decides whose data it is.
        const sneaky = await app.inject({
          method: 'GET',
          url: `/api/sync/pull?personId=${bo.personId}`,
          headers: bearer(alexSession.accessToken),
        });
        expect(sneaky.body).not.toContain('plan_of_bo');

        // Bo still sees exactly Bo's data.
        const boPull = PullResponse.parse((await pull(boSession.accessToken)).json());
        expect(boPull.changes.map((c) => c.entity)).toEqual(['plan', 'applicationReply']);
        expect(boPull.changes.every((c) => c.data.personId === bo.personId)).toBe(true);
      });
    });
  });
}

/**
 * Delivery from kiosks over HTTP, on every engine: enrolment, the device credential, the service
 * key and per-sign-in secrets, and sealed envelopes applied exactly once as their writers.
 * Envelopes are sealed with the app's own code (src/app/sync/delivery-envelope.ts).
 */
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../../src/domain/auth.ts';
import { DeliveryKey, DeliverySecret, EnrolResponse, type DeliveryEnvelope } from '../../../src/domain/delivery.ts';
import { ApiError, currentSchemaVersion, PullResponse, PushResponse, type OutboxItem } from '../../../src/domain/sync.ts';
import { importDeliverySecret, sealEnvelope } from '../../../src/app/sync/delivery-envelope.ts';
import { buildServer } from '../../../src/server/app.ts';
import { hashPin } from '../../../src/server/auth/pin-hash.ts';
import { runDeviceCli } from '../../../src/server/delivery/cli.ts';
import { newOpaqueId } from '../../../src/server/ids.ts';
import type { Engine, Store } from '../../../src/server/store/index.ts';
import { makeFixtureDist } from './fixture-dist.ts';
import { applicationItem, applicationOfType, questionnaireItem } from './outbox.ts';
import type { HarnessFactory, StoreHarness } from './store-harness.ts';

const start = Date.parse('2026-03-01T10:00:00.000Z');
const pins = { alex: '482913', bo: '735102' };
type Person = { personId: string; prisonNumber: string; pin: string; displayName: string };
type Issued = { secretId: string; secret: string };

export function describeDelivery(engine: Engine, makeHarness: HarnessFactory): void {
  describe(`kiosk delivery: ${engine}`, () => {
    let distDir = '';
    let removeDist: () => Promise<void> = async () => undefined;
    let harness: StoreHarness;
    let store: Store;
    let app: FastifyInstance;
    let clockMs = start;
    let alex: Person;
    let bo: Person;
    const hashes = { alex: '', bo: '' };
    const servers: FastifyInstance[] = [];
    const stores: Store[] = [];
    const advance = (seconds: number) => {
      clockMs += seconds * 1000;
    };

    async function serve(onStore: Store, deviceMode: 'kiosk' | 'tablet' | 'public' = 'kiosk'): Promise<FastifyInstance> {
      const server = await buildServer({ store: onStore, distDir, deviceMode, now: () => new Date(clockMs) });
      servers.push(server);
      await server.ready();
      return server;
    }

    beforeAll(async () => {
      const dist = await makeFixtureDist();
      distDir = dist.dir;
      removeDist = dist.remove;
      hashes.alex = await hashPin(pins.alex, { N: 1024, r: 8, p: 1 });
      hashes.bo = await hashPin(pins.bo, { N: 1024, r: 8, p: 1 });
    });

    beforeEach(async () => {
      clockMs = start;
      harness = await makeHarness();
      store = await harness.open();
      stores.push(store);
      alex = { personId: newOpaqueId('p'), prisonNumber: 'A1234BC', pin: pins.alex, displayName: 'Alex' };
      bo = { personId: newOpaqueId('p'), prisonNumber: 'B2345CD', pin: pins.bo, displayName: 'Bo' };
      await store.insertPerson({ ...alex, pinHash: hashes.alex });
      await store.insertPerson({ ...bo, pinHash: hashes.bo });
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
      expect(response.headers['cache-control']).toBe('no-store');
      const body = ApiError.parse(response.json());
      if (code) expect(body.code).toBe(code);
      expect(body.message.length).toBeGreaterThan(10);
      return body;
    }

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

    async function signIn(person: Person, server = app): Promise<SignInResponse> {
      const response = await server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { prisonNumber: person.prisonNumber, pin: person.pin } });
      expect(response.statusCode, response.body).toBe(200);
      return SignInResponse.parse(response.json());
    }

    async function serviceKey(server = app): Promise<DeliveryKey> {
      const response = await server.inject({ method: 'GET', url: '/api/delivery/key' });
      expect(response.statusCode, response.body).toBe(200);
      return DeliveryKey.parse(response.json());
    }

    async function secretFor(accessToken: string, server = app): Promise<DeliverySecret> {
      const response = await server.inject({ method: 'POST', url: '/api/delivery/secret', headers: bearer(accessToken), payload: {} });
      expect(response.statusCode, response.body).toBe(200);
      return DeliverySecret.parse(response.json());
    }

    /** A signed-in person's delivery secret, as the kiosk app gets it. */
    async function signedInSecret(person: Person): Promise<{ grant: SignInResponse; secret: DeliverySecret }> {
      const grant = await signIn(person);
      return { grant, secret: await secretFor(grant.accessToken) };
    }

    async function seal(personId: string, item: OutboxItem, issued: Issued, key?: DeliveryKey): Promise<DeliveryEnvelope> {
      return sealEnvelope({
        serviceKey: key ?? (await serviceKey()),
        personId,
        secretId: issued.secretId,
        secret: await importDeliverySecret(issued.secret),
        item,
      });
    }

    /** Staff's CLI: enrol a kiosk and return the code it printed. */
    async function cliEnrol(name = 'Wing B kiosk 2'): Promise<string> {
      const lines: string[] = [];
      const code = await runDeviceCli(['enrol', name], { store, now: () => new Date(clockMs), print: (line) => lines.push(line) });
      expect(code).toBe(0);
      const shown = lines.join('\n').match(/Set-up code: ([0-9A-Z-]+)/)?.[1];
      expect(shown).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      return shown!;
    }

    function enrolRaw(code: unknown, server = app) {
      return server.inject({ method: 'POST', url: '/api/delivery/enrol', payload: { code } });
    }

    async function enrolKiosk(name?: string): Promise<EnrolResponse> {
      const response = await enrolRaw(await cliEnrol(name));
      expect(response.statusCode, response.body).toBe(200);
      return EnrolResponse.parse(response.json());
    }

    function deliver(credential: string, envelopes: unknown[], server = app) {
      return server.inject({
        method: 'POST',
        url: '/api/delivery/push',
        headers: bearer(credential),
        payload: { schemaVersion: currentSchemaVersion, envelopes },
      });
    }

    async function results(response: LightMyRequestResponse) {
      expect(response.statusCode, response.body).toBe(200);
      return PushResponse.parse(response.json()).results;
    }

    function personPush(accessToken: string, items: OutboxItem[], server = app) {
      return server.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(accessToken), payload: { schemaVersion: currentSchemaVersion, items } });
    }

    const cli = async (args: string[]) => {
      const lines: string[] = [];
      const code = await runDeviceCli(args, { store, now: () => new Date(clockMs), print: (line) => lines.push(line) });
      return { code, out: lines.join('\n') };
    };

    describe('only on kiosks', () => {
      it('has no delivery routes in a tablet or public deployment', async () => {
        for (const mode of ['tablet', 'public'] as const) {
          const other = await serve(store, mode);
          for (const [method, url] of [['GET', '/api/delivery/key'], ['POST', '/api/delivery/secret'], ['POST', '/api/delivery/enrol'], ['POST', '/api/delivery/push']] as const) {
            expectApiError(await other.inject({ method, url, payload: method === 'POST' ? {} : undefined }), 404, 'notFound');
          }
        }
      });
    });

    describe('service keys and delivery secrets', () => {
      it('serves one public key, the same from every service process on the database', async () => {
        // Two processes on a new database both ask at once: one key is made, and both serve it.
        const second = await harness.open();
        stores.push(second);
        const other = await serve(second);
        const [key, fromOther] = await Promise.all([serviceKey(), serviceKey(other)]);
        expect(key.algorithm).toBe('ECDH-P256+HKDF-SHA256+A256GCM');
        expect(fromOther).toEqual(key);
        // Nothing private is ever served.
        const rows = await store.delivery.listKeys('seal');
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(key)).not.toContain(rows[0]!.privateKey);
      });

      it('gives a signed-in person one secret per sign-in; without a sign-in, 401', async () => {
        expectApiError(await app.inject({ method: 'POST', url: '/api/delivery/secret', payload: {} }), 401, 'signInNeeded');
        expectApiError(await app.inject({ method: 'POST', url: '/api/delivery/secret', headers: bearer('x'.repeat(43)), payload: {} }), 401);
        const grant = await signIn(alex);
        const first = await secretFor(grant.accessToken);
        expect(Date.parse(first.expiresAt) - Date.parse(first.issuedAt)).toBe(14 * 24 * 3600 * 1000);
        // Asking again in the same sign-in gives the same secret, also from another process (derived, not stored).
        const second = await harness.open();
        stores.push(second);
        expect(await secretFor(grant.accessToken, await serve(second))).toEqual(first);
        // A new sign-in gets a new one.
        const again = await secretFor((await signIn(alex)).accessToken);
        expect(again.secretId).not.toBe(first.secretId);
        expect(again.secret).not.toBe(first.secret);
        // The secret itself is not in the database.
        const row = await store.delivery.getSecret(first.secretId);
        expect(row).toMatchObject({ personId: alex.personId, revokedAt: null });
        expect(JSON.stringify(row)).not.toContain(first.secret);
      });
    });

    describe('enrolment', () => {
      it('swaps a staff code, once, for a device credential; list shows the kiosk', async () => {
        const code = await cliEnrol('Wing B kiosk 2');
        expect((await cli(['list'])).out).toMatch(/"Wing B kiosk 2"\s+waiting for its code/);
        // Typed in small letters with spaces, O for 0 and I or L for 1, it still works.
        const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
        const response = await enrolRaw(typed);
        expect(response.statusCode, response.body).toBe(200);
        const enrolled = EnrolResponse.parse(response.json());
        expect(enrolled.name).toBe('Wing B kiosk 2');
        expect((await cli(['list'])).out).toContain(`${enrolled.deviceId}  "Wing B kiosk 2"  set up`);
        // The code worked once.
        expectApiError(await enrolRaw(code), 400, 'wrongEnrolCode');
        // Only hashes are kept.
        const devices = await store.delivery.listDevices();
        expect(JSON.stringify(devices)).not.toContain(enrolled.credential);
      });

      it('refuses a code that is malformed, unknown or too old, in plain words', async () => {
        expect(expectApiError(await enrolRaw('ABC'), 400, 'invalidEnrolCode').message).toContain('12 letters and numbers');
        expectApiError(await enrolRaw(12), 400, 'invalidEnrolCode');
        expectApiError(await app.inject({ method: 'POST', url: '/api/delivery/enrol', payload: [] }), 400, 'invalidEnrolCode');
        expect(expectApiError(await enrolRaw('ZZZZ-ZZZZ-ZZZZ'), 400, 'wrongEnrolCode').message).toContain('Ask for a new code');
        const code = await cliEnrol();
        advance(24 * 3600 + 1);
        expectApiError(await enrolRaw(code), 400, 'wrongEnrolCode');
        expect((await cli(['list'])).out).toContain('code too old');
      });

      it('gives one credential when two kiosks send the same code at once', async () => {
        const code = await cliEnrol();
        const answers = await Promise.all([enrolRaw(code), enrolRaw(code), enrolRaw(code)]);
        expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400, 400]);
      });

      it('a revoked kiosk, an unknown credential, or a person\'s token gets 401 on push', async () => {
        const kiosk = await enrolKiosk();
        const { grant, secret } = await signedInSecret(alex);
        const envelope = await seal(alex.personId, applicationItem(), secret);
        const revoke = await cli(['revoke', kiosk.deviceId]);
        expect(revoke.code).toBe(0);
        const refused = await deliver(kiosk.credential, [envelope]);
        expect(expectApiError(refused, 401, 'deviceNotEnrolled').message).toContain('Ask a member of staff');
        expect(refused.headers['www-authenticate']).toBe('Bearer');
        expectApiError(await deliver('x'.repeat(43), [envelope]), 401, 'deviceNotEnrolled');
        expectApiError(await deliver(grant.accessToken, [envelope]), 401, 'deviceNotEnrolled');
        expectApiError(await app.inject({ method: 'POST', url: '/api/delivery/push', payload: { schemaVersion: 1, envelopes: [envelope] } }), 401);
        expect(await store.listApplications(alex.personId)).toEqual([]);
        expect((await cli(['list'])).out).toContain('stopped');
        expect((await cli(['revoke', kiosk.deviceId])).code).toBe(1);
      });

      it('lets a device credential do nothing but deliver: no pull, no push as a person', async () => {
        const kiosk = await enrolKiosk();
        expectApiError(await app.inject({ method: 'GET', url: '/api/sync/pull', headers: bearer(kiosk.credential) }), 401, 'signInNeeded');
        expectApiError(await personPush(kiosk.credential, [applicationItem()]), 401, 'signInNeeded');
        expectApiError(await app.inject({ method: 'POST', url: '/api/delivery/secret', headers: bearer(kiosk.credential), payload: {} }), 401, 'signInNeeded');
      });
    });

    describe('push', () => {
      it('applies a sealed item as the person who wrote it, once, and they hear about it at their next pull', async () => {
        const kiosk = await enrolKiosk();
        const { grant, secret } = await signedInSecret(alex);
        const item = applicationItem('Please can I have a copy of my OASys.');
        // Alex signs out; the kiosk delivers without them.
        await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: bearer(grant.accessToken), payload: {} });
        expect(await results(await deliver(kiosk.credential, [await seal(alex.personId, item, secret)]))).toEqual([{ id: item.id, status: 'applied' }]);
        expect((await store.listApplications(alex.personId)).map((a) => a.id)).toEqual([item.id]);
        expect(await store.listApplications(bo.personId)).toEqual([]);
        const pulled = await app.inject({ method: 'GET', url: '/api/sync/pull', headers: bearer((await signIn(alex)).accessToken) });
        const changes = PullResponse.parse(pulled.json()).changes;
        expect(changes.filter((c) => c.entity === 'applicationReply').map((c) => c.data)).toEqual([
          expect.objectContaining({ applicationId: item.id, personId: alex.personId, status: 'received' }),
        ]);
        expect((await cli(['list'])).out).toMatch(/last sent 2026-03-01T10:00/);
      });

      it("refuses an item forged with another person's secret, or with no secret, and applies nothing", async () => {
        const kiosk = await enrolKiosk();
        const { secret: bos } = await signedInSecret(bo);
        const forged = applicationItem('Bo writing as Alex');
        const random = { secretId: 'ds_made_up', secret: Buffer.alloc(32, 7).toString('base64') };
        const noSecret = applicationItem('nobody signed in');
        // Alex's real secret id (ids are not secret), with a secret guessed.
        const { secret: alexs } = await signedInSecret(alex);
        const guessed = applicationItem('guessed secret');
        const mixed = await results(
          await deliver(kiosk.credential, [
            await seal(alex.personId, forged, bos),
            await seal(alex.personId, noSecret, random),
            await seal(alex.personId, guessed, { secretId: alexs.secretId, secret: random.secret }),
          ]),
        );
        expect(mixed).toEqual([
          { id: forged.id, status: 'rejected', code: 'notAllowed', message: expect.stringContaining('could not be checked') },
          { id: noSecret.id, status: 'rejected', code: 'notAllowed', message: expect.any(String) },
          { id: guessed.id, status: 'rejected', code: 'notAllowed', message: expect.any(String) },
        ]);
        expect(await store.listApplications(alex.personId)).toEqual([]);
        expect(await store.listApplications(bo.personId)).toEqual([]);
        // Alex's own push of that id later is not blocked by the refusal.
        const { grant } = await signedInSecret(alex);
        expect(PushResponse.parse((await personPush(grant.accessToken, [forged])).json()).results).toEqual([{ id: forged.id, status: 'applied' }]);
      });

      it('has exactly one effect when the kiosk and the person both send, in either order or at once; a replay is duplicate', async () => {
        const kiosk = await enrolKiosk();
        const { grant, secret } = await signedInSecret(alex);
        const courierFirst = applicationItem('courier first');
        const personFirst = applicationOfType(1, 'person first');
        const together = questionnaireItem();
        const sealed = {
          courierFirst: await seal(alex.personId, courierFirst, secret),
          personFirst: await seal(alex.personId, personFirst, secret),
          together: await seal(alex.personId, together, secret),
        };

        expect(await results(await deliver(kiosk.credential, [sealed.courierFirst]))).toEqual([{ id: courierFirst.id, status: 'applied' }]);
        expect(PushResponse.parse((await personPush(grant.accessToken, [courierFirst])).json()).results).toEqual([{ id: courierFirst.id, status: 'duplicate' }]);

        expect(PushResponse.parse((await personPush(grant.accessToken, [personFirst])).json()).results).toEqual([{ id: personFirst.id, status: 'applied' }]);
        expect(await results(await deliver(kiosk.credential, [sealed.personFirst]))).toEqual([{ id: personFirst.id, status: 'duplicate' }]);

        const [byKiosk, byPerson] = await Promise.all([deliver(kiosk.credential, [sealed.together]), personPush(grant.accessToken, [together])]);
        const statuses = [...(await results(byKiosk)), ...PushResponse.parse(byPerson.json()).results].map((r) => r.status).sort();
        expect(statuses).toEqual(['applied', 'duplicate']);

        // A replay of a delivered envelope (by the kiosk, or someone who copied it).
        expect(await results(await deliver(kiosk.credential, [sealed.courierFirst, sealed.courierFirst]))).toEqual([
          { id: courierFirst.id, status: 'duplicate' },
          { id: courierFirst.id, status: 'duplicate' },
        ]);
        expect((await store.listApplications(alex.personId)).map((a) => a.details).sort()).toEqual(['courier first', 'person first']);
        expect(await store.listQuestionnaires(alex.personId)).toHaveLength(1);
      });

      it('applies each envelope of a mixed batch under its own writer, and answers each in order', async () => {
        const kiosk = await enrolKiosk();
        const a = await signedInSecret(alex);
        const b = await signedInSecret(bo);
        const items = [applicationItem('A one'), applicationItem('B one'), applicationOfType(1, 'A two')];
        const envelopes = [await seal(alex.personId, items[0]!, a.secret), await seal(bo.personId, items[1]!, b.secret), await seal(alex.personId, items[2]!, a.secret)];
        const tampered = { ...envelopes[1]!, ct: `${envelopes[1]!.ct.slice(0, 8)}AAAA${envelopes[1]!.ct.slice(12)}` };
        const broken = { id: applicationItem().id, v: 1, ct: 'not an envelope' };
        expect(await results(await deliver(kiosk.credential, [...envelopes, tampered, broken]))).toEqual([
          { id: items[0]!.id, status: 'applied' },
          { id: items[1]!.id, status: 'applied' },
          { id: items[2]!.id, status: 'applied' },
          { id: items[1]!.id, status: 'rejected', code: 'invalid', message: expect.any(String) },
          { id: broken.id, status: 'rejected', code: 'invalid', message: expect.any(String) },
        ]);
        expect((await store.listApplications(alex.personId)).map((x) => x.details).sort()).toEqual(['A one', 'A two']);
        expect((await store.listApplications(bo.personId)).map((x) => x.details)).toEqual(['B one']);
      });

      it('refuses an item whose secret has run out (tooLate) or was stopped by staff (notAllowed)', async () => {
        const kiosk = await enrolKiosk();
        const { secret } = await signedInSecret(alex);
        const late = applicationItem('late');
        const envelope = await seal(alex.personId, late, secret);
        advance(14 * 24 * 3600 - 60);
        const early = applicationItem('just in time');
        expect(await results(await deliver(kiosk.credential, [await seal(alex.personId, early, secret)]))).toEqual([{ id: early.id, status: 'applied' }]);
        advance(60);
        expect(await results(await deliver(kiosk.credential, [envelope]))).toEqual([
          { id: late.id, status: 'rejected', code: 'tooLate', message: expect.stringContaining('next signs in') },
        ]);

        const fresh = await signedInSecret(alex);
        const stopped = await seal(alex.personId, applicationItem('stopped'), fresh.secret);
        const out = await cli(['stop-delivery', 'a1234bc']);
        expect(out).toMatchObject({ code: 0, out: expect.stringContaining('A1234BC') });
        expect(await results(await deliver(kiosk.credential, [stopped]))).toEqual([{ id: stopped.id, status: 'rejected', code: 'notAllowed', message: expect.any(String) }]);
        expect((await cli(['stop-delivery', 'Z9999ZZ'])).code).toBe(1);

        // Rows of secrets long run out are swept when the person next gets one.
        advance(45 * 24 * 3600);
        await signedInSecret(alex);
        expect(await store.delivery.getSecret(secret.secretId)).toBeNull();
      });

      it('after a key rotation serves the new key and still opens items sealed under the old one', async () => {
        const kiosk = await enrolKiosk();
        const { secret } = await signedInSecret(alex);
        const oldKey = await serviceKey();
        const before = applicationItem('sealed before the rotation');
        const sealedBefore = await seal(alex.personId, before, secret, oldKey);
        const rotated = await cli(['rotate-keys']);
        expect(rotated.code).toBe(0);
        // A second process sees the new key at once; this one within a minute.
        const second = await harness.open();
        stores.push(second);
        const newKey = await serviceKey(await serve(second));
        expect(newKey.keyId).not.toBe(oldKey.keyId);
        expect(rotated.out).toContain(newKey.keyId);
        advance(61);
        expect(await serviceKey()).toEqual(newKey);
        const after = applicationOfType(1, 'sealed after');
        expect(await results(await deliver(kiosk.credential, [sealedBefore, await seal(alex.personId, after, secret, newKey)]))).toEqual([
          { id: before.id, status: 'applied' },
          { id: after.id, status: 'applied' },
        ]);
        // Secrets issued under the old secret key still check; new ones use the new key.
        expect((await store.delivery.listKeys('secret')).filter((k) => k.retiredAt === null)).toHaveLength(1);
      });

      it('answers 1,000 malformed bodies to each delivery endpoint, and 1,000 made-up envelopes, without a 5xx', async () => {
        const kiosk = await enrolKiosk();
        const { grant, secret } = await signedInSecret(alex);
        const real = await seal(alex.personId, applicationItem(), secret);
        const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString('base64'));
        const envelope = fc.record({
          v: fc.constantFrom(1, 2, '1'),
          id: fc.constantFrom(real.id, applicationItem().id, 'not-an-id'),
          personId: fc.constantFrom(alex.personId, bo.personId, 'p_nobody', ''),
          keyId: fc.constantFrom(real.keyId, 'dk_nobody'),
          epk: fc.oneof(fc.constant(real.epk), bytes(65, 65), fc.string()),
          iv: fc.oneof(fc.constant(real.iv), bytes(12, 12)),
          ct: fc.oneof(fc.constant(real.ct), bytes(1, 300)),
        });
        const bodies = fc.oneof(fc.anything(), fc.record({ schemaVersion: fc.constantFrom(1, 0, -1, 1.5), envelopes: fc.array(fc.anything(), { maxLength: 3 }) }));
        const send = async (url: string, payload: unknown, token?: string) => {
          const response = await app.inject({
            method: 'POST',
            url,
            headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
            payload: JSON.stringify(payload) ?? 'null',
          });
          expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(500);
          return response;
        };
        await fc.assert(fc.asyncProperty(bodies, async (body) => void (await send('/api/delivery/push', body, kiosk.credential))), { numRuns: 1000 });
        await fc.assert(fc.asyncProperty(bodies, async (body) => void (await send('/api/delivery/enrol', body))), { numRuns: 1000 });
        await fc.assert(fc.asyncProperty(bodies, async (body) => void (await send('/api/delivery/secret', body, grant.accessToken))), { numRuns: 1000 });
        await fc.assert(
          fc.asyncProperty(fc.array(envelope, { minLength: 1, maxLength: 3 }), async (envelopes) => {
            const response = await send('/api/delivery/push', { schemaVersion: 1, envelopes }, kiosk.credential);
            if (response.statusCode === 200) {
              // Only the real envelope, untouched, can ever be applied.
              for (const result of PushResponse.parse(response.json()).results) if (result.status !== 'rejected') expect(result.id).toBe(real.id);
            }
          }),
          { numRuns: 1000 },
        );
        expect((await store.listApplications(alex.personId)).every((a) => a.id === real.id)).toBe(true);
        expect(await store.listApplications(bo.personId)).toEqual([]);
      }, 120_000);

      it('refuses a bad batch with a 4xx and a code, never a 500', async () => {
        const kiosk = await enrolKiosk();
        const { secret } = await signedInSecret(alex);
        const one = await seal(alex.personId, applicationItem(), secret);
        const raw = (payload: unknown, headers: Record<string, string> = {}) =>
          app.inject({ method: 'POST', url: '/api/delivery/push', headers: { ...bearer(kiosk.credential), ...headers }, payload: payload as string });
        expectApiError(await raw({ envelopes: [one] }), 400, 'unsupportedVersion');
        expectApiError(await raw({ schemaVersion: 99, envelopes: [one] }), 400, 'unsupportedVersion');
        expectApiError(await raw({ schemaVersion: 1, envelopes: [] }), 400, 'emptyBatch');
        expectApiError(await raw({ schemaVersion: 1, envelopes: Array.from({ length: 101 }, () => one) }), 400, 'tooManyItems');
        expectApiError(await raw({ schemaVersion: 1, envelopes: [{ v: 1 }] }), 400, 'invalid');
        expectApiError(await raw({ schemaVersion: 1, envelopes: 'x' }), 400, 'invalid');
        expectApiError(await raw('{"schemaVersion": 1, "envelopes": [', { 'content-type': 'application/json' }), 400);
        expectApiError(await raw({ schemaVersion: 1, envelopes: [{ ...one, ct: 'A'.repeat(600 * 1024) }] }), 413);
        const oversized = await raw({ schemaVersion: 1, envelopes: [{ ...one, ct: 'A'.repeat(370_000) }] });
        expect(await results(oversized)).toEqual([{ id: one.id, status: 'rejected', code: 'invalid', message: expect.any(String) }]);
        expect(await store.listApplications(alex.personId)).toEqual([]);
      });
    });
  });
}

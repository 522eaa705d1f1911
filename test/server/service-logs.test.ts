import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { currentSchemaVersion, PullResponse, PushResponse } from '../../src/domain/sync.ts';
import { demoPeople, demoSignIns, demoStaffSignIns } from '../../src/server/demo/index.ts';
import { demoOmu, signInAsStaff } from '../support/staff.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationItem, progressNoteItem } from './support/outbox.ts';
import { serviceDatabase, signInOver, startServiceChild } from './support/service-process.ts';

/**
 * The whole log of a real service process, from start to stop, through what people do: sign-ins
 * (right and wrong PINs), a push of an application and a progress note with known typed words,
 * a refused item, a staff sign-in, the inbox, a person's page by prison number, a staff reply,
 * a pull. Every line must be JSON, and none may hold a name, a prison number, a PIN, a token, a
 * device id or a word anyone typed.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const engines = ['sqlite', ...(databaseUrl ? ['postgres' as const] : [])] as const;
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Words nobody else would write, so finding one in the log can only mean it leaked.
const typedApplication = 'Zebracorn wants a quiet word about the Thursday kitchen rota';
const typedNote = 'Finished the Wobblefax reading workbook chapter three';
const typedReply = 'Quillbury will see you on Tuesday morning about it';
const typedRefused = 'Hidden\u0007bell Snorkelwick';

for (const engine of engines) {
  describe(`the service's log: ${engine}`, () => {
    it('is JSON lines with no personal data, after sign-ins, pushes, staff work and a pull', async () => {
      const db = await serviceDatabase(engine, databaseUrl);
      cleanups.push(db.dispose);
      const dist = await makeFixtureDist();
      cleanups.push(dist.remove);
      const service = await startServiceChild({ ...db.env, DIST_DIR: dist.dir, STAFF_DIST_DIR: `${dist.dir}/none`, DEMO_DATA: 'on' });
      const person = demoSignIns.find((p) => p.prisonNumber === 'A1234BC')!;
      const deviceId = randomBytes(16).toString('base64url');

      expect((await signInOver(service.base, person.prisonNumber, '999999', deviceId)).status).toBe(401);
      expect((await signInOver(service.base, 'Z9999ZZ', '123456', deviceId)).status).toBe(401);
      const signIn = await signInOver(service.base, person.prisonNumber, person.pin, deviceId);
      expect(signIn.status).toBe(200);
      const accessToken = String(signIn.body.accessToken);
      const refreshToken = String(signIn.body.refreshToken);
      const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

      const application = applicationItem(typedApplication);
      const note = progressNoteItem(typedNote);
      const refused = applicationItem(typedRefused, undefined, 'other');
      const pushed = await fetch(`${service.base}/api/sync/push`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ schemaVersion: currentSchemaVersion, items: [application, note, refused] }),
      });
      expect(pushed.status).toBe(200);
      expect(PushResponse.parse(await pushed.json()).results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected']);
      // A body that cannot be read, with a prison number in it, and a query with one.
      expect((await fetch(`${service.base}/api/sync/push`, { method: 'POST', headers: auth, body: `{"x":"${person.prisonNumber}"` })).status).toBe(400);
      expect((await fetch(`${service.base}/api/sync/pull?cursor=${person.prisonNumber}`, { headers: auth })).status).toBe(400);

      const staff = await signInAsStaff(service.staffBase, demoOmu);
      const inbox = await staff.listApplications();
      const mine = inbox.find((item) => item.id === application.id);
      expect(mine).toBeDefined();
      expect((await staff.request('GET', `/people/${person.prisonNumber}`)).status).toBe(200);
      const replied = await staff.request('POST', `/applications/${application.id}/reply`, { text: typedReply });
      expect(replied.status).toBe(200);
      await staff.signOut();

      const pulled = await fetch(`${service.base}/api/sync/pull?cursor=0`, { headers: auth });
      expect(pulled.status).toBe(200);
      expect(JSON.stringify(PullResponse.parse(await pulled.json()))).toContain(typedReply);
      expect((await fetch(`${service.base}/api/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) })).status).toBe(200);

      expect(await service.stop()).toEqual({ code: 0, signal: null });
      const log = service.output();

      // Every line is one JSON object (pino's shape), so the whole log can be read by a machine.
      const lines = log.split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(20);
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      const parsed = lines.map((line) => JSON.parse(line) as { msg?: string; req?: { route?: string } });
      // The log is still useful: requests are there, by route pattern.
      expect(parsed.some((line) => line.req?.route === '/api/staff/v1/people/:prisonNumber')).toBe(true);
      expect(parsed.some((line) => line.req?.route === '/api/sync/push')).toBe(true);

      const secrets = [
        ...demoPeople.flatMap((p) => [p.displayName, ...p.displayName.split(' ').filter((w) => w.length > 2), p.prisonNumber, p.pin]),
        ...demoStaffSignIns.flatMap((s) => [s.displayName, s.username, s.password]),
        'Z9999ZZ',
        deviceId,
        accessToken,
        refreshToken,
        ...[typedApplication, typedNote, typedReply].flatMap((words) => [words, ...words.split(' ').filter((w) => /^[A-Z][a-z]{6,}$/.test(w))]),
        'Snorkelwick',
        // A device's address and port (personal data in a prison) are never logged.
        'remoteAddress',
        'remotePort',
      ];
      const lower = log.toLowerCase();
      const found = secrets.filter((secret) => lower.includes(secret.toLowerCase()));
      expect(found).toEqual([]);
    });
  });
}

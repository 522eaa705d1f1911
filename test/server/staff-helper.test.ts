import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInResponse } from '../../src/domain/auth.ts';
import { currentSchemaVersion, PullResponse, PushResponse } from '../../src/domain/sync.ts';
import { demoSignIns, demoStaffSignIns } from '../../src/server/demo/index.ts';
import { startService, type Service } from '../support/service.ts';
import { demoOmu, replyAsOmu, signInAsStaff } from '../support/staff.ts';
import { makeFixtureDist } from './support/fixture-dist.ts';
import { applicationItem } from './support/outbox.ts';

/**
 * The service as `npm start` runs it (and as the end-to-end tests start it): two listeners on real
 * sockets, one store with the demo people and demo staff. A person sends an application over the
 * prisoner-facing address; the demo OMU answers it over the staff address with the helper in
 * test/support/staff.ts; the person's next pull brings the reply.
 */
describe('the demo service: a person asks, the OMU answers, the device pulls the reply', () => {
  let service: Service;
  let removeDist: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    const dist = await makeFixtureDist();
    removeDist = dist.remove;
    service = await startService({ dist: dist.dir });
  });

  afterAll(async () => {
    await service?.stop();
    await removeDist();
  });

  async function asPerson(prisonNumber: string) {
    const pin = demoSignIns.find((p) => p.prisonNumber === prisonNumber)!.pin;
    const response = await fetch(`${service.baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prisonNumber, pin }) });
    expect(response.status).toBe(200);
    const { accessToken } = SignInResponse.parse(await response.json());
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    return {
      push: async (items: unknown[]) =>
        PushResponse.parse(await (await fetch(`${service.baseUrl}/api/sync/push`, { method: 'POST', headers, body: JSON.stringify({ schemaVersion: currentSchemaVersion, items }) })).json()),
      pull: async () => PullResponse.parse(await (await fetch(`${service.baseUrl}/api/sync/pull`, { headers })).json()),
    };
  }

  it('runs the staff listener on its own address, with demo staff in two prisons', async () => {
    expect(service.staffBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(service.staffBaseUrl).not.toBe(service.baseUrl);
    expect(new Set(demoStaffSignIns.map((m) => m.prisonId))).toEqual(new Set(['NTH', 'STH']));
    expect((await fetch(`${service.baseUrl}/api/staff/v1/session`)).status).toBe(404);
    expect((await fetch(`${service.staffBaseUrl}/api/sync/pull`)).status).toBe(404);
  });

  it('answers over HTTP with the helper, and the reply reaches the device', async () => {
    const alex = await asPerson('A1234BC');
    const item = applicationItem('Please can I see my POM about my course?', undefined, 'seeMyPom');
    expect((await alex.push([item])).results).toEqual([{ id: item.id, status: 'applied' }]);

    const staff = await signInAsStaff(service.staffBaseUrl!);
    expect(staff.info.member).toMatchObject({ username: demoOmu.username, prisonId: 'NTH' });
    const inbox = await staff.listApplications({ status: 'received' });
    expect(inbox.map((a) => [a.id, a.person.prisonNumber])).toContainEqual([item.id, 'A1234BC']);
    await staff.signOut();
    await expect(staff.listApplications()).rejects.toThrow(/401 staffSignInNeeded/);

    const answered = await replyAsOmu(service.staffBaseUrl!, item.id, 'Your POM will see you on Tuesday.');
    expect(answered).toMatchObject({ status: 'answered', messages: [{ text: 'Your POM will see you on Tuesday.' }] });
    const replies = (await alex.pull()).changes.filter((c) => c.entity === 'applicationReply');
    expect(replies.map((c) => c.data)).toEqual([expect.objectContaining({ applicationId: item.id, status: 'answered', messages: answered.messages })]);
  });

  it('the other demo prison sees none of it', async () => {
    const chloe = await asPerson('C3456DE');
    const theirs = applicationItem('Can I see my POM?', undefined, 'seeMyPom');
    await chloe.push([theirs]);
    const south = demoStaffSignIns.find((m) => m.prisonId === 'STH')!;
    const staff = await signInAsStaff(service.staffBaseUrl!, south);
    const inbox = await staff.listApplications();
    expect(inbox.map((a) => [a.id, a.person.prisonNumber])).toEqual([[theirs.id, 'C3456DE']]);
    await staff.signOut();
  });
});

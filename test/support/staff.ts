/**
 * Staff over HTTP, for tests that need the OMU's side: sign in as a demo member of staff on the
 * staff listener (`Service.staffBaseUrl`) and work the inbox as the staff console will, with the
 * session cookie, the CSRF token and the Origin header a browser would send.
 *
 *   const staff = await signInAsStaff(service.staffBaseUrl!);
 *   const [application] = await staff.listApplications({ status: 'received' });
 *   await staff.reply(application.id, 'Your POM will see you on Tuesday.');
 */
import type { DeclineReason } from '../../src/domain/application.ts';
import { demoStaffSignIns, type DemoStaffSignIn } from '../../src/server/demo/index.ts';
import {
  staffApiBase,
  StaffApiError,
  StaffApplicationDetail,
  StaffApplicationPage,
  StaffSessionInfo,
  type StaffApplicationSummary,
} from '../../src/domain/staff.ts';

export type StaffClient = {
  info: StaffSessionInfo;
  /** Applications of the member's prison, oldest first (one page of up to 100). */
  listApplications(query?: { status?: string; type?: string }): Promise<StaffApplicationSummary[]>;
  getApplication(id: string): Promise<StaffApplicationDetail>;
  reply(id: string, text: string, status?: 'answered' | 'beingLookedAt'): Promise<StaffApplicationDetail>;
  setStatus(id: string, status: 'received' | 'beingLookedAt'): Promise<StaffApplicationDetail>;
  decline(id: string, reason: DeclineReason, text: string): Promise<StaffApplicationDetail>;
  close(id: string, text?: string): Promise<StaffApplicationDetail>;
  signOut(): Promise<void>;
  /** Any other staff API call (`path` under /api/staff/v1), with the cookie, and the CSRF token and Origin on a POST or PUT. */
  request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Response>;
};

/** The demo OMU member of the first demo prison (the demo people A1234BC, B2345CD and D4567EF are there). */
export const demoOmu: DemoStaffSignIn = demoStaffSignIns.find((member) => member.role === 'omu' && member.prisonId === 'NTH')!;

async function failed(response: Response, what: string): Promise<never> {
  const text = await response.text();
  const body = StaffApiError.safeParse(JSON.parse(text || '{}'));
  throw new Error(`${what}: HTTP ${response.status} ${body.success ? `${body.data.code}: ${body.data.message}` : text}`);
}

export async function signInAsStaff(staffBaseUrl: string, who: Pick<DemoStaffSignIn, 'username' | 'password'> = demoOmu): Promise<StaffClient> {
  const origin = new URL(staffBaseUrl).origin;
  const signedIn = await fetch(`${staffBaseUrl}${staffApiBase}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: who.username, password: who.password }),
  });
  if (signedIn.status !== 200) return failed(signedIn, `staff sign-in as ${who.username}`);
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const info = StaffSessionInfo.parse(await signedIn.json());

  async function send(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Response> {
    const changes = method !== 'GET';
    return fetch(`${staffBaseUrl}${staffApiBase}${path}`, {
      method,
      headers: {
        cookie,
        ...(changes ? { origin, 'x-csrf-token': info.csrfToken, 'content-type': 'application/json' } : {}),
      },
      ...(changes ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  }

  async function act(id: string, action: string, body: unknown): Promise<StaffApplicationDetail> {
    const response = await send('POST', `/applications/${id}/${action}`, body);
    if (response.status !== 200) return failed(response, `${action} on ${id}`);
    return StaffApplicationDetail.parse(await response.json());
  }

  return {
    info,
    async listApplications(query = {}) {
      const params = new URLSearchParams({ limit: '100', ...query });
      const response = await send('GET', `/applications?${params}`);
      if (response.status !== 200) return failed(response, 'list applications');
      return StaffApplicationPage.parse(await response.json()).items;
    },
    async getApplication(id) {
      const response = await send('GET', `/applications/${id}`);
      if (response.status !== 200) return failed(response, `open ${id}`);
      return StaffApplicationDetail.parse(await response.json());
    },
    reply: (id, text, status = 'answered') => act(id, 'reply', { text, status }),
    setStatus: (id, status) => act(id, 'status', { status }),
    decline: (id, reason, text) => act(id, 'decline', { reason, text }),
    close: (id, text) => act(id, 'close', text === undefined ? {} : { text }),
    async signOut() {
      const response = await send('POST', '/sign-out');
      if (response.status !== 204) await failed(response, 'staff sign-out');
    },
    request: send,
  };
}

/** Answers a person's application as the demo OMU member: signs in, replies, signs out. */
export async function replyAsOmu(staffBaseUrl: string, applicationId: string, text: string): Promise<StaffApplicationDetail> {
  const staff = await signInAsStaff(staffBaseUrl);
  try {
    return await staff.reply(applicationId, text);
  } finally {
    await staff.signOut();
  }
}

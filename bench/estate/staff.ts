/**
 * What a member of OMU staff does over HTTP on a morning, as the staff console does it: signs in on
 * the staff listener (the session cookie, the CSRF token from the answer, the console's Origin on
 * every change), lists the inbox, opens an application and replies to it. Each call is timed.
 */
import { csrfHeaderName, staffApiBase, StaffApplicationDetail, StaffApplicationPage, StaffSessionInfo } from '../../src/domain/staff.ts';
import type { Timed } from './device.ts';

/** The staff pages' address the bench's staff come from (the staff listener checks Origin on changes). */
export const estateStaffOrigin = 'http://staff.estate.test';

export type StaffSession = { base: string; cookie: string; csrf: string; prisonId: string };

async function call(url: string, init: RequestInit): Promise<Timed<unknown> & { response: Response }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body: unknown = await response.json();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`staff ${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${JSON.stringify(body)}`);
  return { value: body, ms, response };
}

export async function staffSignIn(base: string, username: string, password: string): Promise<Timed<StaffSession>> {
  const { value, ms, response } = await call(`${base}${staffApiBase}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: estateStaffOrigin },
    body: JSON.stringify({ username, password }),
  });
  const info = StaffSessionInfo.parse(value);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (!cookie.includes('=')) throw new Error('The staff sign-in set no cookie.');
  return { value: { base, cookie, csrf: info.csrfToken, prisonId: info.member.prisonId }, ms };
}

const reading = (session: StaffSession): RequestInit => ({ headers: { cookie: session.cookie, origin: estateStaffOrigin } });

/** One page of the inbox: what waits (received, being looked at), oldest first; `after` for the next page. */
export async function listInbox(session: StaffSession, after?: string): Promise<Timed<StaffApplicationPage>> {
  const query = new URLSearchParams({ status: 'received,beingLookedAt', limit: '50', ...(after ? { after } : {}) });
  const { value, ms } = await call(`${session.base}${staffApiBase}/applications?${query}`, reading(session));
  return { value: StaffApplicationPage.parse(value), ms };
}

export async function openApplication(session: StaffSession, id: string): Promise<Timed<StaffApplicationDetail>> {
  const { value, ms } = await call(`${session.base}${staffApiBase}/applications/${encodeURIComponent(id)}`, reading(session));
  return { value: StaffApplicationDetail.parse(value), ms };
}

export async function replyTo(session: StaffSession, id: string, text: string): Promise<Timed<StaffApplicationDetail>> {
  const { value, ms } = await call(`${session.base}${staffApiBase}/applications/${encodeURIComponent(id)}/reply`, {
    method: 'POST',
    headers: { cookie: session.cookie, [csrfHeaderName]: session.csrf, origin: estateStaffOrigin, 'content-type': 'application/json' },
    body: JSON.stringify({ text, status: 'answered' }),
  });
  return { value: StaffApplicationDetail.parse(value), ms };
}

/**
 * What one tablet does over HTTP on a morning, as the app does it (src/app/sync/sign-in.ts): the
 * person puts in their PIN, which opens their data on the tablet; last night's sign-in ended after
 * its 12 hours, so the tablet resumes with the token it keeps (no PIN check on the service), or,
 * when that has lapsed (30 days after their last PIN sign-in), signs in with the PIN and the
 * device id. Then it pulls from its cursor until nothing is left, and sends what waits in its
 * outbox. Each call is timed.
 */
import { randomUUID } from 'node:crypto';
import { SignInResponse } from '../../src/domain/auth.ts';
import { currentSchemaVersion, PullResponse, PushResponse, type OutboxItem } from '../../src/domain/sync.ts';

export type Timed<T> = { value: T; ms: number };

async function call(url: string, init: RequestInit): Promise<Timed<unknown>> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body: unknown = await response.json();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${JSON.stringify(body)}`);
  return { value: body, ms };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export async function signIn(base: string, prisonNumber: string, pin: string, deviceId: string = randomUUID()): Promise<Timed<SignInResponse>> {
  const { value, ms } = await call(`${base}/api/auth/sign-in`, json({ prisonNumber, pin, deviceId }));
  return { value: SignInResponse.parse(value), ms };
}

export async function resume(base: string, deviceId: string, resumeToken: string): Promise<Timed<SignInResponse>> {
  const { value, ms } = await call(`${base}/api/auth/resume`, json({ deviceId, resumeToken }));
  return { value: SignInResponse.parse(value), ms };
}

/** The morning's sign-in: a resume, or when the service no longer takes the token (401), the PIN. */
export async function unlock(
  base: string,
  person: { prisonNumber: string; pin: string; deviceId: string; resumeToken: string },
): Promise<Timed<SignInResponse> & { via: 'resume' | 'pin'; resumeMs: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/auth/resume`, json({ deviceId: person.deviceId, resumeToken: person.resumeToken }));
  const body: unknown = await response.json();
  const resumeMs = performance.now() - started;
  if (response.ok) return { value: SignInResponse.parse(body), ms: resumeMs, via: 'resume', resumeMs };
  if (response.status !== 401) throw new Error(`POST /api/auth/resume answered ${response.status}: ${JSON.stringify(body)}`);
  const signedIn = await signIn(base, person.prisonNumber, person.pin, person.deviceId);
  return { ...signedIn, via: 'pin', resumeMs };
}

export async function refresh(base: string, refreshToken: string): Promise<Timed<SignInResponse>> {
  const { value, ms } = await call(`${base}/api/auth/refresh`, json({ refreshToken }));
  return { value: SignInResponse.parse(value), ms };
}

/** Pulls page after page from `cursor`; the time of each page. */
export async function pullAll(base: string, accessToken: string, cursor = '0'): Promise<{ pages: number[]; changes: number; cursor: string }> {
  const pages: number[] = [];
  let changes = 0;
  for (;;) {
    const { value, ms } = await call(`${base}/api/sync/pull?cursor=${cursor}&limit=100`, { headers: { authorization: `Bearer ${accessToken}` } });
    const page = PullResponse.parse(value);
    pages.push(ms);
    changes += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) return { pages, changes, cursor };
  }
}

export async function push(base: string, accessToken: string, items: readonly OutboxItem[]): Promise<Timed<PushResponse>> {
  const { value, ms } = await call(`${base}/api/sync/push`, {
    ...json({ schemaVersion: currentSchemaVersion, items }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
  });
  return { value: PushResponse.parse(value), ms };
}

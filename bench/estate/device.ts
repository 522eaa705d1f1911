/**
 * What one tablet does over HTTP on a morning, as the app does it (src/app/sync/sign-in.ts): the
 * person puts in their PIN, which opens their data on the tablet; last night's sign-in ended after
 * its 12 hours, so the tablet resumes with the token it keeps (no PIN check on the service), or,
 * when that has lapsed (30 days after their last PIN sign-in), signs in with the PIN and the
 * device id. Then it pulls from its cursor until nothing is left, and sends what waits in its
 * outbox. Each call is timed (from sending to having the whole answer).
 *
 * Every answer is checked against its schema but for pull pages, where the load generator's own CPU
 * would take a real share of the box's 2 cores: the first pages and then 1 in 50 are checked in
 * full; the rest are read for their cursor, `hasMore` and number of changes.
 */
import { randomUUID } from 'node:crypto';
import { SignInResponse } from '../../src/domain/auth.ts';
import { currentSchemaVersion, PullResponse, PushResponse, type OutboxItem } from '../../src/domain/sync.ts';
import { requestJson } from './http-client.ts';

export type Timed<T> = { value: T; ms: number };

type Init = { method?: string; headers?: Record<string, string>; body?: string };

async function call(url: string, init: Init): Promise<Timed<unknown>> {
  const started = performance.now();
  const { status, body } = await requestJson(url, init);
  const ms = performance.now() - started;
  if (status < 200 || status > 299) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${status}: ${JSON.stringify(body)}`);
  return { value: body, ms };
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let pullPagesRead = 0;
/** A pull page as the tablet needs it: checked in full for the first pages and 1 in 50 after. */
function readPullPage(value: unknown): { cursor: string; hasMore: boolean; changes: number } {
  if (pullPagesRead++ < 50 || pullPagesRead % 50 === 0) {
    const page = PullResponse.parse(value);
    return { cursor: page.cursor, hasMore: page.hasMore, changes: page.changes.length };
  }
  const page = value as { cursor?: unknown; hasMore?: unknown; changes?: unknown };
  if (typeof page.cursor !== 'string' || typeof page.hasMore !== 'boolean' || !Array.isArray(page.changes)) {
    throw new Error(`A pull page without its cursor, hasMore or changes: ${JSON.stringify(value).slice(0, 200)}`);
  }
  return { cursor: page.cursor, hasMore: page.hasMore, changes: page.changes.length };
}

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
  const { status, body } = await requestJson(`${base}/api/auth/resume`, json({ deviceId: person.deviceId, resumeToken: person.resumeToken }));
  const resumeMs = performance.now() - started;
  if (status === 200) return { value: SignInResponse.parse(body), ms: resumeMs, via: 'resume', resumeMs };
  if (status !== 401) throw new Error(`POST /api/auth/resume answered ${status}: ${JSON.stringify(body)}`);
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
    const page = readPullPage(value);
    pages.push(ms);
    changes += page.changes;
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

import { z } from 'zod';
import { ApiError, PullResponse, PushResponse, currentSchemaVersion, maxPushBatch, type OutboxItem } from '../../domain/sync.ts';
import { SignInResponse, type ResumeRequest, type SignInRequest } from '../../domain/auth.ts';
import { parseRetryAfter } from './backoff.ts';
import { timeoutSignal } from './deadline.ts';

/**
 * The only module that talks HTTP. Every call returns a result, never throws for HTTP or network
 * trouble, and classifies failures the way the sync rules need them:
 * - `network`: no answer (offline, connection dropped, timed out, or `aborted` by the caller);
 * - `retry`: 408, 429, 5xx, or a 200 we could not read — try again later, honouring Retry-After;
 * - `unauthorized`: 401 — sign in again, keep the queue;
 * - `refused`: any other 4xx — the request itself is wrong.
 */
export type ApiFailure =
  /** `aborted`: the caller's own signal ended it (not a failure to retry); a time-out is not that. */
  | { ok: false; kind: 'network'; aborted: boolean }
  | { ok: false; kind: 'retry'; status: number; retryAfterMs: number | null }
  | { ok: false; kind: 'unauthorized'; error: ApiError | null }
  | { ok: false; kind: 'refused'; status: number; error: ApiError | null; retryAfterMs: number | null };

export type ApiResult<T> = { ok: true; value: T } | ApiFailure;

/**
 * A pull page as it arrives: the page itself is checked here, each change on its own by pull.ts,
 * so one change that fails the shared schema (a plan from a newer service, a damaged one) is
 * turned away alone, with its reason logged, and never holds up the rest or the cursor.
 */
export const PullPage = PullResponse.extend({ changes: z.array(z.unknown()) });
export type PullPage = z.infer<typeof PullPage>;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type ApiClient = {
  /** The request carries this device's id and known-device proofs (see data/known-device.ts). */
  signIn(request: SignInRequest, signal?: AbortSignal): Promise<ApiResult<SignInResponse>>;
  refresh(refreshToken: string, signal?: AbortSignal): Promise<ApiResult<SignInResponse>>;
  /** A new sign-in from this device's resume token, after the PIN opened the person's data here. */
  resume(request: ResumeRequest, signal?: AbortSignal): Promise<ApiResult<SignInResponse>>;
  /** Ends the whole sign-in on the service (either token is enough). */
  signOut(tokens: { accessToken?: string; refreshToken?: string }, signal?: AbortSignal): Promise<ApiResult<null>>;
  pull(accessToken: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<ApiResult<PullPage>>;
  push(accessToken: string, items: OutboxItem[], signal?: AbortSignal): Promise<ApiResult<PushResponse>>;
  /** Any other call, classified the same way (kiosk delivery uses it: sync/delivery-api.ts). */
  request<T>(path: string, init: RequestInit, schema: z.ZodType<T> | null): Promise<ApiResult<T>>;
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** How long one request may take, answer and body included, unless the client is told otherwise. */
export const defaultRequestTimeoutMs = 30_000;

export function createApiClient(options: { fetch?: FetchLike; baseUrl?: string; deviceNow?: () => number; timeoutMs?: number } = {}): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';
  const deviceNow = options.deviceNow ?? (() => Date.now());
  const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;

  /** Every request ends by `timeoutMs` (or sooner, by the caller's signal), body included. */
  async function call<T>(path: string, init: RequestInit, schema: z.ZodType<T> | null): Promise<ApiResult<T>> {
    const callerSignal = init.signal ?? null;
    const timed = timeoutSignal(timeoutMs, callerSignal);
    const noAnswer = (): ApiFailure => ({ ok: false, kind: 'network', aborted: callerSignal?.aborted ?? false });
    try {
      let response: Response;
      try {
        response = await doFetch(baseUrl + path, { ...init, signal: timed.signal, credentials: 'omit', cache: 'no-store' });
      } catch (_error) {
        return noAnswer();
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), response.headers.get('Date'), deviceNow());
      if (response.ok) {
        if (schema === null) return { ok: true, value: null as T };
        let body: unknown;
        try {
          body = await response.json();
        } catch (_error) {
          if (timed.signal.aborted) return noAnswer();
          return { ok: false, kind: 'retry', status: response.status, retryAfterMs };
        }
        const parsed = schema.safeParse(body);
        return parsed.success ? { ok: true, value: parsed.data } : { ok: false, kind: 'retry', status: response.status, retryAfterMs };
      }
      if (isRetryableStatus(response.status)) return { ok: false, kind: 'retry', status: response.status, retryAfterMs };
      const error = await readError(response);
      if (timed.signal.aborted) return noAnswer();
      if (response.status === 401) return { ok: false, kind: 'unauthorized', error };
      return { ok: false, kind: 'refused', status: response.status, error, retryAfterMs };
    } finally {
      timed.clear();
    }
  }

  const json = (body: unknown, signal?: AbortSignal, token?: string): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

  return {
    signIn: (request, signal) => call('/api/auth/sign-in', json(request, signal), SignInResponse),
    refresh: (refreshToken, signal) => call('/api/auth/refresh', json({ refreshToken }, signal), SignInResponse),
    resume: (request, signal) => call('/api/auth/resume', json(request, signal), SignInResponse),
    signOut: (tokens, signal) =>
      call('/api/auth/sign-out', json(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}, signal, tokens.accessToken), null),
    pull: (accessToken, cursor, limit, signal) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return call(`/api/sync/pull?${query}`, { method: 'GET', headers: { Authorization: `Bearer ${accessToken}` }, ...(signal ? { signal } : {}) }, PullPage);
    },
    push: (accessToken, items, signal) => {
      if (items.length === 0 || items.length > maxPushBatch) throw new RangeError('A push carries 1 to maxPushBatch items.');
      return call('/api/sync/push', json({ schemaVersion: currentSchemaVersion, items }, signal, accessToken), PushResponse);
    },
    request: call,
  };
}

async function readError(response: Response): Promise<ApiError | null> {
  try {
    const parsed = ApiError.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch (_error) {
    return null;
  }
}

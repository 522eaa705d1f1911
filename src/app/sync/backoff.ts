/**
 * Retry timing, pure. Exponential backoff with FULL jitter (a uniformly random wait between 0 and
 * the exponential ceiling), never less than the service's Retry-After. Waits are measured on a
 * monotonic clock by the caller; nothing here reads a clock.
 */
export type BackoffPolicy = { baseMs: number; capMs: number; maxRetryAfterMs: number };

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

/** `attempt` counts failures in a row, from 0. `random` returns [0, 1). */
export function fullJitterDelay(attempt: number, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  random: () => number,
  policy: BackoffPolicy = defaultBackoff,
): number {
  const jittered = fullJitterDelay(attempt, random, policy);
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}

/**
 * Retry-After: delay-seconds or an HTTP date. A date is measured against the response's own Date
 * header (the service's clock) when there is one, so a wrong device clock cannot stretch or
 * shrink the wait; only without it do we fall back to the device clock.
 */
export function parseRetryAfter(value: string | null, responseDate: string | null, deviceNowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  const served = responseDate === null ? Number.NaN : Date.parse(responseDate);
  const base = Number.isNaN(served) ? deviceNowMs : served;
  return Math.max(0, at - base);
}

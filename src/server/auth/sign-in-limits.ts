import { createHash } from 'node:crypto';

/**
 * The brute-force limit on sign-in. Counted twice: per prison number and per client address.
 * The first `freeFailures` wrong PINs cost nothing. Then each wrong PIN makes the next try wait:
 * `firstDelaySeconds`, doubling each time, never more than `maxDelaySeconds`.
 * A count is forgotten after `forgetAfterSeconds` with no wrong PIN, and a right PIN clears the
 * prison number's count (it does not clear the address's: it only takes back its own try).
 */
export type AttemptPolicy = {
  readonly freeFailures: number;
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly forgetAfterSeconds: number;
};

export const defaultAttemptPolicy: AttemptPolicy = {
  freeFailures: 5,
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
};

export type SignInLimits = { prisonNumber: AttemptPolicy; address: AttemptPolicy };

export const defaultSignInLimits: SignInLimits = { prisonNumber: defaultAttemptPolicy, address: defaultAttemptPolicy };

/** How long the next try must wait after this many failures in a row: 0, then 30 s, 60 s, 120 s… */
export function delaySecondsAfter(failures: number, policy: AttemptPolicy): number {
  if (failures < policy.freeFailures) return 0;
  const doublings = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.firstDelaySeconds * 2 ** doublings, policy.maxDelaySeconds);
}

/** Seconds still to wait, given the counter; 0 when a try is allowed now. */
export function secondsToWait(counter: { failures: number; lastFailureAt: string }, policy: AttemptPolicy, now: Date): number {
  const delay = delaySecondsAfter(counter.failures, policy);
  if (delay === 0) return 0;
  const until = Date.parse(counter.lastFailureAt) + delay * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/** The counter's key: a SHA-256, so the table holds neither prison numbers nor addresses. */
export function attemptKey(kind: 'prisonNumber' | 'address', value: string): string {
  return createHash('sha256').update(`${kind}:${value}`).digest('hex');
}

/** "30 seconds", "1 minute", "15 minutes": for the plain message. From a minute up, rounds up to whole minutes. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

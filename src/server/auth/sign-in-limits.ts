import { createHash } from 'node:crypto';

/**
 * The brute-force limits on sign-in (src/server/NOTES.md, "Brute-force limit", says why these figures).
 *
 * 1. **Per prison number and device together** (`pair`): the waits a person sees. The first
 *    `freeFailures - 1` wrong PINs cost nothing; the next makes the try after it wait
 *    `firstDelaySeconds`, doubling each time, never more than `maxDelaySeconds`. A right PIN clears
 *    it; it is forgotten after `forgetAfterSeconds` with no wrong PIN. The device is the app's own
 *    device id, or the client address when none is sent.
 * 2. **Per client address** (`address`): how many *different* prison numbers may get a wrong PIN
 *    from one address within `forgetAfterSeconds`. That many costs nothing; past it, tries from that
 *    address wait, growing the same way. The attack signal: it is recorded for staff.
 * 3. **Per prison number, from every device together** (`account`): at most `failuresPerWindow`
 *    wrong PINs per window, counted from the first. A sign-in from a device with a working
 *    known-device proof is not held by this limit (nor by the address cap), so nobody can keep the
 *    owner out on a device they have signed in on before.
 */
export type AttemptPolicy = {
  readonly freeFailures: number;
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
  readonly forgetAfterSeconds: number;
};

export type AccountPolicy = {
  readonly failuresPerWindow: number;
  readonly windowSeconds: number;
};

export type SignInLimits = {
  readonly pair: AttemptPolicy;
  readonly address: AttemptPolicy;
  readonly account: AccountPolicy;
  /** A known-device proof stops working this long after it was last used. */
  readonly knownDeviceSeconds: number;
  /** Alerts are kept this long after they were last seen. */
  readonly alertKeepSeconds: number;
};

const day = 24 * 60 * 60;

export const defaultSignInLimits: SignInLimits = {
  pair: { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  address: { freeFailures: 50, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  account: { failuresPerWindow: 10, windowSeconds: day },
  knownDeviceSeconds: 90 * day,
  alertKeepSeconds: 90 * day,
};

/** How long the next try must wait after this many failures: 0, then 30 s, 60 s, 120 s… */
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

/** The failures still counted: none once `forgetAfterSeconds` have passed since the last one. */
export function failuresStillCounted(counter: { failures: number; lastFailureAt: string }, policy: AttemptPolicy, now: Date): number {
  const quietSeconds = (now.getTime() - Date.parse(counter.lastFailureAt)) / 1000;
  return quietSeconds > policy.forgetAfterSeconds ? 0 : counter.failures;
}

/** The account counter's failures in its current window (0 once the window is over), and when the window ends. */
export function accountWindow(counter: { failures: number; windowStartedAt: string } | null, policy: AccountPolicy, now: Date) {
  const endsAt = counter ? Date.parse(counter.windowStartedAt) + policy.windowSeconds * 1000 : 0;
  if (!counter || endsAt <= now.getTime()) return { failures: 0, startedAt: now.toISOString(), secondsLeft: policy.windowSeconds };
  return { failures: counter.failures, startedAt: counter.windowStartedAt, secondsLeft: Math.ceil((endsAt - now.getTime()) / 1000) };
}

function digest(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}:${value}`).digest('hex');
}

/**
 * The keys one sign-in is counted under. Each is a SHA-256, so the tables hold no prison numbers,
 * device ids or addresses in clear (they are pseudonyms, not secrets: see NOTES).
 */
export type SignInKeys = {
  /** The device: its own id when the app sends one, otherwise the client address. */
  device: string;
  /** The prison number and the device together: the waits a person sees. */
  pair: string;
  /** The prison number alone: the whole-account limit. */
  account: string;
  /** The client address: the address cap, and the hashed address in alerts. */
  address: string;
  /** The prison number as the address cap lists it. */
  number: string;
};

export function signInKeys(input: { prisonNumber: string; deviceId: string | undefined; address: string }): SignInKeys {
  const device = input.deviceId ? digest('device', input.deviceId) : addressDigest(input.address);
  return {
    device,
    pair: digest('pair', `${input.prisonNumber}|${device}`),
    account: digest('account', input.prisonNumber),
    address: addressDigest(input.address),
    number: digest('number', input.prisonNumber),
  };
}

/** A client address as the service records it (sign-in limits, alerts, the audit trail): its SHA-256, never the address. */
export function addressDigest(address: string): string {
  return digest('address', address);
}

/**
 * A fingerprint of the stored PIN hash. Known-device proofs carry the one of the PIN they were
 * issued under, so a new PIN (a new salt) ends them all, whichever way it was changed.
 */
export function pinStamp(pinHash: string): string {
  return digest('pin', pinHash);
}

/** "30 seconds", "1 minute", "15 minutes": for the plain message. From a minute up, rounds up to whole minutes. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

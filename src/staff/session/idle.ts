/** How long before the sign-in ends the console warns (and offers "stay signed in"). */
export const idleWarningSeconds = 2 * 60;

export type IdlePhase = { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'ended' };

/** Where the idle clock is, given when the service last answered. Pure, for the component and its tests. */
export function idlePhase(nowMs: number, lastActivityMs: number, idleSeconds: number, warnSeconds = idleWarningSeconds): IdlePhase {
  const left = Math.ceil(idleSeconds - (nowMs - lastActivityMs) / 1000);
  if (left <= 0) return { phase: 'ended' };
  if (left <= warnSeconds) return { phase: 'warning', secondsLeft: left };
  return { phase: 'active' };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, hashToken } from '../auth/tokens.ts';
import type { HousekeepingOptions } from '../auth/housekeeping.ts';
import type { ScryptParams } from '../auth/pin-hash.ts';
import type { SignInLimits } from '../auth/sign-in-limits.ts';
import { apiErrors, sendError } from '../http/api-errors.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import type { SessionOwner, Store } from '../store/store.ts';

/** What the sign-in and sync routes need. `now` is injectable so expiry and waits can be tested without sleeping. */
export type ApiContext = {
  store: Store;
  now: () => Date;
  signInLimits: SignInLimits;
  /** The scrypt cost the service hashes PINs with (also the cost of the check for an unknown prison number). */
  pinHashParams: ScryptParams;
  /** How often expired sign-in rows are swept; false: never (not for a real service). */
  signInHousekeeping: HousekeepingOptions | false;
  /** This process's counts (metrics/metrics.ts), served on the staff listener. */
  metrics?: ServiceMetrics | undefined;
};

/**
 * The signed-in person behind the request's access token. When there is none (no token, not ours,
 * expired, or signed out), answers 401 and returns null: the app then signs in again and keeps its queue.
 * While the person's PIN is still a one-time PIN staff gave, only `whileMustChangePin` routes (the
 * PIN change) work; the others answer 403 `changePinFirst`.
 */
export async function requireSession(
  ctx: ApiContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { whileMustChangePin?: boolean } = {},
): Promise<SessionOwner | null> {
  const token = bearerToken(request.headers.authorization);
  const owner = token ? await ctx.store.findSession(hashToken(token), ctx.now().toISOString()) : null;
  if (!owner) {
    sendError(reply, 401, apiErrors.signInNeeded);
    return null;
  }
  if (owner.mustChangePin && !options.whileMustChangePin) {
    sendError(reply, 403, apiErrors.changePinFirst);
    return null;
  }
  return owner;
}

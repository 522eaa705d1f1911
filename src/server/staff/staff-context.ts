import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfHeaderName, mayDo, type StaffPermission } from '../../domain/staff.ts';
import type { ScryptParams } from '../auth/pin-hash.ts';
import { addressDigest } from '../auth/sign-in-limits.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Store } from '../store/store.ts';
import { clearedSessionCookie, csrfMatches, readSessionCookie } from './session-cookie.ts';
import { sendStaffError, staffErrors } from './staff-errors.ts';
import type { AuditActor, StaffAccountRecord, StaffSessionRecord, StaffSignInPolicy } from './staff-store.ts';

/** What the staff routes need. `now` is injectable so idle expiry and waits can be tested without sleeping. */
export type StaffContext = {
  store: Store;
  now: () => Date;
  cookieName: string;
  /** The staff origin is https: the cookie is Secure (and `__Host-`). */
  secureCookie: boolean;
  passwordHashParams: ScryptParams;
  signInPolicy: StaffSignInPolicy;
  idleSeconds: number;
  lifetimeSeconds: number;
};

export type SignedInStaff = {
  account: StaffAccountRecord;
  session: StaffSessionRecord;
  /** The cookie's token (the CSRF token is derived from it). */
  token: string;
  /** Who is acting, from where, now: for the audit trail. */
  actor: AuditActor;
};

export function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** The member of staff and the moment, for an audit line (the address is kept only as a SHA-256). */
export function actorOf(ctx: StaffContext, request: FastifyRequest, account: Pick<StaffAccountRecord, 'staffId' | 'prisonId'>): AuditActor {
  return { staffId: account.staffId, prisonId: account.prisonId, addressHash: addressDigest(request.ip), at: ctx.now().toISOString() };
}

/**
 * The signed-in member of staff behind the request's cookie, allowed to do `permission`; or, having
 * answered (401, 403), null. Every request that changes something must carry the sign-in's CSRF
 * token (the Origin was already checked for every such request, in staff-app.ts). Until a member
 * changes a password an admin set, only `whileMustChange` routes work.
 */
export async function requireStaff(
  ctx: StaffContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { permission: StaffPermission | null; whileMustChange?: boolean },
): Promise<SignedInStaff | null> {
  const token = readSessionCookie(request.headers.cookie, ctx.cookieName);
  const live = token ? await ctx.store.staff.findSession(hashToken(token), ctx.now().toISOString(), ctx.idleSeconds) : null;
  if (!token || !live) {
    // A cookie that no longer works is cleared, so the browser stops sending it.
    if (token) reply.header('set-cookie', clearedSessionCookie(ctx.cookieName, ctx.secureCookie));
    sendStaffError(reply, 401, staffErrors.signInNeeded);
    return null;
  }
  if (isStateChanging(request.method) && !csrfMatches(token, request.headers[csrfHeaderName])) {
    sendStaffError(reply, 403, staffErrors.badCsrfToken);
    return null;
  }
  if (live.account.mustChangePassword && !options.whileMustChange) {
    sendStaffError(reply, 403, staffErrors.changePasswordFirst);
    return null;
  }
  if (options.permission && !mayDo(live.account.role, options.permission)) {
    sendStaffError(reply, 403, staffErrors.notAllowed);
    return null;
  }
  return { account: live.account, session: live.session, token, actor: actorOf(ctx, request, live.account) };
}

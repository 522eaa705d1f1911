import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ChangePasswordRequest, staffApiBase, StaffSignInRequest, type StaffSessionInfo } from '../../domain/staff.ts';
import { createKeyedLimit } from '../auth/in-flight.ts';
import { addressDigest } from '../auth/sign-in-limits.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../staff/passwords.ts';
import { clearedSessionCookie, csrfTokenFor, sessionCookie } from '../staff/session-cookie.ts';
import { staffAttemptKeys } from '../staff/sign-in-waits.ts';
import { actorOf, requireStaff, type StaffContext } from '../staff/staff-context.ts';
import { invalidRequest, sendStaffError, staffErrors, tooManyStaffTries } from '../staff/staff-errors.ts';
import type { StaffAccountRecord, StaffSessionRecord } from '../staff/staff-store.ts';

/** Sign-in and password bodies are small; anything bigger is refused with 413 before it is read. */
export const staffAuthBodyLimitBytes = 4 * 1024;

/** Sign-in checks from one client address that may run at once (as for prisoners: auth/in-flight.ts). */
const signInsAtOncePerAddress = 16;

/**
 * Staff sign-in, the sign-in's own details, sign-out and changing one's own password.
 * A national staff sign-in (OpenID Connect) would add a route here that ends in the same
 * `startSession` (README, "Staff sign-in"); the rest of the staff API only ever sees the session.
 */
export function registerStaffAuthRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const { store } = ctx;
  const oneAddressAtATime = createKeyedLimit(signInsAtOncePerAddress);

  async function sessionInfo(account: StaffAccountRecord, session: StaffSessionRecord, token: string): Promise<StaffSessionInfo> {
    const prison = (await store.staff.getPrison(account.prisonId)) ?? { prisonId: account.prisonId, name: account.prisonId };
    const { staffId, username, displayName, role, prisonId } = account;
    return {
      member: { staffId, username, displayName, role, prisonId },
      prison,
      csrfToken: csrfTokenFor(token),
      idleSeconds: ctx.idleSeconds,
      expiresAt: session.expiresAt,
      mustChangePassword: account.mustChangePassword,
    };
  }

  /** A new sign-in for an account whose password (or, later, national sign-in) has been checked. */
  async function startSession(request: FastifyRequest, reply: FastifyReply, account: StaffAccountRecord): Promise<FastifyReply> {
    const now = ctx.now();
    const token = newToken();
    const session: StaffSessionRecord = {
      sessionHash: hashToken(token),
      staffId: account.staffId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ctx.lifetimeSeconds * 1000).toISOString(),
    };
    await store.staff.createSession(session, actorOf(ctx, request, account));
    reply.header('set-cookie', sessionCookie(ctx.cookieName, token, ctx.secureCookie));
    return reply.code(200).send(await sessionInfo(account, session, token));
  }

  /** A wrong password, recorded with whose account it was (if the username is anyone's). */
  async function recordFailure(request: FastifyRequest, account: StaffAccountRecord | null, details: Record<string, string>): Promise<void> {
    await store.staff.recordAudit({
      at: ctx.now().toISOString(),
      staffId: account?.staffId ?? null,
      action: 'signInFailed',
      prisonId: account?.prisonId ?? null,
      personId: null,
      entity: null,
      entityId: null,
      details,
      addressHash: addressDigest(request.ip),
    });
  }

  /**
   * Checks a password under the waits: true when it is right; otherwise false, with the answer
   * already sent (429 with Retry-After while a wait lasts, or `onWrong`). Every wrong one is audited.
   * (It never returns the reply itself: a Fastify reply is thenable, so an async function that
   * returned one would resolve to nothing once it was sent.)
   */
  async function checkPassword(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { username: string; password: string; account: StaffAccountRecord | null; during: string },
    onWrong: () => void,
  ): Promise<boolean> {
    const keys = staffAttemptKeys(input.username, request.ip);
    const start = await store.staff.beginSignIn(keys, ctx.signInPolicy, ctx.now().toISOString());
    if (!start.allowed) {
      reply.header('retry-after', String(start.retryAfterSeconds));
      sendStaffError(reply, 429, tooManyStaffTries(start.retryAfterSeconds));
      return false;
    }
    // Always the same work, also for a username nobody has: the same answer, in the same time.
    const stored = input.account?.passwordHash ?? (await dummyPasswordHash(ctx.passwordHashParams));
    const right = (await verifyPassword(input.password, stored)) && input.account !== null;
    if (!right) {
      await recordFailure(request, input.account, { during: input.during });
      onWrong();
      return false;
    }
    await store.staff.settleSignInSuccess(keys);
    return true;
  }

  app.post(`${staffApiBase}/sign-in`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
    const parsed = StaffSignInRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error));
    const { username, password } = parsed.data;
    return oneAddressAtATime(addressDigest(request.ip), async () => {
      const account = await store.staff.getAccountByUsername(username);
      const right = await checkPassword(request, reply, { username, password, account, during: 'signIn' }, () =>
        sendStaffError(reply, 401, staffErrors.wrongSignIn),
      );
      if (!right) return reply;
      if (account!.disabledAt !== null) {
        await recordFailure(request, account, { during: 'signIn', reason: 'disabled' });
        return sendStaffError(reply, 403, staffErrors.accountDisabled);
      }
      return startSession(request, reply, account!);
    });
  });

  app.get(`${staffApiBase}/session`, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: null, whileMustChange: true });
    if (!staff) return reply;
    return sessionInfo(staff.account, staff.session, staff.token);
  });

  app.post(`${staffApiBase}/sign-out`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: null, whileMustChange: true });
    if (!staff) return reply;
    await store.staff.endSession(staff.session.sessionHash, staff.actor);
    return reply.header('set-cookie', clearedSessionCookie(ctx.cookieName, ctx.secureCookie)).code(204).send();
  });

  app.post(`${staffApiBase}/password`, { bodyLimit: staffAuthBodyLimitBytes }, async (request, reply) => {
    const staff = await requireStaff(ctx, request, reply, { permission: null, whileMustChange: true });
    if (!staff) return reply;
    const parsed = ChangePasswordRequest.safeParse(request.body);
    if (!parsed.success) return sendStaffError(reply, 400, invalidRequest(parsed.error));
    const { currentPassword, newPassword } = parsed.data;
    const { account } = staff;
    const right = await checkPassword(request, reply, { username: account.username, password: currentPassword, account, during: 'changePassword' }, () =>
      sendStaffError(reply, 400, { ...staffErrors.wrongCurrentPassword, field: 'currentPassword' }),
    );
    if (!right) return reply;
    if (newPassword === currentPassword) return sendStaffError(reply, 400, { ...staffErrors.samePassword, field: 'newPassword' });
    await store.staff.changePassword({
      staffId: account.staffId,
      passwordHash: await hashPassword(newPassword, ctx.passwordHashParams),
      keepSessionHash: staff.session.sessionHash,
      actor: staff.actor,
    });
    return reply.code(204).send();
  });
}

import type { FastifyInstance } from 'fastify';
import {
  accessTokenLifetimeSeconds,
  RefreshRequest,
  sessionLifetimeSeconds,
  SignInRequest,
  SignOutRequest,
  type SignInResponse,
} from '../../domain/auth.ts';
import { defaultScryptParams, hashPin, verifyPin } from '../auth/pin-hash.ts';
import { attemptKey, delaySecondsAfter } from '../auth/sign-in-limits.ts';
import { bearerToken, hashToken, newToken } from '../auth/tokens.ts';
import { apiErrors, sendError, tooManyTries } from '../http/api-errors.ts';
import { newOpaqueId } from '../ids.ts';
import type { PersonRecord } from '../store/store.ts';
import type { ApiContext } from './context.ts';

/** Sign-in bodies are tiny; anything bigger is refused with 413 before it is read. */
export const authBodyLimitBytes = 4 * 1024;

function addSeconds(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

function secondsBetween(from: Date, toIso: string): number {
  return Math.max(1, Math.floor((Date.parse(toIso) - from.getTime()) / 1000));
}

/**
 * A hash to check PINs against when the prison number is unknown, so that answer takes as long as a
 * wrong PIN does and says the same thing: nobody can find out which prison numbers have accounts.
 */
let dummyHash: Promise<string> | undefined;
function dummyPinHash(): Promise<string> {
  dummyHash ??= hashPin(newToken(), defaultScryptParams);
  return dummyHash;
}

/** POST /api/auth/sign-in, /api/auth/refresh and /api/auth/sign-out. */
export function registerAuthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  async function startSession(person: PersonRecord, now: Date): Promise<SignInResponse> {
    const accessToken = newToken();
    const refreshToken = newToken();
    const expiresAt = addSeconds(now, sessionLifetimeSeconds);
    await store.createSession({
      sessionId: newOpaqueId('s'),
      personId: person.personId,
      createdAt: now.toISOString(),
      expiresAt,
      access: { hash: hashToken(accessToken), expiresAt: addSeconds(now, accessTokenLifetimeSeconds) },
      refresh: { hash: hashToken(refreshToken), expiresAt },
    });
    return {
      accessToken,
      refreshToken,
      expiresIn: accessTokenLifetimeSeconds,
      refreshExpiresIn: sessionLifetimeSeconds,
      person: { personId: person.personId, displayName: person.displayName },
    };
  }

  app.post('/api/auth/sign-in', { bodyLimit: authBodyLimitBytes }, async (request, reply) => {
    const parsed = SignInRequest.safeParse(request.body);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      if (fields.has('prisonNumber')) return sendError(reply, 400, apiErrors.invalidPrisonNumber);
      if (fields.has('pin')) return sendError(reply, 400, apiErrors.invalidPin);
      return sendError(reply, 400, apiErrors.invalid);
    }
    const { prisonNumber, pin } = parsed.data;
    const now = ctx.now();
    const checks = [
      { key: attemptKey('prisonNumber', prisonNumber), policy: ctx.signInLimits.prisonNumber },
      { key: attemptKey('address', request.ip), policy: ctx.signInLimits.address },
    ];
    const start = await store.beginSignInAttempt(checks, now.toISOString());
    if (!start.allowed) {
      reply.header('retry-after', String(start.retryAfterSeconds));
      return sendError(reply, 429, tooManyTries(start.retryAfterSeconds));
    }

    const person = await store.getPerson(prisonNumber);
    // Always run scrypt, also for an unknown prison number.
    const matches = await verifyPin(pin, person?.pinHash ?? (await dummyPinHash()));
    if (!person || !matches) {
      const wait = Math.max(...checks.map((check, index) => delaySecondsAfter(start.failures[index] ?? 0, check.policy)));
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return sendError(reply, 429, tooManyTries(wait));
      }
      return sendError(reply, 401, apiErrors.wrongSignIn);
    }

    // A right PIN clears the prison number's count and takes this try back off the address's.
    await store.settleSignInSuccess({ clear: [checks[0]!.key], undo: [checks[1]!.key] });
    return reply.code(200).send(await startSession(person, now));
  });

  app.post('/api/auth/refresh', { bodyLimit: authBodyLimitBytes }, async (request, reply) => {
    const parsed = RefreshRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, apiErrors.invalidToken);
    const now = ctx.now();
    const accessToken = newToken();
    const refreshToken = newToken();
    const outcome = await store.rotateRefreshToken(
      hashToken(parsed.data.refreshToken),
      { access: { hash: hashToken(accessToken), expiresAt: addSeconds(now, accessTokenLifetimeSeconds) }, refreshHash: hashToken(refreshToken) },
      now.toISOString(),
    );
    if (outcome.status !== 'rotated') return sendError(reply, 401, apiErrors.signInNeeded);
    const person = await store.getPersonById(outcome.personId);
    if (!person) return sendError(reply, 401, apiErrors.signInNeeded);
    const body: SignInResponse = {
      accessToken,
      refreshToken,
      expiresIn: secondsBetween(now, outcome.accessExpiresAt),
      refreshExpiresIn: secondsBetween(now, outcome.refreshExpiresAt),
      person: { personId: person.personId, displayName: person.displayName },
    };
    return reply.code(200).send(body);
  });

  app.post('/api/auth/sign-out', { bodyLimit: authBodyLimitBytes }, async (request, reply) => {
    const parsed = SignOutRequest.safeParse(request.body ?? {});
    if (!parsed.success) return sendError(reply, 400, apiErrors.invalidToken);
    const tokens = [bearerToken(request.headers.authorization), parsed.data.refreshToken].filter((t): t is string => Boolean(t));
    if (tokens.length === 0) return sendError(reply, 401, apiErrors.signInNeeded);
    const now = ctx.now().toISOString();
    for (const token of tokens) await store.revokeSessionByToken(hashToken(token), now);
    // Signing out twice is fine: the answer is the same whether or not the sign-in was still live.
    return reply.code(204).send();
  });
}

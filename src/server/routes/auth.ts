import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  accessTokenLifetimeSeconds,
  ChangePinRequest,
  RefreshRequest,
  resumeLifetimeSeconds,
  ResumeRequest,
  sessionLifetimeSeconds,
  SignInRequest,
  SignOutRequest,
  type SignInResponse,
} from '../../domain/auth.ts';
import { startHousekeeping } from '../auth/housekeeping.ts';
import { createKeyedLimit } from '../auth/in-flight.ts';
import { dummyPinHash, hashPin, verifyPin } from '../auth/pin-hash.ts';
import { delaySecondsAfter, pinStamp, signInKeys, type SignInKeys } from '../auth/sign-in-limits.ts';
import { bearerToken, hashToken, newToken } from '../auth/tokens.ts';
import type { ServiceMetrics } from '../metrics/metrics.ts';
import { apiErrors, askStaffToSignIn, sendError, tooManyTries, tooManyTriesFromHere } from '../http/api-errors.ts';
import { newOpaqueId } from '../ids.ts';
import type { PersonRecord, SignInStart } from '../store/store.ts';
import { requireSession, type ApiContext } from './context.ts';

/** Sign-in bodies are tiny; anything bigger is refused with 413 before it is read. */
export const authBodyLimitBytes = 4 * 1024;

function addSeconds(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

function secondsBetween(from: Date, toIso: string): number {
  return Math.max(1, Math.floor((Date.parse(toIso) - from.getTime()) / 1000));
}

/** Sign-in checks from one client address that may run at once (see auth/in-flight.ts). */
export const signInsAtOncePerAddress = 16;

function refuse(reply: FastifyReply, start: Extract<SignInStart, { allowed: false }>, metrics?: ServiceMetrics): FastifyReply {
  metrics?.signInHeld(start.limit);
  reply.header('retry-after', String(start.retryAfterSeconds));
  if (start.limit === 'account') return sendError(reply, 403, askStaffToSignIn);
  if (start.limit === 'address') return sendError(reply, 429, tooManyTriesFromHere(start.retryAfterSeconds));
  return sendError(reply, 429, tooManyTries(start.retryAfterSeconds));
}

/** POST /api/auth/sign-in, /api/auth/refresh, /api/auth/sign-out and /api/auth/pin. */
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
      ...(person.mustChangePin ? { mustChangePin: true as const } : {}),
    };
  }

  const oneAddressAtATime = createKeyedLimit(signInsAtOncePerAddress);

  if (ctx.signInHousekeeping) {
    const housekeeping = startHousekeeping({
      store,
      now: ctx.now,
      limits: ctx.signInLimits,
      every: ctx.signInHousekeeping,
      onError: (error) => app.log.warn({ err: error }, 'sweeping old sign-in records failed; the next run tries again'),
    });
    app.addHook('onClose', () => housekeeping.stop());
  }

  async function signIn(
    reply: FastifyReply,
    input: { prisonNumber: string; pin: string; deviceId: string | undefined; proofs: readonly string[]; keys: SignInKeys },
  ): Promise<FastifyReply> {
    const { keys } = input;
    const limits = ctx.signInLimits;
    const now = ctx.now();
    const nowIso = now.toISOString();
    const person = await store.getPerson(input.prisonNumber);
    // Always the same work, also for an unknown prison number (checked against a dummy hash): the
    // same answers, in the same time, so nobody can find out which prison numbers have accounts.
    const pinHash = person?.pinHash ?? (await dummyPinHash(ctx.pinHashParams));
    const stamp = pinStamp(pinHash);
    const personId = person?.personId ?? null;
    const claim =
      input.deviceId && input.proofs.length > 0
        ? { personId: personId ?? '', deviceKey: keys.device, proofHashes: input.proofs.map(hashToken), pinStamp: stamp }
        : null;

    const start = await store.beginSignInAttempt({ keys, personId, claim, limits, now: nowIso });
    if (!start.allowed) return refuse(reply, start, ctx.metrics);

    const matches = await verifyPin(input.pin, pinHash);
    if (!person || !matches) {
      const { addressWaitSeconds } = await store.settleSignInFailure({ keys, personId, accountFailures: start.accountFailures, limits, now: nowIso });
      const pairWait = delaySecondsAfter(start.pairFailures, limits.pair);
      if (pairWait > 0 && pairWait >= addressWaitSeconds) return refuse(reply, { allowed: false, limit: 'pair', retryAfterSeconds: pairWait }, ctx.metrics);
      if (addressWaitSeconds > 0) return refuse(reply, { allowed: false, limit: 'address', retryAfterSeconds: addressWaitSeconds }, ctx.metrics);
      return sendError(reply, 401, apiErrors.wrongSignIn);
    }

    // A device id without a working proof gets a new proof; a working one is kept and extended.
    // Either way the device gets a new resume token (30 days from this PIN).
    const newProof = input.deviceId && !start.knownDeviceProof ? newToken() : null;
    const proofHash = newProof ? hashToken(newProof) : start.knownDeviceProof;
    // None while the PIN is a one-time PIN: that one must reach the service each time.
    const resumeToken = input.deviceId && proofHash && !person.mustChangePin ? newToken() : null;
    await store.settleSignInSuccess({
      keys,
      personId: person.personId,
      pinStamp: stamp,
      accountCounted: start.accountFailures !== null,
      device:
        proofHash
          ? {
              proofHash,
              isNew: newProof !== null,
              expiresAt: addSeconds(now, limits.knownDeviceSeconds),
              // A one-time PIN's sign-in ends any earlier token (null) and gives none.
              resume: resumeToken ? { hash: hashToken(resumeToken), expiresAt: addSeconds(now, resumeLifetimeSeconds) } : null,
            }
          : null,
      now: nowIso,
    });
    const body = await startSession(person, now);
    return reply.code(200).send({ ...body, ...(newProof ? { deviceProof: newProof } : {}), ...(resumeToken ? { resumeToken } : {}) });
  }

  app.post('/api/auth/sign-in', { bodyLimit: authBodyLimitBytes }, async (request, reply) => {
    const parsed = SignInRequest.safeParse(request.body);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      if (fields.has('prisonNumber')) return sendError(reply, 400, apiErrors.invalidPrisonNumber);
      if (fields.has('pin')) return sendError(reply, 400, apiErrors.invalidPin);
      return sendError(reply, 400, apiErrors.invalid);
    }
    const { prisonNumber, pin, deviceId, knownDeviceProofs } = parsed.data;
    // request.ip is the client's address; behind a proxy it is right only when TRUST_PROXY names the proxy.
    const keys = signInKeys({ prisonNumber, deviceId, address: request.ip });
    return oneAddressAtATime(keys.address, () => signIn(reply, { prisonNumber, pin, deviceId, proofs: knownDeviceProofs ?? [], keys }));
  });

  /**
   * A new sign-in from a known device, without the PIN reaching the service: the device's resume
   * token, which it keeps sealed under the person's PIN, shows that the PIN opened their data
   * there. Wrong PINs never come this way (the app sends those to sign-in, where they are
   * counted). One use; the answer carries the next token, which ends when this one would have.
   */
  app.post('/api/auth/resume', { bodyLimit: authBodyLimitBytes }, async (request, reply) => {
    const parsed = ResumeRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, apiErrors.invalid);
    const now = ctx.now();
    const keys = signInKeys({ prisonNumber: '', deviceId: parsed.data.deviceId, address: request.ip });
    const next = newToken();
    const grant = await store.resumeOnKnownDevice({
      resumeHash: hashToken(parsed.data.resumeToken),
      deviceKey: keys.device,
      nextHash: hashToken(next),
      knownDeviceExpiresAt: addSeconds(now, ctx.signInLimits.knownDeviceSeconds),
      now: now.toISOString(),
    });
    if (!grant) return sendError(reply, 401, apiErrors.signInNeeded);
    const person = await store.getPersonById(grant.personId);
    // A new PIN (changed, or reset by staff) or a one-time PIN: the PIN must go to the service.
    if (!person || person.mustChangePin || pinStamp(person.pinHash) !== grant.pinStamp) return sendError(reply, 401, apiErrors.signInNeeded);
    const body = await startSession(person, now);
    return reply.code(200).send({ ...body, resumeToken: next });
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
      ...(person.mustChangePin ? { mustChangePin: true as const } : {}),
    };
    return reply.code(200).send(body);
  });

  /**
   * The person chooses their own PIN (after a one-time PIN staff gave, or any time). The current
   * PIN is checked under the same counts as a sign-in (a wrong one is a wrong sign-in, and waits
   * apply), then every sign-in of theirs ends, this one too: the device signs in with the new PIN.
   */
  async function changePin(
    reply: FastifyReply,
    input: { personId: string; currentPin: string; newPin: string; keys: SignInKeys },
  ): Promise<FastifyReply> {
    const { keys } = input;
    const limits = ctx.signInLimits;
    const nowIso = ctx.now().toISOString();
    const person = await store.getPersonById(input.personId);
    if (!person) return sendError(reply, 401, apiErrors.signInNeeded);
    const start = await store.beginSignInAttempt({ keys, personId: person.personId, claim: null, limits, now: nowIso });
    if (!start.allowed) return refuse(reply, start, ctx.metrics);
    if (!(await verifyPin(input.currentPin, person.pinHash))) {
      const { addressWaitSeconds } = await store.settleSignInFailure({ keys, personId: person.personId, accountFailures: start.accountFailures, limits, now: nowIso });
      const pairWait = delaySecondsAfter(start.pairFailures, limits.pair);
      if (pairWait > 0 && pairWait >= addressWaitSeconds) return refuse(reply, { allowed: false, limit: 'pair', retryAfterSeconds: pairWait }, ctx.metrics);
      if (addressWaitSeconds > 0) return refuse(reply, { allowed: false, limit: 'address', retryAfterSeconds: addressWaitSeconds }, ctx.metrics);
      return sendError(reply, 400, apiErrors.wrongCurrentPin);
    }
    await store.settleSignInSuccess({
      keys,
      personId: person.personId,
      pinStamp: pinStamp(person.pinHash),
      accountCounted: start.accountFailures !== null,
      device: null,
      now: nowIso,
    });
    await store.setOwnPin(person.personId, await hashPin(input.newPin, ctx.pinHashParams), nowIso);
    return reply.code(204).send();
  }

  app.post('/api/auth/pin', { bodyLimit: authBodyLimitBytes }, async (request, reply) => {
    const owner = await requireSession(ctx, request, reply, { whileMustChangePin: true });
    if (!owner) return reply;
    const parsed = ChangePinRequest.safeParse(request.body);
    if (!parsed.success) {
      const newPinWrong = parsed.error.issues.some((issue) => issue.path[0] === 'newPin');
      return sendError(reply, 400, newPinWrong ? apiErrors.invalidNewPin : apiErrors.invalid);
    }
    const { currentPin, newPin, deviceId } = parsed.data;
    if (currentPin === newPin) return sendError(reply, 400, apiErrors.samePin);
    const person = await store.getPersonById(owner.personId);
    if (!person) return sendError(reply, 401, apiErrors.signInNeeded);
    const keys = signInKeys({ prisonNumber: person.prisonNumber, deviceId, address: request.ip });
    return oneAddressAtATime(keys.address, () => changePin(reply, { personId: person.personId, currentPin, newPin, keys }));
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

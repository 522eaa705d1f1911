/**
 * An in-memory stand-in for the sync service, with the same push/pull/auth semantics (idempotent
 * push: processed ids recorded with the effect), and faults you can queue. Not a test file itself:
 * the sync-*.test.ts files use it. `effects` counts what the service really did.
 */
import { PushRequest, currentSchemaVersion, type Change, type OutboxItem, type PushResult } from '../../src/domain/sync.ts';
import type { FetchLike } from '../../src/app/sync/api-client.ts';

export type Fault =
  /** The request never reaches the service. */
  | { kind: 'offline' }
  /** The service answers this status (no effect), with this error code if given. */
  | { kind: 'status'; status: number; retryAfter?: string; date?: string; code?: string }
  /** The service does the work, then the answer is lost on the way back. */
  | { kind: 'lostResponse' }
  /** The service does the work and answers, but only after `gate` resolves. */
  | { kind: 'hold'; gate: Promise<void> }
  /** The request reaches the service, which never answers (only the caller's signal ends it). */
  | { kind: 'hang' };

/** `mustChangePin`: the PIN is a one-time PIN from staff (the person must choose their own before sync). */
type Person = { personId: string; prisonNumber: string; pin: string; displayName: string; mustChangePin?: boolean };
type SignInBody = { prisonNumber: string; pin: string; deviceId?: string; knownDeviceProofs?: string[] };

function token(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export type FakeServiceOptions = {
  reject?: (item: OutboxItem) => { code: 'invalid' | 'notAllowed' | 'conflict' | 'tooLate' | 'alreadyOpen'; message: string } | null;
  /** Bodies bigger than this get 413 before anything is read (as the real service's body limit). */
  maxBodyBytes?: number;
  /** A push holding such an item fails as a whole with 500 (as a NUL character did on PostgreSQL). */
  failsBatch?: (item: OutboxItem) => boolean;
};

export function createFakeService(options: FakeServiceOptions = {}) {
  const people: Person[] = [];
  const access = new Map<string, string>();
  const refresh = new Map<string, string>();
  const processed = new Map<string, Map<string, PushResult>>();
  /** Every effect, in the order the service applied it. */
  const effects: Array<{ personId: string; id: string; kind: string }> = [];
  /** Every item the service applied, as it was sent, in order. */
  const items: OutboxItem[] = [];
  const changes: Array<{ personId: string; cursor: number; change: Change }> = [];
  let cursor = 0;
  /** Per person, the highest cursor retention has let go (the real service's people.retired_seq). */
  const retiredThrough = new Map<string, number>();
  const faults: Array<{ path: string | null; fault: Fault }> = [];
  const calls: Array<{ method: string; path: string; status: number | 'network' }> = [];
  /** Every sign-in request body, in order. */
  const signIns: SignInBody[] = [];
  /** Every PIN change request body, in order. */
  const pinChanges: Array<{ currentPin: string; newPin: string }> = [];
  /** Known-device proofs given out: proof → whose, on which device. */
  const proofs = new Map<string, { personId: string; deviceId: string }>();
  /** Resume tokens given out (each works once): token → whose, on which device, under which PIN. */
  const resumeTokens = new Map<string, { personId: string; deviceId: string; pin: string }>();
  /** Every resume request body, in order. */
  const resumes: Array<{ deviceId: string; resumeToken: string }> = [];
  /** Every resume token given out, in order. */
  const resumeTokensIssued: string[] = [];
  let online = true;
  let hanging = false;
  let inFlightPushes = 0;
  /** The size in bytes of every push body the service received, in order. */
  const pushBodies: number[] = [];
  let maxConcurrentPushes = 0;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
  const error = (status: number, code: string, headers: Record<string, string> = {}) => json(status, { code, message: code }, headers);

  function grant(person: Person) {
    const accessToken = token();
    const refreshToken = token();
    access.set(accessToken, person.personId);
    refresh.set(refreshToken, person.personId);
    return {
      accessToken,
      refreshToken,
      expiresIn: 900,
      refreshExpiresIn: 43_200,
      person: { personId: person.personId, displayName: person.displayName },
      ...(person.mustChangePin ? { mustChangePin: true } : {}),
    };
  }

  function newResumeToken(person: Person, deviceId: string): string {
    for (const [t, owner] of resumeTokens) if (owner.personId === person.personId && owner.deviceId === deviceId) resumeTokens.delete(t);
    const resumeToken = token();
    resumeTokens.set(resumeToken, { personId: person.personId, deviceId, pin: person.pin });
    resumeTokensIssued.push(resumeToken);
    return resumeToken;
  }

  function bearer(init: RequestInit): string | null {
    const header = new Headers(init.headers).get('Authorization');
    const value = header?.replace(/^Bearer /, '') ?? '';
    return access.get(value) ?? null;
  }

  function handle(method: string, path: string, url: URL, init: RequestInit): Response {
    if (path === '/api/auth/sign-in') {
      const body = JSON.parse(String(init.body)) as SignInBody;
      signIns.push(body);
      const person = people.find((p) => p.prisonNumber === body.prisonNumber.trim().toUpperCase() && p.pin === body.pin);
      if (!person) return error(401, 'signIn.failed');
      // As the real service: a device id without a proof that is this person's here gets a new one.
      const known = (body.knownDeviceProofs ?? []).some((proof) => proofs.get(proof)?.personId === person.personId && proofs.get(proof)?.deviceId === body.deviceId);
      if (!body.deviceId) return json(200, grant(person));
      // As the real service: a device id gets a resume token (none for a one-time PIN), replacing the one before.
      const resume = person.mustChangePin ? {} : { resumeToken: newResumeToken(person, body.deviceId) };
      if (known) return json(200, { ...grant(person), ...resume });
      const deviceProof = token();
      proofs.set(deviceProof, { personId: person.personId, deviceId: body.deviceId });
      return json(200, { ...grant(person), deviceProof, ...resume });
    }
    if (path === '/api/auth/resume') {
      const body = JSON.parse(String(init.body)) as { deviceId: string; resumeToken: string };
      resumes.push(body);
      const issued = resumeTokens.get(body.resumeToken);
      const person = issued && people.find((p) => p.personId === issued.personId);
      if (!issued || !person || issued.deviceId !== body.deviceId || issued.pin !== person.pin || person.mustChangePin) return error(401, 'signInNeeded');
      return json(200, { ...grant(person), resumeToken: newResumeToken(person, body.deviceId) });
    }
    if (path === '/api/auth/refresh') {
      const body = JSON.parse(String(init.body)) as { refreshToken: string };
      const personId = refresh.get(body.refreshToken);
      if (!personId) return error(401, 'refresh.failed');
      refresh.delete(body.refreshToken); // rotated: a token works once
      return json(200, grant(people.find((p) => p.personId === personId)!));
    }
    if (path === '/api/auth/sign-out') {
      const personId = bearer(init);
      for (const [t, id] of [...access, ...refresh]) if (id === personId) { access.delete(t); refresh.delete(t); }
      return new Response(null, { status: 204 });
    }
    const personId = bearer(init);
    if (!personId) return error(401, 'auth.required');
    const person = people.find((p) => p.personId === personId)!;
    if (path === '/api/auth/pin' && method === 'POST') {
      // As the real service: the current PIN checked, a new one different, then every sign-in of theirs ends.
      const body = JSON.parse(String(init.body)) as { currentPin: string; newPin: string };
      pinChanges.push(body);
      if (!/^\d{6,12}$/.test(body.newPin)) return error(400, 'invalidNewPin');
      if (body.newPin === body.currentPin) return error(400, 'samePin');
      if (body.currentPin !== person.pin) return error(400, 'wrongCurrentPin');
      person.pin = body.newPin;
      person.mustChangePin = false;
      for (const [t, id] of [...access, ...refresh]) if (id === personId) { access.delete(t); refresh.delete(t); }
      for (const [proof, owner] of proofs) if (owner.personId === personId) proofs.delete(proof);
      return new Response(null, { status: 204 });
    }
    if (person.mustChangePin) return error(403, 'changePinFirst');
    if (path === '/api/sync/push' && method === 'POST') {
      const request = PushRequest.parse(JSON.parse(String(init.body)));
      if (options.failsBatch && request.items.some(options.failsBatch)) return error(500, 'internal');
      const seen = processed.get(personId) ?? new Map<string, PushResult>();
      processed.set(personId, seen);
      const results = request.items.map((item): PushResult => {
        const earlier = seen.get(item.id);
        if (earlier) return earlier.status === 'applied' ? { id: item.id, status: 'duplicate' } : earlier;
        const rejection = options.reject?.(item) ?? null;
        const result: PushResult = rejection ? { id: item.id, status: 'rejected', ...rejection } : { id: item.id, status: 'applied' };
        if (!rejection) {
          effects.push({ personId, id: item.id, kind: item.kind });
          items.push(item);
        }
        seen.set(item.id, result); // recorded with the effect: one transaction on the real service
        return result;
      });
      return json(200, { schemaVersion: currentSchemaVersion, results });
    }
    if (path === '/api/sync/pull' && method === 'GET') {
      const after = Number(url.searchParams.get('cursor') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '100');
      const retired = retiredThrough.get(personId) ?? 0;
      // As the real service: a cursor older than what retention let go gets everything, once.
      const restart = after > 0 && after < retired;
      const mine = changes.filter((c) => c.personId === personId && c.cursor > (restart ? 0 : after));
      const page = restart ? mine : mine.slice(0, limit);
      const hasMore = mine.length > page.length;
      const last = page.length ? page[page.length - 1]!.cursor : Math.max(after, cursor);
      const next = hasMore ? last : Math.max(last, retired);
      return json(200, { schemaVersion: currentSchemaVersion, cursor: String(next), changes: page.map((c) => c.change), hasMore, ...(restart ? { restart: true } : {}) });
    }
    return error(404, 'notFound');
  }

  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input, 'http://service.test');
    const method = init.method ?? 'GET';
    const index = faults.findIndex((f) => f.path === null || f.path === url.pathname);
    const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : null;
    const log = (status: number | 'network') => calls.push({ method, path: url.pathname, status });
    if (!online || fault?.kind === 'offline') {
      log('network');
      throw new TypeError('Failed to fetch');
    }
    if (init.signal?.aborted) {
      log('network');
      throw new DOMException('Aborted', 'AbortError');
    }
    if (hanging || fault?.kind === 'hang') {
      // Never answers: only an abort (the caller's, or a time-out) ends the wait.
      await new Promise<never>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
      }).catch((error: unknown) => {
        log('network');
        throw error;
      });
    }
    if (fault?.kind === 'status') {
      log(fault.status);
      const headers: Record<string, string> = {};
      if (fault.retryAfter) headers['Retry-After'] = fault.retryAfter;
      if (fault.date) headers['Date'] = fault.date;
      return error(fault.status, fault.code ?? `http.${fault.status}`, headers);
    }
    const isPush = url.pathname === '/api/sync/push';
    if (isPush) pushBodies.push(new TextEncoder().encode(String(init.body)).length);
    if (isPush && options.maxBodyBytes !== undefined && pushBodies.at(-1)! > options.maxBodyBytes) {
      log(413);
      return error(413, 'body.tooLarge');
    }
    if (isPush) maxConcurrentPushes = Math.max(maxConcurrentPushes, ++inFlightPushes);
    try {
      await Promise.resolve();
      const response = handle(method, url.pathname, url, init);
      if (fault?.kind === 'hold') await fault.gate;
      if (fault?.kind === 'lostResponse') {
        log('network');
        throw new TypeError('Network connection lost');
      }
      if (init.signal?.aborted) {
        log('network');
        throw new DOMException('Aborted', 'AbortError');
      }
      log(response.status);
      return response;
    } finally {
      if (isPush) inFlightPushes -= 1;
    }
  };

  return {
    fetch,
    effects,
    items,
    calls,
    pushBodies,
    signIns,
    resumes,
    resumeTokensIssued,
    pinChanges,
    processed,
    /** How many resume tokens the service would still take. */
    liveResumeTokens: () => resumeTokens.size,
    /** Every resume token stops working (as 30 days after the PIN did): the next sign-in sends the PIN. */
    endResumes() {
      resumeTokens.clear();
    },
    /** Staff gave the person a new one-time PIN: their sign-ins end, and they must choose their own at the next one. */
    resetPin(personId: string, oneTimePin: string) {
      const person = people.find((p) => p.personId === personId)!;
      person.pin = oneTimePin;
      person.mustChangePin = true;
      for (const [t, id] of [...access, ...refresh]) if (id === personId) { access.delete(t); refresh.delete(t); }
    },
    pinOf: (personId: string) => people.find((p) => p.personId === personId)?.pin,
    addPerson(person: Person) {
      people.push(person);
    },
    addChange(personId: string, change: Change) {
      cursor += 1;
      changes.push({ personId, cursor, change });
    },
    /** Retention let an application's entry go (src/domain/retention.ts), as the real service's sweep does. */
    retire(personId: string, applicationId: string) {
      for (let i = changes.length - 1; i >= 0; i--) {
        const entry = changes[i]!;
        if (entry.personId !== personId || entry.change.entity !== 'applicationReply' || entry.change.data.applicationId !== applicationId) continue;
        retiredThrough.set(personId, Math.max(retiredThrough.get(personId) ?? 0, entry.cursor));
        changes.splice(i, 1);
      }
    },
    /** Queue a fault for the next request (to `path`, or any request). */
    fault(fault: Fault, path: string | null = '/api/sync/push') {
      faults.push({ path, fault });
    },
    pendingFaults: () => faults.length,
    clearFaults() {
      faults.length = 0;
    },
    setOnline(value: boolean) {
      online = value;
    },
    /** While true, every request reaches the service and is never answered. */
    setHanging(value: boolean) {
      hanging = value;
    },
    /** End every access token (as if they all expired); refresh tokens still work. */
    expireAccessTokens() {
      access.clear();
    },
    get maxConcurrentPushes() {
      return maxConcurrentPushes;
    },
    effectsFor: (personId: string) => effects.filter((e) => e.personId === personId).map((e) => e.id),
  };
}

export type FakeService = ReturnType<typeof createFakeService>;

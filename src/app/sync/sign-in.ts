import type { SignInRequest } from '../../domain/auth.ts';
import type { OutboxItem } from '../../domain/sync.ts';
import type { DeviceDatabase } from '../data/device-db.ts';
import { deviceId, keepDeviceProof, signInRequest } from '../data/known-device.ts';
import { draftKeyPrefix, metaKeys, openPersonDatabase, type PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import { openHere, rememberPerson, unlockOffline, type UnlockOptions } from '../data/unlock.ts';
import type { ApiClient } from './api-client.ts';
import { createPersonAuth, openSealedToken, type PersonAuth } from './auth.ts';
import { within } from './deadline.ts';
import type { PersonSync } from './engine.ts';
import { defaultLock, flushLockName, type LockRunner } from './locks.ts';
import { markSent, readForLastSend } from './outbox.ts';
import type { PendingPinChange } from './pin-change.ts';

/**
 * Sign-in: online when the service answers, offline unlock when it does not.
 * A 401 from the service is a wrong PIN and never falls back to offline unlock (the service's
 * own lock-out must not be side-stepped); only "no answer" (network, 5xx) does.
 * Every sign-in sends this device's id and the known-device proofs of the people here whose hint
 * matches the typed prison number; a new proof from the service is kept with the person's record.
 *
 * **Resume** comes first: when the PIN opens the person's data here and a resume token is kept
 * (sealed) with it, the service is asked for a new sign-in from the token instead, so the PIN's
 * slow hash is not checked there again (most of a morning's cost: bench/README.md). A PIN that
 * opens nothing here (wrong, or changed elsewhere) always goes to the service, which counts it;
 * a token the service no longer takes is dropped and the PIN goes to the service.
 */
export type SignedIn = { mode: 'online' | 'offline'; session: PersonSession; db: PersonDatabase; auth: PersonAuth; displayName: string | null };

export type SignInResult =
  | ({ ok: true } & SignedIn)
  | { ok: false; reason: 'wrongPin' }
  | { ok: false; reason: 'tooSoon'; waitMs: number }
  /** Never signed in on this device and the service cannot be reached. */
  | { ok: false; reason: 'needsConnection' }
  /** The PIN changed elsewhere: ask for the old one once (rewrapAfterPinChange). */
  | { ok: false; reason: 'pinChanged'; personId: string }
  /** Someone may be guessing this PIN: only devices used before still work; ask staff. */
  | { ok: false; reason: 'askStaff' }
  /** A one-time PIN from staff: the person chooses their own first (sync/pin-change.ts); nothing is unlocked yet. */
  | { ok: false; reason: 'newPinNeeded'; pending: PendingPinChange };

export async function signIn(
  deps: { api: ApiClient; device: DeviceDatabase; unlock?: UnlockOptions },
  input: { prisonNumber: string; pin: string },
): Promise<SignInResult> {
  const { api, device } = deps;
  const request = await signInRequest(device, input);
  const resumed = await resumeHere(deps, input, request);
  if (resumed) return resumed;
  const online = await api.signIn(request);
  if (online.ok) {
    const personId = online.value.person.personId;
    if (online.value.mustChangePin) {
      return { ok: false, reason: 'newPinNeeded', pending: { personId, prisonNumber: input.prisonNumber, currentPin: input.pin, accessToken: online.value.accessToken } };
    }
    const remembered = await rememberPerson(device, { personId, prisonNumber: input.prisonNumber, pin: input.pin }, deps.unlock);
    // Kept also when the PIN changed: the proof is for the new PIN, and the record is there.
    await keepDeviceProof(device, { personId, prisonNumber: input.prisonNumber }, online.value.deviceProof);
    if (!remembered.ok) return { ok: false, reason: 'pinChanged', personId };
    const db = openPersonDatabase(personId);
    const auth = createPersonAuth({ api, db, session: remembered.session });
    await auth.accept(online.value);
    return { ok: true, mode: 'online', session: remembered.session, db, auth, displayName: online.value.person.displayName };
  }
  if (online.kind === 'unauthorized') return { ok: false, reason: 'wrongPin' };
  if (online.kind === 'refused' && online.error?.code === 'askStaff') return { ok: false, reason: 'askStaff' };
  if (online.kind === 'refused') {
    if (online.status === 429) return { ok: false, reason: 'tooSoon', waitMs: online.retryAfterMs ?? 60_000 };
    return { ok: false, reason: 'wrongPin' };
  }
  if (online.kind === 'retry' && online.status === 429) return { ok: false, reason: 'tooSoon', waitMs: online.retryAfterMs ?? 60_000 };

  const offline = await unlockOffline(device, input, deps.unlock);
  if (offline.ok) {
    const db = openPersonDatabase(offline.session.personId);
    const auth = createPersonAuth({ api, db, session: offline.session, pendingSignIn: request });
    return { ok: true, mode: 'offline', session: offline.session, db, auth, displayName: null };
  }
  if (offline.reason === 'unknown') return { ok: false, reason: 'needsConnection' };
  if (offline.reason === 'tooSoon') return { ok: false, reason: 'tooSoon', waitMs: offline.waitMs };
  return { ok: false, reason: 'wrongPin' };
}

/**
 * A sign-in from this device's resume token (see `signIn`); null when there is nothing to resume
 * with or the service no longer takes it: then sign in with the PIN.
 */
async function resumeHere(
  deps: { api: ApiClient; device: DeviceDatabase; unlock?: UnlockOptions },
  input: { prisonNumber: string; pin: string },
  request: SignInRequest,
): Promise<SignInResult | null> {
  const { api, device } = deps;
  const session = await openHere(device, input, deps.unlock);
  if (!session) return null;
  const db = openPersonDatabase(session.personId);
  const token = await openSealedToken(db, session, metaKeys.resumeToken);
  if (token) {
    const answer = await api.resume({ deviceId: await deviceId(device), resumeToken: token });
    if (answer.ok && answer.value.person.personId === session.personId && !answer.value.mustChangePin) {
      const auth = createPersonAuth({ api, db, session });
      await auth.accept(answer.value);
      await keepDeviceProof(device, { personId: session.personId, prisonNumber: input.prisonNumber }, undefined);
      return { ok: true, mode: 'online', session, db, auth, displayName: answer.value.person.displayName };
    }
    if (!answer.ok && (answer.kind === 'network' || answer.kind === 'retry')) {
      // No answer: the PIN opened the data here, as an offline unlock would.
      const auth = createPersonAuth({ api, db, session, pendingSignIn: request });
      return { ok: true, mode: 'offline', session, db, auth, displayName: null };
    }
    await db.meta.delete(metaKeys.resumeToken);
  }
  session.lock();
  db.close();
  return null;
}

/** The longest a sign-out takes, whatever the network, the device or another tab does. */
export const signOutTimeoutMs = 5_000;

/** What is left on this device after a sign-out (counts only); null from `signOut` when not known in time. */
export type SignOutSummary = { waiting: number; draftSaved: boolean };

type Tokens = { accessToken: string | null; refreshToken: string | null };

/**
 * Sign-out on a shared device, always within `timeoutMs` (5 s):
 * 1. stop this person's sync, and read — in a short, bounded moment while the key is still here —
 *    what the last send and the sign-out call need (tokens, the oldest waiting items), after any
 *    last draft write (`settle`);
 * 2. **lock: the key leaves memory**, whatever happens next;
 * 3. one bounded try to send those items (the wait for the flush lock is bounded too); what the
 *    service took leaves the outbox (that needs no key), the rest stays sealed for next time;
 * 4. end the sign-in on the service (bounded), forget the tokens on disk, close the database.
 * Anything still waiting stays sealed in the person's own database and goes at their next
 * sign-in on this device. The opened items stay in memory only until the send ends (≤ 5 s).
 */
export async function signOut(
  signedIn: SignedIn,
  sync: PersonSync | null,
  api: ApiClient,
  options: { timeoutMs?: number; settle?: Promise<unknown>; lock?: LockRunner } = {},
): Promise<SignOutSummary | null> {
  const { session, auth, db } = signedIn;
  const budget = options.timeoutMs ?? signOutTimeoutMs;
  const started = performance.now();
  /** Time left until `share` of the budget is used. */
  const until = (share: number) => budget * share - (performance.now() - started);
  sync?.stop();

  const tokens: Tokens = { accessToken: null, refreshToken: null };
  let items: OutboxItem[] = [];
  if (!session.locked) {
    await within(
      until(0.2),
      async () => {
        // Tokens first: even if the rest runs out of time, the sign-in can still be ended.
        tokens.accessToken = auth.accessToken();
        tokens.refreshToken = await auth.refreshToken().catch(() => null);
        await options.settle?.catch(() => undefined);
        items = await readForLastSend(db, session);
      },
      undefined,
    );
  }
  session.lock(); // the key leaves memory here, before any wait on the network or another tab

  try {
    if (items.length > 0) {
      const lock = options.lock ?? defaultLock();
      await within(until(0.6), (signal) => lastSend({ api, db, lock, personId: session.personId, items, tokens }, signal), undefined);
    }
    items = [];
    if (tokens.accessToken || tokens.refreshToken) {
      await within(
        until(0.85),
        (signal) =>
          api.signOut({ ...(tokens.accessToken ? { accessToken: tokens.accessToken } : {}), ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}) }, signal),
        null,
      );
    }
    return await within(
      until(1),
      async () => {
        await auth.forget();
        return leftOnDevice(db);
      },
      null, // out of time: not known
    );
  } finally {
    db.close();
  }
}

/** The last send, without the key: push once (refreshing once if the access token is gone). */
async function lastSend(
  deps: { api: ApiClient; db: PersonDatabase; lock: LockRunner; personId: string; items: OutboxItem[]; tokens: Tokens },
  signal: AbortSignal,
): Promise<void> {
  const { api, db, tokens } = deps;
  await deps.lock(
    flushLockName(deps.personId),
    async () => {
      // Another tab may have sent some of them while we waited.
      const rows = await db.outbox.bulkGet(deps.items.map((item) => item.id));
      const items = deps.items.filter((_item, i) => rows[i]?.state === 'waiting');
      if (items.length === 0) return;
      for (let attempt = 0; attempt < 2 && !signal.aborted; attempt++) {
        if (!tokens.accessToken && !(await refreshTokens(api, tokens, deps.personId, signal))) return;
        const response = await api.push(tokens.accessToken!, items, signal);
        if (response.ok) {
          const sent = new Set(items.map((item) => item.id));
          const taken = response.value.results.filter((r) => sent.has(r.id) && r.status !== 'rejected').map((r) => r.id);
          // A rejection's message is sealed for the person, which needs the key: that item stays
          // waiting, and the service answers the same at the next sign-in.
          if (!signal.aborted) await markSent(db, taken);
          return;
        }
        if (response.kind !== 'unauthorized') return;
        tokens.accessToken = null;
      }
    },
    { signal },
  );
}

async function refreshTokens(api: ApiClient, tokens: Tokens, personId: string, signal: AbortSignal): Promise<boolean> {
  if (!tokens.refreshToken) return false;
  const result = await api.refresh(tokens.refreshToken, signal);
  if (!result.ok || result.value.person.personId !== personId) return false;
  tokens.accessToken = result.value.accessToken;
  tokens.refreshToken = result.value.refreshToken;
  return true;
}

async function leftOnDevice(db: PersonDatabase): Promise<SignOutSummary> {
  const [waiting, drafts] = await Promise.all([db.outbox.where('state').equals('waiting').count(), db.meta.where('key').startsWith(draftKeyPrefix).count()]);
  return { waiting, draftSaved: drafts > 0 };
}

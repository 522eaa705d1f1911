import type { DeviceDatabase } from '../data/device-db.ts';
import { keepDeviceProof, signInRequest } from '../data/known-device.ts';
import { openPersonDatabase, type PersonDatabase } from '../data/person-db.ts';
import type { PersonSession } from '../data/session.ts';
import { rememberPerson, unlockOffline, type UnlockOptions } from '../data/unlock.ts';
import type { ApiClient } from './api-client.ts';
import { createPersonAuth, type PersonAuth } from './auth.ts';
import type { PersonSync } from './engine.ts';

/**
 * Sign-in: online when the service answers, offline unlock when it does not.
 * A 401 from the service is a wrong PIN and never falls back to offline unlock (the service's
 * own lock-out must not be side-stepped); only "no answer" (network, 5xx) does.
 * Every sign-in sends this device's id and the known-device proofs of the people here whose hint
 * matches the typed prison number; a new proof from the service is kept with the person's record.
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
  | { ok: false; reason: 'askStaff' };

export async function signIn(
  deps: { api: ApiClient; device: DeviceDatabase; unlock?: UnlockOptions },
  input: { prisonNumber: string; pin: string },
): Promise<SignInResult> {
  const { api, device } = deps;
  const request = await signInRequest(device, input);
  const online = await api.signIn(request);
  if (online.ok) {
    const personId = online.value.person.personId;
    const remembered = await rememberPerson(device, { personId, prisonNumber: input.prisonNumber, pin: input.pin }, deps.unlock);
    // Kept also when the PIN changed: the proof is for the new PIN, and the record is there.
    if (online.value.deviceProof) await keepDeviceProof(device, personId, online.value.deviceProof);
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
 * Sign-out on a shared device: try once more to send what is waiting (bounded), end the sign-in
 * on the service, forget tokens, lock (the key leaves memory), close the database. Anything still
 * waiting stays sealed in the person's own database and goes at their next sign-in on this device.
 */
export async function signOut(signedIn: SignedIn, sync: PersonSync | null, api: ApiClient, options: { flushTimeoutMs?: number } = {}): Promise<void> {
  const { session, auth, db } = signedIn;
  if (sync && !session.locked) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.flushTimeoutMs ?? 5_000);
    try {
      await sync.syncNow(controller.signal);
    } catch (_error) {
      // Nothing is lost: it stays in the outbox.
    } finally {
      clearTimeout(timer);
    }
    sync.stop();
  }
  if (!session.locked) {
    const accessToken = auth.accessToken();
    const refreshToken = await auth.refreshToken().catch(() => null);
    if (accessToken || refreshToken) {
      await api.signOut({ ...(accessToken ? { accessToken } : {}), ...(refreshToken ? { refreshToken } : {}) });
    }
    await auth.forget();
  }
  session.lock();
  db.close();
}

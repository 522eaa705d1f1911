import type { SignInRequest, SignInResponse } from '../../domain/auth.ts';
import { metaKeys, type PersonDatabase } from '../data/person-db.ts';
import type { Sealed } from '../data/crypto/seal.ts';
import { LockedError, type PersonSession } from '../data/session.ts';
import type { ApiClient } from './api-client.ts';
import type { AuthHandle } from './flusher.ts';
import { defaultLock, type LockRunner } from './locks.ts';

/**
 * Tokens for one unlocked person. The access token lives in memory only. The refresh token is
 * kept SEALED in the person's own database (so an offline unlock can get back online later) and is
 * refreshed under a per-person lock: the service rotates it, and using one twice ends the sign-in.
 * After an offline unlock, the PIN may be held in memory until the first online sign-in works,
 * then dropped; it is tried at most once.
 */
export type PersonAuth = AuthHandle & {
  /** Store a fresh grant (after sign-in or refresh). */
  accept(grant: SignInResponse): Promise<void>;
  /** The stored refresh token, if any (for sign-out). */
  refreshToken(): Promise<string | null>;
  /** Forget every token, here and on disk. */
  forget(): Promise<void>;
};

/** A token kept sealed in the person's `meta` table; null when there is none, or it is spoilt on disk. */
export async function openSealedToken(db: PersonDatabase, session: PersonSession, key: string): Promise<string | null> {
  const value = (await db.meta.get(key))?.value;
  if (!value) return null;
  try {
    const token = await session.open(value as Sealed, 'meta', key);
    return typeof token === 'string' ? token : null;
  } catch (error) {
    if (error instanceof LockedError) throw error;
    return null; // spoilt on disk: as if there were none (sign in again)
  }
}

export function createPersonAuth(options: {
  api: ApiClient;
  db: PersonDatabase;
  session: PersonSession;
  lock?: LockRunner;
  /** Offline unlock only: sign in with these once, when the network is back. */
  pendingSignIn?: SignInRequest;
}): PersonAuth {
  const { api, db, session } = options;
  const lock = options.lock ?? defaultLock();
  let accessToken: string | null = null;
  let pendingSignIn = options.pendingSignIn ?? null;
  session.onLock(() => {
    accessToken = null;
    pendingSignIn = null;
  });

  const storedRefreshToken = () => openSealedToken(db, session, metaKeys.refreshToken);

  async function accept(grant: SignInResponse): Promise<void> {
    if (grant.person.personId !== session.personId) throw new Error('A grant for someone else.');
    const sealed = await session.seal(grant.refreshToken, 'meta', metaKeys.refreshToken);
    // A resume token replaces the one before it (which the service has used up or let go).
    const resume = grant.resumeToken ? { key: metaKeys.resumeToken, value: await session.seal(grant.resumeToken, 'meta', metaKeys.resumeToken) } : null;
    await db.meta.bulkPut(resume ? [{ key: metaKeys.refreshToken, value: sealed }, resume] : [{ key: metaKeys.refreshToken, value: sealed }]);
    accessToken = grant.accessToken;
    pendingSignIn = null;
  }

  async function reauthenticate(): Promise<'ok' | 'signInNeeded' | 'unreachable'> {
    const before = accessToken;
    return lock(`spc-auth-${session.personId}`, async () => {
      if (accessToken !== before && accessToken !== null) return 'ok';
      const refreshToken = await storedRefreshToken();
      if (refreshToken) {
        const result = await api.refresh(refreshToken);
        if (result.ok) {
          await accept(result.value);
          return 'ok';
        }
        if (result.kind !== 'unauthorized') return 'unreachable';
        await db.meta.delete(metaKeys.refreshToken);
      }
      if (pendingSignIn) {
        const result = await api.signIn(pendingSignIn);
        if (result.ok) {
          await accept(result.value);
          return 'ok';
        }
        if (result.kind === 'network' || result.kind === 'retry') return 'unreachable';
        pendingSignIn = null; // refused: never try the same PIN again
      }
      accessToken = null;
      return 'signInNeeded';
    });
  }

  return {
    accessToken: () => (session.locked ? null : accessToken),
    reauthenticate,
    accept,
    refreshToken: storedRefreshToken,
    // The resume token stays: it needs this person's PIN to open, and saves their next sign-in here the PIN check on the service.
    async forget() {
      accessToken = null;
      pendingSignIn = null;
      await db.meta.delete(metaKeys.refreshToken);
    },
  };
}

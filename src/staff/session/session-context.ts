import { createContext, useContext } from 'react';
import type { StaffSessionInfo } from '../../domain/staff.ts';
import type { StaffApi } from '../api/client.ts';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signedOut'; why: 'start' | 'signedOut' | 'timedOut' }
  | { kind: 'signedIn'; info: StaffSessionInfo };

export type StaffSession = {
  api: StaffApi;
  state: SessionState;
  /** When the service last answered (ms since 1970): the idle clock counts from here. */
  lastActivity: () => number;
  signedIn(info: StaffSessionInfo): void;
  /** Asks the service again (GET session): "stay signed in", and after a password change. */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  timedOut(): void;
  /** Back to the sign-in page from the timed-out page. */
  startAgain(): void;
};

export const SessionContext = createContext<StaffSession | null>(null);

export function useStaffSession(): StaffSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useStaffSession outside SessionProvider');
  return session;
}

/** The signed-in member's session facts (only inside signed-in pages). */
export function useSignedIn(): StaffSessionInfo {
  const { state } = useStaffSession();
  if (state.kind !== 'signedIn') throw new Error('useSignedIn while not signed in');
  return state.info;
}

import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { StaffSessionInfo } from '../../domain/staff.ts';
import { createStaffApi, type StaffApi } from '../api/client.ts';
import { SessionContext, type SessionState, type StaffSession } from './session-context.ts';

type Props = { children: ReactNode; fetchImpl?: typeof fetch; now?: () => number };

/**
 * Who is signed in. On start it asks the service (GET session: the cookie may still be good after
 * a reload). Any 401 from the service ends the sign-in here too, as a time-out.
 */
export function SessionProvider({ children, fetchImpl, now = Date.now }: Props) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const api: StaffApi = useMemo(
    () =>
      createStaffApi(
        {
          now,
          onSignedOut: () => setState((current) => (current.kind === 'signedIn' ? { kind: 'signedOut', why: 'timedOut' } : current)),
        },
        fetchImpl,
      ),
    [fetchImpl, now],
  );

  useEffect(() => {
    let live = true;
    api.session().then(
      (info) => live && setState({ kind: 'signedIn', info }),
      () => live && setState({ kind: 'signedOut', why: 'start' }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const signedIn = useCallback((info: StaffSessionInfo) => setState({ kind: 'signedIn', info }), []);
  const refresh = useCallback(async () => {
    const info = await api.session();
    setState({ kind: 'signedIn', info });
  }, [api]);
  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch {
      // Already ended on the service: signed out either way.
    }
    setState({ kind: 'signedOut', why: 'signedOut' });
  }, [api]);
  const timedOut = useCallback(() => setState({ kind: 'signedOut', why: 'timedOut' }), []);
  const startAgain = useCallback(() => setState({ kind: 'signedOut', why: 'start' }), []);

  const value: StaffSession = useMemo(
    () => ({ api, state, lastActivity: api.lastActivity, signedIn, refresh, signOut, timedOut, startAgain }),
    [api, state, signedIn, refresh, signOut, timedOut, startAgain],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

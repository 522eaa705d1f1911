import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { appRoutes } from '../routes.ts';
import { useSession } from './session-context.ts';

/**
 * After sign-out, Back and Forward never go through the last person's visit: every history entry
 * made while someone was signed in belongs to them, and opening it when they are no longer the
 * one signed in leads to the home page instead (the entry is replaced). The entries are known by
 * the router's own opaque keys, kept in memory only, for every page that was shown (a page left
 * before it had appeared is not known; personal pages show only a sign-in prompt anyway).
 */
export function SignedOutHistory() {
  const { person } = useSession();
  const { key } = useLocation();
  const navigate = useNavigate();
  const owners = useRef(new Map<string, string>());
  const personId = person?.signedIn.session.personId ?? null;

  useEffect(() => {
    const owner = owners.current.get(key);
    if (owner !== undefined && owner !== personId) {
      owners.current.delete(key);
      void navigate(appRoutes.home, { replace: true });
    } else if (personId) {
      owners.current.set(key, personId);
    }
  }, [key, personId, navigate]);

  return null;
}

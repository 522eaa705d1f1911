import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { appRoutes } from '../routes.ts';
import type { ActivePerson } from './session-context.ts';
import { useSession } from './session-context.ts';

/**
 * After sign-out, Back and Forward never go through the last person's visit: every history entry
 * shown while someone was signed in belongs to that sign-in, and opening it during another one (or
 * when nobody is signed in) leads to the home page instead (the entry is replaced). Entries are
 * known by the router's own opaque keys, and sign-ins by a number: nothing of the person is kept.
 * A page left before it had appeared is not known; personal pages show only a sign-in prompt anyway.
 */
export function SignedOutHistory() {
  const { person } = useSession();
  const { key } = useLocation();
  const navigate = useNavigate();
  const visit = useVisitNumber(person);
  const owners = useRef(new Map<string, number>());

  useEffect(() => {
    const owner = owners.current.get(key);
    if (owner !== undefined && owner !== visit) {
      owners.current.delete(key);
      void navigate(appRoutes.home, { replace: true });
    } else if (visit !== 0) {
      owners.current.set(key, visit);
    }
  }, [key, visit, navigate]);

  return null;
}

/** 0 while nobody is signed in; a new number for each sign-in. */
function useVisitNumber(person: ActivePerson | null): number {
  const [state, setState] = useState<{ person: ActivePerson | null; visit: number; count: number }>({ person: null, visit: 0, count: 0 });
  if (state.person !== person) {
    const count = person ? state.count + 1 : state.count;
    setState({ person, visit: person ? count : 0, count });
  }
  return state.person === person ? state.visit : person ? state.count + 1 : 0;
}

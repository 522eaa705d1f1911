import { type ReactNode, useRef } from 'react';
import { lazyWithStrings } from '../i18n/PageStrings.tsx';
import { useSession } from './session-context.ts';

// Only a signed-in visit needs the watch and its warning: loaded then, not with the first page.
const IdleWatch = lazyWithStrings(() => import('./IdleWatch.tsx').then((m) => m.IdleWatch));

/**
 * Signs a person out after a while with no touch or key (kiosk about 2 minutes, tablet about 15),
 * so the next person at a shared screen never sees their information. A warning comes first, with
 * a large "I need more time" button. Forms save what is typed as a sealed draft as the person
 * types, so an idle sign-out never loses it.
 *
 * The page is inside this component: while the warning is up it is hidden and inert (a passer-by
 * cannot read it, and nothing behind the warning can be reached by touch, keys or a screen
 * reader), so the warning is truly modal. The page element never changes, so nothing in it is lost.
 */
export function IdleTimeout({ children }: { children?: ReactNode }) {
  const { person } = useSession();
  const behind = useRef<HTMLDivElement>(null);
  return (
    <>
      <div className="app-behind-idle" ref={behind}>
        {children}
      </div>
      {person ? <IdleWatch key={person.signedIn.session.personId} behind={behind} /> : null}
    </>
  );
}

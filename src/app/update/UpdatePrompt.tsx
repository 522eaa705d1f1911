import { useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { lazyWithStrings } from '../i18n/PageStrings.tsx';
import { useSession } from '../session/session-context.ts';
import { useHasUnsavedInput } from './unsaved-input.ts';
import type { UpdateStatus, Updates } from './updates.ts';

type Props = {
  /** The service worker's updates (none in tests of other things, or without service workers). */
  updates: Updates | null;
};

const noSubscription = () => () => {};
const noUpdate = (): UpdateStatus => 'none';
// Shown only when there is an update: loaded then, not with the first page.
const UpdateBanner = lazyWithStrings(() => import('./UpdateBanner.tsx').then((m) => m.UpdateBanner));

/**
 * Tells `updates` what a reload would cost in this tab (someone signed in, unsaved input, a
 * sign-out under way, the sign-out notice on screen), and shows the update banner:
 * - a new version waiting, and nothing to lose here: "Update now" (this tab only) or "Later";
 * - another tab has applied it, and someone is signed in or typing here: it says this page will
 *   update after sign-out, and offers nothing that would reload it;
 * - another tab has applied it and nothing is lost here: "Update now" (it also happens by itself
 *   as soon as nobody is reading the screen).
 */
export function UpdatePrompt({ updates }: Props) {
  const status = useSyncExternalStore(updates?.subscribe ?? noSubscription, updates?.getStatus ?? noUpdate, noUpdate);
  const unsaved = useHasUnsavedInput();
  const { person, notice } = useSession();
  const nothingToLose = !unsaved && person === null && notice?.state !== 'signingOut';
  const quiet = notice === null;
  const [dismissed, setDismissed] = useState(false);

  // A layout effect: `updates` knows what a reload would cost in the same commit that shows the
  // person signed in. A passive effect ran later, and a worker change in between reloaded the
  // page of someone who had just signed in (seen as a flaky test on a loaded machine).
  useLayoutEffect(() => {
    updates?.setSafety({ nothingToLose, quiet });
  }, [updates, nothingToLose, quiet]);

  if (!updates || status === 'none') return null;
  if (status === 'activeElsewhere' && !nothingToLose) return <UpdateBanner kind="afterSignOut" />;
  if (!nothingToLose || (status === 'ready' && dismissed)) return null;
  return <UpdateBanner kind="offer" onUpdate={() => updates.apply()} onLater={status === 'ready' ? () => setDismissed(true) : undefined} />;
}

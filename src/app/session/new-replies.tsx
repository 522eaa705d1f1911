import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationReply } from '../../domain/application.ts';
import { appRoutes } from '../routes.ts';
import { usePersonData } from './hooks.ts';
import { type ActivePerson, useSession } from './session-context.ts';
import { Link } from '../ui/Link.tsx';

/**
 * Replies from the OMU the person has not read yet: a badge in the menu and on the home page,
 * cleared when they open the application (see sync/replies-seen.ts for what counts as new).
 * The reading code loads with sign-in's data layer, never on the first page.
 */

// Marking replies as read changes the count without a sync: every badge reads again.
let seenVersion = 0;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const currentVersion = () => seenVersion;
let writes: Promise<void> = Promise.resolve();

/** The ids of the signed-in person's applications with something new; null until known. */
export function useNewReplyIds(person: ActivePerson | null): ReadonlySet<string> | null {
  const version = useSyncExternalStore(subscribe, currentVersion, currentVersion);
  const load = useCallback(
    async (active: ActivePerson) => {
      void version; // read again after each "seen"
      const { newReplyIds } = await import('../sync/replies-seen.ts');
      return newReplyIds(active.signedIn.db, active.signedIn.session);
    },
    [version],
  );
  const loaded = usePersonData(person, load);
  return loaded.state === 'ready' ? loaded.value : null;
}

/** Records that the person has read these replies, as they are now; every badge updates. */
export function useMarkRepliesSeen(): (replies: readonly ApplicationReply[]) => Promise<void> {
  const { person } = useSession();
  return useCallback(
    (replies) => {
      if (!person || replies.length === 0) return Promise.resolve();
      const { db, session } = person.signedIn;
      // One write at a time, so two pages marking at once never undo each other.
      writes = writes.then(async () => {
        const { markRepliesSeen } = await import('../sync/replies-seen.ts');
        await markRepliesSeen(db, session, replies);
        seenVersion += 1;
        for (const listener of listeners) listener();
      });
      writes = writes.catch(() => undefined);
      return writes;
    },
    [person],
  );
}

/** "2 new replies", as a tag next to the menu's "Ask the OMU"; nothing when there is nothing new. */
export function NewRepliesBadge() {
  const { person } = useSession();
  const ids = useNewReplyIds(person);
  if (!ids?.size) return null;
  return <CountTag count={ids.size} />;
}

function CountTag({ count }: { count: number }) {
  const { t } = useTranslation();
  return <strong className="govuk-tag govuk-tag--red app-new-badge">{t('session.newReplies', { count })}</strong>;
}

/**
 * For the signed-in home page: "You have 2 new replies from the OMU." and a link to them, or
 * nothing when there is nothing new.
 */
export function NewRepliesNotice() {
  const { t } = useTranslation();
  const { person } = useSession();
  const ids = useNewReplyIds(person);
  if (!ids?.size) return null;
  return (
    <div className="govuk-inset-text app-new-replies">
      <p className="govuk-body">
        <CountTag count={ids.size} /> {t('session.newRepliesNotice', { count: ids.size })}
      </p>
      <Link className="govuk-link" to={appRoutes.applications}>
        {t('session.newRepliesLink')}
      </Link>
    </div>
  );
}

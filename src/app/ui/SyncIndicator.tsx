import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appRoutes } from '../routes.ts';
import { formatAgo } from '../../format/index.ts';
import { useSyncSnapshot } from '../session/hooks.ts';
import { useSession } from '../session/session-context.ts';
import { describeSync, type StatusMessage } from '../sync/status.ts';
import { Link } from './Link.tsx';

/** The status keys are `sync.*` (data layer); their words live under `syncStatus.*`. */
function useStatusText() {
  const { t, i18n } = useTranslation();
  return (message: StatusMessage): string => {
    const values = { ...message.values };
    if (message.key === 'sync.lastUpdated') {
      const unit = values.unit === 'hour' || values.unit === 'day' ? values.unit : 'minute';
      return t('syncStatus.lastUpdated', { ago: formatAgo(Number(values.count ?? 1), unit, i18n.resolvedLanguage) });
    }
    const key = message.key.replace(/^sync\./, '') as 'upToDate' | 'savedOnDevice' | 'sending' | 'signInToSend' | 'neverUpdated' | 'needsAttention';
    return t(`syncStatus.${key}`, { count: Number(values.count ?? 0) });
  };
}

/**
 * A small line under the header, on every page while someone is signed in: is everything sent, and
 * how fresh is the plan. A polite live region, so a change is read out without moving focus.
 */
export function SyncIndicator() {
  const { person } = useSession();
  const snapshot = useSyncSnapshot(person);
  const text = useStatusText();
  // "Last updated 2 minutes ago" moves on by itself: look again every half minute.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!person) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [person]);
  if (!person) return null;
  const indicator = describeSync(snapshot, Math.max(now, snapshot.lastSyncedAt ?? 0));
  return (
    <div className={`app-sync-indicator app-sync-indicator--${indicator.tone}`} role="status">
      <span className="app-sync-indicator__dot" aria-hidden="true" />
      <span>{text(indicator.primary)}</span>
      {indicator.secondary ? (
        <Link className="govuk-link app-sync-indicator__link" to={appRoutes.applications}>
          {text(indicator.secondary)}
        </Link>
      ) : null}
    </div>
  );
}

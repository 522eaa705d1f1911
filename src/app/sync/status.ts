/**
 * The small sync indicator, as data: i18n keys and values, never English. Pure functions plus a
 * tiny store with `subscribe` / `getSnapshot` (fits React's useSyncExternalStore).
 *
 *   sync.upToDate                      "Up to date"
 *   sync.savedOnDevice {count}         "Saved on this device — will send when connected (3 waiting)"
 *   sync.sending {count}               "Sending 3…"
 *   sync.signInToSend {count}          "Sign in again to send (3 waiting)"
 *   sync.lastUpdated {count, unit}     "Last updated 2 days ago" (unit: minute | hour | day)
 *   sync.neverUpdated                  "Not updated on this device yet"
 *   sync.needsAttention {count}        "1 thing was not accepted — see what to do" (secondary)
 */
export type SyncSnapshot = {
  online: boolean;
  waiting: number;
  rejected: number;
  /** Ids on the wire right now. */
  sending: ReadonlySet<string>;
  signInNeeded: boolean;
  /** The last pass failed (network or service); cleared by a good pass. */
  lastFailure: 'network' | 'server' | 'refused' | null;
  /** Device-clock time of the last complete pull, for display only. */
  lastSyncedAt: number | null;
  /**
   * Something saved on this device could not be read (a tampered or damaged store):
   * `fetchingAgain` / `fetchedAgain` — the plan or replies were dropped and are fetched from the
   * start; `kept` — only the person's own rows were hit (shown one by one); the rest is kept.
   */
  storeDamage: 'none' | 'fetchingAgain' | 'fetchedAgain' | 'kept';
};

export type StatusMessage = { key: string; values?: Record<string, string | number> };

export type SyncIndicator = { tone: 'ok' | 'pending' | 'stale' | 'attention'; primary: StatusMessage; secondary: StatusMessage | null };

export const initialSnapshot: SyncSnapshot = {
  online: true,
  waiting: 0,
  rejected: 0,
  sending: new Set(),
  signInNeeded: false,
  lastFailure: null,
  lastSyncedAt: null,
  storeDamage: 'none',
};

/** Fresh enough to say "Up to date". */
export const freshForMs = 15 * 60_000;

export function describeSync(s: SyncSnapshot, wallNow: number): SyncIndicator {
  const secondary: StatusMessage | null = s.rejected > 0 ? { key: 'sync.needsAttention', values: { count: s.rejected } } : null;
  const attention = secondary !== null;
  if (s.waiting > 0) {
    if (s.signInNeeded) return { tone: 'attention', primary: { key: 'sync.signInToSend', values: { count: s.waiting } }, secondary };
    if (s.sending.size > 0 && s.online) return { tone: 'pending', primary: { key: 'sync.sending', values: { count: s.waiting } }, secondary };
    return { tone: attention ? 'attention' : 'pending', primary: { key: 'sync.savedOnDevice', values: { count: s.waiting } }, secondary };
  }
  if (s.lastSyncedAt === null) return { tone: attention ? 'attention' : 'stale', primary: { key: 'sync.neverUpdated' }, secondary };
  // A device clock behind the last sync would give a negative age: treat it as just now.
  const age = Math.max(0, wallNow - s.lastSyncedAt);
  if (s.online && s.lastFailure === null && !s.signInNeeded && age < freshForMs) {
    return { tone: attention ? 'attention' : 'ok', primary: { key: 'sync.upToDate' }, secondary };
  }
  return { tone: attention ? 'attention' : 'stale', primary: { key: 'sync.lastUpdated', values: ageValues(age) }, secondary };
}

export function ageValues(ageMs: number): { count: number; unit: 'minute' | 'hour' | 'day' } {
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 60) return { count: Math.max(1, minutes), unit: 'minute' };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { count: hours, unit: 'hour' };
  return { count: Math.floor(hours / 24), unit: 'day' };
}

export type StatusStore = {
  getSnapshot(): SyncSnapshot;
  subscribe(listener: () => void): () => void;
  update(patch: Partial<SyncSnapshot>): void;
};

export function createStatusStore(initial: Partial<SyncSnapshot> = {}): StatusStore {
  let snapshot: SyncSnapshot = { ...initialSnapshot, ...initial };
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(patch) {
      const next = { ...snapshot, ...patch };
      const changed = (Object.keys(patch) as Array<keyof SyncSnapshot>).some((key) => !Object.is(next[key], snapshot[key]));
      if (!changed) return;
      snapshot = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

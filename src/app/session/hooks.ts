import { useEffect, useState, useSyncExternalStore } from 'react';
import { initialSnapshot, type SyncSnapshot } from '../sync/status.ts';
import type { ActivePerson } from './session-context.ts';

const noop = () => () => {};
const initial = () => initialSnapshot;

/** The signed-in person's sync state, live (or the empty state when nobody is signed in). */
export function useSyncSnapshot(person: ActivePerson | null): SyncSnapshot {
  const store = person?.sync.status;
  return useSyncExternalStore(store ? store.subscribe : noop, store ? store.getSnapshot : initial, store ? store.getSnapshot : initial);
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed' };

/**
 * Reads something from the person's sealed store, and reads it again whenever sync changes
 * something (a pull finished, an item was sent). Nothing is kept once the person changes.
 */
export function usePersonData<T>(person: ActivePerson | null, load: (person: ActivePerson) => Promise<T>): Loaded<T> {
  const snapshot = useSyncSnapshot(person);
  const [result, setResult] = useState<{ for: ActivePerson | null; loaded: Loaded<T> }>({ for: null, loaded: { state: 'loading' } });
  useEffect(() => {
    if (!person) return undefined;
    let live = true;
    load(person).then(
      (value) => {
        if (live) setResult({ for: person, loaded: { state: 'ready', value } });
      },
      () => {
        if (live) setResult({ for: person, loaded: { state: 'failed' } });
      },
    );
    return () => {
      live = false;
    };
    // Re-read on each sync change: the snapshot object changes whenever the status does.
  }, [person, load, snapshot]);
  return result.for === person && person !== null ? result.loaded : { state: 'loading' };
}

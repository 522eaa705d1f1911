import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
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
 *
 * The first read starts while the screen is first drawn, not after it is painted (the effect takes
 * it up). A read that was under way when sync changed something still lands (the screen is not
 * held up waiting for the next one), but never over a newer read's result.
 */
export function usePersonData<T>(person: ActivePerson | null, load: (person: ActivePerson) => Promise<T>): Loaded<T> {
  const snapshot = useSyncSnapshot(person);
  const [result, setResult] = useState<{ for: ActivePerson | null; read: number; loaded: Loaded<T> }>({ for: null, read: 0, loaded: { state: 'loading' } });
  const [first] = useState(() => {
    if (!person) return null;
    const read = load(person);
    read.catch(() => undefined); // seen by the effect; this only keeps a read it never takes up from being reported
    return { person, load, snapshot, read };
  });
  const reads = useRef(0);
  const showing = useRef<{ person: ActivePerson | null; load: unknown }>({ person: null, load: null });
  useEffect(() => {
    if (!person) return undefined;
    showing.current = { person, load };
    const taken = reads.current === 0 && first !== null && first.person === person && first.load === load && first.snapshot === snapshot;
    const n = ++reads.current;
    const read = taken ? first.read : load(person);
    const land = (loaded: Loaded<T>) => {
      if (showing.current.person !== person || showing.current.load !== load) return; // another person, or gone
      setResult((current) => (current.for === person && current.read > n ? current : { for: person, read: n, loaded }));
    };
    read.then(
      (value) => land({ state: 'ready', value }),
      () => land({ state: 'failed' }),
    );
    return () => {
      showing.current = { person: null, load: null }; // the next run (a sync change) sets it again
    };
    // Re-read on each sync change: the snapshot object changes whenever the status does.
  }, [person, load, snapshot, first]);
  return result.for === person && person !== null ? result.loaded : { state: 'loading' };
}

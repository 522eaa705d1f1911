import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; data: T };

/** Loads something from the service when the page opens (and when `key` changes); `reload` asks again. */
export function useLoaded<T>(load: () => Promise<T>, key: string): Loaded<T> & { reload(): void; set(data: T): void } {
  const [round, setRound] = useState(0);
  const current = `${round}#${key}`;
  const [result, setResult] = useState<{ for: string; loaded: Loaded<T> } | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setResult({ for: current, loaded: { state: 'ready', data } }),
      (error: unknown) => live && setResult({ for: current, loaded: { state: 'failed', error } }),
    );
    return () => {
      live = false;
    };
    // `load` is a new function each render; `current` says when what it loads has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const set = useCallback((data: T) => setResult({ for: current, loaded: { state: 'ready', data } }), [current]);
  const loaded: Loaded<T> = result?.for === current ? result.loaded : { state: 'loading' };
  return { ...loaded, reload, set };
}

import { useEffect, useSyncExternalStore } from 'react';

/**
 * Knows whether any form on screen holds input that is not saved yet, so that an app update
 * (which reloads the page) is never applied while it would lose what the person typed.
 */
const dirtyForms = new Set<symbol>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function hasUnsavedInput(): boolean {
  return dirtyForms.size > 0;
}

export function subscribeToUnsavedInput(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A form calls this with `true` while it has input that is not saved yet. */
export function useUnsavedInput(isDirty: boolean): void {
  useEffect(() => {
    if (!isDirty) return undefined;
    const token = Symbol('unsaved form');
    dirtyForms.add(token);
    notify();
    return () => {
      dirtyForms.delete(token);
      notify();
    };
  }, [isDirty]);
}

/** True while some form on screen holds unsaved input. */
export function useHasUnsavedInput(): boolean {
  return useSyncExternalStore(subscribeToUnsavedInput, hasUnsavedInput, hasUnsavedInput);
}

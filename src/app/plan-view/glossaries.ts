import { useEffect, useState } from 'react';
import { contentFallbackLanguage, globLoader, loadGlossary } from '../../content/load.ts';
import type { Glossary } from '../../content/schema.ts';
import { type TermMatcher, termMatcher } from './staff-text.ts';

/**
 * The glossaries the plan screens need: English, to find the terms in staff's (English) words,
 * and the reader's own, for the meanings. Each is its own small file, fetched when first needed
 * (the same files the guides use, precached for offline use).
 */
const loader = globLoader(import.meta.glob('../../../locales/*/glossary.json'));

export type PlanGlossaries = { reader: Glossary; matcher: TermMatcher };

const cache = new Map<string, Promise<PlanGlossaries>>();

function load(lng: string): Promise<PlanGlossaries> {
  let promise = cache.get(lng);
  if (!promise) {
    promise = Promise.all([loadGlossary(loader, contentFallbackLanguage), loadGlossary(loader, lng)]).then(([english, reader]) => ({
      reader: reader.value,
      matcher: termMatcher(english.value),
    }));
    promise.catch(() => cache.delete(lng)); // tried again next time
    cache.set(lng, promise);
  }
  return promise;
}

/** The glossaries for `lng`, or undefined while they load (the plan shows meanwhile, without meanings) or when `lng` is null (not wanted). */
export function usePlanGlossaries(lng: string | null): PlanGlossaries | undefined {
  const [state, setState] = useState<{ lng: string; value: PlanGlossaries } | null>(null);
  useEffect(() => {
    if (lng === null) return undefined;
    let live = true;
    load(lng).then(
      (value) => live && setState({ lng, value }),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [lng]);
  return state?.lng === lng ? state.value : undefined;
}

import { locale as en } from './data/en.ts';
import { baseLanguage } from './language.ts';
import type { LocaleData } from './locale-data.ts';

/**
 * Which languages' formatting data is at hand. English is always there (it is small, and the
 * fallback). Other languages are separate chunks, fetched by `loadLocale` when the language is
 * chosen, so the first page carries no Welsh month names for people who read English.
 */
const loaders: Readonly<Record<string, () => Promise<LocaleData>>> = {
  cy: () => import('./data/cy.ts').then((module) => module.locale),
};

const loaded = new Map<string, LocaleData>([['en', en]]);

/**
 * Fetches a language's data once (at once for English, and for a language we have no data for).
 * Never rejects: if the data cannot be fetched it resolves false, and that language's dates and
 * numbers come out in English until a later try works; the page itself goes on.
 */
export async function loadLocale(lang: string | undefined): Promise<boolean> {
  const base = baseLanguage(lang);
  const load = loaders[base];
  if (loaded.has(base)) return true;
  if (!load) return false;
  try {
    loaded.set(base, await load());
    return true;
  } catch {
    return false;
  }
}

/** Is this language's data at hand now (so formatting in it gives its own words)? */
export function isLocaleLoaded(lang: string | undefined): boolean {
  return loaded.has(baseLanguage(lang));
}

/**
 * The data for a language. A language with no data, or whose data has not been loaded yet, gets
 * English, as a missing translation does; the app loads a language before it switches to it, so a
 * person never meets this.
 */
export function localeData(lang: string | undefined): LocaleData {
  return loaded.get(baseLanguage(lang)) ?? en;
}

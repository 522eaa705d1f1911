/** The languages the app speaks. English is the fallback for anything not yet translated. */
export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];
export const fallbackLanguage: Language = 'en';

/** Each language is always named in itself, so a person can find their own. */
export const languageNames: Record<Language, string> = { en: 'English', cy: 'Cymraeg' };

/** Where the chosen language is kept on the device (read before first paint too). */
export const languageStorageKey = 'spc.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The saved choice, else the browser's language if we speak it, else English. */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined, browserLanguage: string | undefined): Language {
  try {
    const saved = storage?.getItem(languageStorageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be blocked; fall through.
  }
  const browser = (browserLanguage ?? '').toLowerCase().slice(0, 2);
  return isLanguage(browser) ? browser : fallbackLanguage;
}

import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import enCommon from '../../../locales/en/common.json' with { type: 'json' };
import { installPluralRules, loadLocale } from '../../format/index.ts';
import { fallbackLanguage, initialLanguage, type Language, languageStorageKey, languages } from './languages.ts';

type Common = typeof enCommon;

/**
 * Each language's words. English is in the first page's JavaScript (it is the fallback for any
 * missing word); every other language is a chunk of its own, fetched by `loadLanguage` when it is
 * chosen, so nobody downloads a language they do not read before the first page shows.
 */
const stringLoaders: Readonly<Record<Exclude<Language, 'en'>, () => Promise<Common>>> = {
  cy: () => import('../../../locales/cy/common.json', { with: { type: 'json' } }).then((module) => module.default),
};
const loadedStrings = new Map<Language, Common>([['en', enCommon]]);

async function loadStrings(lng: Language): Promise<boolean> {
  if (loadedStrings.has(lng) || lng === 'en') return true;
  try {
    loadedStrings.set(lng, await stringLoaders[lng]());
    return true;
  } catch {
    return false;
  }
}

/**
 * Fetches everything a language needs before it is shown: its words and its date and number data
 * (src/format). Both come from the service worker's cache offline. Never rejects: it says false
 * when something could not be fetched, and the caller stays in the language it has.
 */
export async function loadLanguage(lng: Language): Promise<boolean> {
  const [strings, formats] = await Promise.all([loadStrings(lng), loadLocale(lng)]);
  return strings && formats;
}

/**
 * Namespaces other than `common` (`forms`, `questionnaire`, …): any `locales/<lng>/<ns>.json` is a
 * chunk of its own, fetched when a page first asks for its namespace (`useTranslation('forms')`
 * suspends until it is here; the service worker precaches every chunk, so it works offline). When
 * the language changes, i18next fetches the namespaces in use for the new language first.
 */
const namespaceFiles = import.meta.glob<{ default: Record<string, unknown> }>([
  '../../../locales/*/*.json',
  '!../../../locales/*/common.json',
  '!../../../locales/*/glossary.json',
  // The family pages' words: prerendered at build time, never loaded by the app.
  '!../../../locales/*/public.json',
  // The staff console's words: its own build, never in the app or its precache.
  '!../../../locales/*/staff.json',
]);

const lazyNamespaces: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(lng, ns, callback) {
    if (ns === 'common') {
      // Fetched the usual way (`loadLanguage`): the same words, never an empty bundle in their place.
      const language = languages.find((l) => l === lng);
      if (!language) return callback(null, {});
      void loadStrings(language).then((ok) => (ok ? callback(null, loadedStrings.get(language)!) : callback(new Error(`No words for ${lng}`), null)));
      return;
    }
    const load = namespaceFiles[`../../../locales/${lng}/${ns}.json`];
    if (!load) return callback(null, {}); // a language without this file falls back to English, key by key
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

/** The words of every language fetched so far, as i18next resources. */
export function loadedResources(): Partial<Record<Language, { common: Common }>> {
  return Object.fromEntries([...loadedStrings].map(([lng, common]) => [lng, { common }]));
}

/** Keeps <html lang> and <html dir> in step with the language on screen. */
function reflectOnDocument(instance: i18n, lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = instance.dir(lng);
}

/**
 * Creates the app's i18next instance, with the languages fetched so far. Tests make their own,
 * with the language they need. A language other than English must be fetched first
 * (`await loadLanguage(lng)`, as main.tsx does), or its words, dates and numbers come out in English.
 */
export function createI18n(lng: Language = initialLanguage(globalThis.localStorage, globalThis.navigator?.language)): i18n {
  // Plural keys (_zero … _other) follow CLDR's rules even where the browser lacks a language.
  installPluralRules(languages);
  const instance = i18next.createInstance();
  instance.on('languageChanged', (next) => reflectOnDocument(instance, next));
  void instance.use(lazyNamespaces).use(initReactI18next).init({
    resources: loadedResources(),
    // `common` is bundled; other namespaces come from `lazyNamespaces` when first used.
    partialBundledLanguages: true,
    lng,
    fallbackLng: fallbackLanguage,
    supportedLngs: languages,
    defaultNS: 'common',
    ns: ['common'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  reflectOnDocument(instance, lng);
  return instance;
}

/**
 * Switches language and remembers the choice on this device. The language is fetched first (its
 * words, month names, "ymhen 3 diwrnod"…), so the page never shows a mix of two languages. If it
 * cannot be fetched (offline before the app was ever cached), the page stays as it is.
 */
export async function chooseLanguage(instance: i18n, lng: Language): Promise<boolean> {
  if (!(await loadLanguage(lng))) return false;
  try {
    localStorage.setItem(languageStorageKey, lng);
  } catch {
    // Storage can be full or blocked: the switch still works for this visit.
  }
  return showLanguage(instance, lng);
}

/** Shows a language (fetched first, as above) without remembering it as the person's choice. */
export async function showLanguage(instance: i18n, lng: Language): Promise<boolean> {
  if (!(await loadLanguage(lng))) return false;
  const strings = loadedStrings.get(lng);
  if (strings && !instance.hasResourceBundle(lng, 'common')) instance.addResourceBundle(lng, 'common', strings);
  await instance.changeLanguage(lng);
  return true;
}

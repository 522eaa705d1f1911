import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fallbackLanguage, initialLanguage, isLanguage, type Language, languageStorageKey, languages } from './languages.ts';
import { type Common, fetchCommon, fetchNamespace, firstPageStrings, type Strings } from './strings.ts';

/**
 * Each language's words (see strings.ts for where they come from). The first page carries only the
 * English words it shows; every page after it, and every other language, fetches its words (from
 * the service worker's cache offline) before it is shown, so nobody downloads words before they
 * are needed and no page is ever shown with a word missing.
 */
const fetched = new Map<Language, Common>();

/**
 * The formatting module (src/format): each language's date and number data, and CLDR's plural
 * rules for i18next (installed before any page but the first is shown: the first page shows no
 * number that needs a plural form). Fetched with the words, not in the first page's JavaScript.
 */
async function loadFormats(lng: Language): Promise<boolean> {
  try {
    const { installPluralRules, loadLocale } = await import('../../format/index.ts');
    installPluralRules(languages);
    return await loadLocale(lng);
  } catch {
    return false;
  }
}

async function loadCommon(lng: Language): Promise<boolean> {
  if (fetched.has(lng)) return true;
  try {
    fetched.set(lng, await fetchCommon(lng));
    return true;
  } catch {
    return false;
  }
}

/**
 * Fetches every word of `common` in a language, and its date and number data (src/format). Both
 * come from the service worker's cache offline. Never rejects: it says false when something could
 * not be fetched, and the caller stays in the language it has.
 */
export async function loadLanguage(lng: Language): Promise<boolean> {
  const [strings, formats] = await Promise.all([loadCommon(lng), loadFormats(lng)]);
  return strings && formats;
}

/** What the first page needs before it is shown: nothing for English (its words are in the first page's JavaScript). */
export function loadFirstPage(lng: Language): Promise<boolean> {
  return lng === fallbackLanguage ? Promise.resolve(true) : loadLanguage(lng);
}

/** The words of every language fetched so far, as i18next resources (English: at least the first page's). */
export function loadedResources(): Partial<Record<Language, { common: Partial<Common> }>> {
  const resources: Partial<Record<Language, { common: Partial<Common> }>> = { [fallbackLanguage]: { common: firstPageStrings } };
  for (const [lng, common] of fetched) resources[lng] = { common };
  return resources;
}

/**
 * Which languages have every word of `common` in each instance (not only the first page's), kept
 * by the instance's resource store: react-i18next hands components a wrapper of the instance, and
 * the store is what both share.
 */
const complete = new WeakMap<object, Set<string>>();
const inFlight = new WeakMap<object, Map<string, Promise<void>>>();

function markComplete(instance: i18n, lng: Language): void {
  const set = complete.get(instance.store) ?? new Set<string>();
  set.add(lng);
  complete.set(instance.store, set);
}

function addCommon(instance: i18n, lng: Language): void {
  const words = fetched.get(lng);
  if (!words) return;
  instance.addResourceBundle(lng, 'common', words, true, true);
  markComplete(instance, lng);
}

/** Has this instance every word a page needs in `lng` (and in English, for anything not translated)? */
export function hasPageStrings(instance: i18n, lng: string): boolean {
  const set = complete.get(instance.store);
  return set !== undefined && set.has(lng) && set.has(fallbackLanguage);
}

/**
 * Fetches, once per instance and language, every word of `common` in `lng` and in English, and
 * adds them to the instance. Never rejects: if the words cannot be fetched (offline before the app
 * was ever cached), the page shows what there is.
 */
export function loadPageStrings(instance: i18n, lng: string): Promise<void> {
  const target: Language = isLanguage(lng) ? lng : fallbackLanguage;
  const byLanguage = inFlight.get(instance.store) ?? new Map<string, Promise<void>>();
  inFlight.set(instance.store, byLanguage);
  let promise = byLanguage.get(target);
  if (!promise) {
    promise = Promise.all([loadLanguage(target), loadLanguage(fallbackLanguage)]).then(() => {
      addCommon(instance, fallbackLanguage);
      addCommon(instance, target);
      // Marked done even if a fetch failed, so a page never waits for ever.
      markComplete(instance, fallbackLanguage);
      markComplete(instance, target);
    });
    byLanguage.set(target, promise);
  }
  return promise;
}

/**
 * Any namespace other than `common` (a file `locales/<lng>/<ns>.json`) is fetched when a page
 * first asks for it: `useTranslation('plan')` waits (React Suspense) until it is here, in the
 * language on screen and in English; a language switch fetches it again before the switch.
 */
const lazyNamespaces: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, callback) {
    if (!isLanguage(lng)) {
      callback(null, {});
      return;
    }
    const load: Promise<Strings | Common | undefined> = ns === 'common' ? fetchCommon(lng) : fetchNamespace(lng, ns);
    load.then(
      (words) => callback(null, words ?? {}),
      (error: unknown) => callback(error instanceof Error ? error.message : String(error), false),
    );
  },
};

/** Keeps <html lang> and <html dir> in step with the language on screen. */
function reflectOnDocument(instance: i18n, lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = instance.dir(lng);
}

/**
 * Creates the app's i18next instance, with the words fetched so far. Tests make their own, with
 * the language they need. A language other than English must be fetched first
 * (`await loadFirstPage(lng)`, as main.tsx does), or its words, dates and numbers come out in English.
 */
export function createI18n(lng: Language = initialLanguage(globalThis.localStorage, globalThis.navigator?.language)): i18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (next) => reflectOnDocument(instance, next));
  void instance
    .use(lazyNamespaces)
    .use(initReactI18next)
    .init({
      resources: loadedResources(),
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
  for (const fetchedLng of fetched.keys()) addCommon(instance, fetchedLng);
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
  addCommon(instance, lng);
  await instance.changeLanguage(lng);
  return true;
}

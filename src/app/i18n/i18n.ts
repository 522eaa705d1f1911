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
 * Namespaces that load with their routes, not on the first page: each language's file is a chunk
 * of its own, fetched the first time a page asks for the namespace (`useTranslation('plan')`
 * suspends until it is here) and, for a language chosen later, before the switch shows it.
 * Precached like every chunk, so they load offline too.
 */
const namespaceLoaders: Readonly<Record<string, Readonly<Record<Language, () => Promise<{ default: unknown }>>>>> = {
  plan: {
    en: () => import('../../../locales/en/plan.json', { with: { type: 'json' } }),
    cy: () => import('../../../locales/cy/plan.json', { with: { type: 'json' } }),
  },
};

const lazyNamespaces: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(lng, ns, callback) {
    const load = namespaceLoaders[ns]?.[lng as Language];
    if (!load) {
      callback(null, {}); // a language or namespace with no file: English fills in, as for a missing word
      return;
    }
    load().then(
      (module) => callback(null, module.default as Record<string, unknown>),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * Fetches everything a language needs before it is shown: its words and its date and number data
 * (src/format). Both come from the service worker's cache offline. Never rejects: it says false
 * when something could not be fetched, and the caller stays in the language it has.
 */
export async function loadLanguage(lng: Language): Promise<boolean> {
  const [strings, formats] = await Promise.all([loadStrings(lng), loadLocale(lng)]);
  return strings && formats;
}

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
  void instance.use(initReactI18next).use(lazyNamespaces).init({
    resources: loadedResources(),
    // The bundled words are a start: other namespaces come from `lazyNamespaces` when first used.
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

import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import cyCommon from '../../../locales/cy/common.json' with { type: 'json' };
import enCommon from '../../../locales/en/common.json' with { type: 'json' };
import { installPluralRules, loadLocale } from '../../format/index.ts';
import { fallbackLanguage, initialLanguage, type Language, languageStorageKey, languages } from './languages.ts';

export const resources = {
  en: { common: enCommon },
  cy: { common: cyCommon },
} as const;

/** Keeps <html lang> and <html dir> in step with the language on screen. */
function reflectOnDocument(instance: i18n, lng: string): void {
  document.documentElement.lang = lng;
  document.documentElement.dir = instance.dir(lng);
}

/**
 * Creates the app's i18next instance. Tests make their own, with the language they need. Dates and
 * numbers in a language other than English need its formatting data: `await loadLocale(lng)`
 * first (main.tsx does), or they come out in English.
 */
export function createI18n(lng: Language = initialLanguage(globalThis.localStorage, globalThis.navigator?.language)): i18n {
  // Plural keys (_zero … _other) follow CLDR's rules even where the browser lacks a language.
  installPluralRules(languages);
  const instance = i18next.createInstance();
  instance.on('languageChanged', (next) => reflectOnDocument(instance, next));
  void instance.use(initReactI18next).init({
    resources,
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
 * Switches language and remembers the choice on this device. The language's formatting data
 * (month names, "ymhen 3 diwrnod"…) is fetched first, so the page never shows Welsh words around
 * English dates.
 */
export async function chooseLanguage(instance: i18n, lng: Language): Promise<void> {
  try {
    localStorage.setItem(languageStorageKey, lng);
  } catch {
    // Storage can be full or blocked: the switch still works for this visit.
  }
  await loadLocale(lng);
  await instance.changeLanguage(lng);
}

import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import cyCommon from '../../../locales/cy/common.json' with { type: 'json' };
import enCommon from '../../../locales/en/common.json' with { type: 'json' };
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

/** Creates the app's i18next instance. Tests make their own, with the language they need. */
export function createI18n(lng: Language = initialLanguage(globalThis.localStorage, globalThis.navigator?.language)): i18n {
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

/** Switches language and remembers the choice on this device. */
export async function chooseLanguage(instance: i18n, lng: Language): Promise<void> {
  try {
    localStorage.setItem(languageStorageKey, lng);
  } catch {
    // Storage can be full or blocked: the switch still works for this visit.
  }
  await instance.changeLanguage(lng);
}

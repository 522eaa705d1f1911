import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import cyStaff from '../../locales/cy/staff.json' with { type: 'json' };
import enStaff from '../../locales/en/staff.json' with { type: 'json' };
import cyPlan from '../../locales/cy/plan.json' with { type: 'json' };
import enPlan from '../../locales/en/plan.json' with { type: 'json' };
import { installPluralRules, loadLocale } from '../format/index.ts';

/**
 * The console's words: `locales/<lng>/staff.json`, English and Welsh, both in the console's own
 * bundle (a staff desktop, not a prisoner's tablet: a few kilobytes more matter less than a
 * language switch that never waits). Dates and numbers come from src/format, whose Welsh data is
 * fetched by `loadStaffLanguage` before Welsh is shown.
 */
export const staffLanguages = ['en', 'cy'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];
export const staffLanguageNames: Record<StaffLanguage, string> = { en: 'English', cy: 'Cymraeg' };
const storageKey = 'spc.staff.language';

export function isStaffLanguage(value: unknown): value is StaffLanguage {
  return value === 'en' || value === 'cy';
}

export function savedStaffLanguage(): StaffLanguage {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey);
    if (isStaffLanguage(saved)) return saved;
  } catch {
    // Storage can be blocked: English.
  }
  return 'en';
}

function reflect(lng: string): void {
  document.documentElement.lang = lng;
}

export function createStaffI18n(lng: StaffLanguage = 'en'): i18n {
  installPluralRules(staffLanguages);
  const instance = i18next.createInstance();
  instance.on('languageChanged', reflect);
  void instance.use(initReactI18next).init({
    // With why each review is due in the person's own words (the app's plan namespace, that part only).
    resources: { en: { staff: enStaff, plan: { reviews: { reason: enPlan.reviews.reason } } }, cy: { staff: cyStaff, plan: { reviews: { reason: cyPlan.reviews.reason } } } },
    lng,
    fallbackLng: 'en',
    supportedLngs: staffLanguages,
    defaultNS: 'staff',
    ns: ['staff', 'plan'],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  reflect(lng);
  return instance;
}

/** Fetches a language's date and number data (src/format); true when it can be shown. */
export function loadStaffLanguage(lng: StaffLanguage): Promise<boolean> {
  return loadLocale(lng);
}

/** Switches the console's language and remembers it on this computer. */
export async function chooseStaffLanguage(instance: i18n, lng: StaffLanguage): Promise<void> {
  if (!(await loadStaffLanguage(lng))) return;
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // Blocked storage: the switch still works for this visit.
  }
  await instance.changeLanguage(lng);
}

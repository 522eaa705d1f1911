import { initialLanguage, type Language, languageStorageKey } from '../i18n/languages.ts';

/**
 * On a shared kiosk, display settings and language chosen during a sign-in are for that sign-in
 * only: the next person starts with the kiosk's defaults.
 *
 * The kiosk's defaults are what a new device shows: 100% text, standard colours, font and motion,
 * and the kiosk browser's own language if the app speaks it (set when the kiosk is built, so a
 * Welsh prison's kiosks can start in Welsh), otherwise English.
 *
 * Sign-out puts them back at once. If the app stops before sign-out can (a reload, a crash, the
 * power), a mark left at sign-in makes the next start put them back, before the first paint
 * (public/display-settings-boot.js reads the same mark: keep the key in step).
 */
export const resetChoicesKey = 'spc.resetChoicesAtStart';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;
/** Shows a language without saving it as a choice (i18n.ts `showLanguage`: fetched first if need be). */
type ShowLanguage = (lng: Language) => Promise<unknown>;

/** At sign-in on a kiosk. */
export function markChoicesForThisSignIn(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(resetChoicesKey, '1');
  } catch {
    // Storage blocked: sign-out still puts the defaults back.
  }
}

/** At sign-out on a kiosk: forget the saved choices and show the defaults now. */
export async function restoreKioskDefaults(options: {
  showLanguage: ShowLanguage;
  storage?: Storage | undefined;
  root?: HTMLElement;
  browserLanguage?: string | undefined;
}): Promise<void> {
  const { showLanguage, storage = globalThis.localStorage, root = document.documentElement, browserLanguage = globalThis.navigator?.language } = options;
  // Loaded here, not up front: it brings zod, which the first page does without.
  const { applyDisplaySettings, defaultDisplaySettings, displaySettingsStorageKey } = await import('./display-settings.ts');
  for (const key of [displaySettingsStorageKey, languageStorageKey, resetChoicesKey]) {
    try {
      storage?.removeItem(key);
    } catch {
      // Storage blocked: nothing was saved there either.
    }
  }
  applyDisplaySettings(root, defaultDisplaySettings);
  await showLanguage(initialLanguage(storage, browserLanguage));
}

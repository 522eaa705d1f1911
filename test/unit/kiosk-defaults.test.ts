import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createI18n, showLanguage } from '../../src/app/i18n/i18n.ts';
import { languageStorageKey } from '../../src/app/i18n/languages.ts';
import { displaySettingsStorageKey, saveDisplaySettings } from '../../src/app/settings/display-settings.ts';
import { markChoicesForThisSignIn, resetChoicesKey, restoreKioskDefaults } from '../../src/app/settings/kiosk-defaults.ts';
import { projectPath } from '../project-path.ts';

const bootScript = readFileSync(projectPath('public', 'display-settings-boot.js'), 'utf8');
const runBootScript = () => new Function(bootScript)();
const root = document.documentElement;
const large = { textSize: 200, highContrast: true, readableFont: true, reduceMotion: true } as const;
const appClasses = () => [...root.classList].filter((c) => c.startsWith('app-'));

describe('kiosk defaults for the next person', () => {
  beforeEach(() => {
    root.className = '';
    root.lang = 'en';
  });

  it('sign-out forgets the choices and shows the defaults at once: 100% text, English', async () => {
    const i18n = createI18n('cy');
    saveDisplaySettings(localStorage, large);
    localStorage.setItem(languageStorageKey, 'cy');
    root.classList.add('app-text-200', 'app-high-contrast', 'app-readable-font', 'app-reduce-motion');
    markChoicesForThisSignIn();
    await restoreKioskDefaults({ showLanguage: (lng) => showLanguage(i18n, lng), browserLanguage: 'en-GB' });
    expect(appClasses()).toEqual([]);
    expect(i18n.language).toBe('en');
    expect(root.lang).toBe('en');
    expect(localStorage.getItem(displaySettingsStorageKey)).toBeNull();
    expect(localStorage.getItem(languageStorageKey)).toBeNull();
    expect(localStorage.getItem(resetChoicesKey)).toBeNull();
  });

  it('a kiosk built in Welsh goes back to Welsh', async () => {
    const i18n = createI18n('en');
    localStorage.setItem(languageStorageKey, 'en');
    await restoreKioskDefaults({ showLanguage: (lng) => showLanguage(i18n, lng), browserLanguage: 'cy-GB' });
    expect(i18n.language).toBe('cy');
    expect(i18n.t('language.label')).not.toBe(createI18n('en').t('language.label'));
    // Shown, not chosen: nothing is saved as this person's (or the next person's) choice.
    expect(localStorage.getItem(languageStorageKey)).toBeNull();
  });

  it('a sign-in that ended without sign-out (reload, crash): the boot script puts the defaults back before the first paint', () => {
    saveDisplaySettings(localStorage, large);
    localStorage.setItem(languageStorageKey, 'cy');
    markChoicesForThisSignIn();
    runBootScript();
    expect(appClasses()).toEqual([]);
    expect(root.lang).toBe('en');
    expect(localStorage.getItem(displaySettingsStorageKey)).toBeNull();
    expect(localStorage.getItem(resetChoicesKey)).toBeNull();
  });

  it('without the mark (a tablet, or nobody signed in), the boot script keeps the choices', () => {
    saveDisplaySettings(localStorage, large);
    localStorage.setItem(languageStorageKey, 'cy');
    runBootScript();
    expect(appClasses().sort()).toEqual(['app-high-contrast', 'app-readable-font', 'app-reduce-motion', 'app-text-200']);
    expect(root.lang).toBe('cy');
  });
});

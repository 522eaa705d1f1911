import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Welsh words and Welsh date data are separate chunks, fetched when Welsh is chosen. Each test
 * gets fresh copies of the modules (the shared test setup has already fetched Welsh for the
 * component tests, as main.tsx does).
 */
type I18nModule = typeof import('../../src/app/i18n/i18n.ts');
type FormatModule = typeof import('../../src/format/index.ts');

let app: I18nModule;
let format: FormatModule;
beforeEach(async () => {
  vi.resetModules();
  app = await import('../../src/app/i18n/i18n.ts');
  format = await import('../../src/format/index.ts');
});

describe('fetching a language', () => {
  it('Welsh date data is not there until it is fetched; English always is', async () => {
    expect(format.isLocaleLoaded('en')).toBe(true);
    expect(format.isLocaleLoaded('cy')).toBe(false);
    expect(format.formatDate('2026-06-01', 'cy')).toBe('1 June 2026'); // why the app fetches first
    expect(await format.loadLocale('cy')).toBe(true);
    expect(format.formatDate('2026-06-01', 'cy')).toBe('1 Mehefin 2026');
    expect(format.formatWait(30_000, 'cy')).toBe('30 eiliad');
    expect(await format.loadLocale('fr')).toBe(false);
  });

  it('choosing Welsh fetches its words and dates before the page switches', async () => {
    const instance = app.createI18n('en');
    expect(instance.hasResourceBundle('cy', 'common')).toBe(false);
    const languageWhenSwitched: string[] = [];
    instance.on('languageChanged', (lng) => languageWhenSwitched.push(`${lng}: ${format.formatDate('2026-06-01', lng)} / ${instance.t('nav.plan', { lng })}`));
    await app.chooseLanguage(instance, 'cy');
    expect(languageWhenSwitched).toEqual(['cy: 1 Mehefin 2026 / Eich cynllun']);
    expect(instance.resolvedLanguage).toBe('cy');
    expect(localStorage.getItem('spc.language')).toBe('cy');
    expect(document.documentElement.lang).toBe('cy');
  });

  it('an instance made after Welsh was fetched has it from the start', async () => {
    expect(await app.loadLanguage('cy')).toBe(true);
    const instance = app.createI18n('cy');
    expect(instance.t('nav.plan')).toBe('Eich cynllun');
    expect(format.formatAgo(2, 'day', instance.resolvedLanguage)).toBe('2 ddiwrnod yn ôl');
  });

  it('the plan screens\' words load with them, not with the first page, and follow a switch to Welsh', async () => {
    const instance = app.createI18n('en');
    expect(instance.hasResourceBundle('en', 'plan')).toBe(false);
    await instance.loadNamespaces('plan');
    expect(instance.t('whatsNext.title', { ns: 'plan' })).toBe("What's next");
    const whenSwitched: string[] = [];
    instance.on('languageChanged', (lng) => whenSwitched.push(instance.t('whatsNext.title', { ns: 'plan', lng })));
    await app.chooseLanguage(instance, 'cy');
    expect(whenSwitched).toEqual(['Beth sydd nesaf']);
  });

  it('the first page in English needs nothing fetched: it has its own words, and only those', async () => {
    expect(await app.loadFirstPage('en')).toBe(true);
    const resources = app.loadedResources();
    expect(Object.keys(resources)).toEqual(['en']);
    expect(resources.en?.common.home?.title).toBe('Your sentence plan, in plain words');
    expect(resources.en?.common.signIn).toBeUndefined();
    const instance = app.createI18n('en');
    expect(instance.t('home.title')).toBe('Your sentence plan, in plain words');
    expect(instance.exists('signIn.submit')).toBe(false);
    expect(app.hasPageStrings(instance, 'en')).toBe(false);
  });

  it('any later page fetches the rest of the words first, once, in the language on screen and in English', async () => {
    const instance = app.createI18n('en');
    await app.loadPageStrings(instance, 'cy');
    expect(app.hasPageStrings(instance, 'cy')).toBe(true);
    expect(app.hasPageStrings(instance, 'en')).toBe(true);
    expect(instance.t('settings.title')).toBe('Display settings');
    expect(instance.t('settings.title', { lng: 'cy' })).toBe("Gosodiadau'r sgrin");
    expect(app.loadPageStrings(instance, 'cy')).toBe(app.loadPageStrings(instance, 'cy'));
  });
});

describe('a language that cannot be fetched', () => {
  it('leaves the page in the language it has, and remembers nothing', async () => {
    vi.resetModules();
    vi.doMock('../../locales/cy/common.json?raw', () => {
      throw new Error('offline, and never cached');
    });
    try {
      const fresh: I18nModule = await import('../../src/app/i18n/i18n.ts');
      const instance = fresh.createI18n('en');
      expect(await fresh.chooseLanguage(instance, 'cy')).toBe(false);
      expect(instance.resolvedLanguage).toBe('en');
      expect(document.documentElement.lang).toBe('en');
      expect(localStorage.getItem('spc.language')).toBeNull();
    } finally {
      vi.doUnmock('../../locales/cy/common.json?raw');
    }
  });
});

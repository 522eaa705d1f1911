import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { installPluralRules } from '../../src/format/index.ts';

/**
 * i18next picks plural keys with `new Intl.PluralRules(lng)`. These tests take the browser's
 * Intl.PluralRules away, or make it lack Welsh the way a locked-down device does (it then quietly
 * answers with English rules), and check that i18next still picks every Welsh form.
 */
const native = Intl.PluralRules;
afterEach(() => {
  Object.defineProperty(Intl, 'PluralRules', { value: native, writable: true, configurable: true });
});

function setPluralRules(value: unknown) {
  Object.defineProperty(Intl, 'PluralRules', { value, writable: true, configurable: true });
}

/** A browser with no Welsh data: supportedLocalesOf leaves cy out, and new PluralRules('cy') gets English. */
class PluralRulesWithoutWelsh extends native {
  constructor(locales?: string | string[], options?: Intl.PluralRulesOptions) {
    const asked = typeof locales === 'string' ? [locales] : (locales ?? []);
    super(asked.filter((tag) => !tag.startsWith('cy')).length ? asked.filter((tag) => !tag.startsWith('cy')) : 'en', options);
  }
  static override supportedLocalesOf(locales: string | string[]): string[] {
    return native.supportedLocalesOf(locales).filter((tag) => !tag.startsWith('cy'));
  }
}

const forms = { zero: 'dim afal', one: 'un afal', two: 'dau afal', few: 'tri afal', many: 'chwe afal', other: '{{count}} o afalau' };
const english = { one: 'one apple', other: '{{count}} apples' };

function makeI18n() {
  const instance = i18next.createInstance();
  void instance.init({
    lng: 'cy',
    fallbackLng: 'en',
    initAsync: false,
    resources: {
      cy: { common: Object.fromEntries(Object.entries(forms).map(([category, words]) => [`apples_${category}`, words])) },
      en: { common: Object.fromEntries(Object.entries(english).map(([category, words]) => [`apples_${category}`, words])) },
    },
    defaultNS: 'common',
  });
  return instance;
}

// The app's own key types do not know this test's "apples".
const say = (instance: ReturnType<typeof makeI18n>, count: number, lng: string) => (instance.t as unknown as (key: string, options: object) => string)('apples', { count, lng });
const welshAnswers = (instance: ReturnType<typeof makeI18n>) => [0, 1, 2, 3, 6, 7, 11, 100].map((count) => say(instance, count, 'cy'));
const expected = ['dim afal', 'un afal', 'dau afal', 'tri afal', 'chwe afal', '7 o afalau', '11 o afalau', '100 o afalau'];

describe('plural keys in i18next, with CLDR rules where the browser lacks them', () => {
  it('without the shim, a browser lacking Welsh picks the wrong Welsh forms (the problem)', () => {
    setPluralRules(PluralRulesWithoutWelsh);
    expect(welshAnswers(makeI18n())).not.toEqual(expected);
  });

  it('a browser lacking Welsh: every Welsh form is picked, English still by the browser', () => {
    setPluralRules(PluralRulesWithoutWelsh);
    expect(installPluralRules(['en', 'cy'])).toBe(true);
    const instance = makeI18n();
    expect(welshAnswers(instance)).toEqual(expected);
    expect([1, 2].map((count) => say(instance, count, 'en'))).toEqual(['one apple', '2 apples']);
    expect(new Intl.PluralRules('en').resolvedOptions().locale).toBe(new native('en').resolvedOptions().locale);
    expect(Intl.PluralRules.supportedLocalesOf(['cy', 'en', 'xx'])).toEqual(['cy', 'en']);
  });

  it('no Intl.PluralRules at all: every Welsh and English form is picked', () => {
    setPluralRules(undefined);
    expect(installPluralRules(['en', 'cy'])).toBe(true);
    const instance = makeI18n();
    expect(welshAnswers(instance)).toEqual(expected);
    expect([0, 1, 2].map((count) => say(instance, count, 'en'))).toEqual(['0 apples', 'one apple', '2 apples']);
    const welsh = new Intl.PluralRules('cy-GB');
    expect(welsh.resolvedOptions().pluralCategories).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(new Intl.PluralRules('cy', { type: 'ordinal' }).select(5)).toBe('many');
    expect(new Intl.PluralRules('xx').select(1)).toBe('one'); // unknown: English, as browsers fall back
  });

  it('a browser that knows every language is left alone', () => {
    expect(installPluralRules(['en', 'cy'])).toBe(false);
    expect(Intl.PluralRules).toBe(native);
    expect(welshAnswers(makeI18n())).toEqual(expected);
  });

  it('is put in place only once', () => {
    setPluralRules(PluralRulesWithoutWelsh);
    expect(installPluralRules(['en', 'cy'])).toBe(true);
    const installed = Intl.PluralRules;
    expect(installPluralRules(['en', 'cy'])).toBe(false);
    expect(Intl.PluralRules).toBe(installed);
  });
});

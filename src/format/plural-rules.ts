import type { PluralCategory } from './locale-data.ts';
import { baseLanguage } from './language.ts';
import { hasPluralRules, pluralCategories, pluralCategory } from './plural.ts';

/**
 * i18next picks a plural key (`_zero`, `_one`, `_two`, `_few`, `_many`, `_other`) with
 * `new Intl.PluralRules(lng)`, and its documentation says to polyfill Intl.PluralRules where a
 * browser lacks a language. A browser without a language's data does not fail: it quietly uses
 * its default language's rules, so Welsh would never get "_two" or "_few".
 *
 * `installPluralRules()` is that polyfill, kept as small as it can be: it does nothing where the
 * browser's own Intl.PluralRules knows every language we hold rules for (src/format/plural.ts).
 * Otherwise it puts in its place a PluralRules that answers from those rules (CLDR, by
 * make-plural) for our languages, and from the browser's own for every other.
 */

type Options = { type?: 'cardinal' | 'ordinal' };
type Native = typeof Intl.PluralRules;

/** Does the browser's own Intl.PluralRules have real data for this language? */
function nativeKnows(native: Native | undefined, lang: string): boolean {
  try {
    return native !== undefined && native.supportedLocalesOf([lang]).length > 0;
  } catch {
    return false;
  }
}

const asList = (locales: string | readonly string[] | undefined): string[] => (locales === undefined ? [] : typeof locales === 'string' ? [locales] : [...locales]);

/** An Intl.PluralRules that uses our rules where `native` (the browser's, if any) lacks the language. */
export function pluralRulesWithFallback(native: Native | undefined): Native {
  class PluralRules {
    readonly #native: Intl.PluralRules | undefined;
    readonly #lang: string;
    readonly #type: 'cardinal' | 'ordinal';

    constructor(locales?: string | readonly string[], options: Options = {}) {
      this.#type = options.type === 'ordinal' ? 'ordinal' : 'cardinal';
      const requested = asList(locales);
      // The first language asked for that someone knows: the browser first, then us.
      const known = requested.find((tag) => nativeKnows(native, tag) || hasPluralRules(tag));
      this.#lang = baseLanguage(known ?? 'en');
      if (known !== undefined && native && nativeKnows(native, known)) this.#native = new native(known, options);
      else if (known === undefined && native) this.#native = new native(requested, options);
      else this.#native = undefined;
    }

    select(n: number): PluralCategory {
      return this.#native ? (this.#native.select(n) as PluralCategory) : pluralCategory(n, this.#lang, this.#type);
    }

    resolvedOptions(): Intl.ResolvedPluralRulesOptions {
      if (this.#native) return this.#native.resolvedOptions();
      return {
        locale: this.#lang,
        type: this.#type,
        pluralCategories: [...pluralCategories(this.#lang, this.#type)],
        minimumIntegerDigits: 1,
        minimumFractionDigits: 0,
        maximumFractionDigits: 3,
      } as Intl.ResolvedPluralRulesOptions;
    }

    static supportedLocalesOf(locales: string | readonly string[]): string[] {
      return asList(locales).filter((tag) => nativeKnows(native, tag) || hasPluralRules(tag));
    }
  }
  return PluralRules as unknown as Native;
}

/**
 * Puts the fallback in place (once) when the browser's Intl.PluralRules is missing or lacks one of
 * `languages`. Returns whether it did. Call it before i18next is first asked for a plural.
 */
export function installPluralRules(languages: readonly string[]): boolean {
  const intl = globalThis.Intl as typeof Intl | undefined;
  if (!intl) return false;
  const native = intl.PluralRules as Native | undefined;
  if (languages.every((lang) => !hasPluralRules(lang) || nativeKnows(native, lang))) return false;
  Object.defineProperty(intl, 'PluralRules', { value: pluralRulesWithFallback(native), writable: true, configurable: true });
  return true;
}

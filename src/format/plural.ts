import { cy as cyCategories, en as enCategories } from 'make-plural/pluralCategories';
import { cy, en } from 'make-plural/plurals';
import type { PluralCategory } from './locale-data.ts';
import { baseLanguage } from './language.ts';

/**
 * CLDR's plural rules as functions (make-plural), for the languages the app speaks. They are here,
 * not in the browser, so that "_two" in Welsh is picked even where the browser has no Welsh
 * (Intl.PluralRules then quietly answers with English rules). They are tiny and always loaded.
 */
type Rules = {
  select: (n: number | string, ord?: boolean) => PluralCategory;
  categories: { cardinal: readonly PluralCategory[]; ordinal: readonly PluralCategory[] };
};

const rules: Readonly<Record<string, Rules>> = {
  en: { select: en, categories: enCategories },
  cy: { select: cy, categories: cyCategories },
};

/** Do we hold plural rules for this language (`cy`, `cy-GB`…)? */
export function hasPluralRules(lang: string | undefined): boolean {
  return Object.hasOwn(rules, baseLanguage(lang));
}

function rulesFor(lang: string | undefined): Rules {
  return rules[baseLanguage(lang)] ?? rules.en!;
}

/**
 * The plural category of a number in a language: pluralCategory(2, 'cy') → "two". A number given
 * as text keeps its visible decimals ("1.0" is "other" in English). Unknown languages use English.
 */
export function pluralCategory(n: number | string, lang: string | undefined, type: 'cardinal' | 'ordinal' = 'cardinal'): PluralCategory {
  return rulesFor(lang).select(n, type === 'ordinal');
}

/** The categories a language uses, in CLDR's order: cy → zero, one, two, few, many, other. */
export function pluralCategories(lang: string | undefined, type: 'cardinal' | 'ordinal' = 'cardinal'): readonly PluralCategory[] {
  return rulesFor(lang).categories[type];
}

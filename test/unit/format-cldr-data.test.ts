import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cldrPluralSamples, dataDir, extractLocale, generateLocaleModules, locales, parseDatePattern, parseDecimalPattern } from '../../src/build/cldr-extract.ts';
import { timeUnits } from '../../src/format/locale-data.ts';
import { pluralCategories, pluralCategory } from '../../src/format/plural.ts';

/**
 * The committed data modules (src/format/data/*.ts) are exactly what `npm run cldr` makes from the
 * CLDR packages, so nobody edits a month name or a plural form by hand; and the plural rules
 * (make-plural) agree with CLDR's own.
 */
describe('the CLDR data modules', () => {
  it.each([...generateLocaleModules()])('src/format/data/%s is what `npm run cldr` writes today', (file, expected) => {
    const committed = readFileSync(join(dataDir, file), 'utf8');
    expect(committed, `src/format/data/${file} differs from CLDR: run \`npm run cldr\` and do not edit it by hand`).toBe(expected);
  });

  it('covers every language in the generator, and nothing else', () => {
    expect([...generateLocaleModules().keys()].sort()).toEqual(locales.map(({ lang }) => `${lang}.ts`).sort());
  });

  it.each(locales.map(({ lang, cldr }) => [lang, cldr]))('has a message for every plural category %s uses (%s)', (lang, cldr) => {
    const data = extractLocale(cldr);
    const categories = pluralCategories(lang);
    for (const unit of timeUnits) {
      expect(Object.keys(data.duration[unit]).sort(), `duration ${unit}`).toEqual([...categories].sort());
      expect(Object.keys(data.relative[unit].future).sort(), `in … ${unit}`).toEqual([...categories].sort());
      expect(Object.keys(data.relative[unit].past).sort(), `… ${unit} ago`).toEqual([...categories].sort());
    }
    expect(data.months).toHaveLength(12);
  });
});

describe('the plural rules', () => {
  it.each(locales.flatMap(({ lang }) => (['cardinal', 'ordinal'] as const).map((type): [string, 'cardinal' | 'ordinal'] => [lang, type])))('of %s (%s) give the category CLDR gives for each of its samples', (lang, type) => {
    const samples = cldrPluralSamples(lang, type);
    expect([...samples.keys()], 'the categories').toEqual(pluralCategories(lang, type));
    for (const [category, values] of samples) {
      expect(values.length, `CLDR lists samples for ${category}`).toBeGreaterThan(0);
      for (const value of values) expect(pluralCategory(value, lang, type), `${value} in ${lang}`).toBe(category);
    }
  });

  it('include the Welsh samples the product relies on', () => {
    const welsh = cldrPluralSamples('cy', 'cardinal');
    expect(welsh.get('zero')).toContain('0');
    expect(welsh.get('two')).toContain('2');
    expect(welsh.get('many')).toContain('6');
    expect(welsh.get('other')).toEqual(expect.arrayContaining(['4', '5', '7', '11', '100']));
  });
});

describe('the generator', () => {
  it('takes date patterns apart, and stops at a field the formatter cannot fill', () => {
    expect(parseDatePattern('d MMMM y')).toEqual(['day', { text: ' ' }, 'month', { text: ' ' }, 'year']);
    expect(parseDatePattern("d 'de' MMMM 'de' y")).toEqual(['day', { text: ' de ' }, 'month', { text: ' de ' }, 'year']);
    expect(parseDatePattern("y. 'gada' d. MMMM")).toEqual(['year', { text: '. gada ' }, 'day', { text: '. ' }, 'month']);
    expect(parseDatePattern("d MMMM ''y")).toEqual(['day', { text: ' ' }, 'month', { text: " '" }, 'year']);
    expect(() => parseDatePattern('EEEE, d MMMM y')).toThrow(/"EEEE"/);
    expect(() => parseDatePattern('dd/MM/y')).toThrow(/"dd"/);
    expect(() => parseDatePattern("d 'MMMM")).toThrow(/unclosed quote/);
  });

  it('reads grouping and fraction digits from decimal patterns', () => {
    expect(parseDecimalPattern('#,##0.###')).toEqual({ primaryGroup: 3, secondaryGroup: 3, maxFractionDigits: 3 });
    expect(parseDecimalPattern('#,##,##0.###')).toEqual({ primaryGroup: 3, secondaryGroup: 2, maxFractionDigits: 3 });
    expect(parseDecimalPattern('0.##')).toEqual({ primaryGroup: 0, secondaryGroup: 0, maxFractionDigits: 2 });
    expect(() => parseDecimalPattern('#,##0.00;(#,##0.00)')).toThrow(/not supported/);
  });
});

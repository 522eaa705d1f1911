/**
 * `npm run cldr`: takes the few pieces of CLDR that src/format needs, for each language the app
 * speaks, out of the CLDR JSON packages (cldr-core, cldr-dates-full, cldr-units-full,
 * cldr-numbers-full; development dependencies only) and writes them as small modules,
 * `src/format/data/<lang>.ts`, which are committed.
 *
 * Nothing in those modules is typed by hand: a unit test (test/unit/format-cldr-data.test.ts) runs
 * `generateLocaleModules()` in memory and fails if a committed file differs. To add a language,
 * add it to `locales` below, run `npm run cldr`, and add its plural rules (make-plural) and its
 * loader in src/format/plural.ts and src/format/locales.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatePart, LocaleData, PluralCategory, PluralPatterns, TimeUnit } from '../format/locale-data.ts';
import { timeUnits } from '../format/locale-data.ts';

/** Our language code → the CLDR locale its data comes from. English here is British English. */
export const locales = [
  { lang: 'en', cldr: 'en-GB' },
  { lang: 'cy', cldr: 'cy' },
] as const;

export const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'format', 'data');

const require = createRequire(import.meta.url);
const cldrPackages = ['cldr-core', 'cldr-dates-full', 'cldr-units-full', 'cldr-numbers-full'] as const;
const categoryOrder: readonly PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

type Json = Record<string, unknown>;

function readJson(pkg: (typeof cldrPackages)[number], path: string): Json {
  return JSON.parse(readFileSync(require.resolve(`${pkg}/${path}`), 'utf8')) as Json;
}

function at(tree: unknown, path: readonly string[], where: string): unknown {
  let node = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`CLDR: ${where}: no "${path.join('.')}"`);
    node = (node as Json)[key];
  }
  return node;
}

function text(tree: unknown, path: readonly string[], where: string): string {
  const value = at(tree, path, where);
  if (typeof value !== 'string') throw new Error(`CLDR: ${where}: "${path.join('.')}" is not text`);
  return value;
}

/** The CLDR version, the same in every package (mixing versions would mix rules). */
export function cldrVersion(): string {
  const versions = cldrPackages.map((pkg) => (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version);
  if (new Set(versions).size !== 1) throw new Error(`CLDR packages disagree on the version: ${cldrPackages.map((p, i) => `${p}@${versions[i]}`).join(', ')}`);
  return versions[0]!;
}

/**
 * CLDR's own plural rules for a language (cldr-core), as category → the integer and decimal
 * samples CLDR lists for it ("@integer 0, 2~16, 100, …"). The tests check make-plural against them.
 */
export function cldrPluralSamples(lang: string, type: 'cardinal' | 'ordinal'): Map<PluralCategory, string[]> {
  const file = type === 'cardinal' ? 'plurals' : 'ordinals';
  const rules = at(readJson('cldr-core', `supplemental/${file}.json`), ['supplemental', `plurals-type-${type}`, lang], `${file}.json`) as Record<string, string>;
  const out = new Map<PluralCategory, string[]>();
  for (const category of categoryOrder) {
    const rule = rules[`pluralRule-count-${category}`];
    if (rule === undefined) continue;
    const samples: string[] = [];
    for (const [, list] of rule.matchAll(/@(?:integer|decimal)([^@]*)/g)) {
      for (const item of (list ?? '').split(',').map((part) => part.trim())) {
        if (item === '' || item === '…') continue;
        const range = /^([\d.]+)~([\d.]+)$/.exec(item);
        if (!range) samples.push(item);
        else if (!range[1]!.includes('.')) for (let n = Number(range[1]); n <= Number(range[2]); n += 1) samples.push(String(n));
        else samples.push(range[1]!, range[2]!);
      }
    }
    out.set(category, samples);
  }
  return out;
}

/** One message per plural category, from keys like `unitPattern-count-few`. */
function patterns(tree: Json, prefix: string, where: string): PluralPatterns {
  const out: Partial<Record<PluralCategory, string>> = {};
  for (const category of categoryOrder) {
    const value = tree[`${prefix}${category}`];
    if (value === undefined) continue;
    if (typeof value !== 'string' || (value.match(/\{0\}/g) ?? []).length > 1) throw new Error(`CLDR: ${where}: bad pattern for ${category}`);
    out[category] = value;
  }
  if (out.other === undefined) throw new Error(`CLDR: ${where}: no "other" pattern`);
  return out as PluralPatterns;
}

/**
 * A CLDR date pattern taken apart. Only the fields a day-month-year date needs are allowed (d, M,
 * y): any other field makes the generator stop, so the formatter never meets a field it cannot fill.
 */
export function parseDatePattern(pattern: string): DatePart[] {
  const parts: DatePart[] = [];
  const literal = (value: string) => {
    const last = parts.at(-1);
    if (last !== undefined && typeof last === 'object') last.text += value;
    else parts.push({ text: value });
  };
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) throw new Error(`CLDR: unclosed quote in date pattern "${pattern}"`);
      literal(end === i + 1 ? "'" : pattern.slice(i + 1, end).replaceAll("''", "'"));
      i = end + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let run = 1;
      while (pattern[i + run] === ch) run += 1;
      const field = pattern.slice(i, i + run);
      if (field === 'd') parts.push('day');
      else if (field === 'MMMM') parts.push('month');
      else if (field === 'y') parts.push('year');
      else throw new Error(`CLDR: date field "${field}" in "${pattern}" is not supported by src/format`);
      i += run;
    } else {
      literal(ch);
      i += 1;
    }
  }
  return parts;
}

/** Grouping and fraction digits from a decimal pattern such as "#,##0.###". */
export function parseDecimalPattern(pattern: string): Pick<LocaleData['number'], 'primaryGroup' | 'secondaryGroup' | 'maxFractionDigits'> {
  const match = /^([#,]*0+)(?:\.(#*))?$/.exec(pattern);
  if (!match) throw new Error(`CLDR: decimal pattern "${pattern}" is not supported by src/format`);
  const groups = match[1]!.split(',');
  const primaryGroup = groups.length > 1 ? groups.at(-1)!.length : 0;
  const secondaryGroup = groups.length > 2 ? groups.at(-2)!.length : primaryGroup;
  return { primaryGroup, secondaryGroup, maxFractionDigits: (match[2] ?? '').length };
}

/** Everything src/format needs for one CLDR locale. */
export function extractLocale(cldr: string): LocaleData {
  const where = (file: string) => `${cldr}/${file}`;
  const gregorian = at(readJson('cldr-dates-full', `main/${cldr}/ca-gregorian.json`), ['main', cldr, 'dates', 'calendars', 'gregorian'], where('ca-gregorian.json'));
  const months = Array.from({ length: 12 }, (_, i) => text(gregorian, ['months', 'format', 'wide', String(i + 1)], where('ca-gregorian.json')));
  const longDate = parseDatePattern(text(gregorian, ['dateFormats', 'long'], where('ca-gregorian.json')));

  const fields = at(readJson('cldr-dates-full', `main/${cldr}/dateFields.json`), ['main', cldr, 'dates', 'fields'], where('dateFields.json')) as Json;
  const relative = {} as Record<TimeUnit, { future: PluralPatterns; past: PluralPatterns }>;
  for (const unit of timeUnits) {
    const field = at(fields, [unit], where('dateFields.json')) as Json;
    relative[unit] = {
      future: patterns(at(field, ['relativeTime-type-future'], where('dateFields.json')) as Json, 'relativeTimePattern-count-', where(`dateFields.json ${unit} future`)),
      past: patterns(at(field, ['relativeTime-type-past'], where('dateFields.json')) as Json, 'relativeTimePattern-count-', where(`dateFields.json ${unit} past`)),
    };
  }
  const day = at(fields, ['day'], where('dateFields.json')) as Json;
  const dayWords: Record<string, string> = {};
  const offsets = Object.keys(day)
    .map((key) => /^relative-type-(-?\d+)$/.exec(key)?.[1])
    .filter((offset): offset is string => offset !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const offset of offsets) dayWords[offset] = text(day, [`relative-type-${offset}`], where('dateFields.json'));

  const units = at(readJson('cldr-units-full', `main/${cldr}/units.json`), ['main', cldr, 'units', 'long'], where('units.json')) as Json;
  const duration = {} as Record<TimeUnit, PluralPatterns>;
  for (const unit of timeUnits) duration[unit] = patterns(at(units, [`duration-${unit}`], where('units.json')) as Json, 'unitPattern-count-', where(`units.json duration-${unit}`));

  const numbers = at(readJson('cldr-numbers-full', `main/${cldr}/numbers.json`), ['main', cldr, 'numbers'], where('numbers.json')) as Json;
  const system = text(numbers, ['defaultNumberingSystem'], where('numbers.json'));
  if (system !== 'latn') throw new Error(`CLDR: ${cldr} numbers use "${system}"; src/format writes only Latin digits`);
  const symbols = at(numbers, ['symbols-numberSystem-latn'], where('numbers.json'));
  const number = {
    decimal: text(symbols, ['decimal'], where('numbers.json')),
    group: text(symbols, ['group'], where('numbers.json')),
    minus: text(symbols, ['minusSign'], where('numbers.json')),
    infinity: text(symbols, ['infinity'], where('numbers.json')),
    nan: text(symbols, ['nan'], where('numbers.json')),
    ...parseDecimalPattern(text(numbers, ['decimalFormats-numberSystem-latn', 'standard'], where('numbers.json'))),
    minimumGroupingDigits: Number(text(numbers, ['minimumGroupingDigits'], where('numbers.json'))),
  };

  return {
    cldrLocale: cldr,
    months,
    longDate,
    dayWords,
    relative,
    duration,
    number: {
      decimal: number.decimal,
      group: number.group,
      minus: number.minus,
      infinity: number.infinity,
      nan: number.nan,
      primaryGroup: number.primaryGroup,
      secondaryGroup: number.secondaryGroup,
      minimumGroupingDigits: number.minimumGroupingDigits,
      maxFractionDigits: number.maxFractionDigits,
    },
  };
}

/** The text of `src/format/data/<lang>.ts` for every language, by file name. */
export function generateLocaleModules(): Map<string, string> {
  const version = cldrVersion();
  const out = new Map<string, string>();
  for (const { lang, cldr } of locales) {
    const data = extractLocale(cldr);
    const body = JSON.stringify(data, null, 2);
    out.set(
      `${lang}.ts`,
      [
        `// Generated by \`npm run cldr\` (src/build/cldr-extract.ts) from CLDR ${version}, locale ${cldr}.`,
        '// Do not edit: a unit test regenerates it and fails on any difference.',
        `import type { LocaleData } from '../locale-data.ts';`,
        '',
        `export const locale: LocaleData = ${body};`,
        '',
      ].join('\n'),
    );
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, content] of generateLocaleModules()) {
    writeFileSync(join(dataDir, file), content);
    console.log(`wrote src/format/data/${file}`);
  }
}

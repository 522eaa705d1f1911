import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { languages } from '../../src/app/i18n/languages.ts';
import { pluralCategories } from '../../src/format/index.ts';

const localesDir = projectPath('locales');

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const load = (lng: string, file: string): Map<string, string> =>
  leaves(JSON.parse(readFileSync(join(localesDir, lng, file), 'utf8')) as Tree);

const files = readdirSync(join(localesDir, 'en')).filter((f) => f.endsWith('.json'));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** A plural key (`count_one`, `count_other`…) stands for its base key; each language has its own plural forms. */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKeys = (texts: Map<string, string>) => new Set([...texts.keys()].map((key) => key.replace(pluralSuffix, '')));

describe.each(files)('locale file %s', (file) => {
  const english = load('en', file);

  it.each(languages.filter((l) => l !== 'en'))('has every English key, and no others, in %s', (lng) => {
    const other = baseKeys(load(lng, file));
    const englishKeys = baseKeys(english);
    const missing = [...englishKeys].filter((k) => !other.has(k));
    const extra = [...other].filter((k) => !englishKeys.has(k));
    expect({ file: `${lng}/${file}`, missing, extra }).toEqual({ file: `${lng}/${file}`, missing: [], extra: [] });
  });

  it.each(languages)('has every plural form of %s for each plural key, and no other forms', (lng) => {
    const texts = load(lng, file);
    const plurals = new Set([...texts.keys()].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, '')));
    for (const base of plurals) {
      const forms = [...texts.keys()].filter((key) => key.replace(pluralSuffix, '') === base && key !== base).map((key) => key.slice(base.length + 1));
      expect({ key: `${lng}/${file} ${base}`, forms: forms.sort() }).toEqual({ key: `${lng}/${file} ${base}`, forms: [...pluralCategories(lng)].sort() });
    }
  });

  it.each(languages)('has no empty text and the same placeholders in %s', (lng) => {
    const texts = load(lng, file);
    for (const [key, text] of texts) {
      expect(text.trim(), `${lng}/${file} ${key} is empty`).not.toBe('');
      const inEnglish = english.get(key) ?? english.get(key.replace(pluralSuffix, '_other')) ?? '';
      expect(placeholders(text), `${lng}/${file} ${key} placeholders`).toEqual(placeholders(inEnglish));
    }
  });
});

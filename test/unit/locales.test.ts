import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { languages } from '../../src/app/i18n/languages.ts';

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

describe.each(files)('locale file %s', (file) => {
  const english = load('en', file);

  it.each(languages.filter((l) => l !== 'en'))('has every English key, and no others, in %s', (lng) => {
    const other = load(lng, file);
    const missing = [...english.keys()].filter((k) => !other.has(k));
    const extra = [...other.keys()].filter((k) => !english.has(k));
    expect({ file: `${lng}/${file}`, missing, extra }).toEqual({ file: `${lng}/${file}`, missing: [], extra: [] });
  });

  it.each(languages)('has no empty text and the same placeholders in %s', (lng) => {
    const texts = load(lng, file);
    for (const [key, text] of texts) {
      expect(text.trim(), `${lng}/${file} ${key} is empty`).not.toBe('');
      expect(placeholders(text), `${lng}/${file} ${key} placeholders`).toEqual(placeholders(english.get(key) ?? ''));
    }
  });
});

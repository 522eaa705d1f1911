import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

export const testLanguages = ['en', 'cy'] as const;
export type TestLanguage = (typeof testLanguages)[number];

type Tree = { [key: string]: string | Tree };

const cache = new Map<string, Tree>();

function load(lang: TestLanguage, namespace: string): Tree {
  const file = `${lang}/${namespace}.json`;
  let tree = cache.get(file);
  if (!tree) {
    tree = JSON.parse(readFileSync(join(repoRoot, 'locales', lang, `${namespace}.json`), 'utf8')) as Tree;
    cache.set(file, tree);
  }
  return tree;
}

/**
 * The UI string for a dotted key (e.g. `home.title`), read from locales/<lang>/common.json, or
 * from another namespace's file when the key names it as i18next does (`forms:form.submit`).
 */
export function text(lang: TestLanguage, key: string): string {
  const [namespace, path] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
  let node: string | Tree | undefined = load(lang, namespace);
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No string "${path}" in locales/${lang}/${namespace}.json`);
  return node;
}

/** Every JSON file of a language: common.json, glossary.json and the explainer topics. */
function allFiles(lang: TestLanguage): Tree[] {
  const dir = join(repoRoot, 'locales', lang);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree);
}

/** Every string of a language, e.g. to check that a page heading comes from that language. */
export function allTexts(lang: TestLanguage): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === 'string') out.add(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  allFiles(lang).forEach(walk);
  return out;
}

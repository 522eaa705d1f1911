import type enCommon from '../../../locales/en/common.json';
import type { Language } from './languages.ts';

/**
 * Where the app's words come from (locales/<lng>/*.json), and which of them the first page carries.
 *
 * - **The first page's words**: the groups of `common` that the frame (header, menu, footer) and
 *   the home page show, in English, are in the first page's JavaScript. Each is picked with a
 *   named import the bundler can cut the rest of the file from (TypeScript refuses named imports
 *   of JSON, so each is written as a one-file glob with `import:`). Nothing else of `common` is.
 * - **The rest of `common`**, in every language, is a chunk of its own per language, fetched the
 *   first time a page other than the first is shown, or when a language is chosen. It is read as
 *   text and parsed (a JSON chunk imported whole would pull the first page's groups out of the
 *   first page's JavaScript and into it).
 * - **Any other `locales/<lng>/<ns>.json`** (e.g. `plan.json`, `forms.json`) is a namespace of
 *   its own, fetched when a page asks for it: `useTranslation('plan')` waits for it (see i18n.ts).
 *   `glossary.json` and `topics/` are content, loaded by the explainer pages themselves.
 */
export type Common = typeof enCommon;
export type Strings = { [key: string]: string | Strings };

const one = (found: Record<string, unknown>): never => Object.values(found)[0] as never;

/** What the first page shows, in English: keep in step with the frame and the home page (a test renders them with only this). */
export const firstPageStrings: Partial<Common> = {
  app: one(import.meta.glob('../../../locales/en/common.json', { eager: true, import: 'app' })),
  nav: one(import.meta.glob('../../../locales/en/common.json', { eager: true, import: 'nav' })),
  language: one(import.meta.glob('../../../locales/en/common.json', { eager: true, import: 'language' })),
  footer: one(import.meta.glob('../../../locales/en/common.json', { eager: true, import: 'footer' })),
  home: one(import.meta.glob('../../../locales/en/common.json', { eager: true, import: 'home' })),
};

const commonFiles = import.meta.glob<string>('../../../locales/*/common.json', { query: '?raw', import: 'default' });
// `public.json`: the family pages' words, prerendered at build time and never loaded by the app.
// `staff.json`: the staff console's words, its own build, never in the app or its precache.
const namespaceFiles = import.meta.glob<Strings>(['../../../locales/*/*.json', '!../../../locales/*/common.json', '!../../../locales/*/glossary.json', '!../../../locales/*/public.json', '!../../../locales/*/staff.json'], {
  import: 'default',
});

const fileOf = (lng: string, ns: string) => `../../../locales/${lng}/${ns}.json`;

/** Every word of `common` in a language (a chunk fetched from the cache offline). Rejects when it cannot be fetched. */
export async function fetchCommon(lng: Language): Promise<Common> {
  const load = commonFiles[fileOf(lng, 'common')];
  if (!load) throw new Error(`No words for the language "${lng}"`);
  return JSON.parse(await load()) as Common;
}

/** The namespaces there are files for (besides `common`) in a language. */
export function namespacesIn(lng: Language): string[] {
  return Object.keys(namespaceFiles).flatMap((path) => {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    return match?.[1] === lng && match[2] ? [match[2]] : [];
  });
}

/** One namespace's words in a language, or undefined when that language has no such file. */
export async function fetchNamespace(lng: Language, ns: string): Promise<Strings | undefined> {
  const load = namespaceFiles[fileOf(lng, ns)];
  return load ? load() : undefined;
}

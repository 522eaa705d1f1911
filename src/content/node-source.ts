import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FamilyContentLoader } from './load.ts';

/**
 * Reads explainer content from locales/ on disk: for Node tests and build-time tools
 * (prerendering, read-aloud audio). The app never imports this; it uses `globLoader`.
 */

export type LocaleFile = { lng: string; file: string; path: string; data: unknown };

function readJson(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}

export function fileLoader(localesDir: string): FamilyContentLoader {
  return {
    topic: (lng, id) => readJson(join(localesDir, lng, 'topics', `${id}.json`)),
    glossary: (lng) => readJson(join(localesDir, lng, 'glossary.json')),
    familyTopic: (lng, id) => readJson(join(localesDir, lng, 'family', `${id}.json`)),
    familyGlossary: (lng) => readJson(join(localesDir, lng, 'family', 'glossary.json')),
  };
}

/** The languages that have a folder in locales/. */
export function localeLanguages(localesDir: string): string[] {
  return readdirSync(localesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Every topic file of a language, parsed as JSON but not validated. `file` is relative to locales/. */
export function topicFiles(localesDir: string, lng: string): LocaleFile[] {
  return guideFiles(localesDir, lng, 'topics');
}

/** Every family guide of a language (locales/<lng>/family/, less its glossary), parsed as JSON but not validated. */
export function familyTopicFiles(localesDir: string, lng: string): LocaleFile[] {
  return guideFiles(localesDir, lng, 'family').filter((f) => !f.file.endsWith('/glossary.json'));
}

function guideFiles(localesDir: string, lng: string, folder: string): LocaleFile[] {
  const dir = join(localesDir, lng, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const path = join(dir, name);
      return { lng, file: `${lng}/${folder}/${name}`, path, data: readJson(path) };
    });
}

import type { z } from 'zod';
import { FamilyGlossary, FamilyTopic, type FamilyTopicId } from './family-schema.ts';
import { Glossary, GlossaryEntry, Topic, type TopicId } from './schema.ts';
import { describeIssues, formatPath } from './validate.ts';

/**
 * Loading explainer content for a language, with English as the fallback.
 * The loader gets already-read JSON from whoever knows where it lives: the app passes the result
 * of `import.meta.glob('../../locales/*\/topics/*.json')` through `globLoader`; Node tests and the
 * build read files (node-source.ts). Nothing here knows about Vite or the file system.
 */

export const contentFallbackLanguage = 'en';

/** Gives the raw JSON of a file, or undefined when there is no such file. */
export type ContentLoader = {
  topic(lng: string, id: TopicId): Promise<unknown> | unknown;
  glossary(lng: string): Promise<unknown> | unknown;
};

/** Also gives the family guides (locales/<lng>/family/<id>.json) and the family glossary (…/family/glossary.json). */
export type FamilyContentLoader = ContentLoader & {
  familyTopic(lng: string, id: FamilyTopicId): Promise<unknown> | unknown;
  familyGlossary(lng: string): Promise<unknown> | unknown;
};

export type FallbackReason = 'missing' | 'invalid';

export type Loaded<T> = {
  value: T;
  /** The language asked for. */
  requested: string;
  /** The language the words are in. */
  language: string;
  /** True when the words are in English because the translation is missing or broken: the page says so. */
  fellBack: boolean;
  reason?: FallbackReason;
  /** What was wrong with the translation, for logs and tests. */
  problems: string[];
};

export class ContentError extends Error {
  override name = 'ContentError';
}

async function read(loader: () => Promise<unknown> | unknown): Promise<unknown> {
  return await loader();
}

/** A file of one id in one language, checked by `schema`, falling back to English (see loadTopic). */
async function loadOne<T extends { id: string }>(
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: z.ZodError } },
  read: (lng: string) => Promise<unknown> | unknown,
  file: (lng: string) => string,
  lng: string,
  id: string,
): Promise<Loaded<T>> {
  const problems: string[] = [];
  let reason: FallbackReason | undefined;
  if (lng !== contentFallbackLanguage) {
    const raw = await read(lng);
    if (raw === undefined) {
      reason = 'missing';
      problems.push(`${file(lng)}: missing`);
    } else {
      const parsed = schema.safeParse(raw);
      if (parsed.success && parsed.data.id === id) return { value: parsed.data, requested: lng, language: lng, fellBack: false, problems };
      reason = 'invalid';
      problems.push(...(parsed.success ? [`${file(lng)}: id: is "${parsed.data.id}", expected "${id}"`] : describeIssues(file(lng), parsed.error)));
    }
  }
  const raw = await read(contentFallbackLanguage);
  if (raw === undefined) throw new ContentError(`${file(contentFallbackLanguage)}: missing`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ContentError(describeIssues(file(contentFallbackLanguage), parsed.error).join('\n'));
  const fellBack = lng !== contentFallbackLanguage;
  return { value: parsed.data, requested: lng, language: contentFallbackLanguage, fellBack, ...(reason ? { reason } : {}), problems };
}

export async function loadTopic(loader: ContentLoader, lng: string, id: TopicId): Promise<Loaded<Topic>> {
  return loadOne(Topic, (l) => loader.topic(l, id), (l) => `locales/${l}/topics/${id}.json`, lng, id);
}

export type LoadedGlossary = Loaded<Glossary> & {
  /** Terms shown in English because the translation lacks them (or has them broken). */
  fellBackTerms: string[];
};

/**
 * The glossary for a language. A missing or broken file falls back to English as a whole; a file
 * that lacks some entries (or has broken ones) gets those entries from English, and says which.
 */
export async function loadGlossary(loader: ContentLoader, lng: string): Promise<LoadedGlossary> {
  const file = (l: string) => `locales/${l}/glossary.json`;
  const englishRaw = await read(() => loader.glossary(contentFallbackLanguage));
  if (englishRaw === undefined) throw new ContentError(`${file(contentFallbackLanguage)}: missing`);
  const english = Glossary.safeParse(englishRaw);
  if (!english.success) throw new ContentError(describeIssues(file(contentFallbackLanguage), english.error).join('\n'));
  if (lng === contentFallbackLanguage) return { value: english.data, requested: lng, language: lng, fellBack: false, problems: [], fellBackTerms: [] };

  const raw = await read(() => loader.glossary(lng));
  const whole = (reason: FallbackReason, problems: string[]): LoadedGlossary => ({
    value: english.data,
    requested: lng,
    language: contentFallbackLanguage,
    fellBack: true,
    reason,
    problems,
    fellBackTerms: Object.keys(english.data),
  });
  if (raw === undefined) return whole('missing', [`${file(lng)}: missing`]);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return whole('invalid', [`${file(lng)}: (whole file): expected an object`]);

  const value: Glossary = {};
  const problems: string[] = [];
  const fellBackTerms: string[] = [];
  const translated = raw as Record<string, unknown>;
  for (const [termId, englishEntry] of Object.entries(english.data)) {
    const entry = GlossaryEntry.safeParse(translated[termId]);
    if (entry.success) {
      value[termId] = entry.data;
      continue;
    }
    value[termId] = englishEntry;
    fellBackTerms.push(termId);
    if (translated[termId] === undefined) problems.push(`${file(lng)}: ${termId}: missing`);
    else for (const issue of entry.error.issues) problems.push(`${file(lng)}: ${[termId, formatPath(issue.path)].filter(Boolean).join('.')}: ${issue.message}`);
  }
  const fellBack = fellBackTerms.length > 0;
  return {
    value,
    requested: lng,
    language: lng,
    fellBack,
    ...(fellBack ? { reason: fellBackTerms.some((id) => translated[id] !== undefined) ? ('invalid' as const) : ('missing' as const) } : {}),
    problems,
    fellBackTerms,
  };
}

/**
 * A loader over the modules `import.meta.glob` returns: keys are paths ending in
 * `locales/<lng>/topics/<id>.json` or `locales/<lng>/glossary.json`, values load the JSON
 * (a module with a `default` export, or the data itself).
 */
export function globLoader(modules: Record<string, () => Promise<unknown>>): ContentLoader {
  const byKey = new Map<string, () => Promise<unknown>>();
  for (const [path, load] of Object.entries(modules)) {
    const topic = /locales\/([^/]+)\/topics\/([^/]+)\.json$/.exec(path);
    if (topic) byKey.set(`topic:${topic[1]}:${topic[2]}`, load);
    const glossary = /locales\/([^/]+)\/glossary\.json$/.exec(path);
    if (glossary) byKey.set(`glossary:${glossary[1]}`, load);
  }
  const get = async (key: string): Promise<unknown> => {
    const load = byKey.get(key);
    if (!load) return undefined;
    const module = await load();
    return typeof module === 'object' && module !== null && 'default' in module ? (module as { default: unknown }).default : module;
  };
  return { topic: (lng, id) => get(`topic:${lng}:${id}`), glossary: (lng) => get(`glossary:${lng}`) };
}

/** A family guide for a language, with English as the fallback (as loadTopic). */
export async function loadFamilyTopic(loader: FamilyContentLoader, lng: string, id: FamilyTopicId): Promise<Loaded<FamilyTopic>> {
  return loadOne(FamilyTopic, (l) => loader.familyTopic(l, id), (l) => `locales/${l}/family/${id}.json`, lng, id);
}

/**
 * The glossary as the family pages show it: the language's glossary (loadGlossary), with the
 * meanings written for families (locales/<lng>/family/glossary.json) in place of the ones that
 * speak to the person in prison. A family meaning missing or broken in a translation comes from
 * English, as a whole entry (term and meaning), and is listed in `fellBackTerms`.
 */
export async function loadFamilyGlossary(loader: FamilyContentLoader, lng: string): Promise<LoadedGlossary> {
  const base = await loadGlossary(loader, lng);
  const englishBase = lng === contentFallbackLanguage ? base : await loadGlossary(loader, contentFallbackLanguage);
  const read = async (l: string): Promise<FamilyGlossary> => {
    const file = `locales/${l}/family/glossary.json`;
    const raw = await loader.familyGlossary(l);
    if (raw === undefined) throw new ContentError(`${file}: missing`);
    const parsed = FamilyGlossary.safeParse(raw);
    if (!parsed.success) throw new ContentError(describeIssues(file, parsed.error).join('\n'));
    return parsed.data;
  };
  const english = await read(contentFallbackLanguage);
  let own: FamilyGlossary = english;
  const problems = [...base.problems];
  if (lng !== contentFallbackLanguage) {
    try {
      own = await read(lng);
    } catch (error) {
      own = {};
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  const value: Glossary = { ...base.value };
  const fellBackTerms = new Set(base.fellBackTerms);
  for (const [termId, entry] of Object.entries(english)) {
    const mine = own[termId];
    const current = value[termId];
    if (!current) continue;
    if (mine && !fellBackTerms.has(termId)) {
      value[termId] = { ...current, definition: mine.definition };
      continue;
    }
    const englishEntry = englishBase.value[termId];
    if (!englishEntry) continue;
    value[termId] = { ...englishEntry, definition: entry.definition };
    if (lng !== contentFallbackLanguage) {
      if (!mine) problems.push(`locales/${lng}/family/glossary.json: ${termId}: missing`);
      fellBackTerms.add(termId);
    }
  }
  const fellBack = fellBackTerms.size > 0;
  return { ...base, value, problems, fellBack, fellBackTerms: [...fellBackTerms], ...(fellBack && !base.reason ? { reason: 'missing' as const } : {}) };
}

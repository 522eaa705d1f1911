import { createContext, useContext, useEffect, useReducer } from 'react';
import { globLoader, loadGlossary, loadTopic, type Loaded, type LoadedGlossary } from '../../content/load.ts';
import type { Topic } from '../../content/schema.ts';
import { type TopicId, topicIds } from '../../content/topic-ids.ts';

/**
 * Explainer content, loaded lazily: each topic and each language's glossary is its own small
 * file in the build, fetched (and precached by the service worker) only when needed. What has
 * loaded once is kept, so going back to a page or switching language shows it at once.
 */
const loader = globLoader(import.meta.glob(['../../../locales/*/topics/*.json', '../../../locales/*/glossary.json']));

const pending = new Map<string, Promise<unknown>>();
const settled = new Map<string, unknown>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let promise = pending.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load().then((value) => {
      settled.set(key, value);
      return value;
    });
    pending.set(key, promise);
  }
  return promise;
}

const topicContent = (lng: string, id: TopicId): Promise<Loaded<Topic>> => once(`topic:${lng}:${id}`, () => loadTopic(loader, lng, id));
const glossaryContent = (lng: string): Promise<LoadedGlossary> => once(`glossary:${lng}`, () => loadGlossary(loader, lng));

export type TopicWithGlossary = { topic: Loaded<Topic>; glossary: LoadedGlossary };
export type AllTopics = { topics: Topic[]; glossary: LoadedGlossary };

const sources = {
  topicPage: (lng: string, id: TopicId) =>
    [`page:${lng}:${id}`, async (): Promise<TopicWithGlossary> => ({ topic: await topicContent(lng, id), glossary: await glossaryContent(lng) })] as const,
  glossary: (lng: string) => [`glossary:${lng}`, () => glossaryContent(lng)] as const,
  allTopics: (lng: string) =>
    [
      `all:${lng}`,
      async (): Promise<AllTopics> => ({
        topics: (await Promise.all(topicIds.map((id) => topicContent(lng, id)))).map((t) => t.value),
        glossary: await glossaryContent(lng),
      }),
    ] as const,
};

/**
 * Content already loaded by whoever renders the page, read before anything is fetched. The
 * build-time prerender of the public pages (src/public-pages/) gives it, so the very same
 * components render in one synchronous pass; the app itself leaves it empty.
 */
const GivenContent = createContext<ReadonlyMap<string, unknown> | undefined>(undefined);
export const GivenContentProvider = GivenContent.Provider;

/** The content for `lng`, keyed as the hooks below look it up: for GivenContentProvider. */
export function givenContent(lng: string, topics: readonly Loaded<Topic>[], glossary: LoadedGlossary): ReadonlyMap<string, unknown> {
  const given = new Map<string, unknown>();
  for (const topic of topics) given.set(sources.topicPage(lng, topic.value.id)[0], { topic, glossary } satisfies TopicWithGlossary);
  given.set(sources.glossary(lng)[0], glossary);
  given.set(sources.allTopics(lng)[0], { topics: topics.map((t) => t.value), glossary } satisfies AllTopics);
  return given;
}

/** The content under `key`, or undefined while it loads (the first time only). */
function useContent<T>([key, load]: readonly [string, () => Promise<T>]): T | undefined {
  const given = useContext(GivenContent);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const ready = settled.has(key) || given?.has(key) === true;
  useEffect(() => {
    if (ready) return undefined;
    let live = true;
    once(key, load).then(
      () => live && rerender(),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
    // `load` is made afresh each render for the same key; the key says what is loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ready]);
  return (given?.has(key) ? given.get(key) : settled.get(key)) as T | undefined;
}

export const useTopicPage = (lng: string, id: TopicId) => useContent(sources.topicPage(lng, id));
export const useGlossary = (lng: string) => useContent(sources.glossary(lng));
export const useAllTopics = (lng: string) => useContent(sources.allTopics(lng));

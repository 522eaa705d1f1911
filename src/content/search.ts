import { topicTexts, type TopicLike } from './fields.ts';
import { toPlainText } from './markup.ts';
import type { Glossary } from './schema.ts';
import type { SearchDoc, SearchField, SearchIndex } from './search-match.ts';
import { words } from './search-match.ts';

/**
 * Offline search over the guides and glossary of one language, the indexing half (matching is in
 * search-match.ts, re-exported here). No network, no library. Works for the app's guides and for
 * the family guides alike.
 */
export { fold, search, type SearchIndex, type SearchResult, words } from './search-match.ts';

const weights = { term: 8, expansion: 6, title: 6, inShort: 3, description: 3, heading: 2, body: 1, definition: 1 } as const;

export function buildSearchIndex<Id extends string>(lng: string, topics: readonly (TopicLike & { id: Id })[], glossary: Glossary): SearchIndex<Id> {
  const docs: SearchDoc<Id>[] = [];
  for (const topic of topics) {
    const fields: SearchField[] = [];
    for (const { path, text } of topicTexts(topic)) {
      const plain = toPlainText(text, lng, glossary);
      const weight =
        path === 'title' ? weights.title : path === 'inShort' ? weights.inShort : path === 'description' ? weights.description : path.endsWith('heading') ? weights.heading : weights.body;
      fields.push({ words: words(plain), weight });
    }
    docs.push({ result: { kind: 'topic', id: topic.id, title: topic.title, summary: topic.inShort }, fields });
  }
  for (const [id, entry] of Object.entries(glossary)) {
    const fields: SearchField[] = [
      { words: words(entry.term), weight: weights.term },
      { words: words(entry.expansion ?? ''), weight: weights.expansion },
      { words: words(entry.definition), weight: weights.definition },
      { words: words(id.replaceAll('-', ' ')), weight: weights.term },
    ];
    docs.push({ result: { kind: 'term', id, term: entry.term, summary: entry.definition }, fields });
  }
  return { lng, docs };
}

import { topicTexts } from './fields.ts';
import { toPlainText } from './markup.ts';
import type { Glossary, Topic, TopicId } from './schema.ts';

/**
 * Offline search over the explainer topics and glossary of one language. No network, no library:
 * texts are folded (lower case, accents off, so "dwr" finds "dŵr" and "ty" finds "tŷ"),
 * split into words, and each query word matches a word that equals it or, for words of 3 or more
 * letters, starts with it. Results that match more of the query words come first; then the ones
 * where the words are in more important places (a term or title beats body text).
 */

type Hit = { kind: 'topic'; id: TopicId; title: string; summary: string } | { kind: 'term'; id: string; term: string; summary: string };
export type SearchResult = Hit & { score: number };

type Field = { words: string[]; weight: number };
type Doc = { result: Hit; fields: Field[] };
export type SearchIndex = { lng: string; docs: Doc[] };

/** Lower case, no accents (NFD then drop combining marks), for matching only. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Small words that say nothing about what a person looks for. */
const stopWords: Record<string, ReadonlySet<string>> = {
  en: new Set('a an and are can do does for how i in is it my of on or the to what when where who why with you your'.split(' ')),
  cy: new Set("a ac am beth i mae pa pam pryd pwy sut y yn yr ydy fy eich chi ar o".split(' ')),
};

const weights = { term: 8, expansion: 6, title: 6, inShort: 3, description: 3, heading: 2, body: 1, definition: 1 } as const;

export function buildSearchIndex(lng: string, topics: readonly Topic[], glossary: Glossary): SearchIndex {
  const docs: Doc[] = [];
  for (const topic of topics) {
    const fields: Field[] = [];
    for (const { path, text } of topicTexts(topic)) {
      const plain = toPlainText(text, lng, glossary);
      const weight =
        path === 'title' ? weights.title : path === 'inShort' ? weights.inShort : path === 'description' ? weights.description : path.endsWith('heading') ? weights.heading : weights.body;
      fields.push({ words: words(plain), weight });
    }
    docs.push({ result: { kind: 'topic', id: topic.id, title: topic.title, summary: topic.inShort }, fields });
  }
  for (const [id, entry] of Object.entries(glossary)) {
    const fields: Field[] = [
      { words: words(entry.term), weight: weights.term },
      { words: words(entry.expansion ?? ''), weight: weights.expansion },
      { words: words(entry.definition), weight: weights.definition },
      { words: words(id.replaceAll('-', ' ')), weight: weights.term },
    ];
    docs.push({ result: { kind: 'term', id, term: entry.term, summary: entry.definition }, fields });
  }
  return { lng, docs };
}

function matches(queryWord: string, word: string): boolean {
  return word === queryWord || (queryWord.length >= 3 && word.startsWith(queryWord));
}

export function search(index: SearchIndex, query: string, limit = 20): SearchResult[] {
  const stop = stopWords[index.lng] ?? stopWords.en ?? new Set<string>();
  const all = [...new Set(words(query))];
  const meaningful = all.filter((w) => !stop.has(w));
  const queryWords = meaningful.length ? meaningful : all;
  if (queryWords.length === 0) return [];
  const scored: { result: SearchResult; matched: number }[] = [];
  for (const doc of index.docs) {
    let matched = 0;
    let score = 0;
    for (const q of queryWords) {
      let best = 0;
      let count = 0;
      for (const field of doc.fields) {
        for (const w of field.words) {
          if (!matches(q, w)) continue;
          const exact = w === q ? 1 : 0.5;
          best = Math.max(best, field.weight * exact);
          count += 1;
        }
      }
      if (best > 0) {
        matched += 1;
        score += best + Math.min(count, 10) / 10;
      }
    }
    if (matched > 0) scored.push({ result: { ...doc.result, score }, matched });
  }
  scored.sort((a, b) => b.matched - a.matched || b.result.score - a.result.score);
  return scored.slice(0, limit).map((s) => s.result);
}

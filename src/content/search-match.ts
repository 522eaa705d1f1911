/**
 * Offline search, the matching half: folding, words, and ranking an index that buildSearchIndex
 * (search.ts) made. No imports, so the family pages' search script can carry it without the
 * content schema. Texts are folded (lower case, accents off, so "dwr" finds "dŵr" and "ty" finds
 * "tŷ"), split into words, and each query word matches a word that equals it or, for words of 3 or
 * more letters, starts with it. Results that match more of the query words come first; then the
 * ones where the words are in more important places (a term or title beats body text).
 */

type Hit<Id extends string = string> = { kind: 'topic'; id: Id; title: string; summary: string } | { kind: 'term'; id: string; term: string; summary: string };
export type SearchResult<Id extends string = string> = Hit<Id> & { score: number };

export type SearchField = { words: string[]; weight: number };
export type SearchDoc<Id extends string = string> = { result: Hit<Id>; fields: SearchField[] };
export type SearchIndex<Id extends string = string> = { lng: string; docs: SearchDoc<Id>[] };

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

function matches(queryWord: string, word: string): boolean {
  return word === queryWord || (queryWord.length >= 3 && word.startsWith(queryWord));
}

export function search<Id extends string>(index: SearchIndex<Id>, query: string, limit = 20): SearchResult<Id>[] {
  const stop = stopWords[index.lng] ?? stopWords.en ?? new Set<string>();
  const all = [...new Set(words(query))];
  const meaningful = all.filter((w) => !stop.has(w));
  const queryWords = meaningful.length ? meaningful : all;
  if (queryWords.length === 0) return [];
  const scored: { result: SearchResult<Id>; matched: number }[] = [];
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

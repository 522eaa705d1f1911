import type { Glossary } from '../../content/schema.ts';

/**
 * Staff write plans in plain text, in English. To open the meaning of the glossary words in it
 * (HDC, licence, Kaizen, approved premises…), the text is turned into the explainers' markup:
 * the first time each glossary term (or what its letters stand for) appears in a text, it becomes
 * `[[term-id|the words as written]]`. Anything in staff's words that looks like markup is made
 * inert first (a word joiner between the two brackets or braces: invisible, and never read out),
 * so staff text is only ever shown, never interpreted. Pure.
 */

export type TermMatcher = { pattern: RegExp | null; byPhrase: ReadonlyMap<string, { termId: string; exact: string | null }> };

/** Terms never marked in staff text: too common there to help. */
const notMarked = new Set(['pin']);

/** An acronym ("OASys", "HDC", "RM2000") is matched as written; other words in any case. */
const isAcronym = (phrase: string) => !/\s/.test(phrase) && (phrase.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the matcher once per glossary: every term and every expansion, longest first. */
export function termMatcher(glossary: Glossary): TermMatcher {
  const byPhrase = new Map<string, { termId: string; exact: string | null }>();
  for (const [termId, entry] of Object.entries(glossary)) {
    if (notMarked.has(termId)) continue;
    for (const phrase of [entry.term, entry.expansion]) {
      if (!phrase) continue;
      const key = phrase.toLowerCase();
      if (!byPhrase.has(key)) byPhrase.set(key, { termId, exact: isAcronym(phrase) ? phrase : null });
    }
  }
  if (byPhrase.size === 0) return { pattern: null, byPhrase };
  const phrases = [...byPhrase.keys()].sort((a, b) => b.length - a.length).map((p) => escapeRegExp(p).replace(/ /g, '\\s+'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${phrases.join('|')})(s?)(?![\\p{L}\\p{N}])`, 'giu');
  return { pattern, byPhrase };
}

const joiner = '\u2060';

/** Makes markup in the text inert: `[[`, `]]`, `{{` and `}}` get a word joiner between their two characters. */
export function inert(text: string): string {
  return text.replace(/([[\]{}])(?=\1)/g, `$1${joiner}`);
}

/** Staff's text as markup, with the first use of each glossary term marked. */
export function staffMarkup(text: string, matcher: TermMatcher): string {
  if (!matcher.pattern) return inert(text);
  const used = new Set<string>();
  let out = '';
  let at = 0;
  for (const match of text.matchAll(matcher.pattern)) {
    const [whole, phrase = ''] = match;
    const found = matcher.byPhrase.get(phrase.toLowerCase().replace(/\s+/g, ' '));
    if (!found || used.has(found.termId) || (found.exact !== null && phrase !== found.exact)) continue;
    used.add(found.termId);
    out += inert(text.slice(at, match.index)) + `[[${found.termId}|${whole.replace(/\s+/g, ' ')}]]`;
    at = match.index + whole.length;
  }
  return out + inert(text.slice(at));
}

/**
 * Splits plain text (no markup: see markup.ts `toPlainText`) into sentences, for read-aloud:
 * the page highlights one sentence while the voice says it. Pure, so the page, the player and
 * any build step split the same way.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (with any closing quote or bracket after it) followed
 * by a space and a word that does not start in lower case; or at a line break. It does not end
 * after a known short form ("e.g.", "Mr.", Welsh "e.e.", "h.y."…), a single capital ("J. Smith")
 * or a number in a list ("1."), nor inside a number ("1.5").
 * List items, headings and labels are passed in one at a time, so each is at least one sentence.
 */

export type Sentence = {
  /** The sentence, without the spaces around it. */
  text: string;
  /** Where it starts and ends in the text given (end is exclusive). */
  start: number;
  end: number;
};

/** Short forms that end in a full stop but do not end a sentence (lower case, without the last dot). */
const shortForms: Record<string, readonly string[]> = {
  en: ['e.g', 'eg', 'i.e', 'ie', 'etc', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'nos', 'approx', 'vs', 'a.m', 'p.m', 'incl', 'min', 'max', 'dept', 'tel'],
  cy: ['e.e', 'h.y', 'ayb', 'a.y.b', 'etc', 'mr', 'mrs', 'ms', 'dr', 'st', 'rhif', 'parch', 'g.y.f', 'y.b', 'y.h', 'ffôn', 'sef', 'tua', 'e.g', 'i.e'],
};

/** Short forms that may also end a sentence: they end one when a capital follows. */
const mayEnd = new Set(['etc', 'ayb', 'a.y.b', 'a.m', 'p.m', 'y.b', 'y.h', 'no']);

const closers = `"'”’)]»`;
const enders = '.!?…';

function baseLanguage(lng: string): string {
  return lng.toLowerCase().split('-')[0] ?? 'en';
}

/** The word just before index `at` (the position of a full stop), lower case. */
function wordBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && !/\s|[("'“‘[]/u.test(text[start - 1] ?? '')) start -= 1;
  return text.slice(start, at).toLowerCase();
}

function startsLowerCase(char: string): boolean {
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

/** True when the full stop at `at` belongs to a short form, an initial or a list number. */
function isShortFormStop(text: string, at: number, next: string, lng: string, sentenceStart: number): boolean {
  const word = wordBefore(text, at);
  if (!word) return false;
  const known = shortForms[baseLanguage(lng)] ?? shortForms.en ?? [];
  if (known.includes(word) || (shortForms.en ?? []).includes(word)) {
    return !(mayEnd.has(word) && !startsLowerCase(next) && /\p{Lu}/u.test(next));
  }
  // A single capital letter: an initial, as in "J. Smith".
  if (/^\p{Lu}$/u.test(text.slice(at - word.length, at))) return true;
  // A number at the very start, as in "1. Ask for help".
  if (/^\d+$/.test(word) && text.slice(sentenceStart, at - word.length).trim() === '') return true;
  return false;
}

/** Splits `text` (in language `lng`, e.g. "en" or "cy") into sentences. */
export function splitSentences(text: string, lng: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed && /[\p{L}\p{N}]/u.test(trimmed)) out.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
    else if (trimmed && out.length) {
      // Stray punctuation belongs to the sentence before it.
      const last = out[out.length - 1]!;
      last.end = start + lead + trimmed.length;
      last.text = text.slice(last.start, last.end);
    }
    start = end;
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '\n') {
      push(i);
      continue;
    }
    if (!enders.includes(char)) continue;
    // Take in any run of enders and closing quotes or brackets: "Why?!", "…end.)"
    let end = i + 1;
    while (end < text.length && (enders.includes(text[end] ?? '') || closers.includes(text[end] ?? ''))) end += 1;
    const after = text.slice(end);
    const space = /^\s+/.exec(after);
    if (end < text.length && !space) {
      i = end - 1;
      continue;
    }
    const next = after.slice(space?.[0].length ?? 0).charAt(0);
    if (next && startsLowerCase(next)) {
      i = end - 1;
      continue;
    }
    if (char === '.' && end === i + 1 && next && isShortFormStop(text, i, next, lng, start)) {
      i = end - 1;
      continue;
    }
    push(end);
    i = end - 1;
  }
  push(text.length);
  return out;
}

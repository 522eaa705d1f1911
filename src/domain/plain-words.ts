import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { acronymsIn, termIdForAcronym } from '../content/acronyms.ts';
import type { Glossary } from '../content/schema.ts';
import { splitSentences } from '../content/sentences.ts';

/**
 * The plain-words check: advice on what staff write for a person (plan items, replies), never a
 * block. Pure: the same words give the same findings, in the console and in tests.
 *
 * - Sentences: over `longSentenceWords` (25) words is a `warning`; over `softSentenceWords` (15)
 *   a `note` (the product aims at 8–12 words).
 * - Words the glossary explains (a term, its expansion written out, or an acronym of it): a `note`
 *   naming the entry, so staff can use the term the person can open, or say it another way.
 * - Jargon: an acronym with no glossary entry, or a word from a short list of office words with a
 *   plainer one to suggest (`jargon` below): a `warning`.
 * - Reading grade: Flesch-Kincaid US grade (syllables from the `syllable` package, the same
 *   formula as the content's own gate, test/unit/content-readability.test.ts), English only and
 *   from 10 words; the target is grade 5 (a reading age of about 9 to 10). Welsh has no validated
 *   formula here, so its grade is skipped and says so (`skipped: 'language'`).
 * Every finding carries where it is in the text (`start`, `end`: UTF-16 positions, end exclusive).
 */

export const plainWordsLimits = { longSentenceWords: 25, softSentenceWords: 15, targetGrade: 5, gradeFromWords: 10 } as const;

export type PlainWordsFinding =
  | { kind: 'longSentence'; level: 'warning' | 'note'; start: number; end: number; words: number }
  | { kind: 'glossaryTerm'; level: 'note'; start: number; end: number; text: string; termId: string; term: string }
  | { kind: 'unexplainedAcronym'; level: 'warning'; start: number; end: number; text: string }
  | { kind: 'jargon'; level: 'warning'; start: number; end: number; text: string; plainer: string };

export type ReadingGrade =
  | { grade: number; target: number; tooHard: boolean; words: number; sentences: number }
  | { skipped: 'language' | 'tooShort'; words: number; sentences: number };

export type PlainWordsReport = { findings: PlainWordsFinding[]; reading: ReadingGrade };

/**
 * Office words with a plainer one (English). Lower case; matched as whole words or phrases, any
 * capitals. Kept short on purpose: each must almost always have a better word for a person.
 */
export const jargon: Readonly<Record<string, string>> = {
  'in order to': 'to',
  'prior to': 'before',
  'in relation to': 'about',
  'with regard to': 'about',
  'in respect of': 'about',
  regarding: 'about',
  facilitate: 'help, or run',
  commence: 'start',
  utilise: 'use',
  utilize: 'use',
  obtain: 'get',
  ascertain: 'find out',
  endeavour: 'try',
  subsequently: 'later, or then',
  approximately: 'about',
  assist: 'help',
  require: 'need',
  sufficient: 'enough',
  intervention: 'course, or help',
  criminogenic: 'linked to offending',
  desistance: 'stopping offending',
  'engage with': 'take part in',
  'non-compliance': 'not doing what was agreed',
  adhere: 'keep to',
  pursuant: 'under',
  'with immediate effect': 'from now',
};

const wordPattern = /[\p{L}\p{N}'’-]+/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every place `phrase` stands as whole words (any capitals; a plural "s" allowed). */
function placesOf(text: string, phrase: string, options: { anyCase: boolean }): Array<{ start: number; end: number }> {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}s?(?![\\p{L}\\p{N}])`, options.anyCase ? 'giu' : 'gu');
  return [...text.matchAll(pattern)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

function overlaps(a: { start: number; end: number }, taken: ReadonlyArray<{ start: number; end: number }>): boolean {
  return taken.some((b) => a.start < b.end && b.start < a.end);
}

function baseLanguage(language: string): string {
  return language.toLowerCase().split('-')[0] ?? 'en';
}

/** Checks `text` written in `language` ("en", "cy"), with that language's glossary. */
export function checkPlainWords(text: string, options: { language: string; glossary: Glossary }): PlainWordsReport {
  const language = baseLanguage(options.language);
  const findings: PlainWordsFinding[] = [];
  const sentences = splitSentences(text, language);
  let words = 0;
  let syllables = 0;
  for (const sentence of sentences) {
    const found = sentence.text.match(wordPattern) ?? [];
    words += found.length;
    for (const word of found) syllables += Math.max(1, syllable(word));
    const { longSentenceWords, softSentenceWords } = plainWordsLimits;
    if (found.length > softSentenceWords) {
      findings.push({ kind: 'longSentence', level: found.length > longSentenceWords ? 'warning' : 'note', start: sentence.start, end: sentence.end, words: found.length });
    }
  }

  // Glossary terms and expansions, longest first, so "Offender Management Unit" is one finding.
  const taken: Array<{ start: number; end: number }> = [];
  const phrases = Object.entries(options.glossary)
    .flatMap(([termId, entry]) => [entry.term, entry.expansion].filter((p): p is string => Boolean(p && p.length > 1)).map((phrase) => ({ termId, term: entry.term, phrase })))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  for (const { termId, term, phrase } of phrases) {
    // An acronym is matched as written (so "pom" in lower case is left alone); other terms in any capitals.
    const anyCase = acronymsIn(phrase).length === 0;
    for (const place of placesOf(text, phrase, { anyCase })) {
      if (overlaps(place, taken)) continue;
      taken.push(place);
      findings.push({ kind: 'glossaryTerm', level: 'note', ...place, text: text.slice(place.start, place.end), termId, term });
    }
  }
  for (const acronym of acronymsIn(text)) {
    const place = { start: acronym.index, end: acronym.index + acronym.word.length };
    if (overlaps(place, taken)) continue;
    taken.push(place);
    const termId = termIdForAcronym(acronym.word, options.glossary);
    const entry = termId ? options.glossary[termId] : undefined;
    if (termId && entry) findings.push({ kind: 'glossaryTerm', level: 'note', ...place, text: acronym.word, termId, term: entry.term });
    else findings.push({ kind: 'unexplainedAcronym', level: 'warning', ...place, text: acronym.word });
  }
  if (language === 'en') {
    for (const [phrase, plainer] of Object.entries(jargon)) {
      for (const place of placesOf(text, phrase, { anyCase: true })) {
        if (overlaps(place, taken)) continue;
        taken.push(place);
        findings.push({ kind: 'jargon', level: 'warning', ...place, text: text.slice(place.start, place.end), plainer });
      }
    }
  }

  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  return { findings, reading: readingGrade(language, { words, sentences: sentences.length, syllables }) };
}

function readingGrade(language: string, counts: { words: number; sentences: number; syllables: number }): ReadingGrade {
  const { words, sentences } = counts;
  if (language !== 'en') return { skipped: 'language', words, sentences };
  if (words < plainWordsLimits.gradeFromWords || sentences === 0) return { skipped: 'tooShort', words, sentences };
  const grade = Math.round(fleschKincaid({ sentence: sentences, word: words, syllable: counts.syllables }) * 10) / 10;
  return { grade, target: plainWordsLimits.targetGrade, tooHard: grade > plainWordsLimits.targetGrade, words, sentences };
}

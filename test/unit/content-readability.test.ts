import { readFileSync } from 'node:fs';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { topicTexts } from '../../src/content/fields.ts';
import { parseMarkup } from '../../src/content/markup.ts';
import type { TopicLike } from '../../src/content/fields.ts';
import { localeLanguages } from '../../src/content/node-source.ts';
import { type Glossary, Glossary as GlossarySchema } from '../../src/content/schema.ts';
import { guides } from './content-guides.ts';

/**
 * (e) The plain-language gate. Aim: a reading age of about 9 (57% of adults in prison read below
 * the level expected of an 11-year-old).
 *
 * Method, for each topic:
 * 1. Take the running text a person reads: in short, description, paragraphs, list items and
 *    action details (titles, headings and button labels are short fragments and are left out).
 * 2. Fill in {{policy.*}} and {{fact.*}}, then MASK the words the glossary explains: each marked
 *    term, every glossary term and expansion written out in full, and every acronym, become "it".
 *    A reader can open those in place, and words like "assessment" would otherwise dominate the
 *    score. Each number becomes "ten" (one word, one syllable).
 * 3. Split into sentences at . ! ? followed by a space; each paragraph or list item ends one.
 *    Words are runs of letters, digits, apostrophes and hyphens ("self-harm" is one word).
 * 4. Syllables come from the `syllable` package; the grade from `flesch-kincaid` (US grade
 *    level; grade 5 ≈ age 10–11, so ≤ 5 keeps us at or below the level most readers reach).
 * Gate (English): grade ≤ 5, no sentence over 25 words, average sentence ≤ 15 words, and a topic
 * of 200–550 words. Welsh has no validated grade formula here, so only the sentence lengths are
 * checked (a little looser: Welsh often needs more words, e.g. "dydych chi ddim").
 */

const localesDir = projectPath('locales');
const languages = localeLanguages(localesDir);

const limits = {
  en: { grade: 5, longest: 25, average: 15 },
  cy: { grade: Infinity, longest: 28, average: 17 },
} as const;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function masker(glossary: Glossary): (text: string) => string {
  const phrases = Object.values(glossary)
    .flatMap((e) => [e.term, e.expansion ?? ''])
    .filter((p) => p.length > 1)
    .sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.map(escape).join('|')})(?:s)?(?![\\p{L}\\p{N}])`, 'giu');
  return (text) =>
    text
      .replace(pattern, 'it')
      .replace(/[\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}]*/gu, 'it')
      .replace(/\p{N}+(?:[.:]\p{N}+)?/gu, 'ten');
}

export type Score = { topic: string; words: number; sentences: number; avgWords: number; longest: number; longestSentence: string; grade: number };

export function score(lng: string, topic: TopicLike & { id: string }, glossary: Glossary, name = topic.id): Score {
  const mask = masker(glossary);
  const texts = topicTexts(topic).filter((t) => t.running || t.path === 'description');
  const sentences: string[][] = [];
  let syllables = 0;
  for (const { text } of texts) {
    const plain = parseMarkup(text, lng, glossary)
      .parts.map((p) => (p.kind === 'term' ? 'it' : p.text))
      .join('');
    for (const sentence of mask(plain).split(/(?<=[.!?])\s+/)) {
      const words = sentence.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
      if (words.length === 0) continue;
      sentences.push(words);
      for (const w of words) syllables += Math.max(1, syllable(w));
    }
  }
  const words = sentences.reduce((n, s) => n + s.length, 0);
  const longest = sentences.reduce((a, b) => (b.length > a.length ? b : a), []);
  return {
    topic: name,
    words,
    sentences: sentences.length,
    avgWords: Math.round((words / sentences.length) * 10) / 10,
    longest: longest.length,
    longestSentence: longest.join(' '),
    grade: Math.round(fleschKincaid({ sentence: sentences.length, word: words, syllable: syllables }) * 10) / 10,
  };
}

describe.each(languages)('plain language in %s', (lng) => {
  const glossary = GlossarySchema.parse(JSON.parse(readFileSync(projectPath('locales', lng, 'glossary.json'), 'utf8')));
  // The family guides are scored with the same limits (the family glossary masks the same terms).
  const all = guides(localesDir, lng);
  const scores = all.map((g) => score(lng, g.topic, glossary, g.set === 'family' ? `family/${g.topic.id}` : g.topic.id));
  const topics = scores.map((s) => ({ id: s.topic }));
  const limit = limits[lng as keyof typeof limits] ?? limits.cy;

  it('prints the readability table', () => {
    console.log(`Readability, ${lng} (glossary terms masked; see the method at the top of this file)`);
    console.table(scores.map(({ longestSentence: _l, ...row }) => (lng === 'en' ? row : { ...row, grade: '–' })));
    expect(scores.length).toBe(topics.length);
  });

  it.each(topics.map((t) => t.id))('%s is easy to read', (id) => {
    const s = scores.find((x) => x.topic === id);
    expect(s).toBeDefined();
    if (!s) return;
    const problems: string[] = [];
    if (s.grade > limit.grade) problems.push(`Flesch-Kincaid grade ${s.grade} > ${limit.grade}`);
    if (s.longest > limit.longest) problems.push(`a sentence of ${s.longest} words (> ${limit.longest}): "${s.longestSentence}"`);
    if (s.avgWords > limit.average) problems.push(`average sentence ${s.avgWords} words (> ${limit.average})`);
    if (lng === 'en' && (s.words < 200 || s.words > 550)) problems.push(`${s.words} words (keep topics to about 250–500)`);
    expect(problems).toEqual([]);
  });
});

describe('glossary definitions are plain too (English)', () => {
  it('each definition scores at most grade 6 with its own and other terms masked', () => {
    const glossary = GlossarySchema.parse(JSON.parse(readFileSync(projectPath('locales', 'en', 'glossary.json'), 'utf8')));
    const mask = masker(glossary);
    let words = 0;
    let sentences = 0;
    let syllables = 0;
    for (const entry of Object.values(glossary)) {
      for (const sentence of mask(entry.definition).split(/(?<=[.!?])\s+/)) {
        const w = sentence.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
        if (!w.length) continue;
        sentences += 1;
        words += w.length;
        for (const x of w) syllables += Math.max(1, syllable(x));
      }
    }
    const grade = fleschKincaid({ sentence: sentences, word: words, syllable: syllables });
    console.log(`Glossary (en): ${sentences} sentences, ${words} words, grade ${grade.toFixed(1)}`);
    expect(grade).toBeLessThanOrEqual(6);
  });
});

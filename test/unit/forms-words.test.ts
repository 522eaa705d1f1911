import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { acronymsIn, termIdForAcronym } from '../../src/content/acronyms.ts';
import { Glossary } from '../../src/content/schema.ts';
import { splitSentences } from '../../src/content/sentences.ts';
import { questionsOf } from '../../src/domain/questionnaire.ts';
import { questionSets } from '../../src/domain/questionnaire-sets.ts';

/**
 * The words of the forms and of the self-assessment, in every language: every question of every
 * set has its words, sentences stay short (never over 25 words; in English 15 or fewer on
 * average), and every acronym has a glossary entry.
 */

const languages = ['en', 'cy'] as const;
const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(projectPath('locales', ...parts), 'utf8')) as unknown;

function strings(node: unknown, path = ''): Array<{ path: string; text: string }> {
  if (typeof node === 'string') return [{ path, text: node }];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => strings(value, path ? `${path}.${key}` : key));
  return [];
}

/** The words of a sentence, placeholders counted as one word ("{{count}} days" is two). */
const wordCount = (sentence: string) => sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}{]/u.test(word)).length;

describe.each(languages)('the words of the forms in %s', (lng) => {
  const files = ['forms.json', 'questionnaire.json'].map((file) => ({ file, texts: strings(readJson(lng, file)) }));

  it('has words for every question, part and answer of every question set', () => {
    const words = readJson(lng, 'questionnaire.json') as Record<string, { scale: Record<string, string>; sections: Record<string, { title: string; intro: string }>; questions: Record<string, Record<string, string>> }>;
    for (const set of questionSets.values()) {
      const own = words[set.id]!;
      for (const choice of set.scale) expect(own.scale[choice], `${set.id} scale ${choice}`).toBeTruthy();
      for (const section of set.sections) {
        expect(own.sections[section.id]?.title, section.id).toBeTruthy();
        expect(own.sections[section.id]?.intro, section.id).toBeTruthy();
      }
      for (const question of questionsOf(set)) {
        const [section, id] = question.id.split('.') as [string, string];
        expect(own.questions[section]?.[id], question.id).toBeTruthy();
      }
    }
  });

  it('keeps every sentence at 25 words or fewer', () => {
    const long = files.flatMap(({ file, texts }) =>
      texts.flatMap(({ path, text }) => splitSentences(text, lng).filter((s) => wordCount(s.text) > 25).map((s) => `${file} ${path}: ${wordCount(s.text)} words: ${s.text}`)),
    );
    expect(long).toEqual([]);
  });

  it.runIf(lng === 'en')('averages 15 words a sentence or fewer', () => {
    const counts = files.flatMap(({ texts }) => texts.flatMap(({ text }) => splitSentences(text, lng).map((s) => wordCount(s.text))));
    const average = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(average).toBeLessThanOrEqual(15);
  });

  it('has a glossary entry for every acronym', () => {
    const glossary = Glossary.parse(readJson(lng, 'glossary.json'));
    const missing = files.flatMap(({ file, texts }) =>
      texts.flatMap(({ path, text }) => acronymsIn(text).filter(({ word }) => !termIdForAcronym(word, glossary)).map(({ word }) => `${file} ${path}: ${word}`)),
    );
    expect(missing).toEqual([]);
  });
});

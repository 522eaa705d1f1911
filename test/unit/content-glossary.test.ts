import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { acronymsIn, termIdForAcronym } from '../../src/content/acronyms.ts';
import { topicTexts } from '../../src/content/fields.ts';
import { fillPlaceholders, parseMarkup, termIdsIn } from '../../src/content/markup.ts';
import { localeLanguages } from '../../src/content/node-source.ts';
import { Glossary } from '../../src/content/schema.ts';
import { guides } from './content-guides.ts';

/**
 * (d) Glossary coverage. Every term mark points to an entry; every acronym (two or more capital
 * letters) in a topic, a glossary definition or common.json has an entry; and in each topic the
 * first use of each acronym in running text is marked. Titles, headings, descriptions and action
 * labels carry no marks (a term is a button); their acronyms must be marked in the topic's running text.
 */

const localesDir = projectPath('locales');
const languages = localeLanguages(localesDir);
const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(projectPath('locales', ...parts), 'utf8')) as unknown;
const glossaries = new Map(languages.map((lng) => [lng, Glossary.parse(readJson(lng, 'glossary.json'))]));

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

describe.each(languages)('glossary coverage in %s', (lng) => {
  const glossary = glossaries.get(lng) ?? {};
  // The app's guides and the family guides alike.
  const topics = guides(localesDir, lng);

  it('every term mark is well formed and points to an entry', () => {
    const problems: string[] = [];
    for (const { file, topic } of topics) {
      for (const { path, text, running } of topicTexts(topic)) {
        if (!running && /\[\[|\]\]/.test(text)) problems.push(`${file}: ${path}: no term marks here (plain text)`);
        if (!running) continue;
        for (const p of parseMarkup(text, lng, glossary).problems) problems.push(`${file}: ${path}: ${p.kind} ${p.text}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every acronym in a topic has an entry, and its first use in running text is marked', () => {
    const problems: string[] = [];
    for (const { file, topic } of topics) {
      const seen = new Set<string>();
      const marked = new Set<string>();
      const needed = new Map<string, string>();
      for (const { path, text, running } of topicTexts(topic)) {
        const parts = running ? parseMarkup(text, lng, glossary).parts : [{ kind: 'text' as const, text: fillPlaceholders(text, lng).text }];
        for (const part of parts) {
          if (part.kind === 'term') {
            marked.add(part.termId);
            seen.add(part.termId);
            continue;
          }
          for (const { word } of acronymsIn(part.text)) {
            const id = termIdForAcronym(word, glossary);
            if (!id) {
              problems.push(`${file}: ${path}: "${word}" has no glossary entry`);
              continue;
            }
            if (!needed.has(id)) needed.set(id, `${path} ("${word}")`);
            if (running && !seen.has(id)) {
              problems.push(`${file}: ${path}: first use of "${word}" is not marked ([[${id}]])`);
              seen.add(id);
            }
          }
        }
      }
      for (const [id, where] of needed) if (!marked.has(id)) problems.push(`${file}: ${where}: [[${id}]] is never marked in this topic`);
    }
    expect(problems).toEqual([]);
  });

  it('every acronym in glossary definitions, common.json and public.json (the family pages) has an entry', () => {
    const texts = [
      ...Object.entries(glossary).map(([id, e]) => ({ where: `glossary.json ${id}.definition`, text: e.definition })),
      ...strings(readJson(lng, 'common.json')).map((text) => ({ where: 'common.json', text })),
      ...strings(readJson(lng, 'public.json')).map((text) => ({ where: 'public.json', text })),
    ];
    const problems = texts.flatMap(({ where, text }) =>
      acronymsIn(text)
        .filter(({ word }) => !termIdForAcronym(word, glossary))
        .map(({ word }) => `locales/${lng}/${where}: "${word}" has no glossary entry`),
    );
    expect(problems).toEqual([]);
  });

  it('definitions are short: one or two sentences, each of at most 25 words', () => {
    const problems: string[] = [];
    for (const [id, entry] of Object.entries(glossary)) {
      const sentences = entry.definition.split(/(?<=[.!?])\s+/).filter(Boolean);
      if (sentences.length > 2) problems.push(`${id}: ${sentences.length} sentences`);
      for (const s of sentences) {
        const words = s.split(/\s+/).filter(Boolean).length;
        if (words > 25) problems.push(`${id}: a sentence of ${words} words`);
      }
      if (!/[.!?]$/.test(entry.definition)) problems.push(`${id}: does not end with a full stop`);
    }
    expect(problems).toEqual([]);
  });

  it('every glossary entry is used by at least one topic, or is a term a person may meet in their plan', () => {
    const used = new Set(topics.flatMap(({ topic }) => topicTexts(topic).flatMap((t) => termIdsIn(t.text))));
    const inDefinitions = Object.values(glossary).flatMap((e) => acronymsIn(e.definition).map((a) => termIdForAcronym(a.word, glossary)));
    const standalone = ['recall'];
    const unused = Object.keys(glossary).filter((id) => !used.has(id) && !inDefinitions.includes(id) && !standalone.includes(id));
    expect(unused).toEqual([]);
  });
});

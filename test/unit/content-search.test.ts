import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { topicFiles } from '../../src/content/node-source.ts';
import { Glossary, Topic } from '../../src/content/schema.ts';
import { buildSearchIndex, fold, search } from '../../src/content/search.ts';

function indexFor(lng: string) {
  const topics = topicFiles(projectPath('locales'), lng).map(({ data }) => Topic.parse(data));
  const glossary = Glossary.parse(JSON.parse(readFileSync(projectPath('locales', lng, 'glossary.json'), 'utf8')));
  return buildSearchIndex(lng, topics, glossary);
}

describe('offline search', () => {
  const en = indexFor('en');

  it('finds a topic by a word in its text', () => {
    const results = search(en, 'Kaizen');
    expect(results.map((r) => `${r.kind}:${r.id}`)).toContain('topic:interventions');
    expect(search(en, 'diagnosis').map((r) => r.id)).toContain('pipes');
  });

  it('finds a glossary term by its acronym and by its expansion, term first', () => {
    expect(search(en, 'HDC')[0]).toMatchObject({ kind: 'term', id: 'hdc' });
    expect(search(en, 'home detention curfew')[0]).toMatchObject({ kind: 'term', id: 'hdc' });
    expect(search(en, 'what is rosh')[0]).toMatchObject({ kind: 'term', id: 'rosh' });
  });

  it('ranks a topic whose title matches above topics that only mention the word', () => {
    const topics = search(en, 'MAPPA').filter((r) => r.kind === 'topic');
    expect(topics[0]?.id).toBe('mappa');
    expect(topics.length).toBeGreaterThan(1);
  });

  it('matches the start of a word, and ranks results matching more words first', () => {
    expect(search(en, 'complai').some((r) => r.id === 'getting-help')).toBe(true);
    const results = search(en, 'risk plan');
    expect(results[0]?.id).toBe('risk-management-plan');
  });

  it('finds nothing for nothing, and nothing for a word not in the content', () => {
    expect(search(en, '   ')).toEqual([]);
    expect(search(en, 'zzzxqv')).toEqual([]);
  });

  it('ignores accents, so Welsh words are found with or without ŵ ŷ â', () => {
    expect(fold('Dŵr, tŷ a cân')).toBe('dwr, ty a can');
    const cy = indexFor('cy');
    const withAccent = search(cy, 'dedfryd').map((r) => r.id);
    expect(withAccent.length).toBeGreaterThan(0);
    const topic = Topic.parse({
      id: 'oasys',
      title: 'Tŷ a dŵr',
      inShort: 'Mae’n bwysig.',
      description: 'Prawf.',
      sections: [{ heading: 'Pennawd', paragraphs: ['Testun â llythrennau.'] }],
      actions: [],
      related: [],
    });
    const index = buildSearchIndex('cy', [topic], {});
    expect(search(index, 'ty dwr')[0]).toMatchObject({ kind: 'topic', id: 'oasys' });
    expect(search(index, 'tŷ')[0]).toMatchObject({ kind: 'topic', id: 'oasys' });
    expect(search(index, 'LLYTHRENNAU')[0]).toMatchObject({ kind: 'topic', id: 'oasys' });
  });
});

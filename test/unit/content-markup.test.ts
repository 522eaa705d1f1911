import { describe, expect, it } from 'vitest';
import { parseMarkup, termIdsIn, toPlainText } from '../../src/content/markup.ts';
import type { Glossary } from '../../src/content/schema.ts';

const glossary: Glossary = {
  oasys: { term: 'OASys', expansion: 'Offender Assessment System', definition: 'An assessment.' },
  'key-worker': { term: 'key worker', definition: 'A prison officer who supports you.' },
};

describe('markup parsing', () => {
  it('splits text into plain parts and term parts, with the glossary term as the shown words', () => {
    expect(parseMarkup('Your [[oasys]] is done.', 'en', glossary)).toEqual({
      parts: [
        { kind: 'text', text: 'Your ' },
        { kind: 'term', termId: 'oasys', shown: 'OASys' },
        { kind: 'text', text: ' is done.' },
      ],
      problems: [],
    });
  });

  it('shows other words when the mark gives them', () => {
    expect(parseMarkup('Ask your [[key-worker|wing officer]].', 'en', glossary).parts[1]).toEqual({ kind: 'term', termId: 'key-worker', shown: 'wing officer' });
  });

  it('fills policy placeholders and facts before parsing, in the page language', () => {
    expect(toPlainText('Within {{policy.initialOasysDeterminate}} of [[oasys]].', 'en', glossary)).toBe('Within 10 weeks of OASys.');
    expect(toPlainText('O fewn {{policy.oasysPreTariffSift}}.', 'cy', glossary)).toBe('O fewn 2 flynedd a 24 wythnos.');
    expect(toPlainText('{{fact.pipeUnitsMen}} units', 'en', glossary)).toBe('15 units');
  });

  it('keeps an unknown term as plain words and reports it', () => {
    const parsed = parseMarkup('See [[nothing-here|this thing]] now.', 'en', glossary);
    expect(parsed.parts).toEqual([{ kind: 'text', text: 'See this thing now.' }]);
    expect(parsed.problems).toEqual([{ kind: 'unknownTerm', text: '[[nothing-here|this thing]]', termId: 'nothing-here' }]);
  });

  it.each([
    ['an unclosed mark', 'Your [[oasys is due.', 'Your [[oasys is due.'],
    ['a stray closing mark', 'Your oasys]] is due.', 'Your oasys]] is due.'],
    ['an empty mark', 'Your [[]] is due.', 'Your [[]] is due.'],
    ['a mark that is not an id', 'Your [[Bad Id|plan]] is due.', 'Your plan is due.'],
  ])('keeps %s as text and reports it', (_what, text, shown) => {
    const parsed = parseMarkup(text, 'en', glossary);
    expect(parsed.parts.every((p) => p.kind === 'text')).toBe(true);
    expect(parsed.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('')).toBe(shown);
    expect(parsed.problems.map((p) => p.kind)).toEqual(['malformedTerm']);
  });

  it('still finds the good mark next to a broken one', () => {
    const parsed = parseMarkup('[[oasys and [[key-worker]]', 'en', glossary);
    expect(parsed.parts).toEqual([
      { kind: 'text', text: '[[oasys and ' },
      { kind: 'term', termId: 'key-worker', shown: 'key worker' },
    ]);
    expect(parsed.problems.map((p) => p.kind)).toEqual(['malformedTerm']);
  });

  it('lists the term ids a text marks', () => {
    expect(termIdsIn('[[oasys]], [[key-worker|officer]] and [[Bad]]')).toEqual(['oasys', 'key-worker']);
  });
});

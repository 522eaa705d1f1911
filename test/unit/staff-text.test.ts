import { describe, expect, it } from 'vitest';
import en from '../../locales/en/glossary.json' with { type: 'json' };
import { parseMarkup } from '../../src/content/markup.ts';
import { Glossary } from '../../src/content/schema.ts';
import { inert, staffMarkup, termMatcher } from '../../src/app/plan-view/staff-text.ts';

const glossary = Glossary.parse(en);
const matcher = termMatcher(glossary);
const terms = (text: string) =>
  parseMarkup(staffMarkup(text, matcher), 'en', glossary).parts.flatMap((p) => (p.kind === 'term' ? [[p.termId, p.shown]] : []));

describe('glossary terms in staff text', () => {
  it.each([
    ['Move into approved premises when you leave.', [['approved-premises', 'approved premises']]],
    ['Understand your licence rules before HDC.', [['licence', 'licence'], ['hdc', 'HDC']]],
    ['Finish the Kaizen course.', [['kaizen', 'Kaizen']]],
    ['Spend time on a Progression PIPE unit. PIPEs help.', [['pipe', 'PIPE']]],
    ['Ask about Home Detention Curfew.', [['hdc', 'Home Detention Curfew']]],
    ['Go to the Thinking Skills Programme.', [['tsp', 'Thinking Skills Programme']]],
    ['Your MAPPA level and your OASys review.', [['mappa', 'MAPPA'], ['oasys', 'OASys']]],
  ])('%s', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('matches acronyms only as written, other words in any case, and whole words only', () => {
    expect(terms('the hdc office')).toEqual([]);
    expect(terms('Approved Premises')).toEqual([['approved-premises', 'Approved Premises']]);
    expect(terms('unlicensed, pipeline, comical')).toEqual([]);
    expect(terms('Your PIN is secret.')).toEqual([]);
  });

  it('keeps every word as written, and shows anything that looks like markup as it is', () => {
    const text = 'Write {{policy.initialOasysDeterminate}} and [[oasys]] here, then see your POM.';
    const parsed = parseMarkup(staffMarkup(text, matcher), 'en', glossary);
    expect(parsed.problems).toEqual([]);
    const shown = parsed.parts.map((p) => (p.kind === 'text' ? p.text : p.shown)).join('').replaceAll('\u2060', '');
    expect(shown).toBe(text);
    expect(parsed.parts.filter((p) => p.kind === 'term').map((p) => p.kind === 'term' && p.termId)).toEqual(['pom']);
    expect(inert('[[x]] {{y}}').replaceAll('\u2060', '')).toBe('[[x]] {{y}}');
  });
});

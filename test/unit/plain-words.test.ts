import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Glossary } from '../../src/content/schema.ts';
import { checkPlainWords, plainWordsLimits, type PlainWordsFinding } from '../../src/domain/plain-words.ts';
import { projectPath } from '../project-path.ts';

const glossaryOf = (lng: string) => Glossary.parse(JSON.parse(readFileSync(projectPath('locales', lng, 'glossary.json'), 'utf8')));
const en = glossaryOf('en');
const cy = glossaryOf('cy');

/** The findings as short rows: kind, level and the words they point at. */
function rows(text: string, language = 'en') {
  return checkPlainWords(text, { language, glossary: language === 'cy' ? cy : en }).findings.map((finding) => [finding.kind, finding.level, text.slice(finding.start, finding.end)]);
}

const words = (n: number) => Array.from({ length: n }, () => 'cat').join(' ');

describe('the plain-words check (English)', () => {
  it.each([
    ['a short plain sentence', 'I will go to the maths class on Monday.', []],
    ['a sentence of 15 words is fine', `${words(15)}.`, []],
    ['a sentence of 16 words gets a soft note', `${words(16)}.`, [['longSentence', 'note', `${words(16)}.`]]],
    ['a sentence of 25 words still only a note', `${words(25)}.`, [['longSentence', 'note', `${words(25)}.`]]],
    ['a sentence of 26 words is a warning', `${words(26)}.`, [['longSentence', 'warning', `${words(26)}.`]]],
    ['a glossary acronym, suggested by its entry', 'Your POM will see you.', [['glossaryTerm', 'note', 'POM']]],
    ['its expansion written out is one finding', 'Your Prison Offender Manager will see you.', [['glossaryTerm', 'note', 'Prison Offender Manager']]],
    ['a glossary word in any capitals', 'Write an Application to the wing.', [['glossaryTerm', 'note', 'Application']]],
    ['an acronym nobody explains', 'Go to the ETE team.', [['unexplainedAcronym', 'warning', 'ETE']]],
    ['office words with a plainer one', 'We will facilitate this in order to assist you.', [
      ['jargon', 'warning', 'facilitate'],
      ['jargon', 'warning', 'in order to'],
      ['jargon', 'warning', 'assist'],
    ]],
    ['a word inside another word is not jargon', 'The assistant will help.', []],
  ] as const)('%s', (_name, text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it('names the glossary entry, so the console can suggest it', () => {
    const [finding] = checkPlainWords('Your OASys will be done soon.', { language: 'en', glossary: en }).findings;
    expect(finding).toEqual({ kind: 'glossaryTerm', level: 'note', start: 5, end: 10, text: 'OASys', termId: 'oasys', term: 'OASys' } satisfies PlainWordsFinding);
  });

  it('suggests a plainer word for jargon', () => {
    const [finding] = checkPlainWords('Please commence the course.', { language: 'en', glossary: en }).findings;
    expect(finding).toMatchObject({ kind: 'jargon', plainer: 'start', start: 7, end: 15 });
  });

  it('gives positions in the text for every finding, in order', () => {
    const text = `Hello. Then ${words(30)}. Ask your POM.`;
    const findings = checkPlainWords(text, { language: 'en', glossary: en }).findings;
    expect(findings.map((f) => f.kind)).toEqual(['longSentence', 'glossaryTerm']);
    expect(text.slice(findings[1]!.start, findings[1]!.end)).toBe('POM');
    expect(findings[0]!.start).toBe(7);
  });

  it.each([
    ['short words and short sentences read easily', 'I will go to class. I will read a book. I will ask for help when I need it.', false],
    [
      'long words in long sentences are too hard',
      'Participation in accredited interventions demonstrates considerable motivation regarding rehabilitation, consequently facilitating progression towards categorisation reviews and eventual resettlement opportunities.',
      true,
    ],
  ])('the reading grade: %s', (_name, text, tooHard) => {
    const { reading } = checkPlainWords(text, { language: 'en', glossary: en });
    expect(reading).toMatchObject({ target: plainWordsLimits.targetGrade, tooHard });
    if ('grade' in reading) expect(reading.grade).toBeGreaterThan(tooHard ? 12 : -5);
  });

  it('skips the grade for a few words, and never fails on empty or odd text', () => {
    expect(checkPlainWords('Go to class.', { language: 'en', glossary: en }).reading).toEqual({ skipped: 'tooShort', words: 3, sentences: 1 });
    expect(checkPlainWords('', { language: 'en', glossary: en })).toEqual({ findings: [], reading: { skipped: 'tooShort', words: 0, sentences: 0 } });
    for (const odd of ['...', '\n\n\n', '😀 😀 😀', 'A'.repeat(5000), '((((', 'e.g. i.e. etc.']) {
      expect(() => checkPlainWords(odd, { language: 'en', glossary: en })).not.toThrow();
    }
  });
});

describe('the plain-words check on Welsh text', () => {
  it('finds Welsh glossary terms and long sentences, and marks the grade as skipped', () => {
    const text = 'Bydd eich POM yn siarad â chi. Bydd y gweithiwr allweddol yn helpu.';
    expect(rows(text, 'cy')).toEqual([
      ['glossaryTerm', 'note', 'POM'],
      ['glossaryTerm', 'note', 'gweithiwr allweddol'],
    ]);
    expect(checkPlainWords(text, { language: 'cy', glossary: cy }).reading).toEqual({ skipped: 'language', words: 13, sentences: 2 });
    expect(rows(`${Array.from({ length: 30 }, () => 'dydych').join(' ')}.`, 'cy')).toEqual([['longSentence', 'warning', `${Array.from({ length: 30 }, () => 'dydych').join(' ')}.`]]);
  });

  it('does not call Welsh words English jargon', () => {
    expect(rows('Mae angen i chi helpu. Regarding', 'cy')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/content/sentences.ts';

const texts = (text: string, lng = 'en') => splitSentences(text, lng).map((s) => s.text);

describe('splitSentences (English)', () => {
  it('splits at full stops, question marks and exclamation marks', () => {
    expect(texts('OASys is a tool. It helps staff! Does it help you? Yes.')).toEqual(['OASys is a tool.', 'It helps staff!', 'Does it help you?', 'Yes.']);
  });

  it('does not split after short forms, initials, list numbers or inside numbers', () => {
    expect(texts('Some courses, e.g. TSP, take weeks. Ask Mr. Jones or J. Smith.')).toEqual(['Some courses, e.g. TSP, take weeks.', 'Ask Mr. Jones or J. Smith.']);
    expect(texts('It takes i.e. about 1.5 years. Then it ends.')).toEqual(['It takes i.e. about 1.5 years.', 'Then it ends.']);
    expect(texts('1. Ask for help. 2. Wait.')).toEqual(['1. Ask for help.', '2. Wait.']);
  });

  it('splits after a short form that can end a sentence when a capital follows', () => {
    expect(texts('Bring forms, letters etc. Then ask.')).toEqual(['Bring forms, letters etc.', 'Then ask.']);
    expect(texts('Bring forms, letters etc. and ask.')).toEqual(['Bring forms, letters etc. and ask.']);
  });

  it('keeps closing quotes and brackets with their sentence, and does not split before lower case', () => {
    expect(texts('They said "no." Then they left. (It was late.) Next.')).toEqual(['They said "no."', 'Then they left.', '(It was late.)', 'Next.']);
    expect(texts('Wait... and see. Go!')).toEqual(['Wait... and see.', 'Go!']);
  });

  it('treats a line break as an end, and a block without a full stop (a list item, a heading) as one sentence', () => {
    expect(texts('First line\nSecond line')).toEqual(['First line', 'Second line']);
    expect(texts('before you move to open conditions')).toEqual(['before you move to open conditions']);
    expect(texts('   ')).toEqual([]);
  });

  it('gives positions that point back into the text', () => {
    const text = '  One two.  Three four?  ';
    for (const s of splitSentences(text, 'en')) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('splitSentences (Welsh)', () => {
  it('splits Welsh sentences, with accented capitals and apostrophes', () => {
    expect(texts("Mae'n bwysig. Ŵyr chi pam? Ydw.", 'cy')).toEqual(["Mae'n bwysig.", 'Ŵyr chi pam?', 'Ydw.']);
  });

  it('does not split after Welsh short forms', () => {
    expect(texts('Rhai cyrsiau, e.e. TSP, h.y. cwrs grŵp. Gofynnwch i Dr. Jones.', 'cy')).toEqual(['Rhai cyrsiau, e.e. TSP, h.y. cwrs grŵp.', 'Gofynnwch i Dr. Jones.']);
    expect(texts('Dewch â ffurflenni, llythyrau ayb. Yna gofynnwch.', 'cy')).toEqual(['Dewch â ffurflenni, llythyrau ayb.', 'Yna gofynnwch.']);
  });

  it('accepts a language tag with a region', () => {
    expect(texts('Un. Dau.', 'cy-GB')).toEqual(['Un.', 'Dau.']);
  });
});

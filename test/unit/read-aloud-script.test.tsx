import { join } from 'node:path';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../src/app/i18n/i18n.ts';
import { describe, expect, it } from 'vitest';
import { Readable, ReadAloud } from '../../src/app/read-aloud/ReadAloud.tsx';
import { buildScript, splitBlock, topicScript } from '../../src/app/read-aloud/script.ts';
import { pickLocalVoice } from '../../src/app/read-aloud/local-voice.ts';
import type { Glossary } from '../../src/content/schema.ts';
import { topicIds } from '../../src/content/topic-ids.ts';
import { loadGlossary, loadTopic } from '../../src/content/load.ts';
import { fileLoader } from '../../src/content/node-source.ts';

const glossary: Glossary = {
  oasys: { term: 'OASys', expansion: 'Offender Assessment System', definition: 'An assessment.' },
  pom: { term: 'POM', definition: 'Your prison offender manager.' },
};

describe('read-aloud script', () => {
  it('cuts a block into sentences, keeping each glossary term whole as markup', () => {
    const { segments, spoken } = splitBlock('[[oasys]] is a tool. Your [[pom|offender manager]] uses it. Ask them.', 'en', glossary, 5);
    expect(spoken).toEqual([
      { text: 'OASys is a tool.', lng: 'en' },
      { text: 'Your offender manager uses it.', lng: 'en' },
      { text: 'Ask them.', lng: 'en' },
    ]);
    expect(segments).toEqual([
      { kind: 'sentence', index: 5, markup: '[[oasys|OASys]] is a tool.' },
      { kind: 'gap', text: ' ' },
      { kind: 'sentence', index: 6, markup: 'Your [[pom|offender manager]] uses it.' },
      { kind: 'gap', text: ' ' },
      { kind: 'sentence', index: 7, markup: 'Ask them.' },
    ]);
  });

  it('numbers sentences across blocks in reading order, each in its own language', () => {
    const script = buildScript(
      [
        { key: 'a', text: 'Yn gryno', lng: 'cy' },
        { key: 'b', text: 'One. Two.', lng: 'en' },
      ],
      glossary,
    );
    expect(script.sentences).toEqual([
      { text: 'Yn gryno', lng: 'cy' },
      { text: 'One.', lng: 'en' },
      { text: 'Two.', lng: 'en' },
    ]);
    expect(script.blocks.get('b')?.filter((s) => s.kind === 'sentence').map((s) => s.kind === 'sentence' && s.index)).toEqual([1, 2]);
  });

  it('reads every topic in both languages, and says the same words the page shows', async () => {
    const loader = fileLoader(join(import.meta.dirname, '../../locales'));
    for (const lng of ['en', 'cy']) {
      const words = await loadGlossary(loader, lng);
      for (const id of topicIds) {
        const topic = await loadTopic(loader, lng, id);
        const script = topicScript(topic.value, topic.language, words.value, { lng, inShort: 'In short', whatYouCanDo: 'What you can do' });
        expect(script.sentences.length, `${lng}/${id}`).toBeGreaterThan(5);
        for (const sentence of script.sentences) expect(sentence.text).not.toMatch(/\[\[|\]\]|\{\{|\}\}/);
      }
    }
  });
});

describe('ReadAloud and Readable', () => {
  const script = buildScript([{ key: 'p', text: 'See [[oasys]]. Then ask your [[pom]].', lng: 'en' }], glossary);

  it('render on the server: sentence spans, no controls (they need the page to run)', () => {
    const html = renderToString(
      <I18nextProvider i18n={createI18n('en')}>
        <ReadAloud script={script} />
        <p>
          <Readable script={script} at="p" text="" lng="en" glossary={glossary} />
        </p>
      </I18nextProvider>,
    );
    expect(html).toContain('data-sentence="0"');
    expect(html).toContain('data-sentence="1"');
    expect(html).not.toContain('app-read-aloud');
  });

  it('keep glossary terms working inside sentence spans, and show a Listen button', async () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <ReadAloud script={script} />
        <p>
          <Readable script={script} at="p" text="" lng="en" glossary={glossary} />
        </p>
      </I18nextProvider>,
    );
    expect(screen.getByRole('button', { name: 'Listen' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toBeInTheDocument();
    const term = screen.getByRole('button', { name: 'OASys' });
    expect(term.closest('[data-sentence]')).toHaveAttribute('data-sentence', '0');
    await userEvent.setup().click(term);
    expect(term).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('pickLocalVoice', () => {
  const voice = (lang: string, localService: boolean, name = lang) => ({ lang, localService, name, default: false, voiceURI: name }) as SpeechSynthesisVoice;

  it('prefers a local British voice, never a network one, and knows Welsh', () => {
    const voices = [voice('en-US', true), voice('en-GB', false, 'cloud'), voice('en-GB', true, 'gb'), voice('cy-GB', false)];
    expect(pickLocalVoice(voices, 'en')?.name).toBe('gb');
    expect(pickLocalVoice(voices, 'cy')).toBeUndefined();
    expect(pickLocalVoice([voice('cy_GB', true, 'welsh')], 'cy')?.name).toBe('welsh');
    expect(pickLocalVoice([], 'en')).toBeUndefined();
  });
});

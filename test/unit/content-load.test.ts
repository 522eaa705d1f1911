import { describe, expect, it } from 'vitest';
import { projectPath } from '../project-path.ts';
import { ContentError, type ContentLoader, globLoader, loadGlossary, loadTopic } from '../../src/content/load.ts';
import { fileLoader } from '../../src/content/node-source.ts';
import type { TopicId } from '../../src/content/schema.ts';

const disk = fileLoader(projectPath('locales'));

/** A loader over the real English files, with a Welsh side we control. */
function withWelsh(topics: Partial<Record<TopicId, unknown>>, glossary?: unknown): ContentLoader {
  return {
    topic: (lng, id) => (lng === 'en' ? disk.topic('en', id) : topics[id]),
    glossary: (lng) => (lng === 'en' ? disk.glossary('en') : glossary),
  };
}

describe('loading content with English as the fallback', () => {
  it('loads a translated topic as it is', async () => {
    const loaded = await loadTopic(disk, 'cy', 'oasys');
    expect(loaded).toMatchObject({ requested: 'cy', language: 'cy', fellBack: false, problems: [] });
    expect(loaded.value.id).toBe('oasys');
  });

  it('falls back to English for a missing translation, and says so', async () => {
    const loaded = await loadTopic(withWelsh({}), 'cy', 'mappa');
    expect(loaded).toMatchObject({ requested: 'cy', language: 'en', fellBack: true, reason: 'missing' });
    expect(loaded.value.title).toBe('MAPPA');
    expect(loaded.problems).toEqual(['locales/cy/topics/mappa.json: missing']);
  });

  it('falls back to English for a broken translation, naming the field', async () => {
    const loaded = await loadTopic(withWelsh({ mappa: { id: 'mappa', title: '' } }), 'cy', 'mappa');
    expect(loaded).toMatchObject({ language: 'en', fellBack: true, reason: 'invalid' });
    expect(loaded.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^locales\/cy\/topics\/mappa\.json: title: /)]));
  });

  it('does not fall back for English itself, and fails loudly when English is missing', async () => {
    expect(await loadTopic(disk, 'en', 'rosh')).toMatchObject({ language: 'en', fellBack: false });
    const empty: ContentLoader = { topic: () => undefined, glossary: () => undefined };
    await expect(loadTopic(empty, 'cy', 'rosh')).rejects.toThrow(ContentError);
  });

  it('fills missing glossary entries from English, one by one, and lists them', async () => {
    const english = (await loadGlossary(disk, 'en')).value;
    const welsh = { ...english, oasys: { term: 'OASys', definition: 'Asesiad.' } } as Record<string, unknown>;
    delete welsh.hdc;
    welsh.rotl = { term: '' };
    const loaded = await loadGlossary(withWelsh({}, welsh), 'cy');
    expect(loaded).toMatchObject({ language: 'cy', fellBack: true, fellBackTerms: ['hdc', 'rotl'] });
    expect(loaded.value.oasys?.definition).toBe('Asesiad.');
    expect(loaded.value.hdc).toEqual(english.hdc);
    expect(loaded.problems[0]).toBe('locales/cy/glossary.json: hdc: missing');
    expect(loaded.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^locales\/cy\/glossary\.json: rotl\.term: /)]));
  });

  it('falls back to the whole English glossary when the translation is missing', async () => {
    const loaded = await loadGlossary(withWelsh({}), 'cy');
    expect(loaded).toMatchObject({ language: 'en', fellBack: true, reason: 'missing' });
  });

  it('works over the modules import.meta.glob gives the app', async () => {
    const modules = {
      '../../locales/en/topics/rosh.json': async () => ({ default: await disk.topic('en', 'rosh') }),
      '../../locales/en/glossary.json': async () => ({ default: await disk.glossary('en') }),
    };
    const loader = globLoader(modules);
    expect(await loadTopic(loader, 'cy', 'rosh')).toMatchObject({ language: 'en', fellBack: true, reason: 'missing' });
    expect(await loader.topic('en', 'oasys')).toBeUndefined();
    expect(Object.keys((await loadGlossary(loader, 'en')).value)).toContain('rosh');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FamilyGlossary, FamilyTopic, purposesUsed } from '../../src/content/family-schema.ts';
import { familyTopicIds } from '../../src/content/family-topic-ids.ts';
import { topicTexts } from '../../src/content/fields.ts';
import { loadFamilyGlossary, loadFamilyTopic } from '../../src/content/load.ts';
import { placeholdersIn, termIdsIn, toPlainText } from '../../src/content/markup.ts';
import { familyTopicFiles, fileLoader, localeLanguages } from '../../src/content/node-source.ts';
import { Glossary } from '../../src/content/schema.ts';
import { describeIssues } from '../../src/content/validate.ts';
import { checkHelpContacts } from '../../src/domain/help-contacts.ts';
import { projectPath } from '../project-path.ts';
import { speaksToPrisoner } from '../support/family-words.ts';

/**
 * The family guides (locales/<lng>/family/): valid in every locale, shaped the same, every action
 * leading somewhere, and written to the family member: the person in prison is "your family
 * member", never "you" (../shared/CONTENT.md). Reading level, numbers and glossary marks are
 * checked with the app's guides (content-readability, content-numbers, content-glossary).
 */

const localesDir = projectPath('locales');
const languages = localeLanguages(localesDir);
const readJson = (...parts: string[]): unknown => JSON.parse(readFileSync(projectPath('locales', ...parts), 'utf8')) as unknown;

function parsed(lng: string): Map<string, FamilyTopic> {
  const out = new Map<string, FamilyTopic>();
  for (const { file, data } of familyTopicFiles(localesDir, lng)) {
    const result = FamilyTopic.safeParse(data);
    if (result.success) out.set(file.replace(/^.*\//, '').replace(/\.json$/, ''), result.data);
  }
  return out;
}

describe('family guides validate against the schema', () => {
  it.each(languages)('every family guide in %s is valid, and named after its id', (lng) => {
    const problems: string[] = [];
    for (const { file, data } of familyTopicFiles(localesDir, lng)) {
      const result = FamilyTopic.safeParse(data);
      if (!result.success) problems.push(...describeIssues(`locales/${file}`, result.error));
      else if (`${lng}/family/${result.data.id}.json` !== file) problems.push(`locales/${file}: id: "${result.data.id}" does not match the file name`);
    }
    expect(problems).toEqual([]);
  });

  it('names the file and the field when an action leads nowhere', () => {
    const broken = { id: 'oasys', title: 't', inShort: 'i', description: 'd', sections: [{ heading: 'h', paragraphs: ['p'] }], actions: [{ label: 'Call', leadsTo: { kind: 'contact', purpose: 'parole' } }, { label: 'Ask' }], related: [] };
    const result = FamilyTopic.safeParse(broken);
    const lines = result.success ? [] : describeIssues('locales/en/family/oasys.json', result.error);
    expect(lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/^locales\/en\/family\/oasys\.json: actions\[0\]\.leadsTo\.purpose: /), expect.stringMatching(/^locales\/en\/family\/oasys\.json: actions\[1\]\.leadsTo: /)]),
    );
  });

  it('English has every family guide', () => {
    expect([...parsed('en').keys()].sort()).toEqual([...familyTopicIds].sort());
  });

  it.each(languages.filter((l) => l !== 'en'))('%s has every family guide, shaped as the English one', (lng) => {
    const shape = (topic: FamilyTopic) => ({
      sections: topic.sections.map((s) => ({ paragraphs: s.paragraphs.length, list: s.list?.length ?? 0 })),
      actions: topic.actions.map((a) => ({ leadsTo: a.leadsTo, detail: a.detail !== undefined })),
      related: topic.related,
      terms: [...new Set(topicTexts(topic).flatMap((t) => termIdsIn(t.text)))].sort(),
      placeholders: topicTexts(topic)
        .flatMap((t) => placeholdersIn(t.text).map((p) => `${t.path}: ${p.namespace}.${p.name}`))
        .sort(),
    });
    const translated = parsed(lng);
    for (const [id, topic] of parsed('en')) {
      const other = translated.get(id);
      expect(other, `locales/${lng}/family/${id}.json is missing or invalid`).toBeDefined();
      if (other) expect({ file: `locales/${lng}/family/${id}.json`, ...shape(other) }).toEqual({ file: `locales/${lng}/family/${id}.json`, ...shape(topic) });
    }
  });
});

describe('family guides speak to the family', () => {
  it.each(['en', 'cy'] as const)('in %s, no guide calls the person in prison "you"', (lng) => {
    const glossary = Glossary.parse(readJson(lng, 'glossary.json'));
    const problems: string[] = [];
    for (const [id, topic] of parsed(lng)) {
      for (const { path, text } of topicTexts(topic)) {
        const plain = toPlainText(text, lng, glossary);
        for (const pattern of speaksToPrisoner[lng]) if (pattern.test(plain)) problems.push(`locales/${lng}/family/${id}.json: ${path}: "${plain.match(pattern)?.[0]}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(['en', 'cy'] as const)('in %s, the family pages\' own words (public.json) never call the person in prison "you"', (lng) => {
    const strings = (node: unknown): string[] => (typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(strings) : []);
    const problems = strings(readJson(lng, 'public.json')).flatMap((text) => speaksToPrisoner[lng].filter((p) => p.test(text)).map(() => text));
    expect(problems).toEqual([]);
  });

  it('would catch the words the family pages used to have ("Ask your POM", "manage you")', () => {
    expect(speaksToPrisoner.en.some((p) => p.test('Ask your POM what courses there are'))).toBe(true);
    expect(speaksToPrisoner.en.some((p) => p.test('one or two services manage you'))).toBe(true);
    expect(speaksToPrisoner.en.some((p) => p.test("Ask about your family member's plan"))).toBe(false);
    expect(speaksToPrisoner.cy.some((p) => p.test("Gofynnwch i'ch POM"))).toBe(true);
    expect(speaksToPrisoner.cy.some((p) => p.test("Gofynnwch i'ch aelod o'r teulu"))).toBe(false);
    expect(speaksToPrisoner.cy.some((p) => p.test('Holi eich POM'))).toBe(true);
  });

  it('every action that leads to a help contact has one in the example contacts, so no action is a dead end', () => {
    const used = purposesUsed([...parsed('en').values()]);
    expect(used.length).toBeGreaterThan(0);
    const example: unknown = JSON.parse(readFileSync(projectPath('deploy', 'help-contacts.example.json'), 'utf8'));
    expect(checkHelpContacts(example, '2026-12-01', used).problems).toEqual([]);
  });
});

describe('the family glossary', () => {
  const addressesPrisoner = {
    en: /\byou(r|rs|rself)?\b/i,
    cy: /\b(chi|ichi|chithau|rydych|ydych|byddwch|fyddwch|gallwch)\b|'ch\b|\beich\b/i,
  } as const;
  const allowed = { en: /\byour family member('s)?\b/gi, cy: /\beich aelod o'r teulu\b/gi } as const;

  it.each(languages)('%s: the family meanings are valid and each is for an entry of the glossary', (lng) => {
    const data = readJson(lng, 'family', 'glossary.json');
    const result = FamilyGlossary.safeParse(data);
    expect(result.success ? [] : describeIssues(`locales/${lng}/family/glossary.json`, result.error)).toEqual([]);
    const glossary = Glossary.parse(readJson(lng, 'glossary.json'));
    expect(Object.keys(result.data ?? {}).filter((id) => !glossary[id])).toEqual([]);
    expect(Object.keys(result.data ?? {}).sort()).toEqual(Object.keys(FamilyGlossary.parse(readJson('en', 'family', 'glossary.json'))).sort());
  });

  it.each(['en', 'cy'] as const)('in %s, every meaning on the family pages speaks to the family, not to the person in prison', async (lng) => {
    const family = await loadFamilyGlossary(fileLoader(localesDir), lng);
    expect(family.fellBackTerms).toEqual([]);
    const problems = Object.entries(family.value)
      .filter(([, entry]) => addressesPrisoner[lng].test(entry.definition.replace(allowed[lng], '')))
      .map(([id, entry]) => `${id}: "${entry.definition}" (write a meaning for families in locales/${lng}/family/glossary.json)`);
    expect(problems).toEqual([]);
  });

  it('loads a family guide in Welsh, with English where a translation is missing', async () => {
    const loader = fileLoader(localesDir);
    expect((await loadFamilyTopic(loader, 'cy', 'oasys')).fellBack).toBe(false);
    const missing = await loadFamilyTopic({ ...loader, familyTopic: (l, id) => (l === 'en' ? loader.familyTopic(l, id) : undefined) }, 'cy', 'oasys');
    expect(missing).toMatchObject({ fellBack: true, language: 'en', reason: 'missing', problems: ['locales/cy/family/oasys.json: missing'] });
  });

  it('takes the English family meaning, as a whole entry, where the Welsh one is missing, and says so', async () => {
    const loader = fileLoader(localesDir);
    const welsh = { ...(readJson('cy', 'family', 'glossary.json') as Record<string, unknown>) };
    delete welsh.pom;
    const loaded = await loadFamilyGlossary({ ...loader, familyGlossary: (l) => (l === 'cy' ? welsh : loader.familyGlossary(l)) }, 'cy');
    expect(loaded.fellBackTerms).toEqual(['pom']);
    expect(loaded.value.pom?.definition).toMatch(/^The member of staff who manages your family member's sentence/);
    expect(loaded.problems).toEqual(['locales/cy/family/glossary.json: pom: missing']);
  });
});
